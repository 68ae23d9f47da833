import { describe, expect, it } from 'vitest';
import type { AlertInstance } from '../../../shared/model/alert.js';
import { evaluateThreshold } from './alertEvaluator.js';
import { initialInstance, nextAlertState } from './alertStateMachine.js';
import { compileRule } from './ruleRegistry.js';
import { engineKit } from '../../../test/kits/engineTestKit.js';

describe('engine fast path (stable normal updated in place)', () => {
  it('gives the same instances as the pure evaluator + state machine on a random timeline', () => {
    const k = engineKit();
    const rule = k.engine.rules.create({ name: 'FP', condition: { kind: 'threshold', metric: { object: 'O', counter: 'C' }, direction: 'over', threshold: 90, recoveryThreshold: 80 }, duration: { kind: 'sustained', seconds: 60 } });
    const sm = compileRule(rule).sm;
    let pure: AlertInstance = initialInstance('custom:FP|c1|n1|', rule.id, 'c1', 'n1', '', k.scheduler.now());
    let seed = 3;
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 2000; i++) {
      const v = rand() < 0.9 ? rand() * 70 : 70 + rand() * 40;
      const sample = k.sample('n1', 'O', '', 'C', v);
      k.engine.ingestSamples([sample]);
      const now = k.scheduler.now();
      k.engine.evaluate(now);
      pure = nextAlertState(pure, evaluateThreshold(rule.condition as never, { value: v, ts: sample.ts }, { now, staleAfterMs: 90_000 }), sm, now);
      expect(k.engine.instances(rule.id)[0]).toEqual(pure);
      k.scheduler.advance(30_000);
    }
    k.engine.dispose();
  });
});
