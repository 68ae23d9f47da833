import type { Client, SFTPWrapper, Stats } from 'ssh2';
import type { RemoteLogEntry } from '../../../../shared/model/traces.js';
import type { Disposable } from '../../base/disposable.js';
import { Emitter, type Event } from '../../base/emitter.js';
import { PollError } from '../pollError.js';
import type { SoapResult } from '../soap/perfmonClient.js';
import { closeSshClient } from './guardedSshClient.js';
import { abortedError, pinnedSshConnect } from './pinnedSshConnect.js';
import type { SshTarget } from './sshCliSession.js';
import { toSshPollError } from './sshErrors.js';
import { pipelinedRead, PipelinedReadError } from './sftpPipelinedRead.js';

/**
 * Where a real node keeps its active log tree (`file list activelog` names paths below it; LogCollection's
 * `absolutepath` starts with it: serviceability-reference.md B.4). The simulated node's SFTP root `/` is that tree.
 */
export const ACTIVE_LOG_ROOT = '/var/log/active';

/** SFTP v3 status codes (draft-ietf-secsh-filexfer-02 section 7) the client tells apart. */
export const SFTP_STATUS = { EOF: 1, NO_SUCH_FILE: 2, PERMISSION_DENIED: 3 } as const;

/** READ requests in flight per download: OpenSSH `sftp`'s default (`-R 64`, sftp-client.c). */
export const SFTP_REQUESTS_IN_FLIGHT = 64;
/** Bytes per READ: OpenSSH `sftp`'s default (`-B 32768`), lowered to what the channel accepts in one answer. */
export const SFTP_READ_CHUNK = 32_768;

/** A download with reads out and no answer for this long fails with POLL_TIMEOUT (target.commandTimeoutMs overrides). */
export const DEFAULT_STALL_MS = 60_000;

const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;

/** Options of {@link SftpLogClient.connect}. */
export interface SftpLogClientOptions {
  readonly signal?: AbortSignal;
  /** READ requests in flight per download (default SFTP_REQUESTS_IN_FLIGHT). */
  readonly requestsInFlight?: number;
  /** Bytes per READ request (default SFTP_READ_CHUNK, never above the channel's limit). */
  readonly readChunk?: number;
}

/** Options of {@link SftpLogClient.download}. */
export interface SftpDownloadOptions {
  /** Resume from this byte (default 0). */
  readonly offset?: number;
  readonly signal?: AbortSignal;
  /** Bytes handed to the sink, as they arrive in file order. */
  readonly onBytes?: (n: number) => void;
}

/** The SFTP status code behind an error of this client (e.g. SFTP_STATUS.NO_SUCH_FILE), if the server sent one. */
export function sftpStatusOf(error: PollError): number | undefined {
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * A node's active log tree over SFTP on its SSH port (the monitor's fastest interface for trace files: pipelined
 * reads, resume by offset). Host key pinned exactly like SshCliSession (pinnedSshConnect). Paths given to and
 * returned by the client are relative to the detected active log root, absolute in form ('/epas/trace/xcp/log').
 * One SSH connection and one SFTP channel; several downloads may run at once on it. `onDidClose` fires once when
 * the connection ends for any reason (for TraceNodeClients to reconnect next time); dispose() ends it.
 */
export class SftpLogClient implements Disposable {
  readonly #onDidClose = new Emitter<void>();
  readonly onDidClose: Event<void> = this.#onDidClose.event;
  #closed = false;

  private constructor(
    readonly target: SshTarget,
    readonly root: string,
    private readonly client: Client,
    private readonly sftp: SFTPWrapper,
    private readonly readChunk: number,
    private readonly requestsInFlight: number,
  ) {
    const closed = (): void => {
      if (this.#closed) return;
      this.#closed = true;
      this.#onDidClose.fire();
    };
    client.on('close', closed);
    client.on('error', closed);
    sftp.on('close', closed);
    sftp.on('error', closed);
  }

  get isClosed(): boolean {
    return this.#closed;
  }

  /** Connects (host key pinned), opens the SFTP subsystem and detects the active log root. */
  static async connect(target: SshTarget, opts: SftpLogClientOptions = {}): Promise<SoapResult<SftpLogClient>> {
    const node = target.node;
    const conn = await pinnedSshConnect(target, opts.signal);
    if (!conn.ok) return conn;
    const client = conn.client;
    // READ requests are small packets sent while answers stream in: without TCP_NODELAY, Nagle holds them back
    // behind unacknowledged data (OpenSSH sets TCP_NODELAY on its connections too).
    client.setNoDelay(true);
    // A node that logs in and then stops answering must not hold the connect (and every fetch waiting for it)
    // for ever: the subsystem start and the root check each get the stall time of a download.
    const stallMs = target.commandTimeoutMs ?? DEFAULT_STALL_MS;
    const sftp = await withStall(stallMs, node, 'the SFTP subsystem request', (resolve: (v: SFTPWrapper | PollError) => void) => {
      const onClose = (): void => resolve(new PollError('POLL_CONNECT', 'ssh', node, `${node} closed the connection before the SFTP subsystem started`));
      client.once('close', onClose);
      client.sftp((err, s) => {
        client.removeListener('close', onClose);
        resolve(err ? new PollError('POLL_PROTOCOL', 'ssh', node, `${node} refused the SFTP subsystem: ${err.message}`, { cause: err }) : s);
      });
    });
    if (sftp instanceof PollError) {
      closeSshClient(client);
      return { ok: false, error: sftp };
    }
    sftp.on('error', () => undefined);
    const root = await withStall(stallMs, node, `stat ${ACTIVE_LOG_ROOT}`, (resolve: (v: string | PollError) => void) =>
      sftp.stat(ACTIVE_LOG_ROOT, (err, st) => resolve(!err && st && (st.mode & S_IFMT) === S_IFDIR ? ACTIVE_LOG_ROOT : '/')),
    );
    if (root instanceof PollError) {
      closeSshClient(client);
      return { ok: false, error: root };
    }
    // ssh2 splits a READ larger than its limit into sequential requests (which would defeat pipelining): stay below it.
    const channelLimit = (sftp as unknown as { _maxReadLen?: unknown })._maxReadLen;
    const limit = typeof channelLimit === 'number' && channelLimit > 0 ? channelLimit : SFTP_READ_CHUNK;
    const chunk = Math.max(1024, Math.min(opts.readChunk ?? SFTP_READ_CHUNK, limit));
    const inFlight = Math.max(1, Math.floor(opts.requestsInFlight ?? SFTP_REQUESTS_IN_FLIGHT));
    const c = new SftpLogClient(target, root, client, sftp, chunk, inFlight);
    if (opts.signal?.aborted) {
      c.dispose();
      return { ok: false, error: abortedError(node) };
    }
    return { ok: true, value: c };
  }

  /** Entries of a directory (not recursive, without `.` and `..`), sorted by name. */
  async list(dir: string): Promise<SoapResult<RemoteLogEntry[]>> {
    const rel = this.#relative(dir);
    if (rel instanceof PollError) return { ok: false, error: rel };
    const remote = this.#remote(rel);
    return this.#answered(`list ${rel}`, (resolve) => {
      this.sftp.readdir(remote, (err, list) => {
        if (err) return resolve({ ok: false, error: this.#error(err, `list ${rel}`) });
        const entries = list
          .filter((e) => e.filename !== '.' && e.filename !== '..')
          .map((e) => toEntry(joinRel(rel, e.filename), e.filename, e.attrs))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        resolve({ ok: true, value: entries });
      });
    });
  }

  /** One file's or directory's metadata. */
  async stat(path: string): Promise<SoapResult<RemoteLogEntry>> {
    const rel = this.#relative(path);
    if (rel instanceof PollError) return { ok: false, error: rel };
    return this.#answered(`stat ${rel}`, (resolve) => {
      this.sftp.stat(this.#remote(rel), (err, st) => {
        if (err) return resolve({ ok: false, error: this.#error(err, `stat ${rel}`) });
        resolve({ ok: true, value: toEntry(rel, baseName(rel), st) });
      });
    });
  }

  /**
   * Streams a file from `offset` to its end into `sink` with pipelined READs delivered in order; a file that
   * grows while it is read is read to its new end. `size` is the file's size when the read ended (at least the
   * end position). The sink is not ended (the caller owns it). An offset beyond the end reads nothing.
   */
  async download(path: string, sink: NodeJS.WritableStream, opts: SftpDownloadOptions = {}): Promise<SoapResult<{ bytes: number; size: number }>> {
    const node = this.target.node;
    const rel = this.#relative(path);
    if (rel instanceof PollError) return { ok: false, error: rel };
    const offset = opts.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', node, `invalid download offset ${String(offset)} for ${rel}`) };
    if (opts.signal?.aborted) return { ok: false, error: abortedError(node) };
    const handle = await withStall(this.#stallMs, node, `open ${rel}`, (resolve: (v: Buffer | PollError) => void) => this.sftp.open(this.#remote(rel), 'r', (err, h) => resolve(err ? this.#error(err, `open ${rel}`) : h)));
    if (handle instanceof PollError) return { ok: false, error: handle };
    try {
      const read = await pipelinedRead(this.sftp, handle, sink, { offset, chunkSize: this.readChunk, maxInFlight: this.requestsInFlight, signal: opts.signal, onBytes: opts.onBytes, stallMs: this.#stallMs });
      const fstat = await withStall(this.#stallMs, node, `fstat ${rel}`, (resolve: (v: number | PollError) => void) => this.sftp.fstat(handle, (err, st) => resolve(err ? read.end : Math.max(read.end, st.size))));
      const size = fstat instanceof PollError ? read.end : fstat;
      return { ok: true, value: { bytes: read.bytes, size } };
    } catch (err) {
      if (err instanceof PipelinedReadError && err.reason === 'aborted') return { ok: false, error: abortedError(node) };
      if (err instanceof PipelinedReadError && err.reason === 'stalled') return { ok: false, error: new PollError('POLL_TIMEOUT', 'ssh', node, `${node} stopped answering SFTP reads of ${rel}: ${err.message}`) };
      if (err instanceof PipelinedReadError && err.reason === 'sink') return { ok: false, error: new PollError('POLL_PROTOCOL', 'ssh', node, `${rel} from ${node}: ${err.message}`, { cause: err.cause }) };
      const cause = err instanceof PipelinedReadError ? err.cause : err;
      return { ok: false, error: this.#error(cause, `read ${rel}`) };
    } finally {
      if (!this.#closed) this.sftp.close(handle, () => undefined);
    }
  }

  /** How long a request may go unanswered (target.commandTimeoutMs, default DEFAULT_STALL_MS). */
  get #stallMs(): number {
    return this.target.commandTimeoutMs ?? DEFAULT_STALL_MS;
  }

  /** A request's result, or POLL_TIMEOUT when the server did not answer it within the stall time. */
  async #answered<T>(what: string, start: (resolve: (v: SoapResult<T>) => void) => void): Promise<SoapResult<T>> {
    const r = await withStall<SoapResult<T>>(this.#stallMs, this.target.node, what, start);
    return r instanceof PollError ? { ok: false, error: r } : r;
  }

  dispose(): void {
    if (!this.#closed) {
      this.#closed = true;
      this.#onDidClose.fire();
    }
    try {
      this.sftp.end();
    } catch {
      // The channel may already be gone with the connection.
    }
    closeSshClient(this.client);
    this.#onDidClose.dispose();
  }

  /** A client path, normalized to an absolute path inside the root; an error for one escaping it. */
  #relative(path: string): string | PollError {
    const parts: string[] = [];
    if (typeof path !== 'string' || path.includes('\0')) return new PollError('POLL_PROTOCOL', 'ssh', this.target.node, `invalid log path ${JSON.stringify(path)}`);
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (parts.length === 0) return new PollError('POLL_PROTOCOL', 'ssh', this.target.node, `the log path ${path} leaves the active log tree`);
        parts.pop();
        continue;
      }
      parts.push(part);
    }
    return `/${parts.join('/')}`;
  }

  #remote(rel: string): string {
    return this.root === '/' ? rel : rel === '/' ? this.root : `${this.root}${rel}`;
  }

  #error(err: unknown, what: string): PollError {
    const node = this.target.node;
    const code = (err as { code?: unknown } | undefined)?.code;
    const message = err instanceof Error ? err.message : String(err);
    if (code === SFTP_STATUS.NO_SUCH_FILE) return new PollError('POLL_PROTOCOL', 'ssh', node, `${node} has no such file: ${what.replace(/^\w+ /, '')}`, { cause: err });
    if (code === SFTP_STATUS.PERMISSION_DENIED) return new PollError('POLL_AUTH', 'ssh', node, `${node} denied SFTP ${what}: ${message}`, { cause: err });
    if (this.#closed || /no response from server|not connected|closed|ended/i.test(message)) {
      return new PollError('POLL_CONNECT', 'ssh', node, `the SFTP connection to ${node} ended during ${what}`, { cause: err });
    }
    if (typeof code === 'number') return new PollError('POLL_PROTOCOL', 'ssh', node, `SFTP ${what} on ${node} failed: ${message}`, { cause: err });
    return toSshPollError(err, node);
  }
}

/** Runs `start` and resolves with what it resolves, or with POLL_TIMEOUT when nothing came in `ms` (the timer cleared either way). */
function withStall<T>(ms: number, node: string, what: string, start: (resolve: (v: T | PollError) => void) => void): Promise<T | PollError> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (v: T | PollError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    const timer = setTimeout(() => settle(new PollError('POLL_TIMEOUT', 'ssh', node, `${node} did not answer ${what} in ${ms} ms`)), ms);
    start(settle);
  });
}

function toEntry(path: string, name: string, attrs: Pick<Stats, 'mode' | 'size' | 'mtime'>): RemoteLogEntry {
  const dir = (attrs.mode & S_IFMT) === S_IFDIR;
  return { path, name, kind: dir ? 'directory' : 'file', size: dir ? 0 : attrs.size, modifiedMs: attrs.mtime * 1000 };
}

function joinRel(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function baseName(path: string): string {
  return path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1);
}
