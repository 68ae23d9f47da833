import type { NodeFactName, ThresholdCondition } from '../../../shared/model/alert.js';

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
 * A threshold condition reduced to the numbers its evaluation needs, in one fixed shape (every field always
 * present): the engine reads these once per instance, 90,000 times per evaluation at 10,000 rules, where the
 * condition objects themselves come in several shapes (optional recovery threshold and fact) and would make
 * every read a slow, polymorphic one (test/bench/alertsBench.ts).
 */
export interface ThresholdMath {
  readonly over: boolean;
  readonly threshold: number;
  /** The recovery threshold, or the threshold when none is set. */
  readonly recovery: number;
  /** 0 absolute, 1 delta, 2 delta percentage. */
  readonly valueAs: 0 | 1 | 2;
  /** The node fact the value is a percentage of, or undefined. */
  readonly fact: NodeFactName | undefined;
}

/** Reduces a threshold condition to its {@link ThresholdMath}. */
export function thresholdMath(c: ThresholdCondition): ThresholdMath {
  return {
    over: c.direction === 'over',
    threshold: c.threshold,
    recovery: c.recoveryThreshold ?? c.threshold,
    valueAs: c.valueAs === 'absolute' ? 0 : c.valueAs === 'delta' ? 1 : 2,
    fact: c.metric.percentOfNodeFact,
  };
}

/**
 * Returns the value calculated as RTMT's "Value Calculated As" (Absolute, Delta, Delta Percentage;
 * serviceability-reference.md A.3) from plain numbers (`prevValue` NaN when there is no previous sample), or NaN
 * when it cannot be computed yet ({@link whyNoValue} says why). Numbers only: the engine's per-instance path
 * reads points from columns and never boxes a result or builds a reason string.
 */
export function calculateFrom(m: ThresholdMath, value: number, prevValue: number, nodeFact: number | undefined): number {
  const scaled = m.fact !== undefined;
  if (scaled && (nodeFact === undefined || !(nodeFact > 0))) return Number.NaN;
  const v = scaled ? (value / nodeFact!) * 100 : value;
  if (m.valueAs === 0) return v;
  if (Number.isNaN(prevValue)) return Number.NaN;
  const prev = scaled ? (prevValue / nodeFact!) * 100 : prevValue;
  if (m.valueAs === 1) return v - prev;
  if (prev === 0) return v === 0 ? 0 : Number.NaN;
  return ((v - prev) / Math.abs(prev)) * 100;
}

/** Why {@link calculateFrom} gave no finite value for this point (the no-data reason people see). */
export function whyNoValue(c: ThresholdCondition, p: SeriesPoint, nodeFact?: number): string {
  if (c.metric.percentOfNodeFact && (nodeFact === undefined || !(nodeFact > 0))) return `node fact ${c.metric.percentOfNodeFact} unknown`;
  if (c.valueAs !== 'absolute' && p.prevValue === undefined) return 'waiting for a second sample';
  if (c.valueAs === 'deltaPercent' && p.prevValue === 0) return 'previous value is 0';
  return 'value is not a finite number';
}

/** Whether a value breaches the threshold: beyond it (over: v > T, under: v < T). */
export function breaches(m: ThresholdMath, v: number): boolean {
  return m.over ? v > m.threshold : v < m.threshold;
}

/** Whether a value is on the safe side of the recovery threshold (over: v ≤ R, under: v ≥ R). */
export function recovers(m: ThresholdMath, v: number): boolean {
  return m.over ? v <= m.recovery : v >= m.recovery;
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
  const m = thresholdMath(c);
  const v = calculateFrom(m, p.value, p.prevValue ?? Number.NaN, ctx.nodeFact);
  if (!Number.isFinite(v)) return { kind: 'noData', reason: whyNoValue(c, p, ctx.nodeFact) };
  return { kind: 'value', value: v, breached: breaches(m, v), recovered: recovers(m, v) };
}
