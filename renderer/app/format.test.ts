import { describe, expect, it } from 'vitest';
import { formatDuration, formatMegabytes, formatNumber, formatPercent, formatShortDateTime } from './format.js';

describe('formatters', () => {
  it.each([
    [undefined, '—'],
    [0, '0s'],
    [42, '42s'],
    [312, '5m 12s'],
    [3 * 86_400 + 4 * 3600 + 5, '3d 4h'],
    [3600, '1h'],
    [-1, '—'],
  ])('formatDuration(%s) = %s', (sec, text) => {
    expect(formatDuration(sec)).toBe(text);
  });
  it.each([
    [0, '0秒'],
    [42, '42秒'],
    [312, '5分钟12秒'],
    [77 * 86_400 + 4 * 60, '77天'],
    [77 * 86_400 + 3 * 3600 + 59, '77天3小时'],
    [3 * 86_400 + 4 * 3600 + 5, '3天4小时'],
    [undefined, '—'],
  ])('formatDuration(%s) in Chinese = %s', (sec, text) => {
    expect(formatDuration(sec, 'zh')).toBe(text);
  });
  it('writes durations for sentences with short units', () => {
    expect(formatDuration(12 * 60, 'en', 'short')).toBe('12 min');
    expect(formatDuration(3600 + 4 * 60, 'en', 'short')).toBe('1 hr, 4 min');
    expect(formatDuration(12 * 60, 'zh', 'short')).toBe('12分钟');
    // The largest unit and the next one only: a row of services started 77 days ago reads alike, not
    // '77d 59s' beside '77d 1m' (the hour between them was zero).
    expect(formatDuration(77 * 86_400 + 4 * 60, 'en')).toBe('77d');
    expect(formatDuration(77 * 86_400 + 59, 'en')).toBe('77d');
    expect(formatDuration(86_400 + 3600 + 59, 'en')).toBe('1d 1h');
  });
  it.each([
    [undefined, '—'],
    [5.25, '5.3%'],
    [72.6, '73%'],
    [Number.NaN, '—'],
  ])('formatPercent(%s) = %s', (v, text) => {
    expect(formatPercent(v)).toBe(text);
  });
  it('formats numbers with grouping and compact millions', () => {
    expect(formatNumber(12345, 'en')).toBe('12,345');
    expect(formatNumber(2_500_000, 'en')).toBe('2.5M');
    expect(formatNumber(undefined, 'en')).toBe('—');
    expect(formatNumber(1.25, 'en', 2)).toBe('1.25');
  });
  it('formats megabytes with binary units', () => {
    expect(formatMegabytes(512)).toBe('512 MB');
    expect(formatMegabytes(2048)).toBe('2.0 GB');
    expect(formatMegabytes(3 * 1024 * 1024)).toBe('3.0 TB');
  });
  it('writes a time compactly: hours and minutes today, with the date on another day', () => {
    const now = new Date(2026, 11, 6, 3, 30).getTime();
    expect(formatShortDateTime(new Date(2026, 11, 6, 4, 32).getTime(), 'en', now)).toBe('04:32');
    expect(formatShortDateTime(new Date(2026, 11, 7, 4, 32).getTime(), 'en', now)).toBe('12/7, 04:32');
    expect(formatShortDateTime(new Date(2026, 11, 7, 4, 32).getTime(), 'zh', now)).toBe('12/7 04:32');
    expect(formatShortDateTime(undefined, 'en', now)).toBe('—');
  });
});
