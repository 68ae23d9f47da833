/**
 * Timestamps of log lines, for the log viewer's "jump to time" and first/last time. The formats the nodes write
 * (serviceability-reference.md A.6; simulator main/core/simulator/model/logs/): ISO 8601 trace lines
 * (`2026-12-06T09:00:00.123Z INFO ...`, also `2026-12-06 09:00:00,123`), RFC 3164 local syslog
 * (`Mar 18 16:40:52 host local7 6 : ...`) and the CiscoLog body (`92: host: Mar 18 11:10:52.630 UTC: %APP-6-...`).
 * A stamp with no zone is read as UTC (the nodes' default zone in the simulator; a real node's zone is not in the
 * line). A stamp with no year takes the year of `refMs` (the file's modification time), or the one before when
 * that would put it more than two days after `refMs` (a December line read in January).
 */

const MONTHS: Readonly<Record<string, number>> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };
const ISO = /(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?\s?(Z|UTC|[+-]\d{2}:?\d{2})?/;
const SYSLOG = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/;
/** Where a stamp may begin: the local syslog prefix and the CiscoLog body put it within the first 80 characters. */
export const TIMESTAMP_SCAN_CHARS = 96;
const TWO_DAYS_MS = 2 * 86_400_000;

function fraction(digits: string | undefined): number {
  if (!digits) return 0;
  return Math.floor(Number(`0.${digits}`) * 1000);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

/** The instant a log line's text is stamped with, or undefined when its first characters carry no stamp. */
export function parseLogTime(line: string, refMs: number): number | undefined {
  const head = line.length > TIMESTAMP_SCAN_CHARS ? line.slice(0, TIMESTAMP_SCAN_CHARS) : line;
  const iso = ISO.exec(head);
  if (iso) {
    const ms = Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]), Number(iso[4]), Number(iso[5]), Number(iso[6]), fraction(iso[7]));
    return Number.isFinite(ms) ? ms - zoneOffsetMs(iso[8]) : undefined;
  }
  const sys = SYSLOG.exec(head);
  if (sys) {
    const refYear = new Date(refMs).getUTCFullYear();
    const at = (year: number): number => Date.UTC(year, MONTHS[sys[1]!]!, Number(sys[2]), Number(sys[3]), Number(sys[4]), Number(sys[5]), fraction(sys[6]));
    const ms = at(refYear);
    if (!Number.isFinite(ms)) return undefined;
    return ms > refMs + TWO_DAYS_MS ? at(refYear - 1) : ms;
  }
  return undefined;
}
