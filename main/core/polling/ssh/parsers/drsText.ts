/**
 * The common ground of the `utils disaster_recovery …` parsers (guide Table 41, L10664-10700; serviceability-
 * reference.md D.7): the answer's lines, DRS refusals as AppErrors with DRS's own words, and the CLI's dates.
 * Parsers never throw: they return a {@link DrsCliResult}; text they cannot read is an AppError POLL_PARSE.
 */
import type { ErrorCode } from '../../../../../shared/errors.js';
import { AppError } from '../../../base/errors.js';
import { lineLongerThan, stripAnsi } from './cliText.js';

/** A parse or a command's value, or why there is none (a DRS refusal, a transport failure, unreadable text). */
export type DrsCliResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError };

export const ok = <T>(value: T): DrsCliResult<T> => ({ ok: true, value });

/** Text a parser cannot read (truncated, garbled, another command's answer). */
export function parseError(what: string, line?: string): DrsCliResult<never> {
  const at = line === undefined ? '' : `: ${JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…` : line)}`;
  return { ok: false, error: new AppError('POLL_PARSE', `cannot read ${what}${at}`) };
}

/** The answer's lines: ANSI and CRs gone, tabs kept (the [V] schedule list separates with tabs), right-trimmed. */
export function drsLines(text: string): string[] {
  return stripAnsi(text).split('\n').map((l) => l.replace(/[ \t]+$/, ''));
}

/** The non-empty lines, trimmed. */
export function meaningfulLines(text: string): string[] {
  return drsLines(text).map((l) => l.trim()).filter((l) => l.length > 0);
}

/** No line of a DRS answer is longer (the CLI's terminal is 250 columns; a status row with its log path ~200). */
export const MAX_LINE_CHARS = 2000;

/** The first line longer than {@link MAX_LINE_CHARS} (garbage: parsers refuse it before any regular expression runs). */
export function overlongLine(text: string): string | undefined {
  return lineLongerThan(text, MAX_LINE_CHARS);
}

/** What UC OS prints after a failed command (reference D). */
const FAILED_LINE = /^Executed command unsuccessfully\.?$/i;
/** The CLI's usage errors (the simulator's; a real node's "Syntax error"/"Invalid command"). */
const USAGE = /^(Incorrect syntax|Invalid command|Syntax error|Too many arguments|Unknown command|Invalid input)\b/i;
/**
 * [T] D.7: the Master Agent down or busy ("Unable to connect to Master Agent host: NYVMITEL01, Port: 4040. This may
 * be due to Master or Local Agent being down.", "master agent may be processing an operation or it is down",
 * "network request timed out", "drfCliMsg: error occurred"): worth trying again.
 */
const AGENT_DOWN = /Unable to connect to Master Agent|master agent may be processing|network request timed out|^drfCliMsg:\s*error occurred/i;
/** Lines that are DRS's words of a refusal even without the drfCliMsg prefix (DRS_MESSAGES texts of the guide). */
const BARE_REFUSAL = /^(Restore failed:|Backup failed:|Backup Device Name can contain only|Schedule Name can contain only|Backup session timed out)/i;
/** The questions of the dialogues (with the answer echoed after them): never part of a message. */
const QUESTION = /^(Please enter|Please re-enter|Re-enter|Enter \(yes\/no\)|Do you |Are you sure|The backup contains the CCMDB|All restore checks passed)/i;

/** A message line without the `drfCliMsg:` prefix. */
export function drsMessageText(line: string): string {
  return line.replace(/^drfCliMsg:\s*/i, '').trim();
}

/** Whether the answer is the CLI's usage error (a command this node does not know, e.g. `device list detail` on a real cluster). */
export function isUsageError(text: string): boolean {
  return meaningfulLines(text).some((l) => USAGE.test(l));
}

/**
 * The error code of a refusal from its meaning (drs-design.md HP): CONFLICT (in progress, exists, used by a
 * schedule, too many), NOT_FOUND (no such device/schedule/backup/server), VALIDATION (bad name/field/feature,
 * usage), PRECONDITION (device unreachable, checks failed, the Master Agent down …).
 */
export function classifyDrsRefusal(message: string): ErrorCode {
  if (/is not a node of this cluster/i.test(message)) return 'NOT_FOUND';
  if (/^(Restore failed|Backup failed|Unable to (access|connect|read))/i.test(message)) return 'PRECONDITION';
  if (/malicious pattern|(can|may) contain only|must start with|^Invalid|Incorrect syntax|Syntax error|Too many arguments|Unknown command|must be|must not be empty|not a valid|Select at least|are not registered\. Registered|are not in this backup|passwords? (do|does) not match|password is incorrect/i.test(message)) return 'VALIDATION';
  if (/already (exists|running|in progress|configured)|still running|in progress|cannot be deleted|Maximum number/i.test(message)) return 'CONFLICT';
  if (/does not exist|not found|not registered with the Master Agent|No such/i.test(message)) return 'NOT_FOUND';
  return 'PRECONDITION';
}

/**
 * The refusal an answer states, if it states one: a `drfCliMsg:` line, "Executed command unsuccessfully", a usage
 * error, the Master Agent down, or one of DRS's bare refusal texts. The message is DRS's own words (without the
 * prefix, the failure line and the questions). Undefined when the answer states no refusal.
 */
export function drsRefusal(text: string): AppError | undefined {
  if (overlongLine(text) !== undefined) return undefined;
  const lines = meaningfulLines(text);
  const refused = lines.some((l) => FAILED_LINE.test(l) || USAGE.test(l) || AGENT_DOWN.test(l) || /^drfCliMsg:/i.test(l) || BARE_REFUSAL.test(l));
  if (!refused) return undefined;
  const words = lines.filter((l) => !FAILED_LINE.test(l) && !QUESTION.test(l)).map(drsMessageText).filter((l) => l.length > 0);
  const usage = words.find((l) => USAGE.test(l));
  const message = usage ?? (words.join(' ') || 'Executed command unsuccessfully');
  const code = usage ? 'VALIDATION' : classifyDrsRefusal(message);
  return new AppError(code, message, AGENT_DOWN.test(message) ? { retryable: true } : undefined);
}

const DAYS = 'Sun|Mon|Tue|Wed|Thu|Fri|Sat';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A date(1) date: "Wed Nov 25 10:00:15 UTC 2026", "Fri Jan  2 …" (tolerates extra spaces). */
export const UNIX_DATE_SOURCE = `(?:${DAYS})\\s+(?:${MONTHS.join('|')})\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}:\\d{2}(?:\\s+[A-Z]{1,5})?\\s+\\d{4}`;
const UNIX_DATE = new RegExp(`^(?:${DAYS})\\s+(${MONTHS.join('|')})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})(?:\\s+([A-Z]{1,5}))?\\s+(\\d{4})$`);
/** Zones a UC OS node may print, hours east of UTC (the simulated nodes and the design use UTC). */
const ZONES: Readonly<Record<string, number>> = { UTC: 0, GMT: 0, Z: 0, EST: -5, EDT: -4, CST: -6, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, CET: 1, CEST: 2, WET: 0, WEST: 1, EET: 2, EEST: 3, BST: 1, JST: 9 };

/** "Wed Nov 25 10:00:15 UTC 2026" → ms; undefined for text that is not such a date (or an unknown zone). */
export function parseUnixDate(text: string): number | undefined {
  const m = UNIX_DATE.exec(text.trim());
  if (!m) return undefined;
  const offset = ZONES[m[6] ?? 'UTC'];
  if (offset === undefined) return undefined;
  const [mo, d, h, mi, s, y] = [MONTHS.indexOf(m[1]!), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[7])];
  const t = Date.UTC(y, mo, d, h, mi, s);
  if (new Date(t).getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return t - offset * 3600_000;
}

/** "yyyy/mm/dd-hh:mm" (UTC, the schedule's datetime, reference D.7) → ms. */
export function parseDrsDateTime(text: string): number | undefined {
  const m = /^(\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi);
  return new Date(t).getUTCMonth() === mo - 1 && new Date(t).getUTCDate() === d && h < 24 && mi < 60 ? t : undefined;
}

/** ms → "yyyy/mm/dd-hh:mm" UTC, as `schedule add` takes it. */
export function formatDrsDateTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}-${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** A backup's name "yyyy-mm-dd-hh-mm-ss[.tar]" (when it was taken, UTC) → ms. */
export function backupNameTime(name: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})(?:\.tar)?$/.exec(name.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(t).getUTCDate() === d && new Date(t).getUTCMonth() === mo - 1 && h < 24 && mi < 60 && s < 60 ? t : undefined;
}

/** Splits a table row at tabs or runs of 3+ spaces (the simulator's tables pad columns with at least 3). */
export function cells(line: string): string[] {
  return line.trim().split(/\s*\t\s*|\s{3,}/).filter((c) => c.length > 0);
}

/** A comma list ("IM&P,UCM", "a, b"); "-" or empty is none. */
export function commaList(text: string | undefined): string[] {
  const t = (text ?? '').trim();
  if (t === '' || t === '-') return [];
  return t.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
}
