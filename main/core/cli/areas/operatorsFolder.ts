/**
 * The operator accounts of a data folder as `npm run imp -- operators` acts on them (issue 16 "Operators": on the
 * server's machine, acting on the server's data folder): the operator store on `<dir>/history.db`, beside a running
 * server through SQLite's WAL (the server reads the accounts at each login: a new admin works without a restart),
 * and the folder's audit log, in which every change is recorded as the OS user who ran the command, role admin
 * (whoever can write the server's data folder holds every right anyway), source 'cli'.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { OperatorView } from '../../../../shared/model/access.js';
import { osOperator } from '../../audit/actionRecords.js';
import { openAuditLog, type OpenedAuditLog } from '../../audit/auditKey.js';
import type { AsyncDisposable } from '../../base/disposable.js';
import { AppError, toErrorPayload } from '../../base/errors.js';
import { secureDatabaseFile, secureStateFolder } from '../../credentials/stateFolderHygiene.js';
import { OperatorStore } from '../../operators/operatorStore.js';
import { Database } from '../../storage/sqlite/database.js';
import { failureLine } from '../conventions/failureLine.js';

/** The history database of a data folder (the server's and the app's). */
export const OPERATORS_DB = 'history.db';

/** One change as the audit log records it: the API method's action name, so the app labels CLI and UI changes alike. */
export interface OperatorChange {
  readonly action: 'operators.add' | 'operators.setRole' | 'operators.setDisabled' | 'operators.resetPassword' | 'operators.unlock';
  readonly name: string;
  /** Never a password. */
  readonly params: Readonly<Record<string, unknown>>;
}

/** A data folder's accounts, opened for a change. */
export interface OperatorsFolder extends AsyncDisposable {
  readonly dbPath: string;
  readonly store: OperatorStore;
  /** Runs `fn` and records the change (ok, or failed with its code) in the folder's audit log. */
  change(what: OperatorChange, fn: () => Promise<OperatorView> | OperatorView): Promise<OperatorView>;
}

/**
 * Opens the accounts of `dataDir` for a change (creating history.db: the first admin is made before the server ever
 * ran). The audit log is opened first: a change that could not be recorded is not made.
 */
export async function openOperatorsFolder(dataDir: string, warn: (line: string) => void): Promise<OperatorsFolder> {
  const dbPath = join(dataDir, OPERATORS_DB);
  // The folder holds the password hashes and the audit key: owner only, as the server makes it.
  for (const w of [...secureStateFolder(dataDir), ...secureDatabaseFile(dbPath)]) warn(w);
  const db = Database.open(dbPath);
  let audit: OpenedAuditLog | undefined;
  try {
    try {
      audit = await openAuditLog({ stateDir: dataDir, db });
    } catch (err) {
      throw new AppError('PRECONDITION', `cannot record the change in the audit log of ${dataDir}, so nothing was changed: ${failureLine(err)}`, { cause: err });
    }
    const log = audit.log;
    const store = OperatorStore.open(db);
    const operator = osOperator();
    return {
      dbPath,
      store,
      change: async (what, fn) => {
        const base = { operator, role: 'admin' as const, source: 'cli' as const, action: what.action, target: what.name, params: { name: what.name, ...what.params } };
        try {
          const view = await fn();
          await log.append({ ...base, result: 'ok' });
          return view;
        } catch (err) {
          const p = toErrorPayload(err);
          await log.append({ ...base, result: 'failed', errorCode: p.code, message: p.message.split('\n')[0]!.slice(0, 1000) });
          throw err;
        }
      },
      dispose: async () => {
        try {
          await audit?.dispose();
        } finally {
          db.dispose();
        }
      },
    };
  } catch (err) {
    await audit?.dispose().catch(() => undefined);
    db.dispose();
    throw err;
  }
}

/**
 * The accounts of `dataDir` for reading; undefined when it has no history.db (neither the server nor this command
 * ever ran on it). Never creates anything.
 */
export function readOperatorsFolder(dataDir: string): { readonly store: OperatorStore; dispose(): void } | undefined {
  const dbPath = join(dataDir, OPERATORS_DB);
  if (!existsSync(dbPath)) return undefined;
  const db = Database.open(dbPath);
  try {
    return { store: OperatorStore.open(db), dispose: () => db.dispose() };
  } catch (err) {
    db.dispose();
    throw err;
  }
}
