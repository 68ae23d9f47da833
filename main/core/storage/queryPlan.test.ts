import { describe, expect, it } from 'vitest';
import { bucketRows, bucketWidthMs, pickResolution } from './queryPlan.js';
import { DEFAULT_RETENTION } from './storage.js';

describe('queryPlan', () => {
  it.each([
    [0, 86_399_999, 1_000],
    [0, 86_400_000, 1_000],
    [0, 0, 1],
    [0, 999, 1_000],
    [0, 1_000, 1_000],
    [5, 12_345_678, 777],
  ])('bucketWidthMs(%i, %i, %i) gives at most maxPoints buckets', (from, to, n) => {
    const b = bucketWidthMs(from, to, n);
    expect(b).toBeGreaterThanOrEqual(1);
    expect(Math.floor((to - from) / b) + 1).toBeLessThanOrEqual(n);
    // and it is the smallest such width, so charts are not coarser than they must be
    if (b > 1) expect(Math.floor((to - from) / (b - 1)) + 1).toBeGreaterThan(n);
  });

  it('picks the finest resolution whose retention covers the start', () => {
    const now = 1_000 * 86_400_000;
    expect(pickResolution(now - 3_600_000, now, DEFAULT_RETENTION)).toBe('raw');
    expect(pickResolution(now - 86_400_000, now, DEFAULT_RETENTION)).toBe('raw');
    expect(pickResolution(now - 86_400_001, now, DEFAULT_RETENTION)).toBe('1m');
    expect(pickResolution(now - 30 * 86_400_000, now, DEFAULT_RETENTION)).toBe('1m');
    expect(pickResolution(now - 31 * 86_400_000, now, DEFAULT_RETENTION)).toBe('1h');
  });

  it('merges rollup rows with count-weighted averages', () => {
    const pts = bucketRows(
      [
        { ts: 0, min: 1, max: 3, avg: 2, count: 2 },
        { ts: 60, min: 0, max: 10, avg: 8, count: 6 },
        { ts: 120, min: 5, max: 5, avg: 5, count: 1 },
      ],
      0,
      100,
    );
    expect(pts).toEqual([
      { ts: 0, min: 0, max: 10, avg: (4 + 48) / 8, count: 8 },
      { ts: 120, min: 5, max: 5, avg: 5, count: 1 },
    ]);
  });
});
