/**
 * Formatters of numbers, durations, sizes and times for the views. Pure: locale-aware through Intl, no DOM.
 */
import type { Locale } from '../i18n/messages.js';

const NO_VALUE = '—';

function intlTag(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en-US';
}

// Intl formatters are costly to build (a table of 10,000 syslog rows built one per cell); each is built once per
// locale and options and reused. `toLocaleString(tag, {})` defaults are spelled out where a formatter replaces it.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat>(kind: string, locale: Locale, options: object, build: (tag: string) => F): F {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = build(intlTag(locale));
    formatters.set(key, f);
  }
  return f;
}

const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat => cached('n', locale, options, (tag) => new Intl.NumberFormat(tag, options));
const dateFormat = (locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => cached('d', locale, options, (tag) => new Intl.DateTimeFormat(tag, options));
const listFormat = (locale: Locale, options: Intl.ListFormatOptions): Intl.ListFormat => cached('l', locale, options, (tag) => new Intl.ListFormat(tag, options));

/** What toLocaleTimeString / toLocaleString show without field options, in 24-hour time. */
const CLOCK: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false };
const DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'numeric', day: 'numeric', ...CLOCK };

/** Formats a count or value compactly for big wall-screen numbers (12 345 → "12,345", 1.2e6 → "1.2M"). */
export function formatNumber(value: number | undefined, locale: Locale, maxFractionDigits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const abs = Math.abs(value);
  const options: Intl.NumberFormatOptions =
    abs >= 1_000_000 ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: abs >= 100 ? 0 : maxFractionDigits };
  return numberFormat(locale, options).format(value);
}

/** Formats a percentage (0..100) with one decimal below 10 and none above. */
export function formatPercent(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toString()}%`;
}

/** How durations are written: `narrow` for tables and tiles ("3d 4h", "3天4小时"), `short` for sentences ("12 min"). */
export type DurationStyle = 'narrow' | 'short';

const DURATION_UNITS: readonly [Intl.NumberFormatOptions['unit'] & string, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/**
 * Formats a duration in seconds as its two largest units in the UI language, through Intl unit formatting
 * (Intl.DurationFormat is not in Node 20): en "3d 4h", "5m 12s", "42s"; zh "3天4小时", "5分钟12秒"; with
 * `short`, en "12 min", "1 hr, 4 min".
 */
export function formatDuration(seconds: number | undefined, locale: Locale = 'en', style: DurationStyle = 'narrow'): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return NO_VALUE;
  let rest = Math.floor(seconds);
  const parts: string[] = [];
  // The largest unit and the one right below it, never a smaller one ("77 d 4 h", "77 d": not "77 d 59 s").
  let started = false;
  for (const [unit, size] of DURATION_UNITS) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (!started && size === 1)) parts.push(numberFormat(locale, { style: 'unit', unit, unitDisplay: style }).format(n));
    if (started) break;
    started = parts.length > 0;
  }
  return listFormat(locale, { type: 'unit', style }).format(parts);
}

/** Formats a size given in megabytes with a binary unit (MB, GB, TB). */
export function formatMegabytes(mb: number | undefined): string {
  if (mb === undefined || !Number.isFinite(mb)) return NO_VALUE;
  if (mb >= 1024 * 1024) return `${(mb / (1024 * 1024)).toFixed(1)} TB`;
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GB`;
  return `${Math.round(mb)} MB`;
}

/** Formats a time as HH:MM:SS in local time (RTMT charts use the client's time, serviceability-reference.md A.2). */
export function formatClock(ms: number, locale: Locale): string {
  return dateFormat(locale, CLOCK).format(ms);
}

/** Formats a time compactly: hours and minutes on the day of `now` ("04:32"), with the date otherwise ("12/7 04:32"). */
export function formatShortDateTime(ms: number | undefined, locale: Locale, now: number): string {
  if (ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  const d = new Date(ms);
  const sameDay = d.toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay ? { hour: '2-digit', minute: '2-digit', hour12: false } : { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false };
  return dateFormat(locale, options).format(d);
}

/** Formats a date and time in local time. */
export function formatDateTime(ms: number | undefined, locale: Locale): string {
  if (ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  return dateFormat(locale, DATE_TIME).format(ms);
}
