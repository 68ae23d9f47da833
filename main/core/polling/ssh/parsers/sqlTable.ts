/**
 * `run sql <statement>` and `run pe sql ttlogin <statement>` (reports-design.md; reference D.4 names `run pe sql`):
 * a header row, an `=` underline per column, values left-aligned, columns separated by one space, each column as
 * wide as its widest value or header, NULL printed `NULL`. The columns' spans come from the underline row, so a
 * value holding spaces stays one value and 15,000 rows cost one slice per cell. Output without an underline row is
 * the node's refusal (an Informix error such as `-206: The specified table (x) is not in the database.`) and
 * becomes POLL_PROTOCOL carrying the node's words.
 */
import { meaningful, parseError, parsed, precheck, refusal, type ParseResult } from './reportText.js';

/** One result set: the columns in order, each row keyed by column name (NULL → null). */
export interface SqlTable {
  readonly columns: readonly string[];
  readonly rows: readonly Readonly<Record<string, string | null>>[];
}

const UNDERLINE = /^\s*=+(?: =+)*$/;

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Each `=` run of the underline: where its column starts and ends. */
function spansOf(underline: string): Span[] {
  const spans: Span[] = [];
  const re = /=+/g;
  for (let m = re.exec(underline); m; m = re.exec(underline)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}

/**
 * A line with tabs for padding (a terminal or a copy that turned runs of spaces into tabs): each tab moves to the
 * start of the next column, as the padding it replaced did.
 */
function untab(line: string, spans: readonly Span[]): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch !== '\t') {
      out += ch;
      continue;
    }
    const next = spans.find((s) => s.start > out.length);
    out = next ? out.padEnd(next.start) : `${out} `;
  }
  return out;
}

/** A row cut by the spans; undefined when a value runs over into the next column's separator (misaligned). */
function cells(line: string, spans: readonly Span[]): string[] | undefined {
  const out: string[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const next = spans[i + 1];
    if (next && line.length > next.start - 1 && line[next.start - 1] !== ' ') return undefined;
    out.push(line.slice(s.start, next ? next.start - 1 : undefined).trim());
  }
  // Text before the first column (other than the common indentation) does not belong to the table.
  if (line.slice(0, spans[0]!.start).trim() !== '') return undefined;
  return out;
}

/** Parses one `run sql` / `run pe sql` answer. */
export function parseSqlTable(text: string, node = '', what = 'run sql'): ParseResult<SqlTable> {
  const pre = precheck(text, node, what);
  if (!pre.ok) return pre;
  const lines = pre.value;
  const at = lines.findIndex((l, i) => i > 0 && UNDERLINE.test(l) && lines[i - 1]!.trim() !== '');
  if (at < 0) {
    const words = meaningful(lines).filter((l) => !/^admin:/.test(l));
    if (words.length === 0) return parseError(node, `the ${what} answer (empty)`);
    return refusal(node, what, words.join(' '));
  }
  const spans = spansOf(lines[at]!);
  const columns = cells(untab(lines[at - 1]!, spans), spans);
  if (!columns || columns.some((c) => c === '' || /\s/.test(c))) return parseError(node, `the ${what} header`, lines[at - 1]);
  const rows: Record<string, string | null>[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const values = cells(untab(line, spans), spans);
    if (!values) return parseError(node, `a ${what} row`, line);
    rows.push(Object.fromEntries(columns.map((c, k) => [c, values[k] === 'NULL' ? null : values[k]!])));
  }
  return parsed({ columns, rows });
}
