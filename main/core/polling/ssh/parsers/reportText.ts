/**
 * The common ground of the report command parsers (issue 14, reports-design.md "Monitor-side protocol (HP)"): the
 * answer's lines, the node's refusal (`Executed command unsuccessfully`, reference D) as POLL_PROTOCOL with its
 * words, text that cannot be read as POLL_PARSE. Parsers never throw and refuse over-long lines before any regular
 * expression runs (a garbled stream is never scanned for minutes).
 */
import { PollError } from '../../pollError.js';
import { lineLongerThan, stripAnsi } from './cliText.js';

/** A parse: its value, or why there is none (the same shape as reports/reportAccess.ts ReportResult). */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PollError };

export const parsed = <T>(value: T): ParseResult<T> => ({ ok: true, value });

/** No line of these answers is longer (a `run sql` row of wide text columns stays far below; ours). */
export const MAX_LINE_CHARS = 16_384;

/** What UC OS prints after a failed command (reference D). */
const FAILED_LINE = /^Executed command unsuccessfully\.?$/i;
/** The UC OS pager line (reference D [V]), should pagination be on after all. */
const PAGER_LINE = /^\s*(?:end of the file reached\s*)?options: q=quit, n=next, p=prev, b=begin, e=end.*$/;

/** A short quote of a line for a message. */
export function quote(line: string): string {
  return JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…` : line);
}

/** Text a parser cannot read (truncated, garbled, another command's answer). */
export function parseError(node: string, what: string, line?: string): ParseResult<never> {
  return { ok: false, error: new PollError('POLL_PARSE', 'ssh', node, `cannot read ${what}${line === undefined ? '' : `: ${quote(line)}`}`) };
}

/** The node refused: its own words. */
export function refusal(node: string, what: string, words: string): ParseResult<never> {
  const text = words.length > 500 ? `${words.slice(0, 500)}…` : words;
  return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', node, `${node ? `${node}: ` : ''}${what}: ${text}`) };
}

/** The first line longer than {@link MAX_LINE_CHARS}, if any (scanned without splitting the text). */
export function overlongLine(text: string): string | undefined {
  return lineLongerThan(text, MAX_LINE_CHARS);
}

/**
 * The answer's lines: ANSI codes and CRs gone, right-trimmed, pager lines dropped, a leading echoed `admin:<command>`
 * line dropped. Leading blanks are kept (column positions).
 */
export function answerLines(text: string): string[] {
  const lines = stripAnsi(text).split('\n').map((l) => l.trimEnd());
  if (lines[0] !== undefined && /^\s*admin:\s*\S/.test(lines[0])) lines.shift();
  return lines.filter((l) => !PAGER_LINE.test(l));
}

/** The non-empty lines, trimmed. */
export function meaningful(lines: readonly string[]): string[] {
  return lines.map((l) => l.trim()).filter((l) => l.length > 0);
}

/**
 * The node's words when it refused the command: the lines before `Executed command unsuccessfully`, else
 * undefined. `alsoWhen` recognises refusals printed without that line.
 */
export function cliRefusal(lines: readonly string[], alsoWhen?: RegExp): string | undefined {
  const m = meaningful(lines);
  const at = m.findIndex((l) => FAILED_LINE.test(l));
  if (at >= 0) {
    const words = m.slice(0, at).filter((l) => !/^admin:/.test(l));
    return words.length > 0 ? words.join(' ') : m[at];
  }
  if (alsoWhen) {
    const hit = m.find((l) => alsoWhen.test(l));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The usual checks before a parse: an over-long line is POLL_PARSE; a refusal POLL_PROTOCOL. */
export function precheck(text: string, node: string, what: string, alsoWhen?: RegExp): ParseResult<string[]> {
  const long = overlongLine(text);
  if (long !== undefined) return parseError(node, `${what} (a line of ${long.length} characters)`, long);
  const lines = answerLines(text);
  const refused = cliRefusal(lines, alsoWhen);
  if (refused !== undefined) return refusal(node, what, refused);
  return parsed(lines);
}
