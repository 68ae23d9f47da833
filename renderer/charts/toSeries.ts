/**
 * Pure transforms from the contract's series (SeriesData, live Samples) to recharts rows (house-style.md 5.2,
 * Grafana resultTransformer). Rows are bucketed on the chart width so a chart never draws more points than it
 * has pixels, whatever the range (24 h at 5 s = 17 280 points per series becomes ≤ width rows).
 */
import { seriesKey, type Sample } from '../../shared/model/sample.js';
import type { SeriesData, SeriesRef } from '../../shared/model/views.js';

/** One point: [time ms, value]. */
export type Point = readonly [number, number];

/** One live series of a chart: its reference, key and points in time order. */
export interface LiveSeries {
  readonly ref: SeriesRef;
  readonly key: string;
  readonly points: readonly Point[];
}

/** One recharts row: `t` plus one value per series under `s<index>` (undefined where the series has none). */
export interface ChartRow {
  readonly t: number;
  readonly [series: `s${number}`]: number | undefined;
}

/** Returns the key of a series reference (same as shared/model/sample.ts seriesKey). */
export function refKey(ref: SeriesRef): string {
  return seriesKey(ref);
}

/** Returns the live series of a query answer, in the order of `refs` (a missing answer gives no points). */
export function fromSeriesData(refs: readonly SeriesRef[], data: readonly SeriesData[]): LiveSeries[] {
  const byKey = new Map(data.map((d) => [refKey(d.series), d]));
  return refs.map((ref) => {
    const key = refKey(ref);
    return { ref, key, points: [...(byKey.get(key)?.points ?? [])].sort((a, b) => a[0] - b[0]) };
  });
}

/**
 * Appends the samples of a batch to the series they belong to: only newer points (a replayed or late sample is
 * dropped), keeping points at or after `keepFromMs`. Returns the same array when nothing matched.
 */
export function appendSamples(series: readonly LiveSeries[], samples: readonly Sample[], keepFromMs: number): readonly LiveSeries[] {
  if (samples.length === 0 || series.length === 0) return series;
  const wanted = new Map<string, Point[]>();
  for (const s of series) wanted.set(s.key, []);
  let matched = false;
  for (const sample of samples) {
    const bucket = wanted.get(seriesKey(sample));
    if (bucket && Number.isFinite(sample.value)) {
      bucket.push([sample.ts, sample.value]);
      matched = true;
    }
  }
  if (!matched) return series;
  return series.map((s) => {
    const added = wanted.get(s.key) ?? [];
    if (added.length === 0 && (s.points[0]?.[0] ?? Infinity) >= keepFromMs) return s;
    added.sort((a, b) => a[0] - b[0]);
    const last = s.points.at(-1)?.[0] ?? -Infinity;
    const kept = s.points.filter((p) => p[0] >= keepFromMs);
    for (const p of added) if (p[0] > (kept.at(-1)?.[0] ?? last) && p[0] >= keepFromMs) kept.push(p);
    return { ...s, points: kept };
  });
}

/**
 * Returns chart rows for [fromMs, toMs] with at most `maxPoints` rows: time is cut into `maxPoints` equal
 * buckets and each series contributes the mean of its points in a bucket. Rows with no value are left out.
 */
export function toChartRows(series: readonly LiveSeries[], fromMs: number, toMs: number, maxPoints: number): ChartRow[] {
  const buckets = Math.max(1, Math.floor(maxPoints));
  const span = toMs - fromMs;
  if (!(span > 0)) return [];
  const sums = new Map<number, { sum: number[]; count: number[] }>();
  series.forEach((s, index) => {
    for (const [t, v] of s.points) {
      if (t < fromMs || t > toMs) continue;
      const b = Math.min(buckets - 1, Math.floor(((t - fromMs) / span) * buckets));
      let acc = sums.get(b);
      if (!acc) {
        acc = { sum: new Array<number>(series.length).fill(0), count: new Array<number>(series.length).fill(0) };
        sums.set(b, acc);
      }
      acc.sum[index] = (acc.sum[index] ?? 0) + v;
      acc.count[index] = (acc.count[index] ?? 0) + 1;
    }
  });
  const rows: ChartRow[] = [];
  for (const b of [...sums.keys()].sort((x, y) => x - y)) {
    const acc = sums.get(b);
    if (!acc) continue;
    const row: Record<string, number | undefined> = { t: Math.round(fromMs + ((b + 0.5) * span) / buckets) };
    series.forEach((_, i) => {
      const count = acc.count[i] ?? 0;
      row[`s${i}`] = count > 0 ? (acc.sum[i] ?? 0) / count : undefined;
    });
    rows.push(row as unknown as ChartRow);
  }
  return rows;
}

/** Returns the latest value of a series, or undefined when it has none. */
export function latestValue(series: LiveSeries | undefined): number | undefined {
  return series?.points.at(-1)?.[1];
}

/** Returns the points of the series inside [fromMs, toMs] (for CSV of a zoomed range and tables). */
export function pointsInRange(points: readonly Point[], fromMs: number, toMs: number): Point[] {
  return points.filter((p) => p[0] >= fromMs && p[0] <= toMs);
}
