import type { Disposable } from '../../base/disposable.js';
import { PollError } from '../pollError.js';
import type { PollIssue, PollResult, Poller } from '../poller.js';
import {
  hostResourcesSamples,
  parseProcessRows,
  parseProcessorLoads,
  parseStorageRows,
  type SnmpProcessRow,
  type SnmpStorageRow,
} from './hostResourcesNormalize.js';
import { SharedSnmpTransport, type SharedSnmpTransportOptions } from './sharedSnmpTransport.js';
import { toSnmpPollError } from './snmpErrors.js';
import { CLOG_SCALARS, SNMP_OIDS } from './snmpOids.js';
import { SnmpSession, snmpSessionKey, type SnmpTarget } from './snmpSession.js';
import type { SnmpVarbind } from './snmpTable.js';
import { parseClogStatus, parseInstalledServices, sysApplSamples, type ClogStatus, type SnmpInstalledServiceRow } from './sysApplNormalize.js';

/** The typed rows of one node poll, next to the samples. */
export interface SnmpNodeData {
  readonly processorLoads: readonly number[];
  readonly storage: readonly SnmpStorageRow[];
  readonly processes: readonly SnmpProcessRow[];
  readonly services: readonly SnmpInstalledServiceRow[];
  readonly clog: ClogStatus;
}

/** The result of {@link SnmpPoller.poll}: samples, partial failures and the typed rows. */
export type SnmpPollResult = PollResult<{ readonly data: SnmpNodeData }>;

/** The result of a single walk or get. */
export type SnmpReadResult = { readonly ok: true; readonly varbinds: SnmpVarbind[]; readonly missing: string[] } | { readonly ok: false; readonly error: PollError };

/** Options of {@link SnmpPoller.create}. */
export interface SnmpPollerOptions extends SharedSnmpTransportOptions {
  /** Use this transport instead of opening one (it is then not disposed with the poller). */
  readonly transport?: SharedSnmpTransport;
  /** Sample timestamps; default Date.now. */
  readonly now?: () => number;
}

const DEFAULT_MAX_REPETITIONS = 25;

/**
 * Polls IM&P nodes over SNMP v2c/v3 through ONE shared UDP socket: GetBulk walks of hrProcessorLoad,
 * hrStorageTable, hrSWRunTable + hrSWRunPerfTable, sysApplInstallPkgTable + sysApplRunTable, and a Get of the
 * CISCO-SYSLOG-MIB scalars (reference C). One net-snmp session per (agent, credentials), kept between polls.
 * Never throws from `poll`/`walk`/`get`: failures are PollError values (snmpErrors.ts).
 */
export class SnmpPoller implements Poller<SnmpTarget, { readonly data: SnmpNodeData }>, Disposable {
  readonly protocol = 'snmp' as const;
  readonly #sessions = new Map<string, SnmpSession>();
  #disposed = false;

  private constructor(
    readonly transport: SharedSnmpTransport,
    private readonly ownsTransport: boolean,
    private readonly now: () => number,
  ) {}

  /** Opens the shared socket (or adopts `options.transport`). */
  static async create(options: SnmpPollerOptions = {}): Promise<SnmpPoller> {
    const transport = options.transport ?? (await SharedSnmpTransport.open(options));
    return new SnmpPoller(transport, options.transport === undefined, options.now ?? Date.now);
  }

  /** How many agent sessions are open (they all share one socket). */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** One full node poll; resolves within about timeout × (retries + 1). */
  async poll(target: SnmpTarget, signal?: AbortSignal): Promise<SnmpPollResult> {
    const started = this.now();
    const maxRep = target.maxRepetitions ?? DEFAULT_MAX_REPETITIONS;
    const session = this.#session(target);
    if (!session.ok) return session;
    const s = session.value;
    const walks = [
      SNMP_OIDS.hrProcessorEntry,
      SNMP_OIDS.hrStorageEntry,
      SNMP_OIDS.hrSWRunEntry,
      SNMP_OIDS.hrSWRunPerfEntry,
      SNMP_OIDS.sysApplInstallPkgEntry,
      SNMP_OIDS.sysApplRunEntry,
    ].map((oid) => settle(oid, s.walk(oid, maxRep).then((varbinds) => ({ varbinds, missing: [] as string[] }))));
    const all = await raceAbort(Promise.all([...walks, settle('CISCO-SYSLOG-MIB', s.get(CLOG_SCALARS))]), signal, target.node);
    if (all instanceof PollError) return { ok: false, error: all };

    const issues: PollIssue[] = [];
    const failures: PollError[] = [];
    for (const r of all) {
      if (r.ok) for (const m of r.value.missing) issues.push({ subject: m, message: 'no such object' });
      else {
        const error = toSnmpPollError(r.error, target.node);
        failures.push(error);
        issues.push({ subject: r.subject, message: error.message });
      }
    }
    // A node that does not answer (or refuses our credentials) fails the poll; a missing MIB is an issue.
    const fatal = failures.find((e) => e.code !== 'POLL_PROTOCOL') ?? (failures.length === all.length ? failures[0] : undefined);
    if (fatal) return { ok: false, error: fatal };

    const vb = (i: number): SnmpVarbind[] => {
      const r = all[i];
      return r?.ok ? r.value.varbinds : [];
    };
    const data: SnmpNodeData = {
      processorLoads: parseProcessorLoads(vb(0)),
      storage: parseStorageRows(vb(1)),
      processes: parseProcessRows(vb(2), vb(3)),
      services: parseInstalledServices(vb(4), vb(5)),
      clog: parseClogStatus(vb(6)),
    };
    const ctx = { cluster: target.cluster, node: target.node, ts: started };
    const samples = [...hostResourcesSamples(ctx, { loads: data.processorLoads, storage: data.storage, processes: data.processes }), ...sysApplSamples(ctx, data.services, data.clog)];
    return { ok: true, samples, issues, data };
  }

  /** A GetBulk walk of one subtree (e.g. hrSWRunTable). */
  async walk(target: SnmpTarget, oid: string): Promise<SnmpReadResult> {
    const session = this.#session(target);
    if (!session.ok) return session;
    const r = await settle(oid, session.value.walk(oid, target.maxRepetitions ?? DEFAULT_MAX_REPETITIONS));
    return r.ok ? { ok: true, varbinds: r.value, missing: [] } : { ok: false, error: toSnmpPollError(r.error, target.node) };
  }

  /** A Get of scalar OIDs; noSuchObject/noSuchInstance ones are listed in `missing`. */
  async get(target: SnmpTarget, oids: readonly string[]): Promise<SnmpReadResult> {
    const session = this.#session(target);
    if (!session.ok) return session;
    const r = await settle(oids.join(','), session.value.get(oids));
    return r.ok ? { ok: true, ...r.value } : { ok: false, error: toSnmpPollError(r.error, target.node) };
  }

  /** Closes the session(s) of a target (after its credentials changed or it was removed). */
  forget(target: SnmpTarget): void {
    const key = snmpSessionKey(target);
    this.#sessions.get(key)?.close();
    this.#sessions.delete(key);
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const s of this.#sessions.values()) s.close();
    this.#sessions.clear();
    if (this.ownsTransport) this.transport.dispose();
  }

  #session(target: SnmpTarget): { ok: true; value: SnmpSession } | { ok: false; error: PollError } {
    if (this.#disposed) return { ok: false, error: new PollError('POLL_CONNECT', 'snmp', target.node, 'the SNMP poller is disposed') };
    const key = snmpSessionKey(target);
    let s = this.#sessions.get(key);
    if (!s) {
      try {
        s = new SnmpSession(target, this.transport);
      } catch (err) {
        return { ok: false, error: new PollError('POLL_PROTOCOL', 'snmp', target.node, err instanceof Error ? err.message : String(err)) };
      }
      this.#sessions.set(key, s);
    }
    return { ok: true, value: s };
  }
}

type Settled<T> = { ok: true; value: T; subject: string } | { ok: false; error: unknown; subject: string };

function settle<T>(subject: string, p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value, subject }),
    (error: unknown) => ({ ok: false as const, error, subject }),
  );
}

function raceAbort<T>(p: Promise<T>, signal: AbortSignal | undefined, node: string): Promise<T | PollError> {
  if (!signal) return p;
  const aborted = (): PollError => new PollError('POLL_TIMEOUT', 'snmp', node, `SNMP poll of ${node} was aborted`);
  if (signal.aborted) return Promise.resolve(aborted());
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then((v) => {
      signal.removeEventListener('abort', onAbort);
      resolve(v);
    });
  });
}
