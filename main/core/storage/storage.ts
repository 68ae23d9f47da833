import type { Sample } from '../../../shared/model/sample.js';
import type { SeriesRef } from '../../../shared/model/views.js';
import type { Disposable } from '../base/disposable.js';

/**
 * Storage is defined by its interfaces (house-style.md 5.2): the alert engine, /metrics and the UI depend on
 * these types only, never on the SQLite or in-memory implementations behind them.
 */

/** The identity of a series: everything of a Sample but value and time (one definition, in shared/). */
export type { SeriesRef };

/** Filter for `listSeries`: every given field must match exactly; omitted fields match anything. */
export type SeriesFilter = Partial<SeriesRef>;

/** Which stored table a query answer came from. */
export type Resolution = 'raw' | '1m' | '1h';

/**
 * One point of a query answer: a bucket of the requested range. For a bucket holding a single raw sample,
 * `min === max === avg` and `ts` is that sample's exact time.
 */
export interface SeriesPoint {
  /** Time of the earliest sample (or rollup bucket) in this point, ms since the epoch. */
  readonly ts: number;
  readonly min: number;
  readonly max: number;
  readonly avg: number;
  /** Number of raw samples behind this point. */
  readonly count: number;
}

/** The answer for one series of a query. */
export interface SeriesQueryResult {
  /** The series key as given (shared/model/sample.ts `seriesKey`). */
  readonly key: string;
  /** The finest stored resolution that still covers `fromMs` (raw 24 h, 1m 30 days, 1h one year). */
  readonly resolution: Resolution;
  /** Width of one output bucket in ms (≥ 1); every point covers [fromMs + k·bucketMs, fromMs + (k+1)·bucketMs). */
  readonly bucketMs: number;
  /** At most `maxPoints` points, oldest first. Empty for an unknown series. */
  readonly points: readonly SeriesPoint[];
}

/** The latest stored value of a series. */
export interface LatestValue {
  readonly ts: number;
  readonly value: number;
}

/** What `append` did with its input. */
export interface AppendResult {
  /** Samples queued for the next batch. */
  readonly accepted: number;
  /** Samples refused (empty identity fields, non-finite value or time); never stored. */
  readonly rejected: number;
}

/** Retention of each resolution, ms. */
export interface RetentionPolicy {
  readonly rawMs: number;
  readonly minuteMs: number;
  readonly hourMs: number;
}

/** Defaults of the issue: raw samples 24 hours, 1-minute rollups 30 days, 1-hour rollups one year. */
export const DEFAULT_RETENTION: RetentionPolicy = {
  rawMs: 24 * 3_600_000,
  minuteMs: 30 * 86_400_000,
  hourMs: 365 * 86_400_000,
};

/** The time-series history of collected samples. Writes are batched; reads see unflushed samples too. */
export interface SampleStore extends Disposable {
  /** Queues samples for the next batch (flushed by size or timer); invalid samples are counted, not thrown. */
  append(samples: readonly Sample[]): AppendResult;
  /** Writes the queued batch now (one transaction). Returns how many samples were written. */
  flush(): number;
  /**
   * Returns each series' points in [fromMs, toMs] (both inclusive), at most `maxPoints` per series, with
   * min/max/avg buckets when the stored data is denser than that.
   * Throws AppError('VALIDATION') for a bad range or maxPoints < 1.
   */
  query(seriesKeys: readonly string[], fromMs: number, toMs: number, maxPoints: number): SeriesQueryResult[];
  /** The latest value of a series (by key or ref), or undefined when nothing is stored for it. */
  latest(series: string | SeriesRef): LatestValue | undefined;
  /** Known series matching the filter, sorted by key. */
  listSeries(filter?: SeriesFilter): SeriesRef[];
}
