import type BetterSqlite3 from 'better-sqlite3';
import { ALERT_SEVERITIES, type AlarmHistoryEntry, type AlarmRecord, type AlertRule } from '../../../../shared/model/alert.js';
import { AppError } from '../../base/errors.js';
import { severityRank, type AlarmHistoryQuery, type AlarmQuery, type AlertStore } from '../../alerts/alertStore.js';
import type { Database, Migration, SqliteConnection } from './database.js';

/** Migration component of the alert tables (schema_migrations.component). */
export const ALERTS_COMPONENT = 'alerts';

/**
 * Schema of Alert Central's persistent state: rules that differ from the preconfigured defaults (and custom
 * rules) as JSON, every alarm (active and closed) as JSON with the columns the queries filter on, and the
 * append-only history. Alarms are upserted in place (ON CONFLICT DO UPDATE keeps the rowid, so ties in
 * raised_at keep insertion order like the memory store).
 */
export const ALERT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'alert rules, alarms and alarm history',
    up(db: SqliteConnection): void {
      db.exec(`
        CREATE TABLE alert_rules (id TEXT PRIMARY KEY, json TEXT NOT NULL) STRICT;
        CREATE TABLE alert_alarms (
          id TEXT PRIMARY KEY, key TEXT NOT NULL, rule_id TEXT NOT NULL, node TEXT NOT NULL,
          status TEXT NOT NULL, active INTEGER NOT NULL, raised_at INTEGER NOT NULL,
          last_occurrence_at INTEGER NOT NULL, json TEXT NOT NULL) STRICT;
        CREATE INDEX alert_alarms_active ON alert_alarms (active) WHERE active = 1;
        CREATE INDEX alert_alarms_raised ON alert_alarms (raised_at);
        CREATE TABLE alert_history (
          seq INTEGER PRIMARY KEY AUTOINCREMENT, alarm_id TEXT NOT NULL, key TEXT NOT NULL, rule_id TEXT NOT NULL,
          node TEXT NOT NULL, at_ms INTEGER NOT NULL, event TEXT NOT NULL, status TEXT NOT NULL,
          by TEXT, comment TEXT) STRICT;
        CREATE INDEX alert_history_at ON alert_history (at_ms);
        CREATE INDEX alert_history_alarm ON alert_history (alarm_id);
      `);
    },
  },
  {
    // The history view filters alarms by cluster and minimum severity in the query, before LIMIT: a page holds
    // `limit` matching alarms whenever that many exist (issue 10). Existing rows are filled from their JSON.
    version: 2,
    name: 'alarm cluster and severity rank columns',
    up(db: SqliteConnection): void {
      const rank = ALERT_SEVERITIES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ');
      db.exec(`
        ALTER TABLE alert_alarms ADD COLUMN cluster TEXT NOT NULL DEFAULT '';
        ALTER TABLE alert_alarms ADD COLUMN severity_rank INTEGER NOT NULL DEFAULT ${ALERT_SEVERITIES.length - 1};
        UPDATE alert_alarms SET cluster = coalesce(json_extract(json, '$.cluster'), ''),
          severity_rank = CASE json_extract(json, '$.severity') ${rank} ELSE ${ALERT_SEVERITIES.length - 1} END;
        CREATE INDEX alert_alarms_cluster_raised ON alert_alarms (cluster, raised_at);
      `);
    },
  },
];

interface AlarmRow {
  readonly json: string;
}

interface HistoryRow {
  readonly alarm_id: string;
  readonly key: string;
  readonly at_ms: number;
  readonly event: AlarmHistoryEntry['event'];
  readonly status: AlarmHistoryEntry['status'];
  readonly by: string | null;
  readonly comment: string | null;
}

/** ruleId and node of an alert key (ruleId|cluster|node|instance), as the memory store reads them. */
function keyParts(key: string): { ruleId: string; node: string } {
  const parts = key.split('|');
  return { ruleId: parts[0] ?? '', node: parts[2] ?? '' };
}

/** Builds the WHERE clause and parameters of a history or alarm query (cluster and severity: alarms only). */
function whereOf(q: AlarmQuery, cols: { since: string; until: string; alarmId: string; alarmColumns?: boolean }): { sql: string; params: Array<string | number> } {
  const conds: string[] = [];
  const params: Array<string | number> = [];
  const add = (cond: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    conds.push(cond);
    params.push(value);
  };
  add(`${cols.since} >= ?`, q.sinceMs);
  add(`${cols.until} <= ?`, q.untilMs);
  add('node = ?', q.node);
  add('rule_id = ?', q.ruleId);
  add(`${cols.alarmId} = ?`, q.alarmId);
  if (q.events !== undefined) {
    // Events are a closed set of words (AlarmHistoryEntry['event']), still bound as parameters.
    conds.push(q.events.length === 0 ? '0' : `event IN (${q.events.map(() => '?').join(', ')})`);
    params.push(...q.events);
  }
  if (cols.alarmColumns) {
    add('cluster = ?', q.cluster);
    add('severity_rank <= ?', q.minSeverity === undefined ? undefined : severityRank(q.minSeverity));
  }
  return { sql: conds.length > 0 ? `WHERE ${conds.join(' AND ')}` : '', params };
}

function limitOf(q: AlarmHistoryQuery): number {
  if (q.limit === undefined) return -1;
  if (!Number.isFinite(q.limit) || q.limit < 0) throw new AppError('VALIDATION', `limit must be a non-negative number, got ${q.limit}`);
  return Math.floor(q.limit);
}

/**
 * {@link AlertStore} on the shared SQLite {@link Database} (its own migration component 'alerts'), so rules,
 * alarms and history survive a restart and the engine restores active alarms without raising duplicates.
 * Every write is its own autocommit statement (WAL + synchronous=NORMAL: durable across a process crash).
 */
export class SqliteAlertStore implements AlertStore {
  readonly #db: SqliteConnection;
  readonly #stmts: {
    loadRules: BetterSqlite3.Statement;
    saveRule: BetterSqlite3.Statement;
    deleteRule: BetterSqlite3.Statement;
    saveAlarm: BetterSqlite3.Statement;
    loadActive: BetterSqlite3.Statement;
    appendHistory: BetterSqlite3.Statement;
  };

  /** Migrates the 'alerts' component of `database` and prepares the statements. */
  constructor(database: Database) {
    database.migrate(ALERTS_COMPONENT, ALERT_MIGRATIONS);
    this.#db = database.connection;
    const db = this.#db;
    this.#stmts = {
      loadRules: db.prepare('SELECT json FROM alert_rules ORDER BY rowid'),
      saveRule: db.prepare('INSERT INTO alert_rules (id, json) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json'),
      deleteRule: db.prepare('DELETE FROM alert_rules WHERE id = ?'),
      saveAlarm: db.prepare(`INSERT INTO alert_alarms (id, key, rule_id, node, status, active, raised_at, last_occurrence_at, json, cluster, severity_rank)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET key = excluded.key, rule_id = excluded.rule_id, node = excluded.node, status = excluded.status,
          active = excluded.active, raised_at = excluded.raised_at, last_occurrence_at = excluded.last_occurrence_at, json = excluded.json,
          cluster = excluded.cluster, severity_rank = excluded.severity_rank`),
      loadActive: db.prepare('SELECT json FROM alert_alarms WHERE active = 1 ORDER BY rowid'),
      appendHistory: db.prepare(`INSERT INTO alert_history (alarm_id, key, rule_id, node, at_ms, event, status, by, comment)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  loadRules(): AlertRule[] {
    return (this.#stmts.loadRules.all() as AlarmRow[]).map((r) => JSON.parse(r.json) as AlertRule);
  }

  saveRule(rule: AlertRule): void {
    this.#stmts.saveRule.run(rule.id, JSON.stringify(rule));
  }

  deleteRule(id: string): void {
    this.#stmts.deleteRule.run(id);
  }

  saveAlarm(alarm: AlarmRecord): void {
    const active = alarm.status === 'outstanding' || alarm.status === 'acknowledged';
    // Positional parameters: better-sqlite3 binds them without building and walking a parameter object.
    this.#stmts.saveAlarm.run(alarm.id, alarm.key, alarm.ruleId, alarm.node, alarm.status, active ? 1 : 0, alarm.raisedAt, alarm.lastOccurrenceAt, JSON.stringify(alarm), alarm.cluster, severityRank(alarm.severity));
  }

  loadActiveAlarms(): AlarmRecord[] {
    return (this.#stmts.loadActive.all() as AlarmRow[]).map((r) => JSON.parse(r.json) as AlarmRecord);
  }

  appendHistory(e: AlarmHistoryEntry): void {
    const { ruleId, node } = keyParts(e.key);
    this.#stmts.appendHistory.run(e.alarmId, e.key, ruleId, node, e.atMs, e.event, e.status, e.by ?? null, e.comment ?? null);
  }

  /** One SQLite transaction (better-sqlite3 nests an inner batch as a savepoint). */
  batch<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  queryHistory(q: AlarmHistoryQuery): AlarmHistoryEntry[] {
    const w = whereOf(q, { since: 'at_ms', until: 'at_ms', alarmId: 'alarm_id' });
    const rows = this.#db.prepare(`SELECT alarm_id, key, at_ms, event, status, by, comment FROM alert_history ${w.sql} ORDER BY seq ${q.oldestFirst ? 'ASC' : 'DESC'} LIMIT ?`).all(...w.params, limitOf(q)) as HistoryRow[];
    return rows.map((r) => ({
      alarmId: r.alarm_id, key: r.key, atMs: r.at_ms, event: r.event, status: r.status,
      ...(r.by !== null ? { by: r.by } : {}), ...(r.comment !== null ? { comment: r.comment } : {}),
    }));
  }

  queryAlarms(q: AlarmQuery): AlarmRecord[] {
    const w = whereOf(q, { since: 'last_occurrence_at', until: 'raised_at', alarmId: 'id', alarmColumns: true });
    const rows = this.#db.prepare(`SELECT json FROM alert_alarms ${w.sql} ORDER BY raised_at DESC, rowid ASC LIMIT ?`).all(...w.params, limitOf(q)) as AlarmRow[];
    return rows.map((r) => JSON.parse(r.json) as AlarmRecord);
  }
}
