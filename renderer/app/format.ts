/**
 * Formatters of numbers, durations, sizes and times for the views. Pure: locale-aware through Intl, no DOM.
 */
import type { Locale } from '../i18n/messages.js';

const NO_VALUE = '—';

function intlTag(locale: Locale): string {
  return locale === 'zh' ? 'zh-CN' : 'en-US';
}

/** Formats a count or value compactly for big wall-screen numbers (12 345 → "12,345", 1.2e6 → "1.2M"). */
export function formatNumber(value: number | undefined, locale: Locale, maxFractionDigits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const abs = Math.abs(value);
  const options: Intl.NumberFormatOptions =
    abs >= 1_000_000 ? { notation: 'compact', maximumFractionDigits: 1 } : { maximumFractionDigits: abs >= 100 ? 0 : maxFractionDigits };
  return new Intl.NumberFormat(intlTag(locale), options).format(value);
}

/** Formats a percentage (0..100) with one decimal below 10 and none above. */
export function formatPercent(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NO_VALUE;
  return `${value < 10 ? value.toFixed(1) : Math.round(value).toString()}%`;
}

/** Formats a duration in seconds as the two largest units ("3d 4h", "5m 12s", "42s"). */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return NO_VALUE;
  const s = Math.floor(seconds);
  const units: readonly [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  let rest = s;
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (parts.length === 0 && size === 1)) parts.push(`${n}${name}`);
    if (parts.length === 2) break;
  }
  return parts.join(' ');
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
  return new Date(ms).toLocaleTimeString(intlTag(locale), { hour12: false });
}

/** Formats a date and time in local time. */
export function formatDateTime(ms: number | undefined, locale: Locale): string {
  if (ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  return new Date(ms).toLocaleString(intlTag(locale), { hour12: false });
}
