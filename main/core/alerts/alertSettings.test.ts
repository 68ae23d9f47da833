import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../base/errors.js';
import { engineKit } from '../../../test/kits/engineTestKit.js';
import { MemoryAlertStore } from './memoryAlertStore.js';

let kits: Array<ReturnType<typeof engineKit>> = [];
function kit(store?: MemoryAlertStore) {
  const k = engineKit(store);
  kits.push(k);
  return k;
}
afterEach(() => {
  for (const k of kits) k.engine.dispose();
  kits = [];
});

/** Feeds one value per 30 s poll and evaluates; returns the kit. */
function feed(k: ReturnType<typeof engineKit>, node: string, object: string, instance: string, counter: string, values: number[]): void {
  for (const v of values) {
    k.engine.ingestSamples([k.sample(node, object, instance, counter, v)]);
    k.engine.evaluate();
    k.scheduler.advance(30_000);
  }
}
const CPU = { object: 'Process', counter: '% CPU Time', instance: 'jabberd' };
const custom = (o: Record<string, unknown> = {}) => ({ name: 'T', condition: { kind: 'threshold', metric: CPU, direction: 'over', threshold: 90, ...o } });
const alarmsOf = (k: ReturnType<typeof engineKit>, ruleId = 'custom:T') => k.engine.queryAlarms({ ruleId });

describe('RTMT settings', () => {
  it('threshold under', () => {
    const k = kit();
    k.engine.rules.create({ ...custom({ direction: 'under', threshold: 5 }) });
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [10, 4]);
    expect(alarmsOf(k)).toHaveLength(1);
  });

  it('value as delta and delta percentage', () => {
    const k = kit();
    k.engine.rules.create({ name: 'D', condition: { kind: 'threshold', metric: { object: 'Cisco XCP CM', counter: 'CmFailedRequests' }, direction: 'over', threshold: 100, valueAs: 'delta' } });
    k.engine.rules.create({ name: 'P', condition: { kind: 'threshold', metric: { object: 'Cisco XCP CM', counter: 'CmFailedRequests' }, direction: 'over', threshold: 50, valueAs: 'deltaPercent' } });
    feed(k, 'n1', 'Cisco XCP CM', '', 'CmFailedRequests', [1000, 1050, 1200]);
    expect(alarmsOf(k, 'custom:D').map((a) => a.lastValue)).toEqual([150]);
    expect(alarmsOf(k, 'custom:P')).toHaveLength(0); // +14 % only
    feed(k, 'n1', 'Cisco XCP CM', '', 'CmFailedRequests', [2000]);
    expect(alarmsOf(k, 'custom:P')[0]!.lastValue).toBeCloseTo(66.67, 1);
  });

  it('duration: constantly over for 90 s', () => {
    const k = kit();
    k.engine.rules.create({ ...custom(), duration: { kind: 'sustained', seconds: 90 } });
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95, 95]);
    expect(alarmsOf(k)).toHaveLength(0);
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95]);
    expect(alarmsOf(k)).toHaveLength(1);
  });

  it('frequency every poll adds an occurrence per poll; up to 3 in 30 minutes caps them', () => {
    const k = kit();
    k.engine.rules.create({ ...custom() });
    k.engine.rules.create({ ...custom(), name: 'L', frequency: { kind: 'limited', maxAlerts: 3, withinMinutes: 30 } });
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, Array(60).fill(95)); // 30 minutes
    expect(alarmsOf(k)[0]!.occurrences).toBe(60);
    expect(alarmsOf(k, 'custom:L')[0]!.occurrences).toBe(3);
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, Array(60).fill(95));
    expect(alarmsOf(k, 'custom:L')[0]!.occurrences).toBe(6);
  });

  it('schedule: a daily 09:00-17:00 window raises only inside it', () => {
    const k = kit(); // the clock starts 08:00 UTC
    k.engine.rules.create({ ...custom(), schedule: { kind: 'daily', startMinute: 540, endMinute: 1020, utcOffsetMinutes: 0 } });
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, Array(119).fill(95)); // until 08:59:30
    expect(alarmsOf(k)).toHaveLength(0);
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95]);
    expect(alarmsOf(k)[0]!.raisedAt).toBe(Date.UTC(2025, 0, 6, 9, 0, 0));
  });

  it('enabled per node and per rule', () => {
    const k = kit();
    k.engine.rules.create(custom());
    k.engine.rules.setEnabled('custom:T', false, 'n1');
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95]);
    feed(k, 'n2', CPU.object, CPU.instance, CPU.counter, [95]);
    expect(alarmsOf(k).map((a) => a.node)).toEqual(['n2']);
    k.engine.rules.setEnabled('custom:T', false);
    feed(k, 'n3', CPU.object, CPU.instance, CPU.counter, [95]);
    expect(alarmsOf(k)).toHaveLength(1);
  });

  it('severity, e-mail and alert action are carried to the alarm event', () => {
    const k = kit();
    k.engine.rules.create({ ...custom(), severity: 'Alert', emailEnabled: false, alertAction: 'NOC' });
    const events: Array<{ sev: string; email?: boolean; action?: string }> = [];
    k.engine.onDidChangeAlarm((e) => events.push({ sev: e.alarm.severity, email: e.rule?.emailEnabled, action: e.rule?.alertAction }));
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95]);
    expect(events[0]).toEqual({ sev: 'Alert', email: false, action: 'NOC' });
  });

  it('no data and error keep the alarm open; data back below resolves it', () => {
    const k = kit();
    k.engine.rules.create(custom());
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95]);
    k.scheduler.advance(120_000); // stale
    k.engine.evaluate();
    expect(k.engine.instances('custom:T')[0]!.state).toBe('noData');
    k.engine.updateNodeStatus([k.nodeStatus('n1', { reachability: 'down' })]);
    k.engine.evaluate();
    expect(k.engine.instances('custom:T')[0]).toMatchObject({ state: 'error', reason: 'error: node n1 is unreachable' });
    expect(alarmsOf(k)[0]!.status).toBe('outstanding');
    k.engine.updateNodeStatus([k.nodeStatus('n1')]);
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [10]);
    expect(alarmsOf(k)[0]!.status).toBe('resolved');
  });
});

describe('alarm actions', () => {
  it('acknowledge with comment until a time; the ack expires back to outstanding', () => {
    const k = kit();
    k.engine.rules.create(custom());
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95]);
    const a = k.engine.activeAlarms()[0]!;
    k.engine.acknowledge(a.id, 'alice', 'looking', k.scheduler.now() + 60_000);
    expect(k.engine.activeAlarms()[0]).toMatchObject({ status: 'acknowledged', ack: { by: 'alice', comment: 'looking' } });
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95, 95]);
    expect(k.engine.activeAlarms()[0]!.status).toBe('outstanding');
    expect(() => k.engine.acknowledge('nope', 'a', '')).toThrow(AppError);
  });

  it('Clear Alert resets detection; Terminate stays quiet until normal; Clear All', () => {
    const k = kit();
    k.engine.rules.create({ ...custom(), duration: { kind: 'sustained', seconds: 60 } });
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95, 95]);
    k.engine.clearAlarm(k.engine.activeAlarms()[0]!.id, 'bob');
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95]);
    expect(k.engine.activeAlarms()).toHaveLength(0); // waiting its 60 s again
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95]);
    k.engine.terminate(k.engine.activeAlarms()[0]!.id, 'bob', 'known issue');
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95, 95, 95]);
    expect(k.engine.activeAlarms()).toHaveLength(0);
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [10, 95, 95, 95]);
    expect(k.engine.activeAlarms()).toHaveLength(1);
    feed(k, 'n2', CPU.object, CPU.instance, CPU.counter, [95, 95, 95]);
    // Only the alarms named (those a person confirmed): one raised since stays active.
    const [first, second] = k.engine.activeAlarms();
    expect(k.engine.clearAll('carol', { ids: new Set([first!.id]) })).toBe(1);
    expect(k.engine.activeAlarms().map((a) => a.id)).toEqual([second!.id]);
    expect(k.engine.clearAll('carol')).toBe(1);
    expect(alarmsOf(k).map((a) => a.status).sort()).toEqual(['cleared', 'cleared', 'cleared', 'terminated']);
  });

  it('Suspend raises nothing for the node until resumed', () => {
    const k = kit();
    k.engine.rules.create(custom());
    k.engine.suspend({ cluster: 'c1', node: 'n1' });
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95]);
    expect(k.engine.activeAlarms()).toHaveLength(0);
    k.engine.resume({ cluster: 'c1', node: 'n1' });
    feed(k, 'n1', CPU.object, CPU.instance, CPU.counter, [95]);
    expect(k.engine.activeAlarms()).toHaveLength(1);
  });

  it('Reset to Default restores the catalog settings; preconfigured rules cannot be deleted', () => {
    const k = kit();
    const def = k.engine.rules.get('CpuPegging');
    k.engine.rules.update('CpuPegging', { ...def, severity: 'Warning' });
    expect(k.engine.rules.get('CpuPegging').severity).toBe('Warning');
    expect(k.store.loadRules()).toHaveLength(1);
    k.engine.rules.resetToDefault('CpuPegging');
    expect(k.engine.rules.get('CpuPegging')).toEqual(def);
    expect(() => k.engine.rules.remove('CpuPegging')).toThrow(/preconfigured/);
    expect(() => k.engine.rules.create({ name: '' })).toThrow(/VALIDATION|invalid/);
  });

  it('restores active alarms on restart without raising duplicates', () => {
    const store = new MemoryAlertStore();
    const k1 = kit(store);
    k1.engine.rules.create(custom());
    feed(k1, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95]);
    k1.engine.dispose();
    const k2 = kit(store);
    expect(k2.engine.activeAlarms()).toHaveLength(1);
    feed(k2, 'n1', CPU.object, CPU.instance, CPU.counter, [95, 95]);
    expect(k2.engine.history({}).filter((h) => h.event === 'raised')).toHaveLength(1);
    expect(k2.engine.activeAlarms()[0]!.occurrences).toBe(4);
  });

  it('a syslog-only rule (SyslogSeverityMatchFound) raises once and counts repeats', () => {
    const k = kit();
    for (let i = 0; i < 3; i++) k.engine.ingestSyslog(k.syslog('imp-pub', 1, 'IMP_SRM-SRM', 'SRMFailed', 'Running in Failed Mode'));
    const a = k.engine.activeAlarms().find((x) => x.ruleId === 'SyslogSeverityMatchFound')!;
    expect(a.occurrences).toBe(3);
    expect(k.engine.activeAlarms().map((x) => x.ruleId).sort()).toEqual(['SRMFailed', 'SyslogSeverityMatchFound']);
  });
});
