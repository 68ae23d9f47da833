import type { ThresholdCondition } from '../../../shared/model/alert.js';

/**
 * The outcome of evaluating one threshold condition on one series (Grafana eval.Results, one per instance):
 * a value with whether it breaches the threshold and whether it is on the recovered side of the hysteresis band,
 * or no data, or a collection error.
 */
export type EvalResult =
  | { readonly kind: 'value'; readonly value: number; readonly breached: boolean; readonly recovered: boolean }
  | { readonly kind: 'noData'; readonly reason: string }
  | { readonly kind: 'error'; readonly reason: string };

/** The last two points of a series (enough for RTMT's Delta and Delta Percentage). */
export interface SeriesPoint {
  readonly value: number;
  readonly ts: number;
  readonly prevValue?: number;
  readonly prevTs?: number;
}

/** What the evaluator needs besides the condition and the point. */
export interface EvalContext {
  readonly now: number;
  /** A point older than this is missing data (Grafana "missing series evaluations"). */
  readonly staleAfterMs: number;
  /** Why the node's collection is failing right now, if it is (makes missing data an error, not no-data). */
  readonly collectionError?: string;
  /** The node fact named by `metric.percentOfNodeFact`, when known. */
  readonly nodeFact?: number;
}

/**
 * Returns the value calculated as RTMT's "Value Calculated As" (Absolute, Delta, Delta Percentage;
 * serviceability-reference.md A.3), or NaN when it cannot be computed yet ({@link whyNoValue} says why). A
 * number only, so the engine's per-instance path never boxes a result or builds a reason string.
 */
export function calculateNumber(c: ThresholdCondition, p: SeriesPoint, nodeFact?: number): number {
  const fact = c.metric.percentOfNodeFact;
  if (fact && (nodeFact === undefined || !(nodeFact > 0))) return Number.NaN;
  const v = fact ? (p.value / nodeFact!) * 100 : p.value;
  if (c.valueAs === 'absolute') return v;
  if (p.prevValue === undefined) return Number.NaN;
  const prev = fact ? (p.prevValue / nodeFact!) * 100 : p.prevValue;
  if (c.valueAs === 'delta') return v - prev;
  if (prev === 0) return v === 0 ? 0 : Number.NaN;
  return ((v - prev) / Math.abs(prev)) * 100;
}

/** Why {@link calculateNumber} gave no finite value for this point (the no-data reason people see). */
export function whyNoValue(c: ThresholdCondition, p: SeriesPoint, nodeFact?: number): string {
  if (c.metric.percentOfNodeFact && (nodeFact === undefined || !(nodeFact > 0))) return `node fact ${c.metric.percentOfNodeFact} unknown`;
  if (c.valueAs !== 'absolute' && p.prevValue === undefined) return 'waiting for a second sample';
  if (c.valueAs === 'deltaPercent' && p.prevValue === 0) return 'previous value is 0';
  return 'value is not a finite number';
}

/** Whether a value breaches the threshold: beyond it (over: v > T, under: v < T). */
export function breaches(c: ThresholdCondition, v: number): boolean {
  return c.direction === 'over' ? v > c.threshold : v < c.threshold;
}

/** Whether a value is on the safe side of the recovery threshold, or of the threshold when none is set. */
export function recovers(c: ThresholdCondition, v: number): boolean {
  const recovery = c.recoveryThreshold ?? c.threshold;
  return c.direction === 'over' ? v <= recovery : v >= recovery;
}

/**
 * Evaluates a threshold on one series point. `breached`: beyond the threshold (over: v > T, under: v < T).
 * `recovered`: on the safe side of the recovery threshold, or of the threshold when none is set
 * (over: v ≤ R, under: v ≥ R). Between the two, an instance that fires keeps firing (hysteresis).
 */
export function evaluateThreshold(c: ThresholdCondition, p: SeriesPoint | undefined, ctx: EvalContext): EvalResult {
  if (p === undefined || ctx.now - p.ts > ctx.staleAfterMs) {
    if (ctx.collectionError !== undefined) return { kind: 'error', reason: ctx.collectionError };
    return { kind: 'noData', reason: p === undefined ? 'no series' : 'stale series' };
  }
  const v = calculateNumber(c, p, ctx.nodeFact);
  if (!Number.isFinite(v)) return { kind: 'noData', reason: whyNoValue(c, p, ctx.nodeFact) };
  return { kind: 'value', value: v, breached: breaches(c, v), recovered: recovers(c, v) };
}
