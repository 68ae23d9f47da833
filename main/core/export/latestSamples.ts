import { seriesKey, type Sample } from '../../../shared/model/sample.js';

/** Default age after which a series is no longer exposed (a counter that stopped being polled goes away). */
export const DEFAULT_STALE_AFTER_MS = 5 * 60_000;

/** The latest sample of each series, fed by the collector, read by /metrics. */
export class LatestSamples {
  readonly #byKey = new Map<string, Sample>();

  constructor(private readonly staleAfterMs = DEFAULT_STALE_AFTER_MS) {}

  /** Keeps each sample that is newer than the one held for its series. */
  update(samples: readonly Sample[]): void {
    for (const s of samples) {
      if (!Number.isFinite(s.value) || !Number.isFinite(s.ts)) continue;
      const key = seriesKey(s);
      const prev = this.#byKey.get(key);
      if (!prev || s.ts >= prev.ts) this.#byKey.set(key, s);
    }
  }

  /** The samples not older than staleAfterMs at `nowMs`; older ones are dropped from the cache. */
  snapshot(nowMs: number): Sample[] {
    const out: Sample[] = [];
    for (const [key, s] of this.#byKey) {
      if (nowMs - s.ts > this.staleAfterMs) this.#byKey.delete(key);
      else out.push(s);
    }
    return out;
  }

  get size(): number {
    return this.#byKey.size;
  }
}
