import { seriesKey, type Sample } from '../../../../shared/model/sample.js';
import { AppError } from '../../base/errors.js';
import { bucketRows, bucketWidthMs, isStorableSample, validateQuery } from '../queryPlan.js';
import { matchesFilter } from '../seriesFilter.js';
import type {
  AppendResult,
  LatestValue,
  SampleStore,
  SeriesFilter,
  SeriesQueryResult,
  SeriesRef,
} from '../storage.js';

interface MemorySeries {
  readonly ref: SeriesRef;
  /** Sorted by ts, one value per ts (a later append with the same ts replaces it, as in SQLite). */
  readonly points: Array<{ ts: number; value: number }>;
}

/**
 * The in-memory SampleStore for tests of other layers (Alertmanager provider/mem): raw samples only, no
 * retention, no batching (every append is visible and "flushed" at once), same query semantics as SQLite's raw
 * resolution.
 */
export class MemorySampleStore implements SampleStore {
  readonly #series = new Map<string, MemorySeries>();
  #disposed = false;

  append(samples: readonly Sample[]): AppendResult {
    this.#assertOpen();
    let accepted = 0;
    let rejected = 0;
    for (const s of samples) {
      if (!isStorableSample(s)) {
        rejected++;
        continue;
      }
      const key = seriesKey(s);
      let series = this.#series.get(key);
      if (!series) {
        const ref = { cluster: s.cluster, node: s.node, object: s.object, instance: s.instance, counter: s.counter };
        series = { ref, points: [] };
        this.#series.set(key, series);
      }
      insertSorted(series.points, Math.round(s.ts), s.value);
      accepted++;
    }
    return { accepted, rejected };
  }

  flush(): number {
    return 0;
  }

  query(seriesKeys: readonly string[], fromMs: number, toMs: number, maxPoints: number): SeriesQueryResult[] {
    this.#assertOpen();
    validateQuery(fromMs, toMs, maxPoints);
    const from = Math.floor(fromMs);
    const to = Math.floor(toMs);
    const bucketMs = bucketWidthMs(from, to, maxPoints);
    return seriesKeys.map((key) => {
      const pts = this.#series.get(key)?.points ?? [];
      const rows = pts
        .filter((p) => p.ts >= from && p.ts <= to)
        .map((p) => ({ ts: p.ts, min: p.value, max: p.value, avg: p.value, count: 1 }));
      return { key, resolution: 'raw' as const, bucketMs, points: bucketRows(rows, from, bucketMs) };
    });
  }

  latest(series: string | SeriesRef): LatestValue | undefined {
    this.#assertOpen();
    const pts = this.#series.get(typeof series === 'string' ? series : seriesKey(series))?.points;
    const last = pts?.[pts.length - 1];
    return last ? { ts: last.ts, value: last.value } : undefined;
  }

  listSeries(filter: SeriesFilter = {}): SeriesRef[] {
    this.#assertOpen();
    return [...this.#series.entries()]
      .filter(([, s]) => matchesFilter(s.ref, filter))
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, s]) => s.ref);
  }

  dispose(): void {
    this.#disposed = true;
  }

  #assertOpen(): void {
    if (this.#disposed) throw new AppError('PRECONDITION', 'sample store is disposed', { retryable: false });
  }
}

function insertSorted(points: Array<{ ts: number; value: number }>, ts: number, value: number): void {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.ts < ts) lo = mid + 1;
    else hi = mid;
  }
  if (points[lo]?.ts === ts) points[lo] = { ts, value };
  else points.splice(lo, 0, { ts, value });
}
