import type { AlertInstance, AlertStateKind, MissingDataPolicy } from '../../../shared/model/alert.js';
import type { EvalResult } from './alertEvaluator.js';
import { FLAP_WINDOW, nextFlapping, pushHistoryBits } from './flapDetection.js';

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

/** Returns the next state of an instance after one evaluation result at `now` (a new object; `prev` is untouched). */
export function nextAlertState(prev: AlertInstance, result: EvalResult, rule: StateMachineRule, now: number): AlertInstance {
  // Every field, always in this order: one hidden class for all instances.
  const m: MutableInstance = {
    key: prev.key,
    ruleId: prev.ruleId,
    cluster: prev.cluster,
    node: prev.node,
    instance: prev.instance,
    state: prev.state,
    reason: prev.reason,
    activeSince: prev.activeSince,
    firedAt: prev.firedAt,
    recoveringSince: prev.recoveringSince,
    lastEvaluatedAt: prev.lastEvaluatedAt,
    lastValue: prev.lastValue,
    history: prev.history,
    historyLength: prev.historyLength,
    flapping: prev.flapping,
  };
  advanceAlertState(m, result, rule, now);
  return m;
}

/**
 * {@link nextAlertState} in place: the engine's instances are private to it, so it updates them without
 * allocating (10,000 rules with flapping delta rules; test/bench/alertsBench.ts).
 */
export function advanceAlertState(m: MutableInstance, result: EvalResult, rule: StateMachineRule, now: number): void {
  if (result.kind === 'value') {
    advanceOnValue(m, result.value, result.breached, result.recovered, rule, now);
    return;
  }
  const policy = result.kind === 'noData' ? rule.noDataPolicy : rule.errorPolicy;
  const reason = `${result.kind}: ${result.reason}`;
  if (policy === 'alerting') apply(m, 'breach', rule, now, reason);
  else if (policy === 'ok') apply(m, 'clear', rule, now, reason);
  else if (policy !== 'keepLast' && m.state !== policy) missing(m, policy, reason);
  record(m, now);
}

/**
 * {@link advanceAlertState} for a value result, given as numbers and booleans: the engine's path for a fresh
 * value, which then builds no EvalResult object (thousands of flapping instances per evaluation).
 */
export function advanceOnValue(m: MutableInstance, value: number, breached: boolean, recovered: boolean, rule: StateMachineRule, now: number): void {
  apply(m, breached ? 'breach' : recovered ? 'clear' : 'band', rule, now, 'threshold');
  m.lastValue = value;
  record(m, now);
}

/** Records the step in the flap history (bits and length). */
function record(m: MutableInstance, now: number): void {
  const history = pushHistoryBits(m.history, m.state === 'firing' || m.state === 'pending');
  const length = m.historyLength < FLAP_WINDOW ? m.historyLength + 1 : FLAP_WINDOW;
  m.lastEvaluatedAt = now;
  m.history = history;
  m.historyLength = length;
  m.flapping = nextFlapping(m.flapping, history, length);
}

/** An instance the engine may update in place (see {@link advanceAlertState} and instanceSlot.ts). */
export type MutableInstance = { -readonly [K in keyof AlertInstance]: AlertInstance[K] };

/** Returns the instance reset to normal by a person (RTMT Clear Alert): a new breach must wait its duration again. */
export function clearInstance(prev: AlertInstance, now: number): AlertInstance {
  return { ...without(prev), state: 'normal', reason: 'cleared', lastEvaluatedAt: now };
}

function set(m: MutableInstance, state: AlertStateKind, reason: string): void {
  m.state = state;
  m.reason = reason;
}

/** The transition of one outcome, in place (a step that keeps the instance leaves it untouched). */
function apply(m: MutableInstance, outcome: Outcome, rule: StateMachineRule, now: number, reason: string): void {
  const s = m.state;
  if (outcome === 'breach') {
    if (s === 'firing') return;
    if (s === 'recovering' || m.firedAt !== undefined) {
      set(m, 'firing', reason);
      m.recoveringSince = undefined;
    } else if (s === 'pending') {
      if (now - (m.activeSince ?? now) >= rule.durationMs) {
        set(m, 'firing', reason);
        m.firedAt = now;
      }
    } else if (rule.durationMs <= 0) {
      set(m, 'firing', reason);
      m.activeSince = now;
      m.firedAt = now;
    } else {
      set(m, 'pending', reason);
      m.activeSince = now;
    }
    return;
  }
  if (outcome === 'band' && (s === 'firing' || s === 'recovering' || m.firedAt !== undefined)) {
    if (s !== 'firing') {
      set(m, 'firing', reason);
      m.recoveringSince = undefined;
    }
    return;
  }
  // clear, or band while not firing
  if (s === 'firing' && rule.keepFiringForMs > 0) {
    set(m, 'recovering', reason);
    m.recoveringSince = now;
  } else if (s === 'recovering' && now - (m.recoveringSince ?? now) < rule.keepFiringForMs) {
    return;
  } else if (s === 'normal') {
    m.reason = reason;
  } else {
    set(m, 'normal', reason);
    m.activeSince = undefined;
    m.firedAt = undefined;
    m.recoveringSince = undefined;
  }
}

function missing(m: MutableInstance, state: AlertStateKind, reason: string): void {
  // A firing instance keeps firedAt through missing data: data that returns breached does not raise again
  // (missing data is a distinct state, not "resolved"; peers-and-limits.md 3.1 takeaways).
  set(m, state, reason);
  if (m.firedAt === undefined) m.activeSince = undefined;
  m.recoveringSince = undefined;
}

function without(prev: AlertInstance): AlertInstance {
  return { ...prev, activeSince: undefined, firedAt: undefined, recoveringSince: undefined };
}
