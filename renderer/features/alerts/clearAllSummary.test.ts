import { describe, expect, it } from 'vitest';
import type { AlarmRecord, AlertCondition, AlertRule } from '../../../shared/model/alert.js';
import { clearAllSummary, isOngoing } from './clearAllSummary.js';

const rule = (id: string, condition: AlertCondition): AlertRule => ({
  id, name: id, group: 'System', description: id, preconfigured: true, enabled: true, disabledNodes: [], severity: 'Critical', condition,
  duration: { kind: 'immediate' }, frequency: { kind: 'everyPoll' }, schedule: { kind: 'always' }, keepFiringForSeconds: 0,
  noDataPolicy: 'noData', errorPolicy: 'error', emailEnabled: false, alertAction: 'Default',
});
const RULES = [
  rule('CriticalServiceDown', { kind: 'threshold', metric: { object: 'IMP Monitor Service', counter: 'Down' }, direction: 'over', threshold: 0.5, valueAs: 'absolute' }),
  rule('CoreDumpFileFound', { kind: 'syslog', match: { msgName: 'CoreDumpFileFound' } }),
  rule('ServiceWithClear', { kind: 'syslog', match: { msgName: 'X' }, clearMsgName: 'XCleared' }),
];
const alarm = (id: string, ruleId: string, o: Partial<AlarmRecord> = {}): AlarmRecord => ({
  id, key: id, ruleId, ruleName: ruleId, group: 'System', severity: 'Critical', cluster: 'c1', node: 'imp1', instance: '', status: 'outstanding',
  message: '', origin: 'poll', raisedAt: 0, lastOccurrenceAt: 0, occurrences: 1, flapping: false, ...o,
});

describe('Clear all confirmation counts', () => {
  it('counts every active alarm and those whose condition is still present', () => {
    const active = [
      ...Array.from({ length: 5 }, (_, i) => alarm(`down${i}`, 'CriticalServiceDown')),
      ...Array.from({ length: 20 }, (_, i) => alarm(`core${i}`, 'CoreDumpFileFound', { origin: 'syslog' })),
      alarm('clr', 'ServiceWithClear', { origin: 'syslog', status: 'acknowledged' }),
    ];
    expect(clearAllSummary(active, RULES)).toMatchObject({ total: 26, ongoing: 6 });
    expect(clearAllSummary(active, RULES).ids).toEqual(active.map((a) => a.id));
  });
  it('a service-down alarm caught from syslog between polls is still a present condition', () => {
    expect(isOngoing(alarm('s', 'CriticalServiceDown', { origin: 'syslog' }), RULES[0])).toBe(true);
  });
  it('without the rules loaded, alarms raised by a poll count as present', () => {
    expect(clearAllSummary([alarm('a', 'Unknown'), alarm('b', 'Unknown', { origin: 'trap' })], [])).toEqual({ total: 2, ids: ['a', 'b'], ongoing: 1 });
  });
  it('ignores alarms that are no longer active', () => {
    expect(clearAllSummary([alarm('a', 'CriticalServiceDown', { status: 'resolved' }), alarm('b', 'CriticalServiceDown', { status: 'cleared' })], RULES)).toEqual({ total: 0, ids: [], ongoing: 0 });
  });
});
