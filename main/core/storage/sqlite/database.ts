import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../base/errors.js';
import type { Disposable } from '../../base/disposable.js';

/** The better-sqlite3 connection type, for stores that share one `Database`. */
export type SqliteConnection = BetterSqlite3.Database;

/** One schema step of a component; versions of a component start at 1 and increase by 1. */
export interface Migration {
  readonly version: number;
  /** Short description, kept in the schema_migrations table. */
  readonly name: string;
  /** Applies the step; runs inside a transaction with the version bookkeeping. */
  up(db: SqliteConnection): void;
}

/**
 * The shared SQLite handle of the storage layer: one file, WAL, one connection used by every store (samples now;
 * alert history and rules later). Each component migrates its own tables by version number, so stores written
 * by different people never fight over one global `user_version`.
 *
 * Durability: WAL with synchronous=NORMAL keeps every committed transaction across a process crash (the WAL is
 * written before COMMIT returns; only an OS crash/power loss may roll back the last transactions) — SQLite
 * "Write-Ahead Logging" and "PRAGMA synchronous" docs.
 */
export class Database implements Disposable {
  readonly #db: SqliteConnection;
  #closed = false;

  private constructor(db: SqliteConnection) {
    this.#db = db;
  }

  /** Opens (creating if needed) the database at `path` (':memory:' for tests) in WAL mode. */
  static open(path: string): Database {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let db: SqliteConnection;
    try {
      db = new BetterSqlite3(path);
    } catch (err) {
      throw new AppError('INTERNAL', `cannot open database ${path}: ${(err as Error).message}`, { cause: err });
    }
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      // No waiting on another writer's lock: better-sqlite3 is synchronous, so a busy timeout blocks the whole event
      // loop (polls, /metrics, the UI) for as long as the lock is held — 5 s per statement made /metrics answer in
      // 8-9 s (issue 10). A locked write fails at once with STORAGE_BUSY and its owner retries later with backoff.
      // WAL readers never wait for a writer. Opening, migrating and the final flush may wait (withBusyTimeout).
      db.pragma('busy_timeout = 0');
      // 64 MiB page cache (default 2 MiB): batches touch many series' pages; the cache keeps them hot.
      db.pragma('cache_size = -65536');
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at INTEGER NOT NULL,
        PRIMARY KEY (component, version))`);
    } catch (err) {
      db.close();
      throw new AppError('INTERNAL', `cannot prepare database ${path}: ${(err as Error).message}`, { cause: err });
    }
    return new Database(db);
  }

  /** The raw connection, for stores of this layer (prepare statements once, reuse them). */
  get connection(): SqliteConnection {
    if (this.#closed) throw new AppError('PRECONDITION', 'database is closed', { retryable: false });
    return this.#db;
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** The journal mode in force ('wal' for files, 'memory' for ':memory:'). */
  get journalMode(): string {
    return String(this.connection.pragma('journal_mode', { simple: true }));
  }

  /** The highest applied version of a component's schema (0 when none). */
  schemaVersion(component: string): number {
    const row = this.connection
      .prepare('SELECT MAX(version) AS v FROM schema_migrations WHERE component = ?')
      .get(component) as { v: number | null };
    return row.v ?? 0;
  }

  /**
   * Applies the component's migrations above its current version, each in its own transaction.
   * Throws AppError('VALIDATION') when versions are not 1..n in order, and AppError('CONFLICT') when the database
   * is newer than this code (a downgrade).
   */
  migrate(component: string, migrations: readonly Migration[]): number {
    migrations.forEach((m, i) => {
      if (m.version !== i + 1) {
        throw new AppError('VALIDATION', `${component}: migration #${i} has version ${m.version}, expected ${i + 1}`);
      }
    });
    const current = this.schemaVersion(component);
    if (current > migrations.length) {
      throw new AppError(
        'CONFLICT',
        `${component}: database schema version ${current} is newer than this program (${migrations.length})`,
      );
    }
    const db = this.connection;
    const record = db.prepare('INSERT INTO schema_migrations (component, version, name, applied_at) VALUES (?, ?, ?, ?)');
    // At open nothing answers yet: waiting for another writer here is better than failing the start.
    this.withBusyTimeout(5_000, () => {
      for (const m of migrations.slice(current)) {
        db.transaction(() => {
          m.up(db);
          record.run(component, m.version, m.name, Date.now());
        })();
      }
    });
    return migrations.length;
  }

  /**
   * Runs `fn` allowing SQLite to wait up to `ms` for another connection's lock (blocking this thread meanwhile):
   * only where nothing else has to answer yet — migrations at open, the last flush at shutdown.
   */
  withBusyTimeout<T>(ms: number, fn: () => T): T {
    const db = this.connection;
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
    try {
      return fn();
    } finally {
      db.pragma('busy_timeout = 0');
    }
  }

  /** Runs `fn` inside one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.connection.transaction(fn)();
  }

  /** Checkpoints the WAL and closes the connection; idempotent. */
  dispose(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#db.pragma('busy_timeout = 2000');
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A read-only or busy database still closes; the WAL is replayed on the next open.
    }
    this.#db.close();
  }
}
