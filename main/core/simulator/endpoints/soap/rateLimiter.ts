/** Options of a sliding-window limiter. */
export interface RateLimiterOptions {
  /** Requests allowed per window and key. */
  readonly limit: number;
  /** Window length in milliseconds (60 000 for Cisco's "requests per minute"). */
  readonly windowMs: number;
  /** The clock; the real one by default (the SOAP rate limit is wall-clock, not simulated time). */
  readonly now?: () => number;
  /** Keys tracked at most; the least recently used key is forgotten beyond it. */
  readonly maxKeys?: number;
}

/**
 * A sliding-window request limiter per key (client IP + user), as Cisco's Perfmon and RisPort throttles
 * behave: at most `limit` accepted requests within any `windowMs` (reference B.1, B.2). Refused requests
 * do not consume budget.
 */
export class SlidingWindowRateLimiter {
  readonly #hits = new Map<string, number[]>();
  readonly #now: () => number;
  readonly #maxKeys: number;

  constructor(readonly options: RateLimiterOptions) {
    if (!(options.limit >= 0) || !(options.windowMs > 0)) throw new RangeError('limit must be >= 0 and windowMs > 0');
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  /** Records a request for `key` and returns true, or returns false when the key is over its budget. */
  tryAcquire(key: string): boolean {
    const now = this.#now();
    const since = now - this.options.windowMs;
    const hits = this.#hits.get(key) ?? [];
    let drop = 0;
    while (drop < hits.length && hits[drop]! <= since) drop++;
    if (drop > 0) hits.splice(0, drop);
    // Re-insert to keep the Map in least-recently-used order.
    this.#hits.delete(key);
    this.#hits.set(key, hits);
    if (this.#hits.size > this.#maxKeys) {
      const oldest = this.#hits.keys().next().value;
      if (oldest !== undefined) this.#hits.delete(oldest);
    }
    if (hits.length >= this.options.limit) return false;
    hits.push(now);
    return true;
  }
}
