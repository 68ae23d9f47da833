import { describe, expect, it } from 'vitest';
import type { AlarmHistoryEntry, AlarmRecord, AlertRule } from '../../../shared/model/alert.js';
import type { AlertStore } from './alertStore.js';
import { PRECONFIGURED_ALERTS } from './preconfiguredAlerts.js';

/** Base time of the contract's data. */
export const ALERT_CONTRACT_T0 = Date.UTC(2026, 0, 15, 0, 0, 0);

/** Builds an alarm record of the contract with overrides. */
export function makeAlarm(over: Partial<AlarmRecord> = {}): AlarmRecord {
  const ruleId = over.ruleId ?? 'CpuPegging';
  const node = over.node ?? 'imp-pub';
  const instance = over.instance ?? '';
  return {
    id: 'a1', key: `${ruleId}|c1|${node}|${instance}`, ruleId, ruleName: ruleId, group: 'System', severity: 'Critical',
    cluster: 'c1', node, instance, status: 'outstanding', message: 'm', origin: 'poll', raisedAt: ALERT_CONTRACT_T0,
    lastOccurrenceAt: ALERT_CONTRACT_T0, occurrences: 1, flapping: false, ...over,
  };
}

function entry(over: Partial<AlarmHistoryEntry> = {}): AlarmHistoryEntry {
  return { alarmId: 'a1', key: 'CpuPegging|c1|imp-pub|', atMs: ALERT_CONTRACT_T0, event: 'raised', status: 'outstanding', ...over };
}

/**
 * The behaviour every {@link AlertStore} must have (memory and SQLite run the same cases). `open` returns a
 * fresh, empty store.
 */
export function describeAlertStoreContract(name: string, open: () => AlertStore): void {
  describe(`${name}: AlertStore contract`, () => {
    it('saves, replaces and deletes rules, keeping every field', () => {
      const s = open();
      expect(s.loadRules()).toEqual([]);
      const base = PRECONFIGURED_ALERTS[0]!;
      const changed: AlertRule = { ...base, enabled: false, disabledNodes: ['imp-sub1'] };
      const custom: AlertRule = { ...base, id: 'custom:x', name: 'x', preconfigured: false, source: 'user' };
      s.saveRule(changed);
      s.saveRule(custom);
      s.saveRule({ ...changed, severity: 'Warning' });
      expect(s.loadRules()).toEqual([{ ...changed, severity: 'Warning' }, custom]);
      s.deleteRule(base.id);
      s.deleteRule('no-such-rule');
      expect(s.loadRules()).toEqual([custom]);
    });

    it('upserts alarms by id and loads only the active ones, with every optional field', () => {
      const s = open();
      const acked = makeAlarm({ id: 'a2', node: 'imp-sub1', status: 'acknowledged', ack: { by: 'ann', comment: 'on it', atMs: ALERT_CONTRACT_T0 + 5, untilMs: ALERT_CONTRACT_T0 + 60_000 }, lastValue: 97.5 });
      s.saveAlarm(makeAlarm());
      s.saveAlarm(acked);
      s.saveAlarm(makeAlarm({ id: 'a3', node: 'imp-sub2', status: 'resolved', resolvedAt: ALERT_CONTRACT_T0 + 9, closedAt: ALERT_CONTRACT_T0 + 9 }));
      expect(s.loadActiveAlarms().sort((a, b) => a.id.localeCompare(b.id))).toEqual([makeAlarm(), acked]);
      const cleared = makeAlarm({ status: 'cleared', closedAt: ALERT_CONTRACT_T0 + 10, closedBy: 'bob', closeComment: 'known' });
      s.saveAlarm(cleared);
      expect(s.loadActiveAlarms()).toEqual([acked]);
      expect(s.queryAlarms({ alarmId: 'a1' })).toEqual([cleared]);
    });

    it('queries alarms newest first, narrowed by time, node, rule, id and limit', () => {
      const s = open();
      s.saveAlarm(makeAlarm({ id: 'old', raisedAt: ALERT_CONTRACT_T0, lastOccurrenceAt: ALERT_CONTRACT_T0 + 100 }));
      s.saveAlarm(makeAlarm({ id: 'mid', node: 'imp-sub1', raisedAt: ALERT_CONTRACT_T0 + 1000, lastOccurrenceAt: ALERT_CONTRACT_T0 + 1000 }));
      s.saveAlarm(makeAlarm({ id: 'new', ruleId: 'ServerDown', raisedAt: ALERT_CONTRACT_T0 + 2000, lastOccurrenceAt: ALERT_CONTRACT_T0 + 3000 }));
      const ids = (q: Parameters<AlertStore['queryAlarms']>[0]): string[] => s.queryAlarms(q).map((a) => a.id);
      expect(ids({})).toEqual(['new', 'mid', 'old']);
      expect(ids({ limit: 2 })).toEqual(['new', 'mid']);
      expect(ids({ sinceMs: ALERT_CONTRACT_T0 + 500 })).toEqual(['new', 'mid']);
      expect(ids({ untilMs: ALERT_CONTRACT_T0 + 1000 })).toEqual(['mid', 'old']);
      expect(ids({ node: 'imp-pub' })).toEqual(['new', 'old']);
      expect(ids({ ruleId: 'ServerDown' })).toEqual(['new']);
      expect(ids({ alarmId: 'mid' })).toEqual(['mid']);
      expect(ids({ node: 'nowhere' })).toEqual([]);
    });

    it('filters alarms by cluster and minimum severity before the limit (a page is full when enough match)', () => {
      const s = open();
      // 30 alarms, newest first by raisedAt: cluster c1/c2 alternate, severity cycles Critical, Warning, Informational.
      const sev = ['Critical', 'Warning', 'Informational'] as const;
      for (let i = 0; i < 30; i++) {
        s.saveAlarm(makeAlarm({ id: `x${String(i).padStart(2, '0')}`, cluster: i % 2 === 0 ? 'c1' : 'c2', severity: sev[i % 3]!, raisedAt: ALERT_CONTRACT_T0 + i * 1000, lastOccurrenceAt: ALERT_CONTRACT_T0 + i * 1000 }));
      }
      const c2 = s.queryAlarms({ cluster: 'c2', limit: 10 });
      expect(c2).toHaveLength(10);
      expect(c2.every((a) => a.cluster === 'c2')).toBe(true);
      expect(c2[0]!.id).toBe('x29');
      const warnOrWorse = s.queryAlarms({ minSeverity: 'Warning', limit: 15 });
      expect(warnOrWorse).toHaveLength(15);
      expect(new Set(warnOrWorse.map((a) => a.severity))).toEqual(new Set(['Critical', 'Warning']));
      const critical = s.queryAlarms({ cluster: 'c1', minSeverity: 'Critical', limit: 100 });
      // i even and i % 3 === 0: 0, 6, 12, 18, 24.
      expect(critical.map((a) => a.id)).toEqual(['x24', 'x18', 'x12', 'x06', 'x00']);
      expect(s.queryAlarms({ minSeverity: 'Emergency' })).toEqual([]);
      expect(s.queryAlarms({ minSeverity: 'Debug', limit: 1000 })).toHaveLength(30);
      // A record saved again with another severity is found under its new one.
      s.saveAlarm(makeAlarm({ id: 'x01', cluster: 'c2', severity: 'Emergency', raisedAt: ALERT_CONTRACT_T0 + 1000, lastOccurrenceAt: ALERT_CONTRACT_T0 + 1000 }));
      expect(s.queryAlarms({ minSeverity: 'Emergency' }).map((a) => a.id)).toEqual(['x01']);
    });

    it('appends history and queries it newest first with every filter', () => {
      const s = open();
      s.appendHistory(entry());
      s.appendHistory(entry({ alarmId: 'a2', key: 'ServerDown|c1|imp-sub1|', atMs: ALERT_CONTRACT_T0 + 10 }));
      s.appendHistory(entry({ atMs: ALERT_CONTRACT_T0 + 20, event: 'acknowledged', status: 'acknowledged', by: 'ann', comment: 'mine' }));
      s.appendHistory(entry({ atMs: ALERT_CONTRACT_T0 + 30, event: 'cleared', status: 'cleared', by: 'ann' }));
      const ev = (q: Parameters<AlertStore['queryHistory']>[0]): string[] => s.queryHistory(q).map((h) => `${h.alarmId}:${h.event}`);
      expect(ev({})).toEqual(['a1:cleared', 'a1:acknowledged', 'a2:raised', 'a1:raised']);
      expect(s.queryHistory({ limit: 2 })[1]).toEqual(entry({ atMs: ALERT_CONTRACT_T0 + 20, event: 'acknowledged', status: 'acknowledged', by: 'ann', comment: 'mine' }));
      expect(s.queryHistory({ alarmId: 'a2' })).toEqual([entry({ alarmId: 'a2', key: 'ServerDown|c1|imp-sub1|', atMs: ALERT_CONTRACT_T0 + 10 })]);
      expect(ev({ ruleId: 'ServerDown' })).toEqual(['a2:raised']);
      expect(ev({ node: 'imp-pub' })).toEqual(['a1:cleared', 'a1:acknowledged', 'a1:raised']);
      expect(ev({ sinceMs: ALERT_CONTRACT_T0 + 10, untilMs: ALERT_CONTRACT_T0 + 20 })).toEqual(['a1:acknowledged', 'a2:raised']);
      // An alarm's journal: some events, oldest first (limit keeps the oldest).
      s.appendHistory(entry({ atMs: ALERT_CONTRACT_T0 + 40, event: 'note', status: 'cleared', by: 'bob', comment: 'root cause: disk' }));
      expect(ev({ alarmId: 'a1', events: ['raised', 'acknowledged', 'note'], oldestFirst: true })).toEqual(['a1:raised', 'a1:acknowledged', 'a1:note']);
      expect(ev({ alarmId: 'a1', oldestFirst: true, limit: 2 })).toEqual(['a1:raised', 'a1:acknowledged']);
      expect(ev({ events: [] })).toEqual([]);
      expect(s.queryHistory({ events: ['note'] })).toEqual([entry({ atMs: ALERT_CONTRACT_T0 + 40, event: 'note', status: 'cleared', by: 'bob', comment: 'root cause: disk' })]);
    });

    it('batch: returns what the work returns, its writes are visible inside and after it, a throw is rethrown', () => {
      const s = open();
      const n = s.batch(() => {
        s.saveAlarm(makeAlarm());
        s.appendHistory(entry());
        expect(s.loadActiveAlarms().map((a) => a.id)).toEqual(['a1']);
        return 7;
      });
      expect(n).toBe(7);
      expect(s.queryHistory({}).map((h) => h.event)).toEqual(['raised']);
      expect(() => s.batch(() => { throw new Error('work failed'); })).toThrow('work failed');
      expect(s.loadActiveAlarms().map((a) => a.id)).toEqual(['a1']);
    });

    it('returns copies: changing a loaded record does not change the store', () => {
      const s = open();
      s.saveAlarm(makeAlarm());
      const loaded = s.loadActiveAlarms()[0]! as { message: string };
      loaded.message = 'tampered';
      expect(s.loadActiveAlarms()[0]!.message).toBe('m');
    });
  });
}
