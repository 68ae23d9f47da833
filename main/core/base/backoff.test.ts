import { describe, expect, it } from 'vitest';
import { backoffMs, STORAGE_RETRY } from './backoff.js';

describe('backoffMs', () => {
  it('doubles from the first delay and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffMs(n, STORAGE_RETRY.firstMs, STORAGE_RETRY.maxMs))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(backoffMs(0, 5_000, 120_000)).toBe(5_000);
  });
});
