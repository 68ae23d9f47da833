/**
 * The admin CLI commands the reports read (issue 14; reports-design.md "Monitor-side protocol (HP)"): `run sql`,
 * `run pe sql ttlogin` (reference D.4), `show cert list|own|trust` (guide Ch11 L4284-4858), `utils users validate
 * all` (guide L8474-8535), `utils ntp status` and `utils diagnose module` (reference D.9), `utils dbreplication
 * status|runtimestate` (reference D.3, guide L2045-2066) and `utils service list` (reference D.2). Each function
 * takes a {@link CliRun} (one node's admin CLI, e.g. a ReportClusterAccess's `cli` bound to a node) and never
 * rejects: a transport failure is the run's PollError, a node's refusal (error text instead of the answer)
 * POLL_PROTOCOL with the node's words, text that cannot be read POLL_PARSE. Parsers live in parsers/.
 */
import { PollError } from '../pollError.js';
import { parseCertDetail, parseCertList, type CertDetail, type CertListEntry } from './parsers/certOutput.js';
import type { DbReplicationRuntimeState } from './parsers/dbReplication.js';
import {
  combineReplicationStatus,
  parseDbReplicationStatusFile,
  parseDbReplicationStatusStart,
  parseReplicationCheckSummary,
  parseRuntimeStateChecked,
  type DbReplicationStatusRun,
} from './parsers/dbReplicationStatus.js';
import { parseDiagnoseModule, type DiagnoseModule } from './parsers/diagnose.js';
import { parseNtpStatus, type NtpStatus } from './parsers/ntpStatus.js';
import { parseError, precheck, type ParseResult } from './parsers/reportText.js';
import { parseServiceList, type CliServiceStatus } from './parsers/serviceList.js';
import { parseSqlTable, type SqlTable } from './parsers/sqlTable.js';
import { parseUsersValidate, type UsersValidation } from './parsers/usersValidate.js';
import type { CliCommandResult } from './sshCliSession.js';

export type { CertDetail, CertListEntry } from './parsers/certOutput.js';
export type { DbReplicationRuntimeState } from './parsers/dbReplication.js';
export type { DbReplicationStatusRun } from './parsers/dbReplicationStatus.js';
export type { DiagnoseModule } from './parsers/diagnose.js';
export type { NtpStatus } from './parsers/ntpStatus.js';
export type { CliServiceStatus } from './parsers/serviceList.js';
export type { SqlTable } from './parsers/sqlTable.js';
export type { UsersValidation } from './parsers/usersValidate.js';

/** One node's admin CLI: runs one command (the access's `cli` bound to a node). Never rejects. */
export type CliRun = (command: string, timeoutMs?: number) => Promise<CliCommandResult>;

/**
 * The same shape as reports/reportAccess.ts ReportResult (polling may not import reports; the two are one type
 * structurally).
 */
export type ReportResult<T> = ParseResult<T>;

/**
 * A CliRun that names its node: PollErrors of parses and refusals then carry the node (`target`). Optional: a plain
 * function works, its errors' target is then empty.
 */
export function namedCliRun(node: string, run: CliRun): CliRun & { readonly node: string } {
  return Object.assign((command: string, timeoutMs?: number) => run(command, timeoutMs), { node });
}

function nodeOf(run: CliRun): string {
  const node = (run as { node?: unknown }).node;
  return typeof node === 'string' ? node : '';
}

/** `run sql` answers for 15,000 users take a while on a busy node (ours). */
const SQL_TIMEOUT_MS = 120_000;
/** `utils diagnose` waits on LDAP/peer connections (ours). */
const DIAGNOSE_TIMEOUT_MS = 120_000;

/** Runs a command; a transport failure or a thrown run becomes the result. */
async function runCommand(run: CliRun, command: string, timeoutMs?: number): Promise<ReportResult<string>> {
  try {
    const r = await run(command, timeoutMs);
    return r.ok ? { ok: true, value: r.output } : r;
  } catch (err) {
    return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', nodeOf(run), `${command.split(' ').slice(0, 3).join(' ')}: ${err instanceof Error ? err.message : String(err)}`, { cause: err }) };
  }
}

async function runParsed<T>(run: CliRun, command: string, parse: (text: string, node: string) => ReportResult<T>, timeoutMs?: number): Promise<ReportResult<T>> {
  const r = await runCommand(run, command, timeoutMs);
  return r.ok ? parse(r.value, nodeOf(run)) : r;
}

function invalidArgument(run: CliRun, what: string, message: string): ReportResult<never> {
  return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', nodeOf(run), `refused to send ${what}: ${message}`) };
}

/** Line breaks, tabs and other control characters: typed into the interactive CLI they would run a second command. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A SQL string literal: `it's` → `'it''s'` (reports-design.md: quotes `''` escape a quote). Throws RangeError on a
 * control character (a line break would end the command at the CLI and run the rest as another).
 */
export function sqlLiteral(value: string): string {
  if (CONTROL.test(value)) throw new RangeError(`a SQL literal may not hold a line break or control character: ${JSON.stringify(value.slice(0, 40))}`);
  return `'${value.replace(/'/g, "''")}'`;
}

function sqlStatement(run: CliRun, statement: string): string | ReportResult<never> {
  const s = statement.trim();
  if (s === '') return invalidArgument(run, 'run sql', 'the statement is empty');
  if (CONTROL.test(s)) return invalidArgument(run, 'run sql', 'the statement holds a line break or control character');
  return s;
}

/** `run sql <statement>` (the IM&P or CUCM database). */
export async function runSql(run: CliRun, statement: string, timeoutMs = SQL_TIMEOUT_MS): Promise<ReportResult<SqlTable>> {
  const s = sqlStatement(run, statement);
  if (typeof s !== 'string') return s;
  return runParsed(run, `run sql ${s}`, (t, n) => parseSqlTable(t, n, 'run sql'), timeoutMs);
}

/** `run pe sql ttlogin <statement>`: the Presence Engine's own database on one IM&P node (reference D.4). */
export async function runPeSql(run: CliRun, statement: string, timeoutMs = SQL_TIMEOUT_MS): Promise<ReportResult<SqlTable>> {
  const s = sqlStatement(run, statement);
  if (typeof s !== 'string') return s;
  return runParsed(run, `run pe sql ttlogin ${s}`, (t, n) => parseSqlTable(t, n, 'run pe sql'), timeoutMs);
}

/** `show cert list own|trust`. */
export function certificateList(run: CliRun, type: 'own' | 'trust'): Promise<ReportResult<CertListEntry[]>> {
  return runParsed(run, `show cert list ${type === 'trust' ? 'trust' : 'own'}`, parseCertList);
}

/** `show cert own|trust <unit>/<file>` (`own` also takes just the unit). */
export async function certificateDetail(run: CliRun, type: 'own' | 'trust', unitAndFile: string): Promise<ReportResult<CertDetail>> {
  const arg = unitAndFile.trim();
  if (!/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.@-]+)?$/.test(arg)) return invalidArgument(run, 'show cert', `${JSON.stringify(unitAndFile.slice(0, 80))} is not <unit>/<file>`);
  return runParsed(run, `show cert ${type === 'trust' ? 'trust' : 'own'} ${arg}`, parseCertDetail);
}

/** `utils users validate all`. */
export function usersValidate(run: CliRun): Promise<ReportResult<UsersValidation>> {
  return runParsed(run, 'utils users validate all', (t, n) => parseUsersValidate(t, n, 'all'));
}

/** `utils ntp status`. */
export function ntpStatus(run: CliRun): Promise<ReportResult<NtpStatus>> {
  return runParsed(run, 'utils ntp status', parseNtpStatus);
}

/**
 * A fresh replication check: `utils dbreplication status`, its output file (`file view activelog …`), then the
 * verdict in `utils dbreplication runtimestate` (parsers/dbReplicationStatus.ts). When only the last command fails
 * the file alone answers (tables unknown).
 */
export async function dbReplicationStatus(run: CliRun): Promise<ReportResult<DbReplicationStatusRun>> {
  const file = await runParsed(run, 'utils dbreplication status', parseDbReplicationStatusStart, DIAGNOSE_TIMEOUT_MS);
  if (!file.ok) return file;
  const content = await runParsed(run, `file view activelog ${file.value}`, parseDbReplicationStatusFile);
  if (!content.ok) return content;
  const summary = await runParsed(run, 'utils dbreplication runtimestate', parseReplicationCheckSummary);
  if (!summary.ok && summary.error.code !== 'POLL_PARSE' && summary.error.code !== 'POLL_PROTOCOL') return summary;
  return { ok: true, value: combineReplicationStatus(content.value, summary.ok ? summary.value : undefined) };
}

/** `utils dbreplication runtimestate` (the existing parser; its abort lines are POLL_PROTOCOL). */
export function dbReplicationRuntimeState(run: CliRun): Promise<ReportResult<DbReplicationRuntimeState>> {
  return runParsed(run, 'utils dbreplication runtimestate', parseRuntimeStateChecked);
}

/** `utils diagnose module <module>`. */
export async function diagnoseModule(run: CliRun, module: string): Promise<ReportResult<DiagnoseModule>> {
  if (!/^[A-Za-z0-9_]+$/.test(module)) return invalidArgument(run, 'utils diagnose module', `${JSON.stringify(module.slice(0, 80))} is not a module name`);
  return runParsed(run, `utils diagnose module ${module}`, (t, n) => parseDiagnoseModule(t, module, n), DIAGNOSE_TIMEOUT_MS);
}

/** `utils service list` (the existing parser, parsers/serviceList.ts; an answer without any service line is POLL_PARSE). */
export function parseServiceListChecked(text: string, node = ''): ReportResult<CliServiceStatus[]> {
  const pre = precheck(text, node, 'utils service list');
  if (!pre.ok) return pre;
  const list = parseServiceList(pre.value.join('\n'));
  if (list.length === 0) return parseError(node, 'utils service list (no service lines)', pre.value.find((l) => l.trim() !== ''));
  return { ok: true, value: list };
}

/** `utils service list`. */
export function serviceList(run: CliRun): Promise<ReportResult<CliServiceStatus[]>> {
  return runParsed(run, 'utils service list', parseServiceListChecked);
}
