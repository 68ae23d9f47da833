import { ALERT_SEVERITIES, type AlarmHistoryEntry, type AlarmRecord, type AlertRule, type AlertSeverity } from '../../../shared/model/alert.js';

/**
 * What the alert engine persists (house-style.md 3.4: interface in the parent, in-memory implementation beside
 * it; the SQLite one lives in main/core/storage). Synchronous, like better-sqlite3. Implementations must keep
 * data across restarts; the engine restores active alarms from {@link AlertStore.loadActiveAlarms}.
 */
export interface AlertStore {
  /** Rules that differ from the preconfigured defaults, and custom rules. */
  loadRules(): AlertRule[];
  saveRule(rule: AlertRule): void;
  deleteRule(id: string): void;
  /** Inserts or replaces an alarm by id. */
  saveAlarm(alarm: AlarmRecord): void;
  /** Alarms whose status is outstanding or acknowledged. */
  loadActiveAlarms(): AlarmRecord[];
  appendHistory(entry: AlarmHistoryEntry): void;
  /** History, newest first. */
  queryHistory(query: AlarmHistoryQuery): AlarmHistoryEntry[];
  /**
   * All alarms (active and closed), newest first, for the history view. Every filter applies before `limit`, so
   * a page holds `limit` matching alarms whenever that many exist.
   */
  queryAlarms(query: AlarmQuery): AlarmRecord[];
  /**
   * Runs `work` with every write it makes committed together (one transaction: after a crash, all of them or
   * none). The engine writes one evaluation's alarm changes in one batch — thousands in a storm, where a commit
   * each would cost more than the evaluation (test/bench/alertsBench.ts). Returns what `work` returns; if it
   * throws, its writes are rolled back where the store can, and the error is rethrown.
   */
  batch<T>(work: () => T): T;
}

/** A history query; every field narrows it. */
export interface AlarmHistoryQuery {
  readonly sinceMs?: number;
  readonly untilMs?: number;
  readonly node?: string;
  readonly ruleId?: string;
  readonly alarmId?: string;
  /** Only these events (an alarm's journal leaves out its many 'occurred' lines). */
  readonly events?: readonly AlarmHistoryEntry['event'][];
  /** Oldest first (a journal) instead of newest first; `limit` then keeps the oldest. */
  readonly oldestFirst?: boolean;
  readonly limit?: number;
}

/** An alarm query: the history query's fields plus what an alarm record carries (its cluster and severity). */
export interface AlarmQuery extends AlarmHistoryQuery {
  readonly cluster?: string;
  /** Only alarms of this severity or a more severe one (Emergency is the most severe, Debug the least). */
  readonly minSeverity?: AlertSeverity;
}

/** A severity's rank: 0 Emergency … 7 Debug (syslog numbering, RFC 5424); lower is more severe. */
export function severityRank(severity: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(severity);
}
