/**
 * Exponential backoff: the delay before the next try after `failures` failures in a row (1 → `firstMs`, doubling,
 * never above `maxMs`). One formula for the poll scheduler and the storage write retries.
 */
export function backoffMs(failures: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(failures, 1) - 1, 10));
}

/** Retries of a write that found the database busy (history samples, alarm changes): 1 s doubling to 30 s. */
export const STORAGE_RETRY = { firstMs: 1_000, maxMs: 30_000 } as const;
