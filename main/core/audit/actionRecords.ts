/**
 * Action records: who changed a cluster (the DRS's device, backup, restore, schedule and security password changes),
 * from where, what, with which parameters and result.
 *
 * Since issue 16 they are entries of the audit log (`auditActionRecorder`): action `drs.*` as given, the cluster kept
 * in params, who from the call's Caller (the router's runAsCaller) or the backend's fallback (the OS user). The
 * records of issue 13 — JSON lines in `<state>/audit/actions.jsonl` — are imported into the log once, at its first
 * open, each with its own time, operator and source (`importLegacyActions`), and the file renamed
 * `actions.jsonl.imported`. `ActionRecords` (that file) stays for a DRS without a backend (tests of the DRS alone).
 * Parameters never carry a secret: a parameter whose name says password, secret or token is dropped (the file) or
 * replaced by "[secret]" (the log, auditParams.ts), whatever the caller passed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { userInfo } from 'node:os';
import type { AuditEntry, AuditEntryInput, AuditSource } from '../../../shared/model/audit.js';
import type { Role } from '../../../shared/model/access.js';
import type { ActionRecord } from '../../../shared/model/drs.js';
import { currentCaller } from '../base/callerContext.js';
import { AppError } from '../base/errors.js';
import { OWNER_ONLY_MODE } from '../base/jsonStateFile.js';
import type { AuditLog } from './auditLog.js';
import { SECRET_FIELD } from './auditParams.js';

/** What records an action (the app's file, or a test's list). */
export interface ActionRecorder {
  record(e: Omit<ActionRecord, 'id' | 'atMs' | 'operator' | 'source'>): Promise<ActionRecord>;
  list(filter?: { cluster?: string; limit?: number }): Promise<ActionRecord[]>;
}

/** The OS user the process runs as ("unknown" where the platform cannot say). */
export function osOperator(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

function scrub(params: ActionRecord['params']): ActionRecord['params'] {
  // Parameter names that may hold a secret are never written: the audit log's own test of a name (auditParams.ts).
  return Object.fromEntries(Object.entries(params).filter(([k]) => !SECRET_FIELD.test(k)));
}

function isRecord(v: unknown): v is ActionRecord {
  const r = v as Partial<ActionRecord> | null;
  return !!r && typeof r === 'object' && typeof r.id === 'string' && typeof r.atMs === 'number' && typeof r.action === 'string' && typeof r.cluster === 'string';
}

/** The append-only file of action records. Appends are serialized: records never interleave. */
export class ActionRecords implements ActionRecorder {
  #tail: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly who: { readonly source: ActionRecord['source']; readonly operator: string },
    private readonly now: () => number,
  ) {}

  /** Opens (creates when missing, 0600 in a 0700 folder) the file at `path`. */
  static async open(path: string, who: { source: ActionRecord['source']; operator?: string }, now: () => number = Date.now): Promise<ActionRecords> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const fh = await open(path, 'a', OWNER_ONLY_MODE);
    await fh.close();
    await chmod(path, OWNER_ONLY_MODE);
    return new ActionRecords(path, { source: who.source, operator: who.operator ?? osOperator() }, now);
  }

  record(e: Omit<ActionRecord, 'id' | 'atMs' | 'operator' | 'source'>): Promise<ActionRecord> {
    const rec: ActionRecord = {
      id: randomUUID(),
      atMs: this.now(),
      operator: this.who.operator,
      source: this.who.source,
      action: e.action,
      cluster: e.cluster,
      ...(e.target !== undefined ? { target: e.target } : {}),
      params: scrub(e.params),
      result: e.result,
      ...(e.message !== undefined ? { message: e.message } : {}),
    };
    const line = `${JSON.stringify(rec)}\n`;
    const write = this.#tail.then(async () => {
      const fh = await open(this.path, 'a+', OWNER_ONLY_MODE);
      try {
        // A torn last line (a crash mid-write) is closed first, so this record starts a line of its own.
        const { size } = await fh.stat();
        const last = Buffer.alloc(1);
        if (size > 0) await fh.read(last, 0, 1, size - 1);
        await fh.appendFile(size > 0 && last[0] !== 0x0a ? `\n${line}` : line);
        await fh.sync();
      } finally {
        await fh.close();
      }
    });
    this.#tail = write.catch(() => undefined);
    return write.then(() => rec);
  }

  /** Records newest first; a line that is not a record (a torn write after a crash) is skipped. */
  async list(filter: { cluster?: string; limit?: number } = {}): Promise<ActionRecord[]> {
    await this.#tail;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const out: ActionRecord[] = [];
    const lines = text.split('\n');
    const limit = filter.limit ?? Number.POSITIVE_INFINITY;
    for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
      const line = lines[i]!.trim();
      if (!line) continue;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        continue;
      }
      if (isRecord(v) && (filter.cluster === undefined || v.cluster === filter.cluster)) out.push(v);
    }
    return out;
  }
}

/** Where issue 13's action records were kept in a state folder. */
export function legacyActionsPath(stateDir: string): string {
  return join(stateDir, 'audit', 'actions.jsonl');
}

/** Who records an action when no call is being served (the backend's own user; the command line's). */
export interface ActionFallback {
  readonly operator: string;
  readonly source: AuditSource;
  /**
   * Default admin — the OS user who runs the app or the command holds every right (issue 16 "Operators") — and
   * 'none' for the source 'system' (the backend itself, e.g. a server's scheduled backup: nobody logged in).
   */
  readonly role?: Role | 'none';
}

const ACTION_SOURCES: ReadonlySet<string> = new Set<ActionRecord['source']>(['desktop', 'web', 'cli', 'server', 'system']);

/** An audit entry of the DRS read back as an ActionRecord (params without the cluster, which is the record's own field). */
function toActionRecord(e: AuditEntry): ActionRecord {
  const { cluster, ...params } = e.params as Record<string, unknown>;
  return {
    id: String(e.seq),
    atMs: e.atMs,
    operator: e.operator,
    source: ACTION_SOURCES.has(e.source) ? e.source : 'system',
    action: e.action,
    cluster: typeof cluster === 'string' ? cluster : '',
    ...(e.target !== undefined ? { target: e.target } : {}),
    params: params as ActionRecord['params'],
    result: e.result,
    ...(e.message !== undefined ? { message: e.message } : {}),
  };
}

/** The audit entry of an action record, by `who`. */
function actionEntry(e: Omit<ActionRecord, 'id' | 'atMs' | 'operator' | 'source'>, who: { operator: string; role: Role | 'none'; source: AuditSource; address?: string }): AuditEntryInput {
  return {
    operator: who.operator,
    role: who.role,
    source: who.source,
    ...(who.address !== undefined ? { address: who.address } : {}),
    action: e.action,
    ...(e.target !== undefined ? { target: e.target } : {}),
    // The cluster last: a parameter of the same name cannot hide it (list reads it back from here).
    params: { ...e.params, cluster: e.cluster },
    result: e.result,
    ...(e.message !== undefined ? { message: e.message } : {}),
  };
}

/**
 * The DRS's recorder over the audit log: record() appends the action as who the current call is (currentCaller()),
 * or `fallback` outside a call; list() reads back the `drs.*` entries of a cluster, newest first.
 */
export function auditActionRecorder(log: AuditLog, fallback: ActionFallback): ActionRecorder {
  return {
    async record(e) {
      const caller = currentCaller();
      const who = caller
        ? { operator: caller.operator, role: caller.role, source: caller.source, ...(caller.address !== undefined ? { address: caller.address } : {}) }
        : { operator: fallback.operator, role: fallback.role ?? (fallback.source === 'system' ? 'none' : 'admin'), source: fallback.source };
      const entry = await log.append(actionEntry(e, who));
      // The DRS says so on stderr (drsOperations.ts #record) and goes on: the change happened either way.
      if (!entry) throw new AppError('INTERNAL', `the audit log did not keep ${e.action} on ${e.cluster}`, { retryable: false });
      return toActionRecord(entry);
    },
    async list(filter = {}) {
      const entries = await log.list({
        action: 'drs.',
        ...(filter.cluster !== undefined ? { param: { name: 'cluster', value: filter.cluster } } : {}),
        limit: Math.min(filter.limit ?? 10_000, 10_000),
      });
      return entries.map(toActionRecord);
    },
  };
}

/**
 * Imports issue 13's `<state>/audit/actions.jsonl` into the log, each record with its own time, operator (role
 * admin: before issue 16 whoever ran the app held every right) and source, all in one transaction; then the file is
 * renamed `actions.jsonl.imported` (or `.imported-<time>` when an earlier import left that name: a command line of
 * issue 13 may have written a new file since). The file is first renamed to a name of this process's own, so two
 * processes opening the log at once never import it twice; when the import fails the file gets its name back.
 * Lines that are not records (a torn write after a crash) are skipped and counted. Resolves with the counts.
 */
export async function importLegacyActions(log: AuditLog, stateDir: string): Promise<{ imported: number; skipped: number } | undefined> {
  const path = legacyActionsPath(stateDir);
  const claimed = `${path}.importing-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, claimed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // nothing to import, or another process took it
    throw err;
  }
  try {
    const entries: AuditEntryInput[] = [];
    let skipped = 0;
    for (const line of (await readFile(claimed, 'utf8')).split('\n')) {
      if (!line.trim()) continue;
      let v: unknown;
      try {
        v = JSON.parse(line);
      } catch {
        skipped++;
        continue;
      }
      if (!isRecord(v) || !ACTION_SOURCES.has(v.source) || !['ok', 'failed', 'refused'].includes(v.result)) {
        skipped++;
        continue;
      }
      entries.push({ ...actionEntry(v, { operator: typeof v.operator === 'string' && v.operator ? v.operator : 'unknown', role: 'admin', source: v.source }), atMs: Math.round(v.atMs) });
    }
    await log.appendAll(entries);
    let target = `${path}.imported`;
    try {
      await open(target, 'r').then((fh) => fh.close());
      target = `${path}.imported-${Date.now()}`;
    } catch {
      // No earlier import: the plain name.
    }
    await rename(claimed, target);
    return { imported: entries.length, skipped };
  } catch (err) {
    // Its name back for the next try, unless a new file took that name meanwhile (then it stays under the claimed one).
    const taken = await open(path, 'r').then((fh) => fh.close().then(() => true), () => false);
    if (!taken) await rename(claimed, path).catch(() => undefined);
    throw err;
  }
}
