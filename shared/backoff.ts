/**
 * Exponential backoff: the delay before the next try after `failures` failures in a row (1 → `firstMs`, doubling,
 * never above `maxMs`). One formula for the poll scheduler, the SOAP rate-limit backoff, the storage write retries,
 * the notification retries and web mode's reconnect (pure, so the renderer uses it too).
 */
export function backoffMs(failures: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(failures, 1) - 1, 10));
}

/** Retries of a write that found the database busy (history samples, alarm changes): 1 s doubling to 30 s. */
export const STORAGE_RETRY = { firstMs: 1_000, maxMs: 30_000 } as const;

/**
 * Spreads a delay so that many retries started by one outage (every notification group failing against the same
 * SMTP server) do not come back in one wave: a delay between `(1 - ratio) × delayMs` and `delayMs`, never longer,
 * so a cap stays a cap. Alertmanager's notify retries randomize their backoff likewise (cenkalti/backoff,
 * randomization factor 0.5). `random` returns [0, 1) (Math.random; a seeded source in tests).
 */
export function withJitter(delayMs: number, ratio: number, random: () => number = Math.random): number {
  const r = Math.min(1, Math.max(0, ratio));
  return Math.round(delayMs * (1 - r * random()));
}
