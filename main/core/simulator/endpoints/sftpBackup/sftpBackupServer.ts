import { mkdir, realpath } from 'node:fs/promises';
import type { Connection, Session } from 'ssh2';
import type { AsyncDisposable } from '../../../base/disposable.js';
import { AppError } from '../../../base/errors.js';
import { ResponseGate, type EndpointDegradation } from '../ssh/degradation.js';
import { hostKeyFingerprint } from '../ssh/hostKey.js';
import { attachAuthentication, type SshCredential } from '../ssh/sshAuthentication.js';
import { startSshListener } from '../ssh/sshListener.js';
import { diskUsage } from './backupPaths.js';
import { BackupQuota } from './backupQuota.js';
import { serveWritableSftp, type WritableSftpSession } from './writableSftpServer.js';

/** Options of {@link startSftpBackupServer}. */
export interface SftpBackupServerOptions {
  /** Loopback address; default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Host private key text, e.g. from deriveHostKey("backup-server"). */
  readonly hostKey: string;
  readonly credentials: readonly SshCredential[];
  /** Directory that holds the backups (created when missing); clients see it as "/". */
  readonly rootDir: string;
  /** Capacity in bytes; default Infinity (no limit). Existing files under rootDir count as used. */
  readonly quotaBytes?: number;
}

/** The simulated customer SFTP server that DRS backups go to. */
export interface SftpBackupServer extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  readonly hostKeyFingerprint: string;
  /** Real path of the storage directory. */
  readonly rootDir: string;
  /** Changes the capacity (bytes; Infinity for none). */
  setQuota(bytes: number): void;
  /** Simulates other data filling the disk: adds `bytes`, or without an argument fills it up to the quota. */
  fill(bytes?: number): void;
  /** Removes what fill() added. */
  unfill(): void;
  /** Bytes in use: files stored under rootDir plus filler. */
  usedBytes(): number;
  /** Makes every answer late, or the server unresponsive; undefined restores it. */
  setDegradation(degradation: EndpointDegradation | undefined): void;
  /** Closes the listener, every connection and every open file. */
  dispose(): Promise<void>;
}

/**
 * Starts a password-authenticated, SFTP-only server storing files under `rootDir` on disk, with a quota a
 * scenario can shrink or fill to make DRS backups fail with "No space left on device".
 * Throws AppError VALIDATION for bad options, CONFLICT when the port is taken.
 */
export async function startSftpBackupServer(options: SftpBackupServerOptions): Promise<SftpBackupServer> {
  if (options.credentials.length === 0) throw new AppError('VALIDATION', 'the backup server needs at least one credential');
  const fingerprint = hostKeyFingerprint(options.hostKey);
  let root: string;
  try {
    await mkdir(options.rootDir, { recursive: true });
    root = await realpath(options.rootDir);
  } catch (err) {
    throw new AppError('VALIDATION', `unusable backup rootDir ${options.rootDir}: ${(err as Error).message}`, { cause: err });
  }
  let quota: BackupQuota;
  try {
    quota = new BackupQuota(options.quotaBytes ?? Infinity, await diskUsage(root));
  } catch (err) {
    throw new AppError('VALIDATION', (err as Error).message, { cause: err });
  }
  const gate = new ResponseGate();
  const sessions = new Set<WritableSftpSession>();

  const onConnection = (client: Connection): void => {
    attachAuthentication(client, { credentials: options.credentials, methods: ['password'], gate, onAuthenticated: () => undefined });
    client.on('session', (accept) => {
      const session: Session = accept();
      session.on('sftp', (acceptSftp) => {
        const sftp = acceptSftp();
        const served = serveWritableSftp(sftp, { root, quota, gate });
        sessions.add(served);
        sftp.on('close', () => void served.closeAll().finally(() => sessions.delete(served)));
      });
      // Shell, exec and pty requests get no listener, so ssh2 refuses them: this server speaks SFTP only.
    });
  };

  let listener;
  try {
    listener = await startSshListener({ host: options.host ?? '127.0.0.1', port: options.port ?? 0, hostKey: options.hostKey, gate, onConnection });
  } catch (err) {
    gate.dispose();
    throw err;
  }
  const bound = listener;
  const validate = (fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      throw new AppError('VALIDATION', (err as Error).message, { cause: err });
    }
  };
  let disposed: Promise<void> | undefined;
  return {
    host: bound.host,
    port: bound.port,
    hostKeyFingerprint: fingerprint,
    rootDir: root,
    setQuota: (bytes) => validate(() => quota.setQuota(bytes)),
    fill: (bytes) => validate(() => quota.fill(bytes)),
    unfill: () => quota.unfill(),
    usedBytes: () => quota.used,
    setDegradation: (d) => gate.set(d),
    dispose() {
      disposed ??= (async () => {
        gate.dispose();
        await bound.dispose();
        await Promise.all([...sessions].map((s) => s.closeAll()));
        sessions.clear();
      })();
      return disposed;
    },
  };
}
