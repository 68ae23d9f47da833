import { describe, expect, it } from 'vitest';
import { backoffMs, STORAGE_RETRY, withJitter } from './backoff.js';

describe('backoffMs', () => {
  it('doubles from the first delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffMs(n, STORAGE_RETRY.firstMs, STORAGE_RETRY.maxMs))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffMs(0, 5_000, 120_000)).toBe(5_000);
  });
});

describe('withJitter', () => {
  it('stays between (1 - ratio) × delay and the delay itself, and spreads the retries of one outage', () => {
    expect(withJitter(10_000, 0.5, () => 0)).toBe(10_000);
    expect(withJitter(10_000, 0.5, () => 0.999_999)).toBe(5_000);
    expect(withJitter(10_000, 0, () => 0.7)).toBe(10_000);
    expect(withJitter(10_000, 3, () => 0.5)).toBe(5_000); // a ratio above 1 is clamped: never a negative delay
    const delays = Array.from({ length: 200 }, () => withJitter(backoffMs(3, 10_000, 300_000), 0.5));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(20_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(40_000);
    // 200 retries of one outage do not come back together: they spread over the window.
    expect(new Set(delays.map((d) => Math.floor(d / 2_000))).size).toBeGreaterThan(5);
  });
});
