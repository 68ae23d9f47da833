/**
 * Where Schedule Collection sends bundles when the destination is an SFTP server (RTMT: "Schedule a recurring
 * trace collection and download the trace files to an SFTP server", serviceability-reference.md A.6; the guide
 * says to use only an SFTP server to move trace files, L11394). One ssh2 connection per delivery: password
 * (or keyboard-interactive) login, the server's host key checked against the fingerprint pinned when the
 * schedule was saved BEFORE authenticating, the bundle written as `<name>.part` with pipelined writes, checked
 * by size and renamed (OpenSSH's posix-rename when offered, so a reader never sees half a bundle), then the
 * retention: keep the newest N bundles of this schedule in the folder, delete the older ones.
 */
import { stat } from 'node:fs/promises';
import { basename, posix } from 'node:path';
import type { Client, SFTPWrapper } from 'ssh2';
import type { Disposable } from '../base/disposable.js';
import { PollError } from '../polling/pollError.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import { closeSshClient } from '../polling/ssh/guardedSshClient.js';
import { pinnedSshConnect } from '../polling/ssh/pinnedSshConnect.js';
import { toSshPollError } from '../polling/ssh/sshErrors.js';

/** An SFTP server bundles go to. */
export interface SftpDestinationTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** Folder on the server (absolute, or relative to the login folder). */
  readonly directory: string;
  /** "SHA256:…" pinned when the destination was saved; required. */
  readonly hostKeyFingerprint: string | undefined;
  readonly readyTimeoutMs?: number;
}

/** A file in the destination folder. */
export interface RemoteBundle {
  readonly name: string;
  readonly size: number;
  readonly modifiedMs: number;
}

const label = (t: SftpDestinationTarget): string => `${t.host}:${t.port}`;

function sftpError(t: SftpDestinationTarget, what: string, err: unknown): PollError {
  const e = err instanceof Error ? err : new Error(String(err));
  return new PollError('POLL_PROTOCOL', 'ssh', label(t), `SFTP server ${label(t)}: ${what} failed: ${e.message}`, { cause: e });
}

/** A logged-in SFTP session on the destination. */
export class SftpDestination implements Disposable {
  private constructor(
    readonly target: SftpDestinationTarget,
    private readonly client: Client,
    private readonly sftp: SFTPWrapper,
  ) {}

  /**
   * Connects (host key checked against the pin before the password is sent, polling/ssh/pinnedSshConnect.ts as
   * for the nodes) and opens SFTP.
   */
  static async connect(target: SftpDestinationTarget): Promise<SoapResult<SftpDestination>> {
    const node = label(target);
    const conn = await pinnedSshConnect({
      cluster: '',
      node,
      host: target.host,
      port: target.port,
      username: target.username,
      password: target.password,
      hostKeyFingerprint: target.hostKeyFingerprint,
      ...(target.readyTimeoutMs !== undefined ? { readyTimeoutMs: target.readyTimeoutMs } : {}),
    });
    if (!conn.ok) return { ok: false, error: loginError(conn.error, target) };
    const client = conn.client;
    let onFailure: ((e: PollError) => void) | undefined;
    client.on('error', (err: Error) => onFailure?.(toSshPollError(err, node)));
    const sftp = await new Promise<SFTPWrapper | PollError>((resolve) => {
      onFailure = resolve;
      client.once('close', () => resolve(new PollError('POLL_CONNECT', 'ssh', node, `SFTP server ${node} closed the connection`)));
      client.sftp((err, s) => resolve(err ? sftpError(target, 'opening the SFTP subsystem', err) : s));
    });
    onFailure = undefined;
    if (sftp instanceof PollError) {
      closeSshClient(client);
      return { ok: false, error: sftp };
    }
    return { ok: true, value: new SftpDestination(target, client, sftp) };
  }

  /** The remote path of a file name in the destination folder. */
  remotePath(name: string): string {
    return posix.join(this.target.directory || '.', name);
  }

  /**
   * Uploads `localPath` as `name` (default: its base name): written as `name.part`, size checked, renamed over
   * any older file of that name. A failure removes the `.part`.
   */
  async upload(localPath: string, name = basename(localPath), onBytes?: (done: number, total: number) => void): Promise<SoapResult<{ remotePath: string; bytes: number }>> {
    const size = (await stat(localPath)).size;
    const finalPath = this.remotePath(name);
    const partPath = `${finalPath}.part`;
    try {
      await new Promise<void>((resolve, reject) =>
        this.sftp.fastPut(localPath, partPath, { concurrency: 16, chunkSize: 32_768, step: (done, _chunk, total) => onBytes?.(done, total) }, (err) => (err ? reject(err) : resolve())),
      );
      const st = await new Promise<{ size: number }>((resolve, reject) => this.sftp.stat(partPath, (err, s) => (err ? reject(err) : resolve(s))));
      if (st.size !== size) throw new Error(`the server holds ${st.size} bytes of ${name}, ${size} were sent`);
      await this.#rename(partPath, finalPath);
      return { ok: true, value: { remotePath: finalPath, bytes: size } };
    } catch (err) {
      await new Promise<void>((resolve) => this.sftp.unlink(partPath, () => resolve()));
      return { ok: false, error: err instanceof PollError ? err : sftpError(this.target, `uploading ${name}`, err) };
    }
  }

  async #rename(from: string, to: string): Promise<void> {
    // OpenSSH offers posix-rename@openssh.com (replaces the target atomically); plain SFTP v3 rename refuses an
    // existing target, so that one is removed first.
    try {
      await new Promise<void>((resolve, reject) => this.sftp.ext_openssh_rename(from, to, (err) => (err ? reject(err) : resolve())));
      return;
    } catch {
      // not offered: fall back below
    }
    await new Promise<void>((resolve) => this.sftp.unlink(to, () => resolve()));
    await new Promise<void>((resolve, reject) => this.sftp.rename(from, to, (err) => (err ? reject(err) : resolve())));
  }

  /** The files of the destination folder. */
  async list(): Promise<SoapResult<RemoteBundle[]>> {
    try {
      const entries = await new Promise<{ filename: string; attrs: { size: number; mtime: number; mode: number } }[]>((resolve, reject) =>
        this.sftp.readdir(this.target.directory || '.', (err, list) => (err ? reject(err) : resolve(list))),
      );
      return {
        ok: true,
        value: entries.filter((e) => (e.attrs.mode & 0o170000) === 0o100000).map((e) => ({ name: e.filename, size: e.attrs.size, modifiedMs: e.attrs.mtime * 1000 })),
      };
    } catch (err) {
      return { ok: false, error: sftpError(this.target, `listing ${this.target.directory}`, err) };
    }
  }

  /** Keeps the newest `keep` files whose names `isBundle` accepts and deletes the others; returns what went. */
  async retain(keep: number, isBundle: (name: string) => boolean): Promise<SoapResult<{ deleted: string[] }>> {
    const listed = await this.list();
    if (!listed.ok) return listed;
    const doomed = newestFirst(listed.value.filter((f) => isBundle(f.name))).slice(Math.max(0, keep));
    const deleted: string[] = [];
    for (const f of doomed) {
      const err = await new Promise<Error | undefined>((resolve) => this.sftp.unlink(this.remotePath(f.name), (e) => resolve(e ?? undefined)));
      if (err) return { ok: false, error: sftpError(this.target, `deleting ${f.name}`, err) };
      deleted.push(f.name);
    }
    return { ok: true, value: { deleted } };
  }

  dispose(): void {
    try {
      this.sftp.end();
    } finally {
      closeSshClient(this.client);
    }
  }
}

/** Newest first: by modification time, then by name (bundle names carry their time). */
export function newestFirst<T extends { readonly name: string; readonly modifiedMs: number }>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => b.modifiedMs - a.modifiedMs || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** A refused login names the destination's user (a host key error, which has no ssh2 cause, stays as it is). */
function loginError(e: PollError, t: SftpDestinationTarget): PollError {
  if (e.code === 'POLL_AUTH' && e.cause !== undefined) return new PollError('POLL_AUTH', 'ssh', label(t), `SFTP server ${label(t)} refused the login of ${t.username}`, { cause: e.cause });
  return e;
}

/** Uploads a bundle and applies the retention on one connection. */
export async function deliverToSftp(
  target: SftpDestinationTarget,
  bundlePath: string,
  retention: { keep: number; isBundle: (name: string) => boolean },
): Promise<SoapResult<{ remotePath: string; bytes: number; deleted: string[] }>> {
  const conn = await SftpDestination.connect(target);
  if (!conn.ok) return conn;
  const dest = conn.value;
  try {
    const up = await dest.upload(bundlePath);
    if (!up.ok) return up;
    const kept = await dest.retain(retention.keep, retention.isBundle);
    if (!kept.ok) return kept;
    return { ok: true, value: { ...up.value, deleted: kept.value.deleted } };
  } finally {
    dest.dispose();
  }
}
