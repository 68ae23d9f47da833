/**
 * `imp audit …` (issue 16 "`npm run imp -- audit list [--since …]` (with the command line's formats) and `npm run
 * imp -- audit verify` (exit 1 when the chain is broken, naming the first bad entry)"): the data folder's audit log —
 * the server's by default, beside a running server too (history.db in WAL: readers never wait for its writer).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { AuditEntry, AuditFilter, AuditVerification } from '../../../../shared/model/audit.js';
import { auditCsvHeader, auditCsvLine } from '../../audit/auditCsv.js';
import { auditHeadPath, parseHeadArg, readHeadFile, type AuditHead } from '../../audit/auditHead.js';
import { openAuditLog, type OpenedAuditLog } from '../../audit/auditKey.js';
import { integerArg } from '../../base/commandLine.js';
import { AppError } from '../../base/errors.js';
import { formatOf, type Column } from '../conventions/outputFormat.js';
import { defineVerb, type AreaDefinition, type VerbContext } from '../conventions/verb.js';
import { sinceMs, timeArg, type TimeArg } from './alarmsOptions.js';
import { isoSeconds } from './drsOptions.js';

function addDataDir(cmd: Command): void {
  cmd.addOption(new Option('--data-dir <DIR>', "the server's (or app's) state folder whose history.db holds the audit log (default: $IMP_MONITOR_STATE_DIR or ~/.imp-monitor, as npm run server)"));
}

/** The data folder's audit log; undefined when the folder has no history.db (nothing is created by reading). */
async function openFolder(ctx: VerbContext<unknown>): Promise<OpenedAuditLog | undefined> {
  const dir = ctx.where.dataDir;
  if (!existsSync(join(dir, 'history.db'))) return undefined;
  return openAuditLog({ stateDir: dir });
}

function noLog(dir: string): string {
  return `no audit log in ${dir}: it has no history.db (no server, app or imp operators has run on this data folder; give --data-dir)`;
}

const entryColumns: Column<AuditEntry>[] = [
  { header: 'SEQ', value: (e) => e.seq },
  { header: 'TIME', value: (e) => isoSeconds(e.atMs) },
  { header: 'OPERATOR', value: (e) => e.operator },
  { header: 'ROLE', value: (e) => e.role },
  { header: 'SOURCE', value: (e) => e.source },
  { header: 'ADDRESS', value: (e) => e.address },
  { header: 'ACTION', value: (e) => e.action },
  { header: 'TARGET', value: (e) => e.target },
  { header: 'RESULT', value: (e) => e.result },
  { header: 'CODE', value: (e) => e.errorCode },
  { header: 'MESSAGE', value: (e) => e.message?.split('\n')[0] },
];

interface ListOptions {
  since?: TimeArg;
  until?: TimeArg;
  operator?: string;
  action?: string;
  result?: 'ok' | 'failed' | 'refused';
  text?: string;
  before?: number;
  limit: number;
  format?: string;
  json?: boolean;
}

function actionArg(value: string): string {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(value)) throw new InvalidArgumentError(`needs an action (alerts.acknowledge) or a prefix ending with "." (alerts.), got ${value === '' ? 'nothing' : value}`);
  return value;
}

const list = defineVerb<ListOptions, AuditEntry>({
  name: 'list',
  summary: 'the audit log, newest first: who did what, when, from where, on which target, with which result',
  output: true,
  help: `--format json prints the entries as the log keeps them: [{seq, atMs, operator, role (viewer|operator|admin|none),
source (desktop|web|server|cli|system), address?, action, target?, params, result (ok|failed|refused), errorCode?,
message?}] (atMs in epoch ms; the table shows the time as ISO 8601 UTC). --format csv prints the CSV the app's
Export CSV writes (RFC 4180, header row: seq,time,operator,role,source,address,action,target,result,errorCode,message,params).
Read from the data folder's history.db, beside a running server too; nothing is written.
Exit codes: 0 listed (a folder without a log lists nothing, a line on stderr says so); 1 the log cannot be read; 2 bad usage.`,
  options: (c) => {
    c.addOption(new Option('--since <TIME>', 'entries at or after: a duration back (24h, 7d) or an ISO 8601 time').argParser(timeArg));
    c.addOption(new Option('--until <TIME>', 'entries at or before: a duration back (1h) or an ISO 8601 time').argParser(timeArg));
    c.option('--operator <NAME>', 'only this operator');
    c.addOption(new Option('--action <ACTION>', 'only this action (alerts.acknowledge), or every action under a prefix ending with "." (session.)').argParser(actionArg));
    c.addOption(new Option('--result <RESULT>', 'only this result').choices(['ok', 'failed', 'refused']));
    c.option('--text <TEXT>', 'only entries whose target or message contains this text (any case)');
    c.addOption(new Option('--before <SEQ>', 'only entries before this seq (paging back)').argParser(integerArg(1, Number.MAX_SAFE_INTEGER)));
    c.addOption(new Option('--limit <N>', 'at most N entries').argParser(integerArg(1, 1_000_000)).default(500));
    addDataDir(c);
  },
  run: async (ctx) => {
    const o = ctx.options;
    const now = Date.now();
    const filter: AuditFilter = {
      ...(o.since ? { sinceMs: sinceMs(o.since, now) } : {}),
      ...(o.until ? { untilMs: sinceMs(o.until, now) } : {}),
      ...(o.operator !== undefined ? { operator: o.operator } : {}),
      ...(o.action !== undefined ? { action: o.action } : {}),
      ...(o.result !== undefined ? { result: o.result } : {}),
      ...(o.text !== undefined && o.text !== '' ? { text: o.text } : {}),
      ...(o.before !== undefined ? { beforeSeq: o.before } : {}),
      limit: o.limit,
    };
    if (filter.sinceMs !== undefined && filter.untilMs !== undefined && filter.sinceMs > filter.untilMs) return ctx.usageError('--since is after --until');
    const opened = await openFolder(ctx);
    if (!opened) {
      ctx.log(noLog(ctx.where.dataDir));
      if (formatOf(o) === 'csv') {
        ctx.io.stdout.write(auditCsvHeader());
        return { rows: [], columns: entryColumns, written: true };
      }
      return { rows: [], columns: entryColumns };
    }
    try {
      if (formatOf(o) === 'csv') {
        // The app's Export CSV, line by line (a long log is not held in memory twice).
        ctx.io.stdout.write(auditCsvHeader());
        await opened.log.forEach(filter, (e) => void ctx.io.stdout.write(auditCsvLine(e)));
        return { rows: [], columns: entryColumns, written: true };
      }
      const rows: AuditEntry[] = [];
      await opened.log.forEach(filter, (e) => void rows.push(e));
      return { rows, columns: entryColumns };
    } finally {
      await opened.dispose();
    }
  },
});

interface VerifyRow extends AuditVerification {
  readonly headFrom?: string;
}

const verifyColumns: Column<VerifyRow>[] = [
  { header: 'OK', value: (v) => v.ok },
  { header: 'ENTRIES', value: (v) => v.entries },
  { header: 'LAST SEQ', value: (v) => v.lastSeq },
  { header: 'RECORDED HEAD', value: (v) => v.recordedHeadSeq },
  { header: 'FIRST BAD', value: (v) => v.firstBad?.seq },
  { header: 'REASON', value: (v) => v.firstBad?.reason },
];

function headArg(value: string): AuditHead {
  const h = parseHeadArg(value);
  if (typeof h === 'string') throw new InvalidArgumentError(h);
  return h;
}

/** The sentence of a verification. */
export function verificationLine(v: AuditVerification, headFrom: string | undefined): string {
  if (!v.ok && v.firstBad) return `audit chain broken at entry ${v.firstBad.seq}: ${v.firstBad.reason}`;
  const recorded = v.recordedHeadSeq !== undefined ? ` (recorded head seq ${v.recordedHeadSeq}${headFrom ? ` from ${headFrom}` : ''})` : ' (no recorded head to compare with)';
  return `${v.entries} entries verified; head seq ${v.lastSeq}${recorded}`;
}

const verify = defineVerb<{ head?: AuditHead; format?: string; json?: boolean }, VerifyRow>({
  name: 'verify',
  summary: 'check the audit chain: every entry against its HMAC and the one before it, and the end against the recorded head',
  output: true,
  help: `Each entry's HMAC (key in the data folder's encrypted credential store) is recomputed over its contents and the
previous entry's HMAC: an edited row, a removed one (a gap) or rows added without the key break the chain there;
the table ending before the recorded head (audit/head.json, which the server rewrites after each append, or
--head as its log printed "[audit] head seq=N mac=…") means entries were removed from the end.
Prints "N entries verified; head seq N" (exit 0), or "audit chain broken at entry N: <reason>" (on stderr too, exit 1).
--format json prints {ok, entries, lastSeq, recordedHeadSeq?, firstBad?: {seq, reason}, checkedAtMs}.
Exit codes: 0 the chain holds; 1 broken (the first bad entry named), or the log cannot be read; 2 bad usage.`,
  options: (c) => {
    c.addOption(new Option('--head <SEQ:MAC>', 'the head to check the end against, as the server\'s log printed it (default: the data folder\'s audit/head.json)').argParser(headArg));
    addDataDir(c);
  },
  run: async (ctx) => {
    const headFile = auditHeadPath(ctx.where.dataDir);
    const given = ctx.options.head;
    const recorded = given ?? (await readHeadFile(headFile));
    const headFrom = given ? '--head' : recorded ? headFile : undefined;
    const opened = await openFolder(ctx);
    if (!opened) {
      if (recorded && recorded.seq > 0) throw new AppError('PRECONDITION', `audit chain broken at entry 1: ${ctx.where.dataDir} has no history.db but the recorded head is entry ${recorded.seq}`);
      throw new AppError('NOT_FOUND', noLog(ctx.where.dataDir));
    }
    let v: AuditVerification;
    try {
      v = await opened.log.verify(recorded ? { recordedHead: recorded } : {});
    } finally {
      await opened.dispose();
    }
    const line = verificationLine(v, headFrom);
    const row: VerifyRow = { ...v, ...(headFrom ? { headFrom } : {}) };
    const format = formatOf(ctx.options);
    if (format === 'table') {
      ctx.io.stdout.write(`${line}\n`);
      return { rows: [], columns: verifyColumns, written: true, ...(v.ok ? {} : { failure: line }) };
    }
    return { rows: [row], columns: verifyColumns, ...(v.ok ? {} : { failure: line }) };
  },
});

/** `imp audit list|verify`. */
export const auditArea: AreaDefinition = {
  name: 'audit',
  summary: "the audit log of the data folder (the server's): list entries, verify the HMAC chain",
  verbs: [list, verify],
};
