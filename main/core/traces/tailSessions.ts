/**
 * Real Time Trace (RTMT Trace & Log Central, serviceability-reference.md A.6; the CLI's `file tail activelog`,
 * reference D.6): follows one or more files of a node, each over its own interactive SSH session (H2's LogTail),
 * and pushes the lines in batches (TailBatch, the `onDidTailLines` event) at most every BATCH_MS, so a chatty trace
 * does not flood the renderer. Limits: MAX_PATHS_PER_TAIL files per tail, MAX_STREAMS_PER_NODE sessions per node and
 * MAX_STREAMS in all (each is an SSH session on the node, and a node's SSH sessions are few); a batch carries at most
 * MAX_BATCH_LINES lines (the oldest waiting lines beyond are dropped and counted in a note line).
 */
import { randomUUID } from 'node:crypto';
import type { TailBatch, TailRequest } from '../../../shared/model/traces.js';
import type { Disposable } from '../base/disposable.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import type { Event } from '../base/emitter.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import type { PollError } from '../polling/pollError.js';
import type { SshTarget } from '../polling/ssh/sshCliSession.js';
import { LogTail } from '../polling/ssh/logTail.js';
import { normalizeNodePath } from './remoteBrowse.js';

export const MAX_PATHS_PER_TAIL = 4;
export const MAX_STREAMS_PER_NODE = 4;
export const MAX_STREAMS = 12;
export const BATCH_MS = 250;
export const MAX_BATCH_LINES = 2000;

/** What a tail needs of a started `file tail` (polling/ssh/logTail.ts LogTail). */
export interface TailStream extends Disposable {
  readonly onDidReceiveLines: Event<string[]>;
  readonly onDidClose: Event<PollError | undefined>;
}

export type StartTailStream = (target: SshTarget, path: string, opts: { regexp?: string; lines?: number }) => Promise<SoapResult<TailStream>>;

export interface TailSessionsOptions {
  readonly clients: { sshTarget(cluster: string, node: string): SshTarget };
  readonly onBatch: (batch: TailBatch) => void;
  readonly now?: () => number;
  /** How a file tail is started (default: H2's LogTail.start). */
  readonly startStream?: StartTailStream;
  readonly batchMs?: number;
}

interface Tail {
  readonly id: string;
  readonly request: TailRequest;
  readonly streams: Map<string, TailStream>;
  readonly subscriptions: Disposable[];
  readonly filter?: RegExp;
  pending: { path: string; text: string; atMs: number }[];
  dropped: number;
  timer?: ReturnType<typeof setTimeout>;
  open: number;
  /** Its sessions are being opened (start() has not attached them yet). */
  starting: boolean;
  stopped: boolean;
  lastError?: PollError;
}

/** The running tails (one instance per backend). */
export class TailSessions implements Disposable {
  readonly #opts: TailSessionsOptions;
  readonly #tails = new Map<string, Tail>();
  readonly #now: () => number;
  #disposed = false;

  constructor(opts: TailSessionsOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
  }

  /** Sessions in use: a tail still starting counts every file it asked for, so starts at once cannot pass the limits together. */
  #streams(node?: { cluster: string; node: string }): number {
    let n = 0;
    for (const t of this.#tails.values()) if (!node || (t.request.cluster === node.cluster && t.request.node === node.node)) n += t.starting ? t.request.paths.length : t.streams.size;
    return n;
  }

  /** Starts following the request's files; resolves with the tail id once every file is followed. */
  async start(request: TailRequest): Promise<string> {
    if (this.#disposed) throw new AppError('PRECONDITION', 'Real-time trace is stopped');
    const paths = [...new Set(request.paths.map(normalizeNodePath))];
    if (paths.length === 0) throw new AppError('VALIDATION', 'Choose at least one file to follow');
    if (paths.some((p) => p === '/')) throw new AppError('VALIDATION', 'Follow files, not the log root');
    if (paths.length > MAX_PATHS_PER_TAIL) throw new AppError('VALIDATION', `At most ${MAX_PATHS_PER_TAIL} files per real-time trace (asked ${paths.length})`);
    let filter: RegExp | undefined;
    if (request.filter) {
      try {
        filter = new RegExp(request.filter);
      } catch (err) {
        throw new AppError('VALIDATION', `Invalid filter expression ${request.filter}: ${(err as Error).message}`, { cause: err });
      }
    }
    if (this.#streams(request) + paths.length > MAX_STREAMS_PER_NODE) throw new AppError('PRECONDITION', `At most ${MAX_STREAMS_PER_NODE} files followed at once on ${request.node}: stop a real-time trace first`);
    if (this.#streams() + paths.length > MAX_STREAMS) throw new AppError('PRECONDITION', `At most ${MAX_STREAMS} files followed at once: stop a real-time trace first`);
    const target = this.#opts.clients.sshTarget(request.cluster, request.node);
    const tail: Tail = { id: randomUUID(), request: { ...request, paths }, streams: new Map(), subscriptions: [], filter, pending: [], dropped: 0, open: 0, starting: true, stopped: false };
    this.#tails.set(tail.id, tail);
    const startStream = this.#opts.startStream ?? ((t, p, o) => LogTail.start(t, p, o));
    const started = await Promise.all(paths.map(async (path) => ({ path, result: await startStream(target, path, request.filter ? { regexp: request.filter } : {}) })));
    const failed = started.find((s) => !s.result.ok);
    tail.starting = false;
    for (const s of started) if (s.result.ok) this.#attach(tail, s.path, s.result.value);
    if (failed || tail.stopped || this.#disposed) {
      this.#finish(tail, undefined, false);
      if (failed && !failed.result.ok) throw failed.result.error;
      throw new AppError('PRECONDITION', 'Real-time trace is stopped');
    }
    return tail.id;
  }

  #attach(tail: Tail, path: string, stream: TailStream): void {
    tail.streams.set(path, stream);
    tail.open++;
    tail.subscriptions.push(
      stream.onDidReceiveLines((lines) => this.#receive(tail, path, lines)),
      stream.onDidClose((error) => {
        if (!tail.streams.delete(path)) return;
        tail.open--;
        if (error) tail.lastError = error;
        if (tail.open === 0) this.#finish(tail, tail.lastError, true);
      }),
    );
  }

  #receive(tail: Tail, path: string, lines: readonly string[]): void {
    if (tail.stopped) return;
    const atMs = this.#now();
    for (const text of lines) if (!tail.filter || tail.filter.test(text)) tail.pending.push({ path, text, atMs });
    if (tail.pending.length > MAX_BATCH_LINES) {
      tail.dropped += tail.pending.length - MAX_BATCH_LINES;
      tail.pending.splice(0, tail.pending.length - MAX_BATCH_LINES);
    }
    if (tail.pending.length > 0 && !tail.timer) tail.timer = setTimeout(() => this.#flush(tail), this.#opts.batchMs ?? BATCH_MS);
  }

  #flush(tail: Tail, end?: { error?: PollError }): void {
    if (tail.timer) clearTimeout(tail.timer);
    tail.timer = undefined;
    const lines = tail.pending;
    tail.pending = [];
    if (tail.dropped > 0) {
      lines.unshift({ path: '', text: `… ${tail.dropped} lines dropped (more than ${MAX_BATCH_LINES} in ${this.#opts.batchMs ?? BATCH_MS} ms)`, atMs: this.#now() });
      tail.dropped = 0;
    }
    if (lines.length === 0 && !end) return;
    const batch: TailBatch = { tailId: tail.id, lines, ...(end ? { closed: true } : {}), ...(end?.error ? { error: toErrorPayload(end.error) } : {}) };
    this.#opts.onBatch(batch);
  }

  /** Ends a tail: its sessions closed, what was waiting sent with `closed` (and the error when not asked). */
  #finish(tail: Tail, error: PollError | undefined, announce: boolean): void {
    if (tail.stopped && !announce) return;
    const first = !tail.stopped;
    tail.stopped = true;
    this.#tails.delete(tail.id);
    for (const s of tail.subscriptions.splice(0)) s.dispose();
    for (const s of tail.streams.values()) s.dispose();
    tail.streams.clear();
    if (first && announce) this.#flush(tail, { error });
    else if (tail.timer) {
      clearTimeout(tail.timer);
      tail.timer = undefined;
    }
  }

  /** The running tails' requests, by id. */
  list(): { id: string; request: TailRequest }[] {
    return [...this.#tails.values()].map((t) => ({ id: t.id, request: t.request }));
  }

  /** Stops a tail (the last lines and `closed` are still sent); an unknown id is not an error. */
  async stop(tailId: string): Promise<void> {
    const tail = this.#tails.get(tailId);
    if (tail) this.#finish(tail, undefined, true);
  }

  dispose(): void {
    this.#disposed = true;
    for (const t of [...this.#tails.values()]) this.#finish(t, undefined, true);
  }
}
