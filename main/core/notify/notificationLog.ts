import type { NotificationLogEntry } from '../../../shared/model/notifications.js';
import type { Disposable } from '../base/disposable.js';
import type { Database, Migration, SqliteConnection } from '../storage/sqlite/database.js';
import type { DeliveryRecord, PipelineJournal, SentState } from './notificationPipeline.js';

/** The component name of the log's tables in schema_migrations. */
export const NOTIFICATION_LOG_COMPONENT = 'notificationLog';

/** How long entries are kept (Alertmanager's --data.retention default, 120 h); the last success per group × notifier stays longer. */
export const NOTIFICATION_LOG_RETENTION_MS = 120 * 3_600_000;

/** Most entries kept beside the last success per group × notifier. */
const MAX_ENTRIES = 20_000;

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'notification_log',
    up(db: SqliteConnection): void {
      db.exec(`CREATE TABLE notification_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at_ms INTEGER NOT NULL,
        group_key TEXT NOT NULL,
        group_labels TEXT NOT NULL,
        notifier TEXT NOT NULL,
        reason TEXT NOT NULL,
        firing TEXT NOT NULL,
        resolved TEXT NOT NULL,
        ok INTEGER NOT NULL,
        attempts INTEGER NOT NULL,
        error TEXT)`);
      db.exec('CREATE INDEX notification_log_group ON notification_log (group_key, notifier, ok, id)');
    },
  },
];

interface Row {
  id: number;
  at_ms: number;
  group_key: string;
  group_labels: string;
  notifier: string;
  reason: NotificationLogEntry['reason'];
  firing: string;
  resolved: string;
  ok: number;
  attempts: number;
  error: string | null;
}

const toEntry = (r: Row): NotificationLogEntry => ({
  id: r.id, atMs: r.at_ms, groupKey: r.group_key, groupLabels: JSON.parse(r.group_labels) as Record<string, string>, notifier: r.notifier, reason: r.reason,
  firing: JSON.parse(r.firing) as string[], resolved: JSON.parse(r.resolved) as string[], ok: r.ok === 1, attempts: r.attempts, ...(r.error !== null ? { error: r.error } : {}),
});

/**
 * The persisted notification log (Alertmanager's nflog, peers-and-limits.md 2.2): per group × notifier what was
 * sent when — firing and resolved alarm ids, reason, ok or the error, attempts — and the tests sent from the
 * settings page. Kept in history.db beside the alarms it speaks of: the alarms restored at start and the log that
 * says what was already told of them are written by the same WAL database (one durability, one backup), and the
 * page reads it newest first with a limit. A write the database refuses for a moment (another writer's lock, e.g.
 * the `imp alarms` CLI) is kept in memory and written with the next one, never dropped.
 */
export class NotificationLog implements PipelineJournal, Disposable {
  readonly #db: Database;
  readonly #queue: Omit<NotificationLogEntry, 'id'>[] = [];
  readonly #now: () => number;

  private constructor(db: Database, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** Opens (migrating) the log's table in `db`. */
  static open(db: Database, options: { readonly now?: () => number } = {}): NotificationLog {
    db.migrate(NOTIFICATION_LOG_COMPONENT, MIGRATIONS);
    const log = new NotificationLog(db, options.now ?? Date.now);
    log.prune();
    return log;
  }

  /** Appends one entry (a delivery or a test). */
  append(e: Omit<NotificationLogEntry, 'id'>): void {
    this.#queue.push(e);
    this.#flush();
  }

  /** PipelineJournal: one delivery's outcome. */
  record(r: DeliveryRecord): void {
    const n = r.notification;
    this.append({
      atMs: n.atMs, groupKey: n.groupKey, groupLabels: { ...n.groupLabels }, notifier: r.notifier, reason: n.reason,
      firing: n.firing.map((a) => a.id), resolved: n.resolved.map((a) => a.id), ok: r.ok, attempts: r.attempts, ...(r.error !== undefined ? { error: r.error } : {}),
    });
  }

  /**
   * PipelineJournal: the last successful notification per group × notifier (tests excluded). For a reminder the
   * firing set is the one of the last notification that was not a reminder joined with the reminder's (a reminder
   * leaves acknowledged alarms out, they are still known).
   */
  lastSent(): ReadonlyMap<string, ReadonlyMap<string, SentState>> {
    this.#flush();
    const rows = this.#db.connection
      .prepare(`SELECT l.* FROM notification_log l JOIN (
          SELECT group_key, notifier, MAX(id) AS id FROM notification_log WHERE ok = 1 AND reason <> 'test' GROUP BY group_key, notifier
        ) m ON m.id = l.id`)
      .all() as Row[];
    const out = new Map<string, Map<string, SentState>>();
    for (const r of rows) {
      let firing = new Set(JSON.parse(r.firing) as string[]);
      if (r.reason === 'repeat') {
        const before = this.#db.connection
          .prepare(`SELECT firing FROM notification_log WHERE ok = 1 AND group_key = ? AND notifier = ? AND reason IN ('new', 'update') AND id < ? ORDER BY id DESC LIMIT 1`)
          .get(r.group_key, r.notifier, r.id) as { firing: string } | undefined;
        if (before) firing = new Set([...firing, ...(JSON.parse(before.firing) as string[])]);
      }
      let m = out.get(r.group_key);
      if (!m) out.set(r.group_key, (m = new Map()));
      m.set(r.notifier, { atMs: r.at_ms, firing, resolved: new Set(JSON.parse(r.resolved) as string[]) });
    }
    return out;
  }

  /** Entries newest first. */
  list(limit = 200): NotificationLogEntry[] {
    this.#flush();
    const rows = this.#db.connection.prepare('SELECT * FROM notification_log ORDER BY id DESC LIMIT ?').all(Math.max(1, Math.min(10_000, Math.floor(limit)))) as Row[];
    return [...this.#queue].reverse().map((e, i) => ({ ...e, id: -(i + 1) })).concat(rows.map(toEntry)).slice(0, limit);
  }

  /** Drops entries past the retention (and beyond the cap), keeping the last success of every group × notifier. */
  prune(): void {
    const keep = `SELECT MAX(id) FROM notification_log WHERE ok = 1 AND reason <> 'test' GROUP BY group_key, notifier`;
    try {
      this.#db.connection.prepare(`DELETE FROM notification_log WHERE at_ms < ? AND id NOT IN (${keep})`).run(this.#now() - NOTIFICATION_LOG_RETENTION_MS);
      this.#db.connection.prepare(`DELETE FROM notification_log WHERE id <= (SELECT MAX(id) FROM notification_log) - ? AND id NOT IN (${keep})`).run(MAX_ENTRIES);
    } catch {
      // Busy: pruned next time.
    }
  }

  dispose(): void {
    this.#flush();
  }

  #flush(): void {
    if (this.#queue.length === 0 || this.#db.isClosed) return;
    const insert = this.#db.connection.prepare(`INSERT INTO notification_log (at_ms, group_key, group_labels, notifier, reason, firing, resolved, ok, attempts, error)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    try {
      this.#db.transaction(() => {
        for (const e of this.#queue) insert.run(e.atMs, e.groupKey, JSON.stringify(e.groupLabels), e.notifier, e.reason, JSON.stringify(e.firing), JSON.stringify(e.resolved), e.ok ? 1 : 0, e.attempts, e.error ?? null);
      });
      this.#queue.length = 0;
    } catch (err) {
      console.warn(`[NotificationLog] kept ${this.#queue.length} entries in memory: ${(err as Error).message}`);
    }
  }
}
