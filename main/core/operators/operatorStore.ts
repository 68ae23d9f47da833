/**
 * Operator accounts and their sessions (issue 16 "Operators"): two tables of the data folder's history.db, shared by
 * the server (logins, the operators page) and `npm run imp -- operators` (the first admin, resets) through SQLite's
 * WAL, so an account added on the command line is seen by a running server at the next login, without a restart.
 *
 * Rules kept here, whoever calls: names and passwords are checked (shared/model/access.ts); the last enabled admin
 * can be neither disabled nor demoted (nobody could manage the server any more); every change of an account's role,
 * state or password ends its open sessions (the operator logs in again and gets what the account now says). A
 * session is stored by the sha256 of its token only: whoever reads the file cannot take a session over.
 */
import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { OPERATOR_NAME_PATTERN, isRole, passwordProblem, type OperatorInput, type OperatorView, type Role } from '../../../shared/model/access.js';
import { AppError } from '../base/errors.js';
import type { Database, Migration, SqliteConnection } from '../storage/sqlite/database.js';
import { hashPassword } from './passwordHash.js';
import { DEFAULT_SESSION_POLICY } from './sessionPolicy.js';

/** The component name of the operator tables in schema_migrations. */
export const OPERATORS_COMPONENT = 'operators';

/** Idle time after which a session counts as ended when none is given (SessionPolicy's default). */
export const DEFAULT_IDLE_TIMEOUT_MS = DEFAULT_SESSION_POLICY.idleTimeoutMs;

/** How long ended and expired sessions are kept (who was logged in when, for a look back), then removed. */
const SESSION_KEEP_MS = 30 * 24 * 3_600_000;

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'operators and sessions',
    up(db: SqliteConnection): void {
      db.exec(`CREATE TABLE operators (
        name TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0,
        created_at_ms INTEGER NOT NULL,
        password_changed_at_ms INTEGER NOT NULL,
        last_login_at_ms INTEGER,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until_ms INTEGER)`);
      db.exec(`CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        operator TEXT NOT NULL,
        created_at_ms INTEGER NOT NULL,
        last_seen_ms INTEGER NOT NULL,
        expires_at_ms INTEGER NOT NULL,
        address TEXT,
        ended_at_ms INTEGER,
        end_reason TEXT)`);
      db.exec('CREATE INDEX sessions_operator ON sessions (operator, ended_at_ms)');
    },
  },
];

/** Why a session ended (sessions.end_reason). */
export type SessionEndReason = 'logout' | 'expired' | 'role changed' | 'disabled' | 'password reset' | 'password changed';

/** An account as the session authority needs it (with its hash: never leaves operators/). */
export interface OperatorAccount {
  readonly name: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly disabled: boolean;
  readonly failedLogins: number;
  readonly lockedUntilMs?: number;
}

/** A stored session (its token is never stored, only its sha256). */
export interface SessionRecord {
  readonly id: string;
  readonly operator: string;
  readonly createdAtMs: number;
  readonly lastSeenMs: number;
  readonly expiresAtMs: number;
  readonly address?: string;
  readonly endedAtMs?: number;
  readonly endReason?: string;
}

interface OperatorRow {
  name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at_ms: number;
  password_changed_at_ms: number;
  last_login_at_ms: number | null;
  failed_logins: number;
  locked_until_ms: number | null;
  open_sessions?: number;
}

interface SessionRow {
  id: string;
  operator: string;
  created_at_ms: number;
  last_seen_ms: number;
  expires_at_ms: number;
  address: string | null;
  ended_at_ms: number | null;
  end_reason: string | null;
}

/** The sha256 (hex) of a session token: what the sessions table keeps. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

function roleOf(row: OperatorRow): Role {
  // A role edited by hand into something unknown gives the least right, never more.
  return isRole(row.role) ? row.role : 'viewer';
}

function checkName(name: string): void {
  if (!OPERATOR_NAME_PATTERN.test(name)) {
    throw new AppError('VALIDATION', `"${name.slice(0, 80)}" is not an operator name: letters, digits, . _ @ -, at most 64 characters, starting with a letter or digit`);
  }
}

function checkRole(role: string): asserts role is Role {
  if (!isRole(role)) throw new AppError('VALIDATION', `"${String(role).slice(0, 40)}" is not a role: viewer, operator or admin`);
}

function checkPassword(password: string, name: string): void {
  const problem = passwordProblem(password, name);
  if (problem) throw new AppError('VALIDATION', `${problem}; nothing was changed`);
}

/** The operator and session tables of one history.db. */
export class OperatorStore {
  readonly #db: Database;
  readonly #now: () => number;
  readonly #idleTimeoutMs: number;
  readonly #busyTimeoutMs: number;

  private constructor(db: Database, now: () => number, idleTimeoutMs: number, busyTimeoutMs: number) {
    this.#db = db;
    this.#now = now;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  /**
   * Opens (migrating) the tables in `db`. `idleTimeoutMs` is what counts a session as open in the views (the
   * authority's policy); `busyTimeoutMs` how long a write may wait for another process's lock (the CLI holds it for
   * a few milliseconds at most; default 2 s).
   */
  static open(db: Database, options: { readonly now?: () => number; readonly idleTimeoutMs?: number; readonly busyTimeoutMs?: number } = {}): OperatorStore {
    db.migrate(OPERATORS_COMPONENT, MIGRATIONS);
    const store = new OperatorStore(db, options.now ?? Date.now, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, options.busyTimeoutMs ?? 2_000);
    try {
      store.pruneSessions();
    } catch {
      // Another process holds the lock: the old rows are removed at the next open.
    }
    return store;
  }

  get #conn(): SqliteConnection {
    return this.#db.connection;
  }

  /** Runs `fn` in an IMMEDIATE transaction (the write lock taken first: read-then-write is atomic across processes). */
  #write<T>(fn: () => T): T {
    return this.#db.withBusyTimeout(this.#busyTimeoutMs, () => this.#conn.transaction(fn).immediate());
  }

  #view(row: OperatorRow): OperatorView {
    return {
      name: row.name,
      role: roleOf(row),
      disabled: row.disabled !== 0,
      createdAtMs: row.created_at_ms,
      passwordChangedAtMs: row.password_changed_at_ms,
      ...(row.last_login_at_ms !== null ? { lastLoginAtMs: row.last_login_at_ms } : {}),
      failedLogins: row.failed_logins,
      ...(row.locked_until_ms !== null && row.locked_until_ms > this.#now() ? { lockedUntilMs: row.locked_until_ms } : {}),
      sessions: row.open_sessions ?? 0,
    };
  }

  #select(where: string, ...params: unknown[]): OperatorRow[] {
    const now = this.#now();
    return this.#conn
      .prepare(
        `SELECT o.*, (SELECT COUNT(*) FROM sessions s WHERE s.operator = o.name AND s.ended_at_ms IS NULL
           AND s.expires_at_ms > ? AND s.last_seen_ms > ?) AS open_sessions
         FROM operators o ${where} ORDER BY o.name`,
      )
      .all(now, now - this.#idleTimeoutMs, ...params) as OperatorRow[];
  }

  /** Every account, by name. */
  list(): OperatorView[] {
    return this.#select('').map((r) => this.#view(r));
  }

  /** One account, or undefined. */
  get(name: string): OperatorView | undefined {
    const row = this.#select('WHERE o.name = ?', name)[0];
    return row ? this.#view(row) : undefined;
  }

  #require(name: string): OperatorView {
    const v = this.get(name);
    if (!v) throw new AppError('NOT_FOUND', `no operator named ${name.slice(0, 80)}`);
    return v;
  }

  #rowOf(name: string): OperatorRow | undefined {
    return this.#conn.prepare('SELECT * FROM operators WHERE name = ?').get(name) as OperatorRow | undefined;
  }

  /** The account with its hash, for the session authority; undefined for an unknown name. */
  account(name: string): OperatorAccount | undefined {
    const row = this.#rowOf(name);
    if (!row) return undefined;
    return {
      name: row.name,
      role: roleOf(row),
      passwordHash: row.password_hash,
      disabled: row.disabled !== 0,
      failedLogins: row.failed_logins,
      ...(row.locked_until_ms !== null ? { lockedUntilMs: row.locked_until_ms } : {}),
    };
  }

  /** Whether an enabled admin account exists (without one every login is refused: the setup line creates one). */
  hasEnabledAdmin(): boolean {
    return this.#conn.prepare("SELECT 1 FROM operators WHERE role = 'admin' AND disabled = 0 LIMIT 1").get() !== undefined;
  }

  /** Adds an account; CONFLICT when the name is taken. */
  async add(input: OperatorInput): Promise<OperatorView> {
    checkName(input.name);
    checkRole(input.role);
    checkPassword(input.password, input.name);
    if (this.#rowOf(input.name)) throw new AppError('CONFLICT', `operator ${input.name} exists already; nothing was changed`);
    const hash = await hashPassword(input.password);
    this.#write(() => {
      if (this.#rowOf(input.name)) throw new AppError('CONFLICT', `operator ${input.name} exists already; nothing was changed`);
      const now = this.#now();
      this.#conn
        .prepare('INSERT INTO operators (name, role, password_hash, disabled, created_at_ms, password_changed_at_ms, failed_logins) VALUES (?, ?, ?, 0, ?, ?, 0)')
        .run(input.name, input.role, hash, now, now);
    });
    return this.#require(input.name);
  }

  /** Refuses to take the admin role or the account away from the last enabled admin. */
  #guardLastAdmin(name: string, what: string): void {
    const others = this.#conn.prepare("SELECT COUNT(*) AS n FROM operators WHERE role = 'admin' AND disabled = 0 AND name <> ?").get(name) as { n: number };
    if (others.n === 0) {
      throw new AppError('PRECONDITION', `${name} is the last enabled admin: ${what} would leave nobody to manage the operators; add or enable another admin first`);
    }
  }

  /** Changes a role; the account's open sessions end. */
  setRole(name: string, role: Role): OperatorView {
    checkRole(role);
    this.#write(() => {
      const row = this.#rowOf(name);
      if (!row) throw new AppError('NOT_FOUND', `no operator named ${name.slice(0, 80)}`);
      if (row.role === role) return;
      if (row.role === 'admin' && row.disabled === 0) this.#guardLastAdmin(name, `making it ${role === 'operator' ? 'an' : 'a'} ${role}`);
      this.#conn.prepare('UPDATE operators SET role = ? WHERE name = ?').run(role, name);
      this.#endSessionsOf(name, 'role changed');
    });
    return this.#require(name);
  }

  /** Disables (sessions end, logins refused) or enables an account. */
  setDisabled(name: string, disabled: boolean): OperatorView {
    this.#write(() => {
      const row = this.#rowOf(name);
      if (!row) throw new AppError('NOT_FOUND', `no operator named ${name.slice(0, 80)}`);
      if ((row.disabled !== 0) === disabled) return;
      if (disabled && row.role === 'admin') this.#guardLastAdmin(name, 'disabling it');
      this.#conn.prepare('UPDATE operators SET disabled = ? WHERE name = ?').run(disabled ? 1 : 0, name);
      if (disabled) this.#endSessionsOf(name, 'disabled');
    });
    return this.#require(name);
  }

  /** Sets a new password (an admin's reset): unlocks the account and ends its sessions. */
  async resetPassword(name: string, password: string): Promise<OperatorView> {
    this.#require(name);
    checkPassword(password, name);
    const hash = await hashPassword(password);
    this.setPasswordHash(name, hash, 'password reset');
    return this.#require(name);
  }

  /**
   * Stores a hash made by hashPassword for `name` (reset or the operator's own change): unlocks, and ends the
   * account's sessions but `keepSessionId` (the one that changed its own password).
   */
  setPasswordHash(name: string, hash: string, reason: 'password reset' | 'password changed', keepSessionId?: string): void {
    this.#write(() => {
      const r = this.#conn
        .prepare('UPDATE operators SET password_hash = ?, password_changed_at_ms = ?, failed_logins = 0, locked_until_ms = NULL WHERE name = ?')
        .run(hash, this.#now(), name);
      if (r.changes === 0) throw new AppError('NOT_FOUND', `no operator named ${name.slice(0, 80)}`);
      this.#endSessionsOf(name, reason, keepSessionId);
    });
  }

  /** Lifts a lockout (and forgets the wrong passwords counted). */
  unlock(name: string): OperatorView {
    this.#write(() => {
      const r = this.#conn.prepare('UPDATE operators SET failed_logins = 0, locked_until_ms = NULL WHERE name = ?').run(name);
      if (r.changes === 0) throw new AppError('NOT_FOUND', `no operator named ${name.slice(0, 80)}`);
    });
    return this.#require(name);
  }

  /**
   * Counts a wrong password for an existing account; the `maxFailures`-th in a row locks it until now + lockMs
   * (NIST SP 800-63B 5.2.2 throttling). A lock that has run out starts the count over; while a lock holds (guesses
   * checked in parallel) nothing changes. `lockedNow` is true only for the failure that started the lock.
   */
  recordFailedLogin(name: string, maxFailures: number, lockMs: number): { readonly failures: number; readonly lockedUntilMs?: number; readonly lockedNow: boolean } {
    return this.#write(() => {
      const row = this.#rowOf(name);
      if (!row) return { failures: 0, lockedNow: false };
      const now = this.#now();
      if (row.locked_until_ms !== null && row.locked_until_ms > now) return { failures: row.failed_logins, lockedUntilMs: row.locked_until_ms, lockedNow: false };
      const lockOver = row.locked_until_ms !== null;
      const failures = (lockOver ? 0 : row.failed_logins) + 1;
      const lockedUntil = failures >= maxFailures ? now + lockMs : null;
      this.#conn.prepare('UPDATE operators SET failed_logins = ?, locked_until_ms = ? WHERE name = ?').run(failures, lockedUntil, name);
      return { failures, ...(lockedUntil !== null ? { lockedUntilMs: lockedUntil } : {}), lockedNow: lockedUntil !== null };
    });
  }

  /** A good login: the count of wrong passwords starts over, the time is kept. */
  recordGoodLogin(name: string): void {
    this.#write(() => {
      this.#conn.prepare('UPDATE operators SET failed_logins = 0, locked_until_ms = NULL, last_login_at_ms = ? WHERE name = ?').run(this.#now(), name);
    });
  }

  /** Opens a session for `operator` under the sha256 of its token; it ends after `maxAgeMs` at the latest. */
  openSession(operator: string, hashOfToken: string, maxAgeMs: number, address?: string): SessionRecord {
    const now = this.#now();
    const id = randomUUID();
    this.#write(() => {
      this.#conn
        .prepare('INSERT INTO sessions (id, token_hash, operator, created_at_ms, last_seen_ms, expires_at_ms, address) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(id, hashOfToken, operator, now, now, now + maxAgeMs, address ?? null);
    });
    return { id, operator, createdAtMs: now, lastSeenMs: now, expiresAtMs: now + maxAgeMs, ...(address !== undefined ? { address } : {}) };
  }

  /** The session stored under this token hash (open or not), or undefined. */
  sessionByTokenHash(hashOfToken: string): SessionRecord | undefined {
    const r = this.#conn.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(hashOfToken) as SessionRow | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      operator: r.operator,
      createdAtMs: r.created_at_ms,
      lastSeenMs: r.last_seen_ms,
      expiresAtMs: r.expires_at_ms,
      ...(r.address !== null ? { address: r.address } : {}),
      ...(r.ended_at_ms !== null ? { endedAtMs: r.ended_at_ms } : {}),
      ...(r.end_reason !== null ? { endReason: r.end_reason } : {}),
    };
  }

  /** Records activity on a session (never waits for another process's lock: a missed touch is made up by the next). */
  touchSession(id: string): boolean {
    try {
      return this.#conn.prepare('UPDATE sessions SET last_seen_ms = ? WHERE id = ? AND ended_at_ms IS NULL').run(this.#now(), id).changes > 0;
    } catch {
      return false;
    }
  }

  /** Ends one session; true when it was still open (so its end is recorded once). */
  endSession(id: string, reason: SessionEndReason): boolean {
    return this.#write(() => this.#conn.prepare('UPDATE sessions SET ended_at_ms = ?, end_reason = ? WHERE id = ? AND ended_at_ms IS NULL').run(this.#now(), reason, id).changes > 0);
  }

  #endSessionsOf(name: string, reason: SessionEndReason, keepSessionId?: string): number {
    return this.#conn
      .prepare('UPDATE sessions SET ended_at_ms = ?, end_reason = ? WHERE operator = ? AND ended_at_ms IS NULL AND id <> ?')
      .run(this.#now(), reason, name, keepSessionId ?? '').changes;
  }

  /** Removes sessions ended or expired more than 30 days ago. */
  pruneSessions(): number {
    const before = this.#now() - SESSION_KEEP_MS;
    return this.#write(() => this.#conn.prepare('DELETE FROM sessions WHERE COALESCE(ended_at_ms, expires_at_ms) < ?').run(before).changes);
  }
}
