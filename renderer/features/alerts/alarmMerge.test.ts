import { describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../../shared/model/alert.js';
import { mergeActiveAlarms, newCriticalAlarms } from './alarmMerge.js';

const alarm = (id: string, severity: AlarmRecord['severity'], status: AlarmRecord['status'] = 'outstanding', at = 0): AlarmRecord => ({
  id,
  key: `k${id}`,
  ruleId: 'r',
  ruleName: 'R',
  group: 'System',
  severity,
  cluster: 'c1',
  node: 'n',
  instance: '',
  status,
  message: '',
  origin: 'poll',
  raisedAt: at,
  lastOccurrenceAt: at,
  occurrences: 1,
  flapping: false,
});

describe('mergeActiveAlarms', () => {
  it('updates, adds and removes, worst first then newest', () => {
    const active = [alarm('1', 'Warning'), alarm('2', 'Critical')];
    const out = mergeActiveAlarms(active, [alarm('1', 'Warning', 'acknowledged'), alarm('2', 'Critical', 'cleared'), alarm('3', 'Emergency'), alarm('4', 'Warning', 'outstanding', 5)]);
    expect(out.map((a) => [a.id, a.status])).toEqual([
      ['3', 'outstanding'],
      ['4', 'outstanding'],
      ['1', 'acknowledged'],
    ]);
  });
});

describe('newCriticalAlarms', () => {
  it('announces new outstanding Critical-or-worse alarms only', () => {
    const known = new Set(['1']);
    const out = newCriticalAlarms(known, [alarm('1', 'Critical'), alarm('2', 'Critical'), alarm('3', 'Error'), alarm('4', 'Emergency', 'acknowledged'), alarm('5', 'Alert')]);
    expect(out.map((a) => a.id)).toEqual(['2', '5']);
  });
});
