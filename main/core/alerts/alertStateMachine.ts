import type { AlertInstance, AlertStateKind, MissingDataPolicy } from '../../../shared/model/alert.js';
import type { EvalResult } from './alertEvaluator.js';
import { nextFlapping, pushHistory } from './flapDetection.js';

/**
 * The pure detection state machine of one rule × node × instance (house-style.md 5.6; Grafana state.go,
 * Prometheus alerting.go). States: normal → pending (for the rule's duration) → firing → recovering
 * (keep-firing-for) → normal, plus noData and error as the rule's policies decide.
 */

/** The timing and policies of a rule, in the units the machine uses. */
export interface StateMachineRule {
  /** RTMT Duration: 0 = trigger immediately. */
  readonly durationMs: number;
  /** Keep firing this long after the value recovered (0 = resolve at once). */
  readonly keepFiringForMs: number;
  readonly noDataPolicy: MissingDataPolicy;
  readonly errorPolicy: MissingDataPolicy;
}

/** The condition outcome after policies: beyond the threshold, recovered, or in the hysteresis band. */
type Outcome = 'breach' | 'clear' | 'band';

/** A fresh instance in the normal state. */
export function initialInstance(key: string, ruleId: string, cluster: string, node: string, instance: string, now: number): AlertInstance {
  // Every field present, always in this order: one hidden class for all instances (fast at 10,000 rules).
  return { key, ruleId, cluster, node, instance, state: 'normal', reason: 'initial', activeSince: undefined, firedAt: undefined, recoveringSince: undefined, lastEvaluatedAt: now, lastValue: undefined, history: 0, historyLength: 0, flapping: false };
}

/** Returns the next state of an instance after one evaluation result at `now`. */
export function nextAlertState(prev: AlertInstance, result: EvalResult, rule: StateMachineRule, now: number): AlertInstance {
  let next: AlertInstance;
  let lastValue = prev.lastValue;
  if (result.kind === 'value') {
    next = apply(prev, result.breached ? 'breach' : result.recovered ? 'clear' : 'band', rule, now, 'threshold');
    lastValue = result.value;
  } else {
    const policy = result.kind === 'noData' ? rule.noDataPolicy : rule.errorPolicy;
    const reason = `${result.kind}: ${result.reason}`;
    if (policy === 'keepLast') next = prev;
    else if (policy === 'alerting') next = apply(prev, 'breach', rule, now, reason);
    else if (policy === 'ok') next = apply(prev, 'clear', rule, now, reason);
    else next = prev.state === policy ? prev : missing(prev, policy, reason);
  }
  // One allocation per evaluation (the hot path of 10,000 rules; test/bench/alertsBench.ts).
  const bit = next.state === 'firing' || next.state === 'pending';
  const h = pushHistory(prev.history, prev.historyLength, bit);
  return {
    key: next.key,
    ruleId: next.ruleId,
    cluster: next.cluster,
    node: next.node,
    instance: next.instance,
    state: next.state,
    reason: next.reason,
    activeSince: next.activeSince,
    firedAt: next.firedAt,
    recoveringSince: next.recoveringSince,
    lastEvaluatedAt: now,
    lastValue,
    history: h.history,
    historyLength: h.length,
    flapping: nextFlapping(prev.flapping, h.history, h.length),
  };
}

/** An instance the engine may update in place (see {@link stepStableNormal}). */
export type MutableInstance = { -readonly [K in keyof AlertInstance]: AlertInstance[K] };

/**
 * In-place equivalent of nextAlertState for an instance that is normal (reason 'threshold', last evaluation not
 * breached, not flapping) and gets a non-breaching value: only the value, time and history change, and the flap
 * percentage cannot rise (no new change enters the window), so flapping stays false.
 */
export function stepStableNormal(m: MutableInstance, value: number, now: number): void {
  const h = pushHistory(m.history, m.historyLength, false);
  m.lastValue = value;
  m.lastEvaluatedAt = now;
  m.history = h.history;
  m.historyLength = h.length;
}

/** Returns the instance reset to normal by a person (RTMT Clear Alert): a new breach must wait its duration again. */
export function clearInstance(prev: AlertInstance, now: number): AlertInstance {
  return { ...without(prev), state: 'normal', reason: 'cleared', lastEvaluatedAt: now };
}

function apply(prev: AlertInstance, outcome: Outcome, rule: StateMachineRule, now: number, reason: string): AlertInstance {
  const s = prev.state;
  if (outcome === 'breach') {
    if (s === 'firing') return prev;
    if (s === 'recovering' || prev.firedAt !== undefined) return { ...prev, state: 'firing', reason, recoveringSince: undefined };
    if (s === 'pending') {
      const since = prev.activeSince ?? now;
      return now - since >= rule.durationMs ? { ...prev, state: 'firing', reason, firedAt: now } : prev;
    }
    if (rule.durationMs <= 0) return { ...prev, state: 'firing', reason, activeSince: now, firedAt: now };
    return { ...prev, state: 'pending', reason, activeSince: now };
  }
  if (outcome === 'band' && (s === 'firing' || s === 'recovering' || prev.firedAt !== undefined)) {
    return s === 'firing' ? prev : { ...prev, state: 'firing', reason, recoveringSince: undefined };
  }
  // clear, or band while not firing
  if (s === 'firing' && rule.keepFiringForMs > 0) return { ...prev, state: 'recovering', reason, recoveringSince: now };
  if (s === 'recovering' && now - (prev.recoveringSince ?? now) < rule.keepFiringForMs) return prev;
  if (s === 'normal') return prev.reason === reason ? prev : { ...prev, reason };
  return { ...without(prev), state: 'normal', reason };
}

function missing(prev: AlertInstance, state: AlertStateKind, reason: string): AlertInstance {
  // A firing instance keeps firedAt through missing data: data that returns breached does not raise again
  // (missing data is a distinct state, not "resolved"; peers-and-limits.md 3.1 takeaways).
  return { ...prev, state, reason, activeSince: prev.firedAt === undefined ? undefined : prev.activeSince, recoveringSince: undefined };
}

function without(prev: AlertInstance): AlertInstance {
  return { ...prev, activeSince: undefined, firedAt: undefined, recoveringSince: undefined };
}
