/**
 * Admin CLI log commands over an SshCliSession (reference D.6, guide L9627-9634 and Tables 45-46): `file list
 * activelog <dir> detail`, `file search activelog`, `file build log`, `file get activelog` (answering its SFTP
 * prompts), `utils core active list`. Paths are relative to the active log root, absolute in form ('/epas/trace');
 * the CLI takes them without the leading slash. First written by H4b to the design's interface; parsers in
 * parsers/activelogOutput.ts.
 */
import type { RemoteLogEntry } from '../../../../shared/model/traces.js';
import { PollError } from '../pollError.js';
import type { SoapResult } from '../soap/perfmonClient.js';
import { cliFailure, parseBuildLog, parseCoreActiveList, parseFileGet, parseFileListDetail, parseFileSearch, type ActivelogSearchHit, type CoreFileRow } from './parsers/activelogOutput.js';
import type { CliAnswer, CliCommandResult, SshCliSession } from './sshCliSession.js';

/** What these wrappers need of a CLI session (SshCliSession, or the per-node queue of TraceNodeClients). */
export type LogCliSession = Pick<SshCliSession, 'run' | 'target'>;

/** `file build log` and `file get` take long on a busy node: their own command timeout (ours). */
const LONG_COMMAND_MS = 10 * 60_000;

/**
 * A word for the CLI: as is when it is one plain word, else double-quoted with inner quotes escaped (the UC OS
 * CLI tokenizes quoted words, as `show perf query counter "Cisco XCP CM" …` in reference D.4 shows).
 */
export function quoteCliArg(value: string): string {
  // Only a quote is escaped inside quotes (commandLine.ts): a regex's backslashes pass through as they are.
  return value === '' || /[\s"']/.test(value) ? `"${value.replace(/"/g, '\\"')}"` : value;
}
const arg = quoteCliArg;

/** An activelog file spec as the CLI takes it: relative, without the leading slash ("epas/trace/xcp/log"). */
function spec(path: string): string {
  const p = path.trim().replace(/^\/+/, '');
  return p === '' ? '/' : p;
}

function invalid(session: LogCliSession, message: string): PollError {
  return new PollError('POLL_PROTOCOL', 'ssh', session.target.node, message);
}

/**
 * Whether a command line would reach the interactive shell as more than one line: a path or expression holding a
 * line break (a file name a node listed, a pasted search text) would otherwise run its second line as a command.
 */
export function hasCliControlChars(command: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(command);
}

/** Runs a command and turns the CLI's own failure text into a PollError (POLL_PROTOCOL, with the node's reason). */
async function runChecked(session: LogCliSession, command: string, shown: string, timeoutMs?: number, answers?: readonly CliAnswer[]): Promise<SoapResult<string>> {
  if (hasCliControlChars(command)) return { ok: false, error: invalid(session, `refused to send ${JSON.stringify(command)} to ${session.target.node}: a path or expression holds a line break or control character`) };
  const r: CliCommandResult = await session.run(command, timeoutMs, answers);
  if (!r.ok) return r;
  const failure = cliFailure(r.output);
  if (failure) return { ok: false, error: invalid(session, `${session.target.node}: ${shown}: ${failure}`) };
  return { ok: true, value: r.output };
}

/** `file list activelog <dir> detail`: the entries of a directory of the active log tree. */
export async function listActivelog(session: LogCliSession, dir: string): Promise<SoapResult<RemoteLogEntry[]>> {
  const command = `file list activelog ${arg(spec(dir))} detail`;
  const out = await runChecked(session, command, command);
  if (!out.ok) return out;
  const entries = parseFileListDetail(out.value, dir);
  if (!entries) return { ok: false, error: new PollError('POLL_PARSE', 'ssh', session.target.node, `cannot read the answer of ${command} from ${session.target.node}`) };
  return { ok: true, value: entries };
}

/** `file search activelog <spec> <regex> [ignorecase] [recurs]`: matching lines with their files. */
export async function searchActivelog(session: LogCliSession, fileSpec: string, regex: string, opts: { ignoreCase?: boolean; recurse?: boolean } = {}): Promise<SoapResult<ActivelogSearchHit[]>> {
  if (regex.length === 0) return { ok: false, error: invalid(session, 'the search expression is empty') };
  const command = `file search activelog ${arg(spec(fileSpec))} ${arg(regex)}${opts.ignoreCase ? ' ignorecase' : ''}${opts.recurse ? ' recurs' : ''}`;
  const out = await runChecked(session, command, command, LONG_COMMAND_MS);
  if (!out.ok) return out;
  const hits = parseFileSearch(out.value);
  if (!hits) return { ok: false, error: new PollError('POLL_PARSE', 'ssh', session.target.node, `the search on ${session.target.node} did not complete (no "Search completed")`) };
  return { ok: true, value: hits };
}

/** `file build log <target> <days>` (guide Tables 45-46, L11323-11415): the path of the archive it built. */
export async function buildLog(session: LogCliSession, target: string, days: number): Promise<SoapResult<string>> {
  if (!/^[A-Za-z0-9_]+$/.test(target)) return { ok: false, error: invalid(session, `invalid log name ${JSON.stringify(target)}`) };
  if (!Number.isInteger(days) || days < 1) return { ok: false, error: invalid(session, `invalid duration ${days}: whole days, at least 1`) };
  const command = `file build log ${target} ${days}`;
  const out = await runChecked(session, command, command, LONG_COMMAND_MS);
  if (!out.ok) return out;
  const path = parseBuildLog(out.value);
  if (!path) return { ok: false, error: new PollError('POLL_PARSE', 'ssh', session.target.node, `${session.target.node} did not say which log file ${command} created`) };
  return { ok: true, value: path };
}

/** Where `file get activelog` pushes files: the answers to its SFTP prompts. */
export interface SftpPushDestination {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly directory: string;
}

/** `reltime` of `file get activelog`. */
export interface RelTime {
  readonly unit: 'months' | 'weeks' | 'days' | 'hours' | 'minutes';
  readonly value: number;
}

/**
 * `file get activelog <spec> [reltime <unit> <value>] [recurs]`: the node pushes the files to an SFTP server
 * (serviceability-reference.md D.6 [I]: it asks for the server, port, user, password and directory). Answers the
 * prompts in order; the password never appears in an error. Resolves with the number of files the node matched.
 */
export async function getActivelogToSftp(session: LogCliSession, fileSpec: string, opts: { reltime?: RelTime; recurse?: boolean }, dest: SftpPushDestination): Promise<SoapResult<{ files: number }>> {
  if (!Number.isInteger(dest.port) || dest.port < 1 || dest.port > 65535) return { ok: false, error: invalid(session, `invalid SFTP port ${dest.port}`) };
  for (const [name, v] of [['host', dest.host], ['user', dest.username], ['directory', dest.directory]] as const) {
    if (!v || /[\r\n]/.test(v)) return { ok: false, error: invalid(session, `invalid SFTP ${name}`) };
  }
  if (/[\r\n]/.test(dest.password)) return { ok: false, error: invalid(session, 'invalid SFTP password') };
  if (opts.reltime && !(Number.isInteger(opts.reltime.value) && opts.reltime.value >= 1)) return { ok: false, error: invalid(session, `invalid reltime value ${opts.reltime.value}`) };
  const command = `file get activelog ${arg(spec(fileSpec))}${opts.reltime ? ` reltime ${opts.reltime.unit} ${opts.reltime.value}` : ''}${opts.recurse ? ' recurs' : ''}`;
  const answers: CliAnswer[] = [
    { when: /proceed \[y\/n\]\?\s*$/i, reply: 'y' },
    { when: /SFTP server IP:\s*$/i, reply: dest.host },
    { when: /SFTP server port[^:]*:\s*$/i, reply: String(dest.port) },
    { when: /User ID:\s*$/i, reply: dest.username },
    { when: /Password:\s*$/i, reply: dest.password },
    { when: /Download directory:\s*$/i, reply: dest.directory },
  ];
  const out = await runChecked(session, command, command, LONG_COMMAND_MS, answers);
  if (!out.ok) return out;
  const report = parseFileGet(out.value);
  if (!report) return { ok: false, error: new PollError('POLL_PARSE', 'ssh', session.target.node, `cannot read the answer of ${command} from ${session.target.node}`) };
  if (!report.completed) {
    const last = out.value.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? '';
    return { ok: false, error: invalid(session, `${session.target.node} did not complete the transfer: ${last.replaceAll(dest.password, '***')}`) };
  }
  return { ok: true, value: { files: report.files } };
}

/** `utils core active list`: the node's core files (reference D.4 health-check set). */
export async function coreActiveList(session: LogCliSession): Promise<SoapResult<CoreFileRow[]>> {
  const command = 'utils core active list';
  const out = await runChecked(session, command, command);
  if (!out.ok) return out;
  const rows = parseCoreActiveList(out.value);
  if (!rows) return { ok: false, error: new PollError('POLL_PARSE', 'ssh', session.target.node, `cannot read the answer of ${command} from ${session.target.node}`) };
  return { ok: true, value: rows };
}

export type { ActivelogSearchHit, CoreFileRow } from './parsers/activelogOutput.js';
export { parseCoreActiveList, parseFileListDetail, parseFileSearch } from './parsers/activelogOutput.js';
