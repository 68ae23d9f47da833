import { describe, expect, it } from 'vitest';
import type { AlertRule } from '../../../shared/model/alert.js';
import { draftFromRule, minuteToTime, newCustomDraft, parseNodeList, timeToMinute, validateDraft } from './ruleForm.js';

describe('rule form', () => {
  it('a new custom draft is valid for the shared parser', () => {
    expect(validateDraft(newCustomDraft()).ok).toBe(true);
  });
  it('reports a bad threshold and hysteresis on the wrong side with their paths', () => {
    const d = newCustomDraft();
    const r = validateDraft({ ...d, condition: { kind: 'threshold', metric: { object: 'Memory', counter: '% Mem Used' }, direction: 'over', threshold: 80, recoveryThreshold: 95, valueAs: 'absolute' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.join('\n')).toMatch(/recoveryThreshold/);
    const nan = validateDraft({ ...d, condition: { kind: 'threshold', metric: { object: 'Memory', counter: '% Mem Used' }, direction: 'over', threshold: Number.NaN, valueAs: 'absolute' } });
    expect(nan.ok).toBe(false);
  });
  it('drops engine-owned fields from a rule', () => {
    const rule: AlertRule = { ...newCustomDraft(), id: 'x', preconfigured: true, source: 'L1' } as AlertRule;
    const draft = draftFromRule(rule);
    expect('preconfigured' in draft).toBe(false);
    expect('source' in draft).toBe(false);
    expect(draft.id).toBe('x');
  });
  it('parses node lists and times', () => {
    expect(parseNodeList(' a, ,b ,c')).toEqual(['a', 'b', 'c']);
    expect(minuteToTime(605)).toBe('10:05');
    expect(timeToMinute('10:05')).toBe(605);
    expect(timeToMinute('24:00')).toBeUndefined();
    expect(timeToMinute('x')).toBeUndefined();
  });
});
