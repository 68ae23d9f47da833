import type { CommandSpec } from './commandTypes.js';

/** How a tokenized line matched the table. */
export type CommandMatch =
  | { readonly kind: 'command'; readonly spec: CommandSpec; readonly args: string[] }
  /** The words so far start one or more commands but name none (`utils service`). */
  | { readonly kind: 'incomplete'; readonly candidates: CommandSpec[] }
  | { readonly kind: 'unknown' };

/**
 * Finds the command a line names: the spec with the longest run of fixed words that the line starts with
 * (words compare case-insensitively); the rest of the tokens are its arguments.
 */
export function matchCommand(table: readonly CommandSpec[], tokens: readonly string[]): CommandMatch {
  const lower = tokens.map((t) => t.toLowerCase());
  let best: CommandSpec | undefined;
  for (const spec of table) {
    if (spec.words.length > lower.length) continue;
    if (!spec.words.every((w, i) => lower[i] === w)) continue;
    if (!best || spec.words.length > best.words.length) best = spec;
  }
  if (best) return { kind: 'command', spec: best, args: tokens.slice(best.words.length) };
  const candidates = completions(table, lower);
  return candidates.length > 0 ? { kind: 'incomplete', candidates } : { kind: 'unknown' };
}

/** Commands whose fixed words start with `prefix` (all of them for an empty prefix), sorted by syntax. */
export function completions(table: readonly CommandSpec[], prefix: readonly string[]): CommandSpec[] {
  const lower = prefix.map((t) => t.toLowerCase());
  return table
    .filter((s) => lower.length <= s.words.length && lower.every((w, i) => s.words[i] === w))
    .sort((a, b) => a.syntax.localeCompare(b.syntax));
}

/**
 * A command that takes the rest of its line untokenized (`run sql <statement>`): the spec whose words start the
 * line (case-insensitively, longest first) and the text after them, trimmed. Undefined when none matches or the
 * rest asks for help (`?`).
 */
export function matchRawCommand(table: readonly CommandSpec[], line: string): { readonly spec: CommandSpec; readonly rest: string } | undefined {
  let best: { spec: CommandSpec; rest: string } | undefined;
  for (const spec of table) {
    if (!spec.rawArgs) continue;
    const re = new RegExp(`^\\s*${spec.words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+')}(?:\\s+([\\s\\S]*))?$`, 'i');
    const m = re.exec(line);
    if (!m) continue;
    if (!best || spec.words.length > best.spec.words.length) best = { spec, rest: (m[1] ?? '').trim() };
  }
  return best && best.rest !== '?' && !best.rest.endsWith(' ?') ? best : undefined;
}
