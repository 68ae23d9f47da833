import { InvalidArgumentError } from 'commander';
import type { TraceRangeUnit, TraceTimeRange } from '../../../../shared/model/traces.js';

/**
 * The option values of `imp traces collect|search` read into the shared model's request pieces: time ranges
 * (`--last 60m`, `--from ISO --to ISO`), name lists (`--services "A,B"`, `--nodes imp-pub,imp-sub1`). Pure, so
 * the parsing is tested apart from the command.
 */

const UNITS: ReadonlyArray<{ readonly re: RegExp; readonly unit: TraceRangeUnit }> = [
  { re: /^(m|min|mins|minute|minutes)$/i, unit: 'minutes' },
  { re: /^(h|hr|hrs|hour|hours)$/i, unit: 'hours' },
  { re: /^(d|day|days)$/i, unit: 'days' },
  { re: /^(w|wk|wks|week|weeks)$/i, unit: 'weeks' },
  { re: /^(mo|mon|month|months)$/i, unit: 'months' },
];

/** Largest amount per unit: LogCollection's RelText takes a count of Minutes ... Months (reference B.4); a year at most. */
const MAX_AMOUNT: Readonly<Record<TraceRangeUnit, number>> = { minutes: 525_600, hours: 8_760, days: 366, weeks: 53, months: 12 };

/** `--last 60m` / `2h` / `3d` / `1w` / `1mo` (or `90 minutes`): the relative range of the last N units. */
export function parseLast(value: string): TraceTimeRange & { kind: 'relative' } {
  const m = /^\s*(\d+)\s*([a-z]+)\s*$/i.exec(value);
  const unit = m ? UNITS.find((u) => u.re.test(m[2]!))?.unit : undefined;
  if (!m || !unit) throw new InvalidArgumentError(`needs a count and a unit (m, h, d, w or mo: 60m, 2h, 7d), got ${value === '' ? 'nothing' : value}`);
  const amount = Number(m[1]);
  if (amount < 1 || amount > MAX_AMOUNT[unit]) throw new InvalidArgumentError(`needs 1-${MAX_AMOUNT[unit]} ${unit}, got ${value}`);
  return { kind: 'relative', amount, unit };
}

/**
 * An instant given as ISO 8601 (`2026-12-06T09:00:00Z`, `2026-12-06T10:00+01:00`, `2026-12-06 09:00`): without an
 * offset it is read in `timeZone` (an IANA zone, the machine's by default).
 */
export function parseInstant(value: string, timeZone: string): number {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(value);
  if (!m) throw new InvalidArgumentError(`needs a date and time as ISO 8601 (2026-12-06T09:00:00Z, 2026-12-06T10:00+01:00 or 2026-12-06 09:00), got ${value === '' ? 'nothing' : value}`);
  const [y, mo, d, h, mi, s, ms] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0', (m[7] ?? '0').padEnd(3, '0')].map(Number) as [number, number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw new InvalidArgumentError(`is not a date and time that exists: ${value}`);
  }
  const offset = m[8];
  if (offset !== undefined) {
    if (/^z$/i.test(offset)) return wall;
    const o = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
    return wall - (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) * 60_000;
  }
  return wall - zoneOffsetMs(wall, timeZone);
}

/** The offset of `timeZone` from UTC (ms) at about the wall time `wallMs` (read as if it were UTC). */
function zoneOffsetMs(wallMs: number, timeZone: string): number {
  const at = (instant: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
    const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(instant / 1000) * 1000;
  };
  // Two steps find the offset in force at the wall time, DST changes included.
  const first = at(wallMs);
  return at(wallMs - first);
}

/** Whether `zone` is an IANA time zone name this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The machine's own time zone (IANA name). */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The range of `--last` or `--from`/`--to` (exactly one of the two ways); a message for bad usage otherwise (no
 * range, both, only one end, an empty or reversed range).
 */
export function rangeOf(o: { last?: TraceTimeRange & { kind: 'relative' }; from?: string; to?: string; timeZone?: string }, nowMs: number): { ok: true; range: TraceTimeRange } | { ok: false; message: string } {
  if (o.last && (o.from !== undefined || o.to !== undefined)) return { ok: false, message: 'give --last, or --from and --to, not both' };
  if (o.last) return { ok: true, range: o.last };
  if (o.from === undefined && o.to === undefined) return { ok: false, message: 'give the time range: --last N(m|h|d|w|mo), or --from ISO and --to ISO' };
  if (o.from === undefined || o.to === undefined) return { ok: false, message: '--from and --to go together' };
  const timeZone = o.timeZone ?? localTimeZone();
  if (!isTimeZone(timeZone)) return { ok: false, message: `--time-zone ${timeZone} is not a time zone name (e.g. Asia/Shanghai, UTC)` };
  let fromMs: number;
  let toMs: number;
  try {
    fromMs = parseInstant(o.from, timeZone);
    toMs = parseInstant(o.to, timeZone);
  } catch (err) {
    return { ok: false, message: `--from/--to ${(err as Error).message}` };
  }
  if (toMs <= fromMs) return { ok: false, message: `the time range is empty: --to (${new Date(toMs).toISOString()}) is not after --from (${new Date(fromMs).toISOString()})` };
  if (fromMs > nowMs) return { ok: false, message: `the time range starts in the future (${new Date(fromMs).toISOString()}): no trace file can be in it` };
  return { ok: true, range: { kind: 'absolute', fromMs, toMs, timeZone } };
}

/** A comma-separated list (`"Cisco XCP Router, Cisco Presence Engine"`), trimmed, without empties or repeats. */
export function listArg(value: string): string[] {
  const out: string[] = [];
  for (const part of value.split(',')) {
    const s = part.trim();
    if (s !== '' && !out.includes(s)) out.push(s);
  }
  if (out.length === 0) throw new InvalidArgumentError('needs at least one name (comma-separated)');
  return out;
}

/** A node given as `node` or `cluster/node`. */
export interface NodeArg {
  readonly cluster?: string;
  readonly node: string;
}

/** `--nodes imp-pub,sim/imp-sub1`: node names, each optionally with its cluster. */
export function nodesArg(value: string): NodeArg[] {
  return listArg(value).map((s) => {
    const i = s.indexOf('/');
    if (i < 0) return { node: s };
    const cluster = s.slice(0, i);
    const node = s.slice(i + 1);
    if (cluster === '' || node === '' || node.includes('/')) throw new InvalidArgumentError(`needs node or cluster/node names, got ${s}`);
    return { cluster, node };
  });
}
