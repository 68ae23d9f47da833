import { existsSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { AlarmRecord } from '../../../../shared/model/alert.js';
import {
  ALARM_REQUEST_WAIT_MS,
  BACKEND_PRESENCE_STALE_MS,
  alarmRequestAuditEntry,
  applyAlarmRequest,
  engineAlarmActions,
  type AlarmRequestBody,
  type AlarmRequestResult,
  type BackendPresence,
} from '../../alerts/alarmRequests.js';
import { AlertEngine } from '../../alerts/alertEngine.js';
import { recordCliChange } from '../../audit/cliChange.js';
import type { AsyncDisposable } from '../../base/disposable.js';
import { AppError } from '../../base/errors.js';
import { SilenceBook } from '../../notify/silenceBook.js';
import { SqliteAlarmRequests } from '../../storage/sqlite/alarmRequestsTable.js';
import { Database } from '../../storage/sqlite/database.js';
import { SqliteAlertStore } from '../../storage/sqlite/sqliteAlertStore.js';

/** The history database of a data folder (the app's and the collector's, createBackend). */
export const HISTORY_DB = 'history.db';

/** How a request was applied, for the line on stderr. */
export type AppliedHow = { readonly via: 'backend'; readonly pid: number; readonly host: string } | { readonly via: 'direct' };

/** A data folder's alarms as `imp alarms` acts on them. */
export interface AlarmsFolder extends AsyncDisposable {
  readonly dbPath: string;
  /** The alert store on history.db (reads; WAL lets them run beside the app). */
  readonly store: SqliteAlertStore;
  /** The app running on this folder now, if any (a fresh heartbeat from a live process). */
  liveBackend(): BackendPresence | undefined;
  /** Applies a change: through the running app when one runs, else directly; as the OS user running the command. */
  apply(body: AlarmRequestBody, options?: { readonly waitMs?: number }): Promise<{ result: AlarmRequestResult; how: AppliedHow }>;
}

/** The OS user who runs the command: the operator the change is recorded for (issue 15: who acted comes from the side that applies). */
export function commandOperator(): string {
  return userInfo().username;
}

/** Whether a process with this pid runs on this machine (EPERM: it does, as another user). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the alarms of `dataDir` (its history.db). Never creates the database: a folder where neither the app nor
 * the collector ever ran has no alarms (undefined).
 */
export function openAlarmsFolder(dataDir: string): AlarmsFolder | undefined {
  const dbPath = join(dataDir, HISTORY_DB);
  if (!existsSync(dbPath)) return undefined;
  const db = Database.open(dbPath);
  try {
    const store = new SqliteAlertStore(db);
    const queue = new SqliteAlarmRequests(db);
    const operator = commandOperator();
    const liveBackend = (): BackendPresence | undefined =>
      queue.presences(Date.now() - BACKEND_PRESENCE_STALE_MS).find((p) => p.host !== hostname() || processAlive(p.pid));

    const throughBackend = async (backend: BackendPresence, body: AlarmRequestBody, waitMs: number): Promise<AlarmRequestResult> => {
      const id = db.withBusyTimeout(5_000, () => queue.submit(operator, body, Date.now()));
      const deadline = Date.now() + waitMs;
      for (;;) {
        const o = queue.outcome(id);
        if (o?.state === 'done' && o.result) return o.result;
        if (o?.state === 'failed') throw new AppError(o.error?.code ?? 'INTERNAL', o.error?.message ?? 'the app could not apply the request', { retryable: o.error?.retryable ?? false });
        if (o === undefined || o.state === 'expired' || o.state === 'cancelled') throw new AppError('PRECONDITION', `the app (pid ${backend.pid}) dropped request ${id} (${o?.state ?? 'gone'}); nothing was changed`);
        if (Date.now() >= deadline) {
          const cancelled = db.withBusyTimeout(5_000, () => queue.cancelIfPending(id, Date.now()));
          throw new AppError(
            'POLL_TIMEOUT',
            cancelled
              ? `the app running on ${dataDir} (pid ${backend.pid}) did not take the request within ${Math.round(waitMs / 1000)} s; nothing was changed`
              : `the app running on ${dataDir} (pid ${backend.pid}) took the request but did not answer within ${Math.round(waitMs / 1000)} s: see imp alarms list`,
          );
        }
        await sleep(150);
      }
    };

    const direct = async (body: AlarmRequestBody): Promise<AlarmRequestResult> =>
      // No app holds the alarms: an engine on the store (no evaluation), the change written before it closes, and
      // recorded in the folder's audit log as the app records a request it applies (issue 16).
      recordCliChange(
        dataDir,
        { action: `alerts.${body.kind}` },
        async () => {
          const engine = new AlertEngine({ store });
          try {
            const silences = await SilenceBook.open(join(dataDir, 'silences.json'));
            const result = await applyAlarmRequest(engineAlarmActions(engine, silences, operator), engine, body);
            db.withBusyTimeout(5_000, () => engine.flushWrites());
            return result;
          } finally {
            engine.dispose();
          }
        },
        { db, entryOf: (o) => alarmRequestAuditEntry(operator, body, o.error ? { error: o.error } : { result: o.value! }) },
      );

    return {
      dbPath,
      store,
      liveBackend,
      apply: async (body, options = {}) => {
        const backend = liveBackend();
        if (backend) return { result: await throughBackend(backend, body, options.waitMs ?? ALARM_REQUEST_WAIT_MS), how: { via: 'backend', pid: backend.pid, host: backend.host } };
        return { result: await direct(body), how: { via: 'direct' } };
      },
      dispose: async () => db.dispose(),
    };
  } catch (err) {
    db.dispose();
    throw err;
  }
}

/** The alarm the command names: an exact id of an alarm in the store (NOT_FOUND otherwise). */
export function alarmById(store: SqliteAlertStore, id: string): AlarmRecord {
  const a = store.queryAlarms({ alarmId: id })[0];
  if (!a) throw new AppError('NOT_FOUND', `no alarm ${id} (imp alarms list --status all shows the alarms)`);
  return a;
}
