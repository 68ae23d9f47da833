/**
 * A change the command line makes on a data folder by itself, recorded in that folder's audit log (issue 16 "Every
 * action that changes something … is recorded"): `imp clusters add|remove` and `imp alarms` with no app running on
 * the folder change clusters.json / history.db without going through the router, so they record here, as the OS
 * user who ran the command (role admin: whoever can write the data folder holds every right), source 'cli'. The log
 * is opened first: a change that could not be recorded is not made (as `imp operators` does).
 */
import type { AuditEntryInput } from '../../../shared/model/audit.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import type { Database } from '../storage/sqlite/database.js';
import { osOperator } from './actionRecords.js';
import { openAuditLog } from './auditKey.js';

/** What a command-line change is, for its entry (the API method's action name, so the app labels both alike). */
export interface CliChange {
  readonly action: string;
  readonly target?: string;
  /** Never a secret (the log scrubs fields named like one anyway). */
  readonly params?: Readonly<Record<string, unknown>>;
}

/**
 * Runs `fn` (the change) and records it in `dataDir`'s audit log: ok, or failed with its code and first line.
 * `entryOf` may turn the outcome into the entry itself (default: `what` with the result). PRECONDITION, nothing
 * done, when the log cannot be opened.
 */
export async function recordCliChange<T>(
  dataDir: string,
  what: CliChange,
  fn: () => Promise<T>,
  options: {
    readonly db?: Database;
    /** The folder's credential store when this process has it open already (one object per file: see openAuditLog). */
    readonly credentials?: CredentialStore;
    readonly entryOf?: (outcome: { value?: T; error?: ReturnType<typeof toErrorPayload> }) => AuditEntryInput;
  } = {},
): Promise<T> {
  let audit;
  try {
    audit = await openAuditLog({ stateDir: dataDir, ...(options.db ? { db: options.db } : {}), ...(options.credentials ? { credentials: options.credentials } : {}) });
  } catch (err) {
    throw new AppError('PRECONDITION', `cannot record the change in the audit log of ${dataDir}, so nothing was changed: ${toErrorPayload(err).message.split('\n')[0]}`, { cause: err });
  }
  const base = {
    operator: osOperator(),
    role: 'admin' as const,
    source: 'cli' as const,
    action: what.action,
    ...(what.target !== undefined ? { target: what.target } : {}),
    params: what.params ?? {},
  };
  try {
    let value: T;
    try {
      value = await fn();
    } catch (err) {
      const error = toErrorPayload(err);
      await audit.log.append(options.entryOf ? options.entryOf({ error }) : { ...base, result: 'failed', errorCode: error.code, message: error.message.split('\n')[0]!.slice(0, 1000) });
      throw err;
    }
    await audit.log.append(options.entryOf ? options.entryOf({ value }) : { ...base, result: 'ok' });
    return value;
  } finally {
    await audit.dispose();
  }
}
