/**
 * When a maintenance window holds (NetXMS maintenance mode and Zabbix maintenance, peers-and-limits.md 1.1 L97,
 * 1.2 L172): once, or every week on
 * the chosen days at a wall-clock time of an IANA time zone. Pure (Intl only: no Node, no DOM), so the
 * notification muter (main/core/notify) and the UI's "in force / next start" read the same answer.
 *
 * Wall-clock rules of a weekly window (the way cron-like schedulers treat daylight saving time):
 * - it starts at `startMinute` local time on each chosen day and lasts `durationMinutes` of real time (a 120-minute
 *   window starting 01:00 on the night the clocks go back ends at 02:00 of the second pass, 120 minutes later);
 * - a start that does not exist that day (02:30 when the clocks jump from 02:00 to 03:00) moves forward by the
 *   jump (03:30);
 * - a start that exists twice (01:30 when the clocks go back) is the first of the two;
 * - a window may run past midnight (22:00 for 240 minutes ends 02:00 the next day, still "Monday's" window);
 * - `validFrom`/`validUntil` clip every occurrence to that span.
 */
import type { MaintenanceSchedule, MaintenanceWindow } from './alert.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Farther than any UTC offset (-12 h … +14 h) from a wall-clock time: the offsets before and after it. */
const OFFSET_PROBE_MS = 18 * 3_600_000;

/** Whether a window holds now, when it ends (when it holds) and when it next starts (a start after now). */
export interface MaintenanceStateNow {
  readonly active: boolean;
  /** The end of the occurrence in force (following occurrences that overlap or touch it are joined). */
  readonly endsAtMs?: number;
  /** The next start after now (the next occurrence of a weekly window, or a one-off window that has not started). */
  readonly nextStartMs?: number;
}

/** Whether `w` is in force at `nowMs` for a node of a cluster (a window without a node holds for every node). */
export function maintenanceCovers(w: MaintenanceWindow, cluster: string, node: string, nowMs: number): boolean {
  if (w.cluster !== cluster || (w.node !== undefined && w.node !== node)) return false;
  return occurrenceAt(w.schedule, nowMs) !== undefined;
}

/** Whether `w` holds at `nowMs`, until when, and when it starts next. */
export function maintenanceState(w: MaintenanceWindow, nowMs: number): MaintenanceStateNow {
  return scheduleState(w.schedule, nowMs);
}

/** {@link maintenanceState} of a schedule alone. */
export function scheduleState(s: MaintenanceSchedule, nowMs: number): MaintenanceStateNow {
  const current = occurrenceAt(s, nowMs);
  const next = nextStartAfter(s, nowMs);
  if (current === undefined) return next === undefined ? { active: false } : { active: false, nextStartMs: next };
  let end = current.end;
  // A weekly window longer than the gap to its next day is in force without a break: join the occurrences.
  for (let i = 0; i < 8 && s.kind === 'weekly'; i++) {
    const joined = occurrenceAt(s, end);
    if (joined === undefined || joined.end <= end) break;
    end = joined.end;
  }
  return next === undefined ? { active: true, endsAtMs: end } : { active: true, endsAtMs: end, nextStartMs: next };
}

/** Whether the schedule can still hold at or after `nowMs` (a one-off window that ended, or past validUntil: no). */
export function scheduleHasFuture(s: MaintenanceSchedule, nowMs: number): boolean {
  return occurrenceAt(s, nowMs) !== undefined || nextStartAfter(s, nowMs) !== undefined;
}

/** An occurrence, clipped to the schedule's validity: [start, end). */
interface Occurrence {
  readonly start: number;
  readonly end: number;
}

/** The occurrence in force at `t` (the one ending last when occurrences overlap), if any. */
function occurrenceAt(s: MaintenanceSchedule, t: number): Occurrence | undefined {
  if (s.kind === 'once') return s.startsAt <= t && t < s.endsAt ? { start: s.startsAt, end: s.endsAt } : undefined;
  let found: Occurrence | undefined;
  // Occurrences that started on the local day of `t` or on the days before it that a long window reaches over.
  const back = Math.ceil(s.durationMinutes / 1440) + 1;
  const today = localDate(t, s.timeZone);
  for (let k = 0; k <= back; k++) {
    const o = occurrenceOn(s, addDays(today, -k));
    if (o !== undefined && o.start <= t && t < o.end && (found === undefined || o.end > found.end)) found = o;
  }
  return found;
}

/** The first start after `t` (a clipped start counts: a weekly window reaching into validFrom starts then). */
function nextStartAfter(s: MaintenanceSchedule, t: number): number | undefined {
  if (s.kind === 'once') return s.startsAt > t ? s.startsAt : undefined;
  if (s.validUntil !== undefined && s.validUntil <= t) return undefined;
  const from = Math.max(t, s.validFrom ?? t);
  const back = Math.ceil(s.durationMinutes / 1440) + 1;
  const first = localDate(from, s.timeZone);
  let best: number | undefined;
  // Eight days ahead always meet a chosen weekday; the days behind catch a window clipped by validFrom.
  for (let k = -back; k <= 8; k++) {
    const o = occurrenceOn(s, addDays(first, k));
    if (o !== undefined && o.start > t && (best === undefined || o.start < best)) best = o.start;
  }
  return best;
}

/** The occurrence of a weekly schedule starting on a local date, clipped to its validity; undefined if none. */
function occurrenceOn(s: Extract<MaintenanceSchedule, { kind: 'weekly' }>, d: LocalDate): Occurrence | undefined {
  if (!s.days.includes(weekday(d))) return undefined;
  const rawStart = zonedToUtc(d, s.startMinute, s.timeZone);
  const start = Math.max(rawStart, s.validFrom ?? rawStart);
  const end = Math.min(rawStart + s.durationMinutes * MINUTE_MS, s.validUntil ?? Number.POSITIVE_INFINITY);
  return start < end ? { start, end } : undefined;
}

/** A calendar date (proleptic Gregorian) as a count of days since 1970-01-01. */
type LocalDate = number;

function addDays(d: LocalDate, n: number): LocalDate {
  return d + n;
}

/** 0 = Sunday … 6 = Saturday. */
function weekday(d: LocalDate): number {
  return new Date(d * DAY_MS).getUTCDay();
}

/** The local calendar date of an instant in a time zone. */
function localDate(t: number, timeZone: string): LocalDate {
  return Math.floor(wallClockAsUtc(t, timeZone) / DAY_MS);
}

/** The instant at which the wall clock of `timeZone` shows `minute` after midnight of date `d` (rules above). */
export function zonedToUtc(d: LocalDate, minute: number, timeZone: string): number {
  const local = d * DAY_MS + minute * MINUTE_MS;
  const before = offsetAt(local - OFFSET_PROBE_MS, timeZone);
  const after = offsetAt(local + OFFSET_PROBE_MS, timeZone);
  let best: number | undefined;
  for (const o of before === after ? [before] : [before, after]) {
    const t = local - o;
    if (offsetAt(t, timeZone) === o && (best === undefined || t < best)) best = t;
  }
  // In the gap of a spring-forward: the offset before the jump puts it as many minutes later as the jump.
  return best ?? local - before;
}

/** The offset of `timeZone` at an instant, ms (wall clock minus UTC). */
function offsetAt(t: number, timeZone: string): number {
  return wallClockAsUtc(t, timeZone) - Math.floor(t / 1000) * 1000;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `timeZone` at an instant, read as if it were UTC (ms; seconds precision). */
function wallClockAsUtc(t: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(t)) p[part.type] = part.value;
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
}

/** Whether `timeZone` is an IANA time zone name this runtime knows ("Europe/Paris", "UTC"). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
