/**
 * The audit chain's HMAC key (issue 16: "an HMAC whose key lives in the encrypted store (a plain hash can be
 * recomputed by whoever edits the file)"): 32 random bytes, hex, under the credential id `audit/hmac-key` of the
 * data folder's credential store (credentials/*: AES-256-GCM with a 0600 key file, or Electron's safeStorage),
 * created on first use. A log that already has entries never gets a new key: with another key every entry would fail
 * to verify and new entries would chain under a key nobody can check the old ones with — that is refused instead.
 *
 * `openAuditLog` is the command line's door (`imp audit`, `imp operators`): the data folder's history.db, its file
 * credential store (`credentials.key` + `credentials.json`, as createBackend opens it), the key, and the head file
 * `<data-dir>/audit/head.json` the server writes too.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../base/errors.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import { FileCredentialStore } from '../credentials/fileCredentialStore.js';
import { secureDatabaseFile, secureStateFolder } from '../credentials/stateFolderHygiene.js';
import { Database } from '../storage/sqlite/database.js';
import { AUDIT_KEY_BYTES } from './auditChain.js';
import { auditHeadPath } from './auditHead.js';
import { AuditLog, type AuditLogOptions } from './auditLog.js';

/** The credential id of the key. */
export const AUDIT_KEY_ID = 'audit/hmac-key';

const HEX_KEY = new RegExp(`^[0-9a-f]{${AUDIT_KEY_BYTES * 2}}$`);

/** The key store's two operations used here (a CredentialStore has them). */
export interface AuditKeyStore {
  get(id: string): Promise<string | undefined>;
  put(id: string, value: string): Promise<void>;
}

/**
 * The key under `audit/hmac-key`, created (32 random bytes) when missing and `mayCreate` (default true) allows it;
 * PRECONDITION when it is missing and may not be created (`whyNot` says why), or is not 64 hex digits.
 */
export async function loadAuditKey(store: AuditKeyStore, options: { mayCreate?: boolean; whyNot?: string } = {}): Promise<Buffer> {
  const stored = await store.get(AUDIT_KEY_ID);
  if (stored !== undefined) {
    if (!HEX_KEY.test(stored)) throw new AppError('PRECONDITION', `the audit key (${AUDIT_KEY_ID} in the credential store) is not ${AUDIT_KEY_BYTES * 2} hex digits: it was damaged`, { retryable: false });
    return Buffer.from(stored, 'hex');
  }
  if (options.mayCreate === false) {
    throw new AppError('PRECONDITION', options.whyNot ?? `the audit key ${AUDIT_KEY_ID} is not in the credential store`, { retryable: false });
  }
  const key = randomBytes(AUDIT_KEY_BYTES);
  await store.put(AUDIT_KEY_ID, key.toString('hex'));
  // Another process may have put its own key at the same time: the one in the store wins.
  const kept = await store.get(AUDIT_KEY_ID);
  return kept !== undefined && HEX_KEY.test(kept) ? Buffer.from(kept, 'hex') : key;
}

/** Entries in the audit table (0 when it does not exist yet), read before anything is created. */
export function auditEntryCount(db: Database): number {
  const table = db.connection.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
  if (!table) return 0;
  return (db.connection.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
}

/**
 * The key of the log in `db`: created only while the log is empty. `where` names the store for the refusal
 * (a log written by the desktop app has its key in the OS keychain through Electron's safeStorage, not in the folder).
 */
export async function auditKeyFor(db: Database, store: AuditKeyStore, where: string): Promise<Buffer> {
  const entries = auditEntryCount(db);
  return loadAuditKey(store, {
    mayCreate: entries === 0,
    whyNot:
      `the audit log has ${entries} entries but its key (${AUDIT_KEY_ID}) is not in ${where}: the entries cannot be checked ` +
      'and new ones are not chained under another key. A log written by the desktop app keeps its key in the OS keychain: verify it in the app (Audit log → Verify chain).',
  });
}

/** An audit log opened on a data folder, with what it opened. */
export interface OpenedAuditLog {
  readonly log: AuditLog;
  readonly db: Database;
  readonly credentials: CredentialStore;
  readonly headFile: string;
  /** Waits for the appends in flight, then closes the database when this opened it. */
  dispose(): Promise<void>;
}

/** What `openAuditLog` opens. */
export interface OpenAuditLogOptions {
  /** The data folder (`--data-dir`; the server's by default). */
  readonly stateDir: string;
  /** history.db already open in this process (kept open by dispose); else `<stateDir>/history.db` is opened here. */
  readonly db?: Database;
  /** The credential store holding the key (default the folder's file store, as createBackend opens it). */
  readonly credentials?: CredentialStore;
  readonly onHead?: AuditLogOptions['onHead'];
  readonly now?: () => number;
}

/** The data folder's audit log (history.db, the key from its credential store, the head file `audit/head.json`). */
export async function openAuditLog(o: OpenAuditLogOptions): Promise<OpenedAuditLog> {
  const ownDb = o.db === undefined;
  let db: Database | undefined = o.db;
  try {
    if (ownDb) {
      for (const w of [...secureStateFolder(o.stateDir), ...secureDatabaseFile(join(o.stateDir, 'history.db'))]) console.warn(`[audit] ${w}`);
      db = Database.open(join(o.stateDir, 'history.db'));
    }
    const keyPath = join(o.stateDir, 'credentials.key');
    const storePath = join(o.stateDir, 'credentials.json');
    const credentials = o.credentials ?? (await FileCredentialStore.open({ keyPath, storePath }));
    const key = await auditKeyFor(db!, credentials, o.credentials ? 'the credential store given' : storePath);
    const headFile = auditHeadPath(o.stateDir);
    const log = AuditLog.open({ db: db!, key, headFile, ...(o.onHead ? { onHead: o.onHead } : {}), ...(o.now ? { now: o.now } : {}) });
    const opened = db!;
    return {
      log,
      db: opened,
      credentials,
      headFile,
      dispose: async () => {
        await log.dispose();
        if (ownDb) opened.dispose();
      },
    };
  } catch (err) {
    if (ownDb) db?.dispose();
    throw err;
  }
}
