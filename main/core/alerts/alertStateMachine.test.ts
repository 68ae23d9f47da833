import { describe, expect, it } from 'vitest';
import type { AlertInstance, AlertStateKind } from '../../../shared/model/alert.js';
import type { EvalResult } from './alertEvaluator.js';
import { initialInstance, nextAlertState, type StateMachineRule } from './alertStateMachine.js';

const V = (value: number, breached: boolean, recovered = !breached): EvalResult => ({ kind: 'value', value, breached, recovered });
const B = V(100, true);
const C = V(0, false);
const BAND = V(50, false, false);
const ND: EvalResult = { kind: 'noData', reason: 'stale series' };
const ERR: EvalResult = { kind: 'error', reason: 'node down' };

const rule = (o: Partial<StateMachineRule> = {}): StateMachineRule => ({ durationMs: 0, keepFiringForMs: 0, noDataPolicy: 'noData', errorPolicy: 'error', ...o });

/** Runs results at t = 0, 10 s, 20 s … and returns the state after each. */
function run(r: StateMachineRule, results: EvalResult[]): AlertStateKind[] {
  let s: AlertInstance = initialInstance('k', 'r', 'c', 'n', '', 0);
  return results.map((res, i) => (s = nextAlertState(s, res, r, i * 10_000)).state);
}

describe('nextAlertState timelines', () => {
  it.each<[string, StateMachineRule, EvalResult[], AlertStateKind[]]>([
    ['immediate fires on the first breach and resolves at once', rule(), [C, B, B, C], ['normal', 'firing', 'firing', 'normal']],
    ['duration 20 s: pending until held 20 s', rule({ durationMs: 20_000 }), [B, B, B, B], ['pending', 'pending', 'firing', 'firing']],
    ['pending dropped by one good value (constantly over)', rule({ durationMs: 20_000 }), [B, B, C, B, B, B], ['pending', 'pending', 'normal', 'pending', 'pending', 'firing']],
    ['keep firing for 20 s after recovery', rule({ keepFiringForMs: 20_000 }), [B, C, C, C], ['firing', 'recovering', 'recovering', 'normal']],
    ['recovering returns to firing on a new breach', rule({ keepFiringForMs: 20_000 }), [B, C, B], ['firing', 'recovering', 'firing']],
    ['hysteresis band keeps firing', rule(), [B, BAND, BAND, C], ['firing', 'firing', 'firing', 'normal']],
    ['hysteresis band does not start firing', rule(), [BAND, BAND], ['normal', 'normal']],
    ['noData policy noData', rule(), [ND, C], ['noData', 'normal']],
    ['error policy error', rule(), [ERR, ERR, C], ['error', 'error', 'normal']],
    ['firing through noData returns to firing without a new fire', rule(), [B, ND, B], ['firing', 'noData', 'firing']],
    ['noData policy alerting fires', rule({ noDataPolicy: 'alerting' }), [ND], ['firing']],
    ['noData policy ok resolves', rule({ noDataPolicy: 'ok' }), [B, ND], ['firing', 'normal']],
    ['noData policy keepLast keeps firing', rule({ noDataPolicy: 'keepLast' }), [B, ND, ND], ['firing', 'firing', 'firing']],
    ['error policy alerting honours the duration', rule({ errorPolicy: 'alerting', durationMs: 10_000 }), [ERR, ERR], ['pending', 'firing']],
  ])('%s', (_name, r, results, expected) => {
    expect(run(r, results)).toEqual(expected);
  });

  it('keeps firedAt through noData so a return is the same episode', () => {
    let s = initialInstance('k', 'r', 'c', 'n', '', 0);
    s = nextAlertState(s, B, rule(), 0);
    s = nextAlertState(s, ND, rule(), 10);
    s = nextAlertState(s, B, rule(), 20);
    expect(s.firedAt).toBe(0);
  });

  it('marks an instance flapping after alternating values and unmarks it when stable', () => {
    let s = initialInstance('k', 'r', 'c', 'n', '', 0);
    for (let i = 0; i < 12; i++) s = nextAlertState(s, i % 2 ? C : B, rule(), i * 1000);
    expect(s.flapping).toBe(true);
    for (let i = 12; i < 40; i++) s = nextAlertState(s, C, rule(), i * 1000);
    expect(s.flapping).toBe(false);
  });
});
