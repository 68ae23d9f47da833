import { isAlarmActive, type AlarmHistoryEntry, type AlarmRecord, type AlertRule } from '../../../shared/model/alert.js';
import { severityRank, type AlarmHistoryQuery, type AlarmQuery, type AlertStore } from './alertStore.js';

/** In-memory {@link AlertStore} for tests and until the SQLite store exists (Alertmanager provider/mem). */
export class MemoryAlertStore implements AlertStore {
  readonly #rules = new Map<string, AlertRule>();
  readonly #alarms = new Map<string, AlarmRecord>();
  readonly #history: AlarmHistoryEntry[] = [];

  loadRules(): AlertRule[] {
    return [...this.#rules.values()].map((r) => structuredClone(r));
  }

  saveRule(rule: AlertRule): void {
    this.#rules.set(rule.id, structuredClone(rule));
  }

  deleteRule(id: string): void {
    this.#rules.delete(id);
  }

  saveAlarm(alarm: AlarmRecord): void {
    this.#alarms.set(alarm.id, { ...alarm });
  }

  loadActiveAlarms(): AlarmRecord[] {
    return [...this.#alarms.values()].filter(isAlarmActive).map((a) => ({ ...a }));
  }

  appendHistory(entry: AlarmHistoryEntry): void {
    this.#history.push({ ...entry });
  }

  queryHistory(q: AlarmHistoryQuery): AlarmHistoryEntry[] {
    const out = this.#history.filter(
      (h) =>
        (q.sinceMs === undefined || h.atMs >= q.sinceMs) &&
        (q.untilMs === undefined || h.atMs <= q.untilMs) &&
        (q.alarmId === undefined || h.alarmId === q.alarmId) &&
        (q.ruleId === undefined || h.key.startsWith(`${q.ruleId}|`)) &&
        (q.node === undefined || h.key.split('|')[2] === q.node) &&
        (q.events === undefined || q.events.includes(h.event)),
    );
    return (q.oldestFirst ? out : out.reverse()).slice(0, q.limit ?? Infinity);
  }

  /** Writes in memory are immediate; there is nothing to roll back to. */
  batch<T>(work: () => T): T {
    return work();
  }

  queryAlarms(q: AlarmQuery): AlarmRecord[] {
    const maxRank = q.minSeverity === undefined ? Infinity : severityRank(q.minSeverity);
    const out = [...this.#alarms.values()].filter(
      (a) =>
        (q.cluster === undefined || a.cluster === q.cluster) &&
        severityRank(a.severity) <= maxRank &&
        (q.sinceMs === undefined || a.lastOccurrenceAt >= q.sinceMs) &&
        (q.untilMs === undefined || a.raisedAt <= q.untilMs) &&
        (q.node === undefined || a.node === q.node) &&
        (q.ruleId === undefined || a.ruleId === q.ruleId) &&
        (q.alarmId === undefined || a.id === q.alarmId),
    );
    return out.sort((a, b) => b.raisedAt - a.raisedAt).slice(0, q.limit ?? Infinity);
  }
}
