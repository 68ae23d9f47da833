/**
 * A fresh replication check, `utils dbreplication status` (guide L2045-2066, L10555-10618; serviceability-
 * reference.md D.3: runtimestate "reports back the state of dbreplication AS PER THE LAST STATUS CHECK … To run a
 * fresh status check of dbreplication, issue the command utils dbreplication status"). Three answers are read:
 *  1. `utils dbreplication status`: "Output is in file cm/trace/dbl/sdi/ReplicationStatus.<stamp>.out" (the
 *     simulator's adminCli/commands/utilsDbreplication.ts, after Cisco's documented example);
 *  2. that file (`file view activelog <file>`): the replication cluster summary (`SERVER ID STATE STATUS QUEUE
 *     CONNECTION CHANGED`), a server not Active or not Local/Connected is an error; then, where a node prints them,
 *     per-table check results (`Node Rows Extra Missing Mismatch Processed` rows with a non-zero Extra, Missing or
 *     Mismatch, `… not in sync` / `Mismatch` lines) become mismatches, `ERROR` lines errors;
 *  3. the `Cluster Replication State` header of `utils dbreplication runtimestate`: "Replication status command
 *     COMPLETED. Checked 612 tables out of 612" and "No Errors or Mismatches found." / "Errors or Mismatches Were
 *     Found!!!" (D.3 [T]).
 */
import { parseDbReplicationRuntimeState, type DbReplicationRuntimeState } from './dbReplication.js';
import { parseError, parsed, precheck, refusal, type ParseResult } from './reportText.js';

export interface DbReplicationStatusRun {
  readonly completed: boolean;
  readonly tablesChecked?: number;
  readonly tablesTotal?: number;
  readonly mismatches: readonly string[];
  readonly errors: readonly string[];
}

/** Where `utils dbreplication status` wrote its output (relative to the active log root). */
export function parseDbReplicationStatusStart(text: string, node = ''): ParseResult<string> {
  const pre = precheck(text, node, 'utils dbreplication status', /^(?:Cisco DB is not running|Runtime state cannot be performed)/i);
  if (!pre.ok) return pre;
  for (const l of pre.value) {
    const m = /(?:Output is in file|final output will be in file)\s+(\S+\.out)\b/i.exec(l);
    if (m) return parsed(m[1]!.replace(/^\/+/, ''));
  }
  return parseError(node, 'utils dbreplication status (no "Output is in file" line)', pre.value.find((l) => l.trim() !== ''));
}

/** What the ReplicationStatus file says. */
export interface DbReplicationStatusFile {
  readonly servers: readonly { readonly replicate: string; readonly id: number; readonly state: string; readonly status: string; readonly queue: number }[];
  /** The file's last DEBUG block is closed (`main()  DEBUG:  <--`): the check ran to its end. */
  readonly finished: boolean;
  readonly mismatches: readonly string[];
  readonly errors: readonly string[];
}

const SUMMARY_HEADER = /^SERVER\s+ID\s+STATE\s+STATUS\s+QUEUE\b/i;
const SERVER_ROW = /^(g_\S+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(\d+)\b/;
const CHECK_HEADER = /^Node\s+Rows\s+Extra\s+Missing\s+Mismatch\b/i;
const CHECK_ROW = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\b/;

/** Parses the ReplicationStatus.<stamp>.out file. */
export function parseDbReplicationStatusFile(text: string, node = ''): ParseResult<DbReplicationStatusFile> {
  const pre = precheck(text, node, 'the replication status file', /^(?:File not found|No such file|.* is not a single file)/i);
  if (!pre.ok) return pre;
  const lines = pre.value.map((l) => l.trim()).filter((l) => l !== '');
  const servers: DbReplicationStatusFile['servers'][number][] = [];
  const mismatches: string[] = [];
  const errors: string[] = [];
  let sawSummary = false;
  let inSummary = false;
  let inCheck = false;
  let table = '';
  let opens = 0;
  let closes = 0;
  for (const line of lines) {
    if (/\bDEBUG:\s*-->\s*$/.test(line)) opens++;
    if (/\bDEBUG:\s*<--\s*$/.test(line)) closes++;
    if (SUMMARY_HEADER.test(line)) {
      sawSummary = true;
      inSummary = true;
      inCheck = false;
      continue;
    }
    if (CHECK_HEADER.test(line)) {
      inCheck = true;
      inSummary = false;
      continue;
    }
    if (/^-{5,}$/.test(line) || /^[- ]{10,}$/.test(line)) continue;
    const tableName = /^(?:table|Processing table|Checking table)[:\s]+(\S+)/i.exec(line);
    if (tableName) {
      table = tableName[1]!.replace(/\.\.\.$/, '');
      inCheck = false;
      continue;
    }
    if (inSummary) {
      const s = SERVER_ROW.exec(line);
      if (s) {
        const row = { replicate: s[1]!, id: Number(s[2]), state: s[3]!, status: s[4]!, queue: Number(s[5]) };
        servers.push(row);
        if (!/^Active$/i.test(row.state) || !/^(?:Local|Connected)$/i.test(row.status)) errors.push(`${row.replicate}: ${row.state} ${row.status}, queue ${row.queue}`);
        continue;
      }
      inSummary = false;
    }
    if (inCheck) {
      const c = CHECK_ROW.exec(line);
      if (c) {
        const [extra, missing, mismatch] = [Number(c[3]), Number(c[4]), Number(c[5])];
        if (extra + missing + mismatch > 0) mismatches.push(`${table || 'table'}: ${c[1]} extra ${extra}, missing ${missing}, mismatch ${mismatch}`);
        continue;
      }
      inCheck = false;
    }
    if (/\bnot in sync\b|\bmismatch(?:ed)?\b/i.test(line) && !/\bNo (?:Errors or )?Mismatch/i.test(line)) mismatches.push(table && !line.includes(table) ? `${table}: ${line}` : line);
    else if (/(?:^|\s)ERROR\b|\bError:/.test(line)) errors.push(line);
  }
  if (!sawSummary) return parseError(node, 'the replication status file (no "Replication cluster summary" table)', lines[0]);
  if (servers.length === 0) return parseError(node, 'the replication status file (no server rows)');
  return parsed({ servers, finished: opens > 0 && closes >= opens, mismatches, errors });
}

/** The runtimestate header: whether the last check COMPLETED, its tables, and its verdict. */
export interface DbReplicationCheckSummary {
  readonly completed: boolean;
  readonly tablesChecked?: number;
  readonly tablesTotal?: number;
  /** "Errors or Mismatches Were Found!!!" (true), "No Errors or Mismatches found." (false), neither printed (undefined). */
  readonly problemsFound?: boolean;
  readonly verdict?: string;
}

/** Reads the `Cluster Replication State` lines of `utils dbreplication runtimestate` (D.3). */
export function parseReplicationCheckSummary(text: string, node = ''): ParseResult<DbReplicationCheckSummary> {
  const pre = precheck(text, node, 'utils dbreplication runtimestate', /^(?:Cisco DB is not running|Runtime state cannot be performed)/i);
  if (!pre.ok) return pre;
  const lines = pre.value.map((l) => l.trim());
  const state = lines.findIndex((l) => /^Cluster Replication State:/i.test(l));
  if (state < 0) return parseError(node, 'utils dbreplication runtimestate (no "Cluster Replication State")', lines.find((l) => l !== ''));
  let completed = false;
  let tablesChecked: number | undefined;
  let tablesTotal: number | undefined;
  let problemsFound: boolean | undefined;
  let verdict: string | undefined;
  for (const l of lines.slice(state, state + 8)) {
    if (/\bCOMPLETED\b/.test(l)) completed = true;
    const t = /Checked\s+(\d+)\s+tables?\s+out\s+of\s+(\d+)/i.exec(l);
    if (t) {
      tablesChecked = Number(t[1]);
      tablesTotal = Number(t[2]);
    }
    if (/^No Errors or Mismatches found/i.test(l)) {
      problemsFound = false;
      verdict = l;
    } else if (/^Errors or Mismatches Were Found/i.test(l)) {
      problemsFound = true;
      verdict = l;
    }
    if (/^DB Version:/i.test(l)) break;
  }
  return parsed({ completed, ...(tablesChecked !== undefined ? { tablesChecked, tablesTotal } : {}), ...(problemsFound !== undefined ? { problemsFound, verdict } : {}) });
}

/** The run's result from the file and the runtimestate header (either may be missing when its command failed). */
export function combineReplicationStatus(file: DbReplicationStatusFile, summary: DbReplicationCheckSummary | undefined): DbReplicationStatusRun {
  const errors = [...file.errors];
  // The node says it found problems the file's lines do not show: keep its verdict, never report a clean run.
  if (summary?.problemsFound && file.mismatches.length === 0 && errors.length === 0) errors.push(summary.verdict ?? 'Errors or Mismatches Were Found');
  return {
    completed: summary ? summary.completed : file.finished,
    ...(summary?.tablesChecked !== undefined ? { tablesChecked: summary.tablesChecked } : {}),
    ...(summary?.tablesTotal !== undefined ? { tablesTotal: summary.tablesTotal } : {}),
    mismatches: file.mismatches,
    errors,
  };
}

/**
 * `utils dbreplication runtimestate` read by the existing parser (parsers/dbReplication.ts), its abort lines (D.3
 * [T]: "Cisco DB is not running", "Runtime state cannot be performed …") as POLL_PROTOCOL, no server row POLL_PARSE.
 */
export function parseRuntimeStateChecked(text: string, node = ''): ParseResult<DbReplicationRuntimeState> {
  const pre = precheck(text, node, 'utils dbreplication runtimestate');
  if (!pre.ok) return pre;
  const r = parseDbReplicationRuntimeState(text);
  if (r.error !== undefined) return refusal(node, 'utils dbreplication runtimestate', r.error);
  if (r.servers.length === 0) return parseError(node, 'utils dbreplication runtimestate (no server rows)', pre.value.find((l) => l.trim() !== ''));
  return parsed(r);
}
