/**
 * The audit log (issue 16 "Audit log"): who (operator and role), when, from where, what, on which target, with which
 * parameters (never secrets) and the result of every action that changes something, every login, failed login and
 * refused call. A table of history.db (storage's Database), append-only, each entry chained to the previous one by
 * an HMAC (auditChain.ts) whose key lives in the encrypted credential store (auditKey.ts); after each append the
 * head (seq, MAC) goes to a head file and to the server's log (auditHead.ts), so that an edited, removed or
 * truncated entry is detected by `verify`.
 *
 * Appends from several processes (the server, `imp operators`, `imp audit`) are atomic: each runs in one IMMEDIATE
 * transaction that reads the last MAC and inserts after it (SQLite "BEGIN IMMEDIATE" takes the write lock first, so
 * two appends never chain to the same entry). The connection never waits on a lock (database.ts: busy_timeout 0);
 * a locked append is retried after short sleeps, off the event loop. An append never throws: a failure is written to
 * stderr and the entry is missing, which the next verify reports only as far as the chain shows (a refused append
 * leaves no gap: nothing was inserted).
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROLES } from '../../../shared/model/access.js';
import type { AuditEntry, AuditEntryInput, AuditFilter, AuditResult, AuditSource, AuditVerification } from '../../../shared/model/audit.js';
import type { AuditSink } from '../base/callerContext.js';
import type { AsyncDisposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import { JsonStateWriter } from '../base/jsonStateFile.js';
import type { Database, Migration } from '../storage/sqlite/database.js';
import { GENESIS_MAC, entryMac, sameMac, stableJson } from './auditChain.js';
import { parseHead, type AuditHead } from './auditHead.js';
import { auditMessage, auditParams } from './auditParams.js';

/** The component name of the audit tables in schema_migrations. */
export const AUDIT_COMPONENT = 'audit';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'audit_log: HMAC-chained entries',
    up: (db) => {
      db.exec(`CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at_ms INTEGER NOT NULL,
        operator TEXT NOT NULL,
        role TEXT NOT NULL,
        source TEXT NOT NULL,
        address TEXT,
        action TEXT NOT NULL,
        target TEXT,
        params TEXT NOT NULL,
        result TEXT NOT NULL,
        error_code TEXT,
        message TEXT,
        mac TEXT NOT NULL)`);
      db.exec('CREATE INDEX audit_log_at ON audit_log (at_ms)');
      db.exec('CREATE INDEX audit_log_operator ON audit_log (operator, seq)');
    },
  },
];

const SOURCES: readonly AuditSource[] = ['desktop', 'web', 'server', 'cli', 'system'];
const RESULTS: readonly AuditResult[] = ['ok', 'failed', 'refused'];
const DEFAULT_LIMIT = 500;
const MAX_LIMIT = 10_000;
/** Rows read per step of verify (the event loop runs between steps: a long log does not stall a server). */
const VERIFY_CHUNK = 2_000;
/** Sleeps between tries of an append that met another process's write lock (about 5 s in all). */
const LOCK_RETRY_MS = [5, 10, 20, 40, 80, 160, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250, 250];

interface Row {
  seq: number;
  at_ms: number;
  operator: string;
  role: string;
  source: string;
  address: string | null;
  action: string;
  target: string | null;
  params: string;
  result: string;
  error_code: string | null;
  message: string | null;
  mac: string;
}

/** An entry ready to insert: everything but seq and MAC. */
type Prepared = Omit<AuditEntry, 'seq' | 'atMs'> & { readonly atMs: number | undefined };

export interface AuditLogOptions {
  readonly db: Database;
  /** The HMAC key (auditKey.ts), at least 32 bytes. */
  readonly key: Buffer;
  /** Where the head is written after each append (`<data-dir>/audit/head.json`, 0600). */
  readonly headFile?: string;
  /** Told the head after each append (the server prints `[audit] head seq=N mac=…`). */
  readonly onHead?: (head: { seq: number; mac: string; atMs: number }) => void;
  readonly now?: () => number;
}

/** Whether SQLite refused because another connection holds a lock. */
function isLocked(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function rowToEntry(r: Row): AuditEntry {
  let params: Record<string, unknown>;
  try {
    const p = JSON.parse(r.params) as unknown;
    params = p !== null && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, unknown>) : { value: p };
  } catch {
    params = { unreadable: r.params };
  }
  return {
    seq: r.seq,
    atMs: r.at_ms,
    operator: r.operator,
    role: r.role as AuditEntry['role'],
    source: r.source as AuditSource,
    ...(r.address !== null ? { address: r.address } : {}),
    action: r.action,
    ...(r.target !== null ? { target: r.target } : {}),
    params,
    result: r.result as AuditResult,
    ...(r.error_code !== null ? { errorCode: r.error_code } : {}),
    ...(r.message !== null ? { message: r.message } : {}),
  };
}

/** A filter of the log, and (for the DRS's action records) a top-level parameter's value. */
export type AuditQuery = AuditFilter & { readonly param?: { readonly name: string; readonly value: string } };

/** The WHERE clause and parameters of a filter. */
function whereOf(filter: AuditQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]): void => {
    parts.push(sql);
    params.push(...values);
  };
  if (filter.sinceMs !== undefined) add('at_ms >= ?', filter.sinceMs);
  if (filter.untilMs !== undefined) add('at_ms <= ?', filter.untilMs);
  if (filter.operator !== undefined) add('operator = ?', filter.operator);
  // A prefix ending with "." takes every action under it; compared as text (LIKE would read "_" as a wildcard).
  if (filter.action !== undefined) {
    if (filter.action.endsWith('.')) add('substr(action, 1, ?) = ?', filter.action.length, filter.action);
    else add('action = ?', filter.action);
  }
  if (filter.result !== undefined) add('result = ?', filter.result);
  if (filter.text !== undefined) {
    const t = filter.text.toLowerCase();
    add("(instr(lower(coalesce(target, '')), ?) > 0 OR instr(lower(coalesce(message, '')), ?) > 0)", t, t);
  }
  if (filter.beforeSeq !== undefined) add('seq < ?', filter.beforeSeq);
  if (filter.param !== undefined) {
    if (!/^[A-Za-z0-9_]+$/.test(filter.param.name)) throw new AppError('VALIDATION', `not a parameter name: ${filter.param.name}`);
    add('(CASE WHEN json_valid(params) THEN json_extract(params, ?) END) = ?', `$.${filter.param.name}`, filter.param.value);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The head file's head at open, if any (a damaged file is not a head: verify reports it through the service). */
function headAtOpen(path: string | undefined): AuditHead | undefined {
  if (!path) return undefined;
  try {
    const h = parseHead(JSON.parse(readFileSync(path, 'utf8')));
    return typeof h === 'string' ? undefined : h;
  } catch {
    return undefined;
  }
}

/** The append-only, HMAC-chained audit log in history.db. */
export class AuditLog implements AuditSink, AsyncDisposable {
  readonly #db: Database;
  readonly #key: Buffer;
  readonly #now: () => number;
  readonly #onHead: AuditLogOptions['onHead'];
  readonly #headWriter: JsonStateWriter | undefined;
  /** The highest head this process knows (its own appends, the head file at open): the chain never goes back below it. */
  #knownHead: AuditHead | undefined;
  #tail: Promise<unknown> = Promise.resolve();
  readonly #stop = new AbortController();
  #disposed = false;

  private constructor(o: AuditLogOptions) {
    this.#db = o.db;
    this.#key = o.key;
    this.#now = o.now ?? Date.now;
    this.#onHead = o.onHead;
    this.#headWriter = o.headFile ? new JsonStateWriter(o.headFile) : undefined;
    this.#knownHead = headAtOpen(o.headFile);
  }

  /** Creates the table when missing (component "audit" of schema_migrations) and returns the log. */
  static open(o: AuditLogOptions): AuditLog {
    if (o.key.length < 32) throw new RangeError('the audit key must have at least 32 bytes');
    o.db.migrate(AUDIT_COMPONENT, MIGRATIONS);
    return new AuditLog(o);
  }

  /**
   * The highest head this process knows (its own appends, the head file as it was at open): a running server still
   * knows it when rows were deleted from the end and the head file was rewritten to match behind its back.
   */
  knownHead(): AuditHead | undefined {
    return this.#knownHead;
  }

  /** The last entry's seq and MAC in the table (undefined while it is empty). */
  head(): AuditHead | undefined {
    const r = this.#db.connection.prepare('SELECT seq, mac, at_ms FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; mac: string; at_ms: number } | undefined;
    return r ? { seq: r.seq, mac: r.mac, atMs: r.at_ms } : undefined;
  }

  /**
   * Appends one entry (seq and, unless given, the time assigned here); params scrubbed of secrets and capped, the
   * message capped. Appends of this process keep their call order. Never throws: undefined when nothing was kept.
   */
  append(input: AuditEntryInput): Promise<AuditEntry | undefined> {
    const run = this.#tail.then(() => this.#appendTrying(input));
    this.#tail = run;
    return run;
  }

  async #appendTrying(input: AuditEntryInput): Promise<AuditEntry | undefined> {
    let prepared: Prepared;
    try {
      prepared = this.#prepare(input);
    } catch (err) {
      console.error(`[audit] entry refused (${input?.action ?? 'no action'}): ${errorText(err)}`);
      return undefined;
    }
    let entry: AuditEntry | undefined;
    for (let attempt = 0; entry === undefined; attempt++) {
      try {
        entry = this.#insert(prepared);
      } catch (err) {
        const delay = LOCK_RETRY_MS[attempt];
        if (!isLocked(err) || delay === undefined || this.#disposed) {
          console.error(`[audit] could not append ${prepared.action} by ${prepared.operator}: ${errorText(err)}`);
          return undefined;
        }
        try {
          await sleep(delay, undefined, { signal: this.#stop.signal });
        } catch {
          // Disposing: one more try at once, then give up.
        }
      }
    }
    await this.#announce(entry);
    return entry;
  }

  #prepare(input: AuditEntryInput): Prepared {
    if (!input || typeof input.action !== 'string' || input.action === '') throw new TypeError('an entry needs an action');
    if (!SOURCES.includes(input.source)) throw new TypeError(`unknown source ${String(input.source)}`);
    if (!RESULTS.includes(input.result)) throw new TypeError(`unknown result ${String(input.result)}`);
    if (input.role !== 'none' && !(ROLES as readonly string[]).includes(input.role)) throw new TypeError(`unknown role ${String(input.role)}`);
    if (input.atMs !== undefined && !Number.isSafeInteger(input.atMs)) throw new TypeError('atMs must be whole milliseconds');
    const text = (s: unknown, max: number): string | undefined => (typeof s === 'string' && s !== '' ? (s.length > max ? `${s.slice(0, max - 1)}…` : s) : undefined);
    const address = text(input.address, 200);
    const target = text(input.target, 500);
    const errorCode = text(input.errorCode, 64);
    const message = auditMessage(text(input.message, Number.MAX_SAFE_INTEGER));
    return {
      atMs: input.atMs,
      operator: text(input.operator, 200) ?? '-',
      role: input.role,
      source: input.source,
      ...(address !== undefined ? { address } : {}),
      action: text(input.action, 200)!,
      ...(target !== undefined ? { target } : {}),
      params: auditParams(input.params),
      result: input.result,
      ...(errorCode !== undefined ? { errorCode } : {}),
      ...(message !== undefined ? { message } : {}),
    };
  }

  /** Inserts after the last entry in one IMMEDIATE transaction; throws SQLite's error (a lock: the caller retries). */
  #insert(p: Prepared): AuditEntry {
    return this.#insertAll([p])[0]!;
  }

  /** Inserts the entries in order, all or none, in one IMMEDIATE transaction. */
  #insertAll(list: readonly Prepared[]): AuditEntry[] {
    const conn = this.#db.connection;
    const insert = conn.prepare(`INSERT INTO audit_log (seq, at_ms, operator, role, source, address, action, target, params, result, error_code, message, mac)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const tx = conn.transaction((): { entries: AuditEntry[]; head: AuditHead | undefined } => {
      const last = conn.prepare('SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; mac: string } | undefined;
      // Rows deleted from the end behind this process's back do not rewind the chain: it goes on after the head this
      // process knows, so verify names the gap (the removal) instead of a shorter chain that looks whole.
      const known = this.#knownHead;
      let base: AuditHead | undefined = known && known.seq > (last?.seq ?? 0) ? known : last;
      const entries: AuditEntry[] = [];
      for (const p of list) {
        const entry: AuditEntry = { ...p, seq: (base?.seq ?? 0) + 1, atMs: p.atMs ?? this.#now() };
        const mac = entryMac(this.#key, base?.mac ?? GENESIS_MAC, entry);
        insert.run(entry.seq, entry.atMs, entry.operator, entry.role, entry.source, entry.address ?? null, entry.action, entry.target ?? null, stableJson(entry.params), entry.result, entry.errorCode ?? null, entry.message ?? null, mac);
        entries.push(entry);
        base = { seq: entry.seq, mac, atMs: entry.atMs };
      }
      return { entries, head: base };
    });
    const { entries, head } = tx.immediate();
    if (head && entries.length > 0) this.#knownHead = head;
    return entries;
  }

  /**
   * Appends several entries at once, all or none (the import of the earlier action records): resolves with them;
   * unlike `append` it rejects (a bad entry: VALIDATION; SQLite's error after the lock retries), so the caller can
   * keep its source for another try.
   */
  appendAll(inputs: readonly AuditEntryInput[]): Promise<AuditEntry[]> {
    const run = this.#tail.then(async () => {
      const prepared = inputs.map((input, i) => {
        try {
          return this.#prepare(input);
        } catch (err) {
          throw new AppError('VALIDATION', `entry ${i + 1}: ${errorText(err)}`);
        }
      });
      for (let attempt = 0; ; attempt++) {
        try {
          const entries = this.#insertAll(prepared);
          const last = entries[entries.length - 1];
          if (last) await this.#announce(last);
          return entries;
        } catch (err) {
          const delay = LOCK_RETRY_MS[attempt];
          if (!isLocked(err) || delay === undefined || this.#disposed) throw err;
          await sleep(delay, undefined, { signal: this.#stop.signal }).catch(() => undefined);
        }
      }
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** The head to the head file and the listener; their failures are said, never the append's. */
  async #announce(entry: AuditEntry): Promise<void> {
    const head = this.#knownHead;
    if (!head || head.seq !== entry.seq) return; // a later append already moved it
    const announced = { seq: head.seq, mac: head.mac, atMs: entry.atMs };
    try {
      this.#onHead?.(announced);
    } catch (err) {
      console.error(`[audit] head listener failed: ${errorText(err)}`);
    }
    if (!this.#headWriter) return;
    try {
      await this.#headWriter.write(() => ({ seq: this.#knownHead?.seq ?? announced.seq, mac: this.#knownHead?.mac ?? announced.mac, atMs: this.#knownHead?.atMs ?? announced.atMs }));
    } catch (err) {
      console.error(`[audit] could not write the head file ${this.#headWriter.path}: ${errorText(err)}`);
    }
  }

  /** Entries matching `filter`, newest first (default 500, at most 10000). */
  async list(filter: AuditQuery = {}): Promise<AuditEntry[]> {
    await this.#tail;
    const w = whereOf(filter);
    const limit = Math.max(1, Math.min(MAX_LIMIT, Math.floor(filter.limit ?? DEFAULT_LIMIT)));
    const rows = this.#db.connection.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY seq DESC LIMIT ?`).all(...w.params, limit) as Row[];
    return rows.map(rowToEntry);
  }

  /** Every entry matching `filter`, newest first, one at a time (a CSV export of the whole log); `limit` only when given. */
  async forEach(filter: AuditQuery, fn: (e: AuditEntry) => void): Promise<number> {
    await this.#tail;
    const w = whereOf(filter);
    const limit = filter.limit === undefined ? -1 : Math.max(1, Math.floor(filter.limit));
    let n = 0;
    for (const r of this.#db.connection.prepare(`SELECT * FROM audit_log ${w.sql} ORDER BY seq DESC LIMIT ?`).iterate(...w.params, limit) as IterableIterator<Row>) {
      fn(rowToEntry(r));
      n++;
    }
    return n;
  }

  /**
   * Checks the whole chain in seq order: each MAC recomputed with the key and the MAC before it. The first bad entry
   * is one whose MAC does not match (edited, or added without the key), the entry after a gap in seq (entries were
   * removed), or — when the table ends before the recorded head — the recorded head (entries removed from the end).
   * `recordedHead.mac` may be the start of the MAC (as the server's log prints it).
   */
  async verify(o: { recordedHead?: AuditHead } = {}): Promise<AuditVerification> {
    await this.#tail;
    const head = o.recordedHead;
    const tableLast = (this.#db.connection.prepare('SELECT MAX(seq) AS s FROM audit_log').get() as { s: number | null }).s ?? 0;
    const done = (entries: number, _at: number, firstBad?: { seq: number; reason: string }): AuditVerification => ({
      ok: firstBad === undefined,
      entries,
      lastSeq: tableLast,
      ...(head ? { recordedHeadSeq: head.seq } : {}),
      ...(firstBad ? { firstBad } : {}),
      checkedAtMs: this.#now(),
    });
    const stmt = this.#db.connection.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
    let prevMac = GENESIS_MAC;
    let prevSeq = 0;
    let entries = 0;
    for (;;) {
      const rows = stmt.all(prevSeq, VERIFY_CHUNK) as Row[];
      for (const r of rows) {
        entries++;
        if (r.seq !== prevSeq + 1) {
          const missing = r.seq - prevSeq === 2 ? `entry ${prevSeq + 1} is` : `entries ${prevSeq + 1}-${r.seq - 1} are`;
          return done(entries, r.seq, { seq: r.seq, reason: `${missing} missing before it (removed from the table)` });
        }
        let params: unknown;
        try {
          params = JSON.parse(r.params);
        } catch {
          return done(entries, r.seq, { seq: r.seq, reason: 'its parameters are not JSON (the row was edited)' });
        }
        const entry = { ...rowToEntry(r), params: params as Record<string, unknown> };
        const fields = {
          ...entry,
          // The row's own values as stored (an edit that changes a NULL to text, or a number to text, is an edit).
          atMs: r.at_ms,
          address: r.address ?? undefined,
          target: r.target ?? undefined,
          errorCode: r.error_code ?? undefined,
          message: r.message ?? undefined,
        };
        if (typeof r.mac !== 'string' || !sameMac(entryMac(this.#key, prevMac, fields), r.mac)) {
          return done(entries, r.seq, { seq: r.seq, reason: 'its MAC does not match its contents (the row was edited, or written without the key)' });
        }
        prevMac = r.mac;
        prevSeq = r.seq;
      }
      if (rows.length < VERIFY_CHUNK) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (head && head.seq > prevSeq) {
      const missing = head.seq - prevSeq === 1 ? `entry ${head.seq} is` : `entries ${prevSeq + 1}-${head.seq} are`;
      return done(entries, prevSeq, { seq: head.seq, reason: `the log ends at entry ${prevSeq} but the recorded head is entry ${head.seq}: ${missing} missing at the end (removed from the table)` });
    }
    if (head && head.seq > 0 && head.mac !== '') {
      const at = this.#db.connection.prepare('SELECT mac FROM audit_log WHERE seq = ?').get(head.seq) as { mac: string } | undefined;
      if (!at || !at.mac.startsWith(head.mac.toLowerCase())) {
        return done(entries, prevSeq, { seq: head.seq, reason: `its MAC differs from the recorded head's (${head.mac.slice(0, 16)}…): the chain was rewritten from here or before` });
      }
    }
    return done(entries, prevSeq);
  }

  /** Stops waiting for locks and lets the appends in flight end (each tries once more); the database is not closed here. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#stop.abort();
    await this.#tail;
    await this.#headWriter?.settled();
  }
}
