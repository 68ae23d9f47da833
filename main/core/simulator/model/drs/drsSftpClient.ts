import ssh2 from 'ssh2';
import type { SFTPWrapper } from 'ssh2';
import { AppError } from '../../../base/errors.js';

// The DRS Master Agent writes backups to a remote SFTP server (guide L10030, Table 40 L10259-10273) as a real
// client: ssh2's Client + SFTP. Only CTR ciphers are offered, as Unified CM 12.0+ does (L10274-10310).

/** Why a backup store operation failed. */
export type BackupStoreErrorKind = 'unreachable' | 'auth' | 'noSpace' | 'notFound' | 'permission' | 'failure';

/** A failure talking to the backup server, with what went wrong as `kind`. */
export class BackupStoreError extends AppError {
  constructor(
    readonly kind: BackupStoreErrorKind,
    message: string,
    cause?: unknown,
  ) {
    super('PRECONDITION', message, { cause, retryable: kind === 'unreachable' });
  }
}

/** Where and as whom to connect (a backup device's destination). */
export interface BackupTarget {
  readonly host: string;
  readonly username: string;
  readonly password: string;
}

/** A directory entry on the backup server. */
export interface StoreEntry {
  readonly name: string;
  readonly isDirectory: boolean;
  readonly size: number;
}

/** An open connection to a backup server. Every method rejects with {@link BackupStoreError}. */
export interface BackupStore {
  mkdir(path: string): Promise<void>;
  writeFile(path: string, data: Buffer): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  list(dir: string): Promise<StoreEntry[]>;
  remove(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  close(): void;
}

/** Opens backup stores; the SFTP one in production, an in-memory one in unit tests. */
export interface BackupTransport {
  open(target: BackupTarget): Promise<BackupStore>;
}

/** Options of {@link SftpBackupTransport}. */
export interface SftpTransportOptions {
  /** Maps a device's host name to a network address (the simulator's backup server listens on its own port). */
  readonly resolve?: (host: string) => { host: string; port: number } | undefined;
  /** The Master Agent's node address the pushes leave from (the publisher's own 127/8 address in the simulator). */
  readonly localAddress?: () => string | undefined;
  /** Connection timeout, real ms (default 10 s). */
  readonly readyTimeoutMs?: number;
}

/** Splits "host[:port]" (port 22 by default). */
export function parseHostPort(text: string): { host: string; port: number } {
  const m = /^(.*):(\d{1,5})$/.exec(text);
  return m ? { host: m[1]!, port: Number(m[2]) } : { host: text, port: 22 };
}

/** Opens SFTP sessions with ssh2 (password authentication). */
export class SftpBackupTransport implements BackupTransport {
  constructor(private readonly options: SftpTransportOptions = {}) {}

  open(target: BackupTarget): Promise<BackupStore> {
    const address = this.options.resolve?.(target.host) ?? parseHostPort(target.host);
    return new Promise((resolve, reject) => {
      const client = new ssh2.Client();
      let settled = false;
      client.on('error', (err: Error & { level?: string }) => {
        if (settled) return;
        settled = true;
        client.end();
        const auth = err.level === 'client-authentication';
        reject(new BackupStoreError(auth ? 'auth' : 'unreachable', auth ? `authentication failed for user ${target.username} on ${target.host}` : `cannot connect to ${target.host}: ${err.message}`, err));
      });
      client.on('ready', () => {
        client.sftp((err, sftp) => {
          settled = true;
          if (err) {
            client.end();
            reject(new BackupStoreError('failure', `SFTP subsystem refused on ${target.host}: ${err.message}`, err));
            return;
          }
          resolve(new SftpStore(client, sftp));
        });
      });
      const localAddress = this.options.localAddress?.();
      client.connect({
        host: address.host,
        port: address.port,
        ...(localAddress ? { localAddress } : {}),
        username: target.username,
        password: target.password,
        readyTimeout: this.options.readyTimeoutMs ?? 10_000,
        algorithms: { cipher: ['aes256-ctr', 'aes128-ctr', 'aes192-ctr'] },
      });
    });
  }
}

const { STATUS_CODE } = ssh2.utils.sftp;

function mapError(op: string, path: string, err: unknown): BackupStoreError {
  const e = err as Error & { code?: unknown };
  const text = `${op} ${path}: ${e.message}`;
  if (/no space left/i.test(e.message)) return new BackupStoreError('noSpace', text, err);
  if (e.code === STATUS_CODE.NO_SUCH_FILE) return new BackupStoreError('notFound', text, err);
  if (e.code === STATUS_CODE.PERMISSION_DENIED) return new BackupStoreError('permission', text, err);
  if (e.code === undefined || typeof e.code === 'string') return new BackupStoreError('unreachable', text, err);
  return new BackupStoreError('failure', text, err);
}

class SftpStore implements BackupStore {
  #closed = false;
  constructor(
    private readonly client: ssh2.Client,
    private readonly sftp: SFTPWrapper,
  ) {
    client.on('close', () => (this.#closed = true));
  }

  #call<T>(op: string, path: string, run: (done: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
    if (this.#closed) return Promise.reject(new BackupStoreError('unreachable', `${op} ${path}: connection closed`));
    return new Promise((resolve, reject) => run((err, value) => (err ? reject(mapError(op, path, err)) : resolve(value as T))));
  }

  mkdir(path: string): Promise<void> {
    return this.#call('mkdir', path, (done) => this.sftp.mkdir(path, (err) => done(err)));
  }
  writeFile(path: string, data: Buffer): Promise<void> {
    return this.#call('write', path, (done) => this.sftp.writeFile(path, data, (err) => done(err)));
  }
  readFile(path: string): Promise<Buffer> {
    return this.#call('read', path, (done) => this.sftp.readFile(path, (err, data) => done(err, data)));
  }
  list(dir: string): Promise<StoreEntry[]> {
    return this.#call('list', dir, (done) =>
      this.sftp.readdir(dir, (err, items) =>
        done(err, (items ?? []).map((i) => ({ name: i.filename, isDirectory: i.attrs.isDirectory(), size: i.attrs.size }))),
      ),
    );
  }
  remove(path: string): Promise<void> {
    return this.#call('remove', path, (done) => this.sftp.unlink(path, (err) => done(err)));
  }
  rmdir(path: string): Promise<void> {
    return this.#call('rmdir', path, (done) => this.sftp.rmdir(path, (err) => done(err)));
  }
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.sftp.end();
    this.client.end();
  }
}
