import { clientFault } from './soapFault.js';

/** The time-range fields of selectLogFiles' FileSelectionCriteria (reference B.4). */
export interface LogTimeCriteria {
  readonly fromDate: string;
  readonly toDate: string;
  readonly timeZone: string;
  readonly relText: string;
  readonly relTime: string;
}

const REL_MS: Record<string, number> = {
  Minutes: 60_000,
  Hours: 3_600_000,
  Days: 86_400_000,
  Weeks: 7 * 86_400_000,
  Months: 30 * 86_400_000,
};

/**
 * Resolves FileSelectionCriteria to absolute bounds. `RelText` Minutes/Hours/Days/Weeks/Months with `RelTime`
 * N means the last N units before `now`; `None` uses FromDate/ToDate. Dates are accepted as ISO 8601 or in
 * RTMT's `MM/dd/yy hh:mm a` form ([I]), in the offset named by TimeZone `(GMT+h:m)` ([I]; UTC otherwise).
 * Empty dates leave that side open.
 */
export function resolveLogTimeRange(c: LogTimeCriteria, now: number): { from?: Date; to?: Date } {
  const rel = c.relText.trim();
  if (rel !== '' && rel !== 'None') {
    const unit = REL_MS[rel];
    const n = Number(c.relTime);
    if (unit === undefined) throw clientFault(`Invalid RelText: '${rel}'`);
    if (!Number.isInteger(n) || n < 0 || n > 127) throw clientFault(`Invalid RelTime: '${c.relTime}'`);
    return { from: new Date(now - n * unit), to: new Date(now) };
  }
  const offsetMin = parseGmtOffset(c.timeZone);
  const from = parseDate(c.fromDate, offsetMin, 'FromDate');
  const to = parseDate(c.toDate, offsetMin, 'ToDate');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function parseGmtOffset(tz: string): number {
  const m = /GMT([+-])(\d{1,2}):(\d{1,2})/.exec(tz);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function parseDate(text: string, offsetMin: number, field: string): Date | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const rtmt = /^(\d{1,2})\/(\d{1,2})\/(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?$/i.exec(s);
  if (rtmt) {
    const [, mo, d, y, h, mi, sec, ampm] = rtmt;
    let year = Number(y);
    if (year < 100) year += 2000;
    let hour = Number(h) % (ampm ? 12 : 24);
    if (ampm?.toUpperCase() === 'PM') hour += 12;
    const utc = Date.UTC(year, Number(mo) - 1, Number(d), hour, Number(mi), Number(sec ?? 0));
    return new Date(utc - offsetMin * 60_000);
  }
  const iso = Date.parse(s);
  if (Number.isNaN(iso)) throw clientFault(`Invalid ${field}: '${s}'`);
  return new Date(iso);
}
