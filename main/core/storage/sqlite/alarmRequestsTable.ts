import type BetterSqlite3 from 'better-sqlite3';
import type { ErrorPayload } from '../../../../shared/errors.js';
import type { AlarmRequestBody, AlarmRequestOutcome, AlarmRequestQueue, AlarmRequestResult, AlarmRequestState, BackendPresence, QueuedAlarmRequest } from '../../alerts/alarmRequests.js';
import type { Database, Migration, SqliteConnection } from './database.js';

/** Migration component of the request tables (schema_migrations.component). */
export const ALARM_REQUESTS_COMPONENT = 'alarm_requests';

/**
 * `alarm_requests`: alarm changes the command line asks the running app to make (alerts/alarmRequests.ts), with
 * who asked, where each stands and its outcome as JSON. `backend_presence`: one row per running app on this
 * history.db with a heartbeat, so the command line knows whether one runs.
 */
export const ALARM_REQUEST_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'alarm requests from the command line and backend presence',
    up(db: SqliteConnection): void {
      db.exec(`
        CREATE TABLE alarm_requests (
          id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, body TEXT NOT NULL, operator TEXT NOT NULL,
          requested_at INTEGER NOT NULL, state TEXT NOT NULL, handled_by INTEGER, done_at INTEGER,
          result TEXT, error TEXT) STRICT;
        CREATE INDEX alarm_requests_pending ON alarm_requests (id) WHERE state = 'pending';
        CREATE TABLE backend_presence (
          instance TEXT PRIMARY KEY, pid INTEGER NOT NULL, host TEXT NOT NULL,
          started_at INTEGER NOT NULL, heartbeat_at INTEGER NOT NULL) STRICT;
      `);
    },
  },
];

interface RequestRow {
  readonly id: number;
  readonly operator: string;
  readonly requested_at: number;
  readonly body: string;
}

interface OutcomeRow {
  readonly state: AlarmRequestState;
  readonly handled_by: number | null;
  readonly result: string | null;
  readonly error: string | null;
}

interface PresenceRow {
  readonly instance: string;
  readonly pid: number;
  readonly host: string;
  readonly started_at: number;
  readonly heartbeat_at: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** {@link AlarmRequestQueue} on the shared history.db (its own migration component). */
export class SqliteAlarmRequests implements AlarmRequestQueue {
  readonly #db: SqliteConnection;
  readonly #s: Record<'announce' | 'withdraw' | 'presences' | 'expire' | 'purge' | 'pending' | 'take' | 'complete' | 'submit' | 'outcome' | 'cancel', BetterSqlite3.Statement>;

  constructor(database: Database) {
    database.migrate(ALARM_REQUESTS_COMPONENT, ALARM_REQUEST_MIGRATIONS);
    const db = (this.#db = database.connection);
    this.#s = {
      announce: db.prepare(`INSERT INTO backend_presence (instance, pid, host, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (instance) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`),
      withdraw: db.prepare('DELETE FROM backend_presence WHERE instance = ?'),
      presences: db.prepare('SELECT instance, pid, host, started_at, heartbeat_at FROM backend_presence WHERE heartbeat_at > ? ORDER BY heartbeat_at DESC'),
      expire: db.prepare(`UPDATE alarm_requests SET state = 'expired', done_at = ? WHERE state = 'pending' AND requested_at < ?`),
      // Older than the retention: finished long ago, or taken by an app that stopped before it answered.
      purge: db.prepare(`DELETE FROM alarm_requests WHERE state <> 'pending' AND requested_at < ?`),
      pending: db.prepare(`SELECT id, operator, requested_at, body FROM alarm_requests WHERE state = 'pending' ORDER BY id`),
      take: db.prepare(`UPDATE alarm_requests SET state = 'working', handled_by = ? WHERE id = ? AND state = 'pending'`),
      complete: db.prepare('UPDATE alarm_requests SET state = ?, done_at = ?, result = ?, error = ? WHERE id = ?'),
      submit: db.prepare(`INSERT INTO alarm_requests (kind, body, operator, requested_at, state) VALUES (?, ?, ?, ?, 'pending')`),
      outcome: db.prepare('SELECT state, handled_by, result, error FROM alarm_requests WHERE id = ?'),
      cancel: db.prepare(`UPDATE alarm_requests SET state = 'cancelled', done_at = ? WHERE id = ? AND state = 'pending'`),
    };
  }

  announce(p: BackendPresence): void {
    this.#s.announce.run(p.instance, p.pid, p.host, p.startedAtMs, p.heartbeatAtMs);
  }

  withdraw(instance: string): void {
    this.#s.withdraw.run(instance);
  }

  presences(sinceMs: number): BackendPresence[] {
    return (this.#s.presences.all(sinceMs) as PresenceRow[]).map((r) => ({ instance: r.instance, pid: r.pid, host: r.host, startedAtMs: r.started_at, heartbeatAtMs: r.heartbeat_at }));
  }

  claim(pid: number, olderThanMs: number, purgeBeforeMs: number, nowMs: number): QueuedAlarmRequest[] {
    // One transaction: two apps on one history.db never take the same request.
    return this.#db.transaction(() => {
      this.#s.expire.run(nowMs, olderThanMs);
      this.#s.purge.run(purgeBeforeMs);
      const out: QueuedAlarmRequest[] = [];
      for (const r of this.#s.pending.all() as RequestRow[]) {
        if (this.#s.take.run(pid, r.id).changes === 1) out.push({ id: r.id, operator: r.operator, requestedAtMs: r.requested_at, body: parseJson(r.body) });
      }
      return out;
    })();
  }

  complete(id: number, outcome: { readonly result?: AlarmRequestResult; readonly error?: ErrorPayload }, nowMs: number): void {
    this.#s.complete.run(outcome.error ? 'failed' : 'done', nowMs, outcome.result ? JSON.stringify(outcome.result) : null, outcome.error ? JSON.stringify(outcome.error) : null, id);
  }

  submit(operator: string, body: AlarmRequestBody, nowMs: number): number {
    return Number(this.#s.submit.run(body.kind, JSON.stringify(body), operator, nowMs).lastInsertRowid);
  }

  outcome(id: number): AlarmRequestOutcome | undefined {
    const r = this.#s.outcome.get(id) as OutcomeRow | undefined;
    if (!r) return undefined;
    return {
      state: r.state,
      ...(r.handled_by !== null ? { handledBy: r.handled_by } : {}),
      ...(r.result !== null ? { result: parseJson(r.result) as AlarmRequestResult } : {}),
      ...(r.error !== null ? { error: parseJson(r.error) as ErrorPayload } : {}),
    };
  }

  cancelIfPending(id: number, nowMs: number): boolean {
    return this.#s.cancel.run(nowMs, id).changes === 1;
  }
}
