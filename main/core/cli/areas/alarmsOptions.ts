import { InvalidArgumentError } from 'commander';
import { parseInstant, localTimeZone } from './traceRequestOptions.js';

/**
 * Option values of `imp alarms …` read into times: durations (`--duration 2h`, `1h30m`, as amtool's `--duration`
 * takes them), and "a duration from now or an instant" (`--until 4h` | `--until 2026-12-07T08:00`). Pure, so
 * the parsing is tested apart from the commands.
 */

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** The longest silence or acknowledgement: a year (a silence "for ever" hides a real outage next year). */
export const MAX_DURATION_MS = 366 * 86_400_000;

/** `2h`, `90m`, `1h30m`, `7d`, `1w` (s, m, h, d, w): milliseconds, 1 s to a year. */
export function durationArg(value: string): number {
  const text = value.trim().toLowerCase();
  if (!/^(\d+[smhdw])+$/.test(text)) throw new InvalidArgumentError(`needs a duration such as 30m, 2h, 1h30m, 7d or 1w (units s, m, h, d, w), got ${value === '' ? 'nothing' : value}`);
  let ms = 0;
  for (const m of text.matchAll(/(\d+)([smhdw])/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  if (ms < 1_000 || ms > MAX_DURATION_MS) throw new InvalidArgumentError(`needs a duration from 1s to 366d, got ${value}`);
  return ms;
}

/** A time given as a duration from now (`4h`) or as an instant (ISO 8601; without an offset, local time). */
export type TimeArg = { readonly kind: 'in'; readonly ms: number } | { readonly kind: 'at'; readonly ms: number };

/** Parses `--until` / `--since`: a duration or an ISO 8601 instant. */
export function timeArg(value: string): TimeArg {
  if (/^\s*(\d+[smhdw])+\s*$/i.test(value)) return { kind: 'in', ms: durationArg(value) };
  try {
    return { kind: 'at', ms: parseInstant(value, localTimeZone()) };
  } catch {
    throw new InvalidArgumentError(`needs a duration (4h, 1d) or a date and time as ISO 8601 (2026-12-07T08:00, 2026-12-07T08:00:00Z), got ${value === '' ? 'nothing' : value}`);
  }
}

/** `--until`: a duration after now, or an instant that must be in the future. */
export function untilMs(t: TimeArg, nowMs: number): { ok: true; ms: number } | { ok: false; message: string } {
  const ms = t.kind === 'in' ? nowMs + t.ms : t.ms;
  if (ms <= nowMs) return { ok: false, message: '--until must be in the future' };
  if (ms - nowMs > MAX_DURATION_MS) return { ok: false, message: '--until must be within a year' };
  return { ok: true, ms };
}

/** `--since`: a duration before now, or an instant. */
export function sinceMs(t: TimeArg, nowMs: number): number {
  return t.kind === 'in' ? nowMs - t.ms : t.ms;
}
