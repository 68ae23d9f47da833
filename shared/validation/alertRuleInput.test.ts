import { describe, expect, it } from 'vitest';
import { parseAlertRuleInput } from './alertRuleInput.js';

const cond = { kind: 'threshold', metric: { object: 'Memory', counter: '% VM Used' }, direction: 'over', threshold: 90 };

describe('parseAlertRuleInput', () => {
  it('fills RTMT defaults', () => {
    const r = parseAlertRuleInput({ name: 'VM', condition: cond });
    expect(r).toMatchObject({ ok: true, value: { group: 'Custom', severity: 'Warning', duration: { kind: 'immediate' }, frequency: { kind: 'everyPoll' }, schedule: { kind: 'always' }, emailEnabled: true, alertAction: 'Default', condition: { valueAs: 'absolute' } } });
  });

  it.each<[string, unknown, string]>([
    ['no name', { condition: cond }, 'name'],
    ['unknown field', { name: 'x', condition: cond, foo: 1 }, 'foo'],
    ['recovery on the wrong side', { name: 'x', condition: { ...cond, recoveryThreshold: 95 } }, 'condition.recoveryThreshold'],
    ['bad regex', { name: 'x', condition: { kind: 'syslog', match: { msgName: 'A', instancePattern: '(' } } }, 'instancePattern'],
    ['empty syslog match', { name: 'x', condition: { kind: 'syslog', match: {} } }, 'condition.match'],
    ['zero-length daily window', { name: 'x', condition: cond, schedule: { kind: 'daily', startMinute: 5, endMinute: 5 } }, 'schedule'],
    ['frequency without a window', { name: 'x', condition: cond, frequency: { kind: 'limited', maxAlerts: 3 } }, 'frequency.withinMinutes'],
    ['NaN threshold', { name: 'x', condition: { ...cond, threshold: Number.NaN } }, 'condition.threshold'],
    ['not an object', 'rule', '(root)'],
  ])('rejects %s naming the field', (_n, raw, field) => {
    const r = parseAlertRuleInput(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join('\n')).toContain(field);
  });
});
