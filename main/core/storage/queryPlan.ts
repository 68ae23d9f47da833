import type { Sample } from '../../../shared/model/sample.js';
import { AppError } from '../base/errors.js';
import type { Resolution, RetentionPolicy, SeriesPoint } from './storage.js';

/** Most points one series query may ask for (a chart wider than this is not a chart). */
export const MAX_QUERY_POINTS = 10_000_000;

/** Throws AppError('VALIDATION') unless [fromMs, toMs] is a finite, ordered range and maxPoints ≥ 1. */
export function validateQuery(fromMs: number, toMs: number, maxPoints: number): void {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
    throw new AppError('VALIDATION', `query range must be finite numbers (got ${fromMs}..${toMs})`);
  }
  if (toMs < fromMs) throw new AppError('VALIDATION', `query range ends before it starts (${fromMs} > ${toMs})`);
  if (!Number.isInteger(maxPoints) || maxPoints < 1 || maxPoints > MAX_QUERY_POINTS) {
    throw new AppError('VALIDATION', `maxPoints must be an integer in 1..${MAX_QUERY_POINTS} (got ${maxPoints})`);
  }
}

/**
 * Width of one output bucket so that [fromMs, toMs] (inclusive) splits into at most `maxPoints` buckets:
 * with b = floor(span / maxPoints) + 1, the last index floor(span / b) is < maxPoints.
 */
export function bucketWidthMs(fromMs: number, toMs: number, maxPoints: number): number {
  return Math.floor((toMs - fromMs) / maxPoints) + 1;
}

/** The finest resolution whose retention still covers `fromMs` (raw, then 1-minute, then 1-hour rollups). */
export function pickResolution(fromMs: number, nowMs: number, retention: RetentionPolicy): Resolution {
  if (fromMs >= nowMs - retention.rawMs) return 'raw';
  if (fromMs >= nowMs - retention.minuteMs) return '1m';
  return '1h';
}

/** Returns whether a sample can be stored: non-empty cluster/node/object/counter, finite value and time. */
export function isStorableSample(s: Sample): boolean {
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.cluster === 'string' &&
    s.cluster !== '' &&
    typeof s.node === 'string' &&
    s.node !== '' &&
    typeof s.object === 'string' &&
    s.object !== '' &&
    typeof s.instance === 'string' &&
    typeof s.counter === 'string' &&
    s.counter !== '' &&
    typeof s.value === 'number' &&
    Number.isFinite(s.value) &&
    typeof s.ts === 'number' &&
    Number.isFinite(s.ts)
  );
}

/** A stored row before bucketing: a raw sample (count 1) or a rollup bucket. */
export interface AggregateRow {
  readonly ts: number;
  readonly min: number;
  readonly max: number;
  readonly avg: number;
  readonly count: number;
}

/**
 * Groups rows (sorted by ts) into buckets of `bucketMs` starting at `fromMs`: min of mins, max of maxes,
 * count-weighted average, earliest ts. The pure reference of what the SQLite query computes in SQL.
 */
export function bucketRows(rows: readonly AggregateRow[], fromMs: number, bucketMs: number): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  let idx = -1;
  let cur: { ts: number; min: number; max: number; sum: number; count: number } | undefined;
  const push = (): void => {
    if (cur) out.push({ ts: cur.ts, min: cur.min, max: cur.max, avg: cur.sum / cur.count, count: cur.count });
  };
  for (const r of rows) {
    const b = Math.floor((r.ts - fromMs) / bucketMs);
    if (!cur || b !== idx) {
      push();
      idx = b;
      cur = { ts: r.ts, min: r.min, max: r.max, sum: r.avg * r.count, count: r.count };
    } else {
      cur.min = Math.min(cur.min, r.min);
      cur.max = Math.max(cur.max, r.max);
      cur.sum += r.avg * r.count;
      cur.count += r.count;
    }
  }
  push();
  return out;
}
