import { AppError } from '../base/errors.js';
import type { AsyncDisposable } from '../base/disposable.js';
import type { NodeTargets } from '../collector/nodeRuntime.js';
import { realPollClock, type PollClock } from '../polling/base/pollClock.js';
import { PollError } from '../polling/pollError.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import { SshCliSession, type SshTarget } from '../polling/ssh/sshCliSession.js';
import { defaultTraceClientFactories, type DimeApi, type LogCollectionApi, type SftpLogApi, type TraceClientFactories } from './traceClientTypes.js';

/** Where the trace clients find a node: the collector's NodeTargets (the same pins and credentials as polling). */
export interface TraceNodeResolver {
  targets(cluster: string, node: string): NodeTargets | undefined;
  nodes(cluster?: string): { cluster: string; node: string }[];
}

/** Options of {@link TraceNodeClients}. */
export interface TraceNodeClientsOptions {
  readonly clock?: PollClock;
  /** Files fetched from one node at once, over every collection (designed: 4; SFTP and DIME alike). */
  readonly fetchesPerNode?: number;
  /** The protocol clients (the real ones by default; tests of the engine's own logic may pass others). */
  readonly factories?: Partial<TraceClientFactories>;
}

/** Designed: 4 files in flight per node, over every collection (one SFTP connection, each file its own reads). */
export const TRACE_FETCHES_PER_NODE = 4;

interface SlotWaiter {
  grant: (release: (() => void) | undefined) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

/** A counting semaphore in FIFO order whose waits end (undefined) when the signal aborts. */
class Slots {
  #free: number;
  readonly #waiters: SlotWaiter[] = [];

  constructor(limit: number) {
    this.#free = Math.max(1, limit);
  }

  acquire(signal?: AbortSignal): Promise<(() => void) | undefined> {
    if (signal?.aborted) return Promise.resolve(undefined);
    if (this.#free > 0 && this.#waiters.length === 0) {
      this.#free--;
      return Promise.resolve(this.#release());
    }
    return new Promise((resolve) => {
      const w: SlotWaiter = { grant: resolve, signal };
      if (signal) {
        w.onAbort = () => {
          const i = this.#waiters.indexOf(w);
          if (i >= 0) this.#waiters.splice(i, 1);
          resolve(undefined);
        };
        signal.addEventListener('abort', w.onAbort, { once: true });
      }
      this.#waiters.push(w);
    });
  }

  #release(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.#waiters.shift();
      if (next) {
        if (next.onAbort) next.signal?.removeEventListener('abort', next.onAbort);
        next.grant(this.#release());
      } else this.#free++;
    };
  }
}

type CliConnect = { ok: true; session: SshCliSession } | { ok: false; error: PollError };

/** One node's clients; replaced as a whole when the node's targets change (new credentials or pins). */
interface NodeEntry {
  readonly identity: string;
  readonly targets: NodeTargets;
  logCollection?: LogCollectionApi & { dispose?(): void };
  dime?: DimeApi & { dispose?(): void };
  sftp?: Promise<SoapResult<SftpLogApi>>;
  cli?: Promise<CliConnect>;
  cliQueue: Promise<unknown>;
  /** The disposer of the current CLI session in `disposers`. */
  cliDisposer?: () => void;
  readonly disposers: Array<() => void | Promise<void>>;
}

function identityOf(t: NodeTargets): string {
  return JSON.stringify([t.soap.host, t.soap.port, t.soap.username, t.soap.password, t.soap.pin, t.ssh.host, t.ssh.port, t.ssh.username, t.ssh.password, t.ssh.hostKeyFingerprint]);
}

/**
 * One set of trace protocol clients per node, shared by every collection, browse, search and tail (issue 12): a
 * LogCollection client and a DIME client, each on its OWN SoapTransport and request budget (wire-notes: a cookie
 * of one DIME service makes the other answer 500; neither eats the collector's Perfmon budget), one SFTP
 * connection opened on first use and again after it closed, a dedicated admin CLI session whose users queue, and
 * the node's fetch slots. Unknown nodes throw NOT_FOUND.
 */
export class TraceNodeClients implements AsyncDisposable {
  readonly #entries = new Map<string, NodeEntry>();
  /** Fetch slots per node, kept when the node's clients are replaced. */
  readonly #slots = new Map<string, Slots>();
  readonly #clock: PollClock;
  readonly #factories: TraceClientFactories;
  readonly #fetchesPerNode: number;
  #disposed = false;

  constructor(
    private readonly resolver: TraceNodeResolver,
    options: TraceNodeClientsOptions = {},
  ) {
    this.#clock = options.clock ?? realPollClock;
    this.#factories = { ...defaultTraceClientFactories, ...options.factories };
    this.#fetchesPerNode = options.fetchesPerNode ?? TRACE_FETCHES_PER_NODE;
  }

  /** Every node the resolver knows (of one cluster, or all). */
  nodes(cluster?: string): { cluster: string; node: string }[] {
    return this.resolver.nodes(cluster);
  }

  /** Whether the node is known. */
  has(cluster: string, node: string): boolean {
    return this.resolver.targets(cluster, node) !== undefined;
  }

  logCollection(cluster: string, node: string): LogCollectionApi {
    const e = this.#entry(cluster, node);
    return (e.logCollection ??= this.#own(e, this.#factories.logCollection(e.targets.soap, this.#clock)));
  }

  dime(cluster: string, node: string): DimeApi {
    const e = this.#entry(cluster, node);
    return (e.dime ??= this.#own(e, this.#factories.dime(e.targets.soap, this.#clock)));
  }

  /** The node's SFTP connection to its active log tree (opened now when there is none; a failed open is not kept). */
  sftp(cluster: string, node: string): Promise<SoapResult<SftpLogApi>> {
    let e: NodeEntry;
    try {
      e = this.#entry(cluster, node);
    } catch (err) {
      return Promise.reject(err);
    }
    if (e.sftp) return e.sftp;
    const pending: Promise<SoapResult<SftpLogApi>> = this.#factories.sftp(e.targets.ssh).then((r) => {
      if (!r.ok) {
        if (e.sftp === pending) e.sftp = undefined;
        return r;
      }
      if (this.#disposed || this.#entries.get(this.#key(cluster, node)) !== e) {
        r.value.dispose();
        return { ok: false, error: new PollError('POLL_CONNECT', 'ssh', node, 'the trace clients were disposed') };
      }
      const dispose = (): void => r.value.dispose();
      e.disposers.push(dispose);
      r.value.onDidClose(() => {
        if (e.sftp === pending) e.sftp = undefined;
        // A closed connection is not kept for the end: reconnects over days do not pile up dead clients.
        const i = e.disposers.indexOf(dispose);
        if (i >= 0) e.disposers.splice(i, 1);
      });
      return r;
    });
    e.sftp = pending;
    return pending;
  }

  /**
   * Runs `use` on the node's dedicated admin CLI session (opened on first use, again after it closed), one user at
   * a time: a trace command never interleaves with another's prompt. `use`'s own failures are its to report; a
   * session that cannot be opened is a PollError.
   */
  cli<T>(cluster: string, node: string, use: (s: SshCliSession) => Promise<T>): Promise<SoapResult<T>> {
    let e: NodeEntry;
    try {
      e = this.#entry(cluster, node);
    } catch (err) {
      return Promise.reject(err);
    }
    const turn = e.cliQueue.then(async (): Promise<SoapResult<T>> => {
      if (this.#disposed) return { ok: false, error: new PollError('POLL_CONNECT', 'ssh', node, 'the trace clients were disposed') };
      let current = e.cli ? await e.cli : undefined;
      if (!current || !current.ok || current.session.isClosed) {
        if (current?.ok) {
          // The old session closed: it leaves the entry's disposers (it is done), and is released.
          const i = e.cliDisposer ? e.disposers.indexOf(e.cliDisposer) : -1;
          if (i >= 0) e.disposers.splice(i, 1);
          current.session.dispose();
        }
        e.cliDisposer = undefined;
        e.cli = SshCliSession.connect(e.targets.ssh);
        current = await e.cli;
        if (current.ok) {
          const s = current.session;
          e.cliDisposer = () => s.dispose();
          e.disposers.push(e.cliDisposer);
        }
      }
      if (!current.ok) {
        e.cli = undefined;
        return { ok: false, error: current.error };
      }
      return { ok: true, value: await use(current.session) };
    });
    e.cliQueue = turn.catch(() => undefined);
    return turn;
  }

  sshTarget(cluster: string, node: string): SshTarget {
    return this.#entry(cluster, node).targets.ssh;
  }

  /**
   * Waits for one of the node's fetch slots (shared by every collection) and resolves with its release; undefined
   * when `signal` aborted first.
   */
  fetchSlot(cluster: string, node: string, signal?: AbortSignal): Promise<(() => void) | undefined> {
    this.#entry(cluster, node);
    const key = this.#key(cluster, node);
    let slots = this.#slots.get(key);
    if (!slots) this.#slots.set(key, (slots = new Slots(this.#fetchesPerNode)));
    return slots.acquire(signal);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const entries = [...this.#entries.values()];
    this.#entries.clear();
    await Promise.all(entries.map((e) => this.#disposeEntry(e)));
  }

  #key(cluster: string, node: string): string {
    return `${cluster}\u0000${node}`;
  }

  #entry(cluster: string, node: string): NodeEntry {
    if (this.#disposed) throw new AppError('PRECONDITION', 'the trace clients are disposed');
    const targets = this.resolver.targets(cluster, node);
    if (!targets) throw new AppError('NOT_FOUND', `no node ${node} in cluster ${cluster}`);
    const key = this.#key(cluster, node);
    const identity = identityOf(targets);
    let e = this.#entries.get(key);
    if (e && e.identity !== identity) {
      void this.#disposeEntry(e);
      e = undefined;
    }
    if (!e) {
      e = { identity, targets, cliQueue: Promise.resolve(), disposers: [] };
      this.#entries.set(key, e);
    }
    return e;
  }

  #own<T extends { dispose?(): void }>(e: NodeEntry, client: T): T {
    e.disposers.push(() => client.dispose?.());
    return client;
  }

  async #disposeEntry(e: NodeEntry): Promise<void> {
    // A connect still under way disposes what it brings (the checks in sftp()); the CLI's too.
    const pendingCli = e.cli;
    e.cli = undefined;
    e.sftp = undefined;
    for (const d of e.disposers.splice(0).reverse()) {
      try {
        await d();
      } catch {
        // one client failing to close does not keep the others open
      }
    }
    if (pendingCli) void pendingCli.then((r) => r.ok && r.session.dispose());
  }
}
