/**
 * Throughput and time left from bytes as they arrive: a rate over a sliding window (default 10 s) of one-second
 * buckets, so a stall shows as a falling rate instead of the average since the start, and an ETA from that rate.
 * Time is given by the caller (tests pass their own clock).
 */
export class ProgressMeter {
  readonly #windowMs: number;
  /** [second, bytes] buckets, oldest first. */
  #buckets: Array<[number, number]> = [];
  #firstAtMs: number | undefined;

  constructor(
    private readonly now: () => number = Date.now,
    windowMs = 10_000,
  ) {
    this.#windowMs = Math.max(1000, windowMs);
  }

  /** Counts `n` bytes that arrived now. */
  add(n: number): void {
    if (n <= 0) return;
    const t = this.now();
    this.#firstAtMs ??= t;
    const sec = Math.floor(t / 1000);
    const last = this.#buckets[this.#buckets.length - 1];
    if (last && last[0] === sec) last[1] += n;
    else this.#buckets.push([sec, n]);
    this.#trim(t);
  }

  /** Bytes per second over the window (0 before any byte or after a whole window without one). */
  bytesPerSec(): number {
    const t = this.now();
    this.#trim(t);
    if (this.#buckets.length === 0 || this.#firstAtMs === undefined) return 0;
    const total = this.#buckets.reduce((s, b) => s + b[1], 0);
    // The window spans from the first byte seen (when younger than the window) to now, at least one second.
    const spanMs = Math.max(1000, Math.min(this.#windowMs, t - this.#firstAtMs));
    return Math.round((total * 1000) / spanMs);
  }

  /** Seconds until `remaining` bytes arrive at the current rate; undefined when it cannot be estimated. */
  etaSec(remaining: number): number | undefined {
    if (remaining <= 0) return 0;
    const rate = this.bytesPerSec();
    return rate > 0 ? Math.ceil(remaining / rate) : undefined;
  }

  #trim(t: number): void {
    const oldest = Math.floor((t - this.#windowMs) / 1000);
    while (this.#buckets.length > 0 && this.#buckets[0]![0] < oldest) this.#buckets.shift();
  }
}
