import type { SyslogMessage } from '../../../shared/model/alert.js';
import type { ListenerStatus, ReceiverSettings } from '../../../shared/model/receivers.js';
import type { AsyncDisposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import { listenerBindError } from './listenerBindError.js';
import type { NodeLocation } from './nodeAttribution.js';
import { RateWindow, type ReceiverStats } from './receiverStats.js';
import { SyslogReceiver } from './syslogReceiver.js';
import { TrapReceiver } from './trapReceiver.js';

/** A message as received, with the node it was attributed to (none: unattributed). */
export interface ReceivedMessage {
  readonly message: SyslogMessage;
  readonly at?: NodeLocation;
}

/** Options of {@link ReceiverSet}. */
export interface ReceiverSetOptions {
  /** Decides the node of a message (NodeAttribution.attribute); undefined = unattributed. */
  readonly attribute: (m: SyslogMessage) => NodeLocation | undefined;
  /** Port 0 means "any free port" instead of "off" (tests; the bound port is in the status). */
  readonly zeroPortIsFree?: boolean;
  /** TCP limits (SyslogReceiver defaults: 4 per address, 256 in all, 60 s idle). */
  readonly tcp?: { readonly maxConnectionsPerSource?: number; readonly maxConnections?: number; readonly idleTimeoutMs?: number };
  readonly now?: () => number;
}

type Kind = ListenerStatus['kind'];
const WHAT: Record<Kind, string> = { 'syslog-udp': 'the syslog receiver (UDP)', 'syslog-tcp': 'the syslog receiver (TCP)', 'snmp-trap': 'the SNMP trap receiver' };

interface Listener {
  readonly kind: Kind;
  readonly address: string;
  readonly port: number;
  readonly communities: string;
  readonly running?: SyslogReceiver | TrapReceiver;
  readonly error?: { readonly code: string; readonly message: string };
  readonly rate: RateWindow;
  unattributed: number;
}

/**
 * The three receivers of the nodes' syslog and traps — syslog over UDP and TCP (RFC 3164/5424, RFC 6587 framing) and
 * SNMP v2c traps (clogMessageGenerated) — bound to the address and ports of the settings. `apply` rebinds what
 * changed (a listener whose address and port stay is kept, with its counters); a port that cannot be bound is
 * reported in its status (EADDRINUSE, EACCES with the setcap hint), never thrown. Every message is attributed
 * (or not) and fired once on `onDidReceive`.
 */
export class ReceiverSet implements AsyncDisposable {
  readonly #listeners = new Map<Kind, Listener>();
  readonly #onDidReceive = new Emitter<ReceivedMessage>();
  readonly onDidReceive = this.#onDidReceive.event;
  #settings: ReceiverSettings;
  #applying: Promise<unknown> = Promise.resolve();
  #disposed = false;

  private constructor(
    settings: ReceiverSettings,
    private readonly options: ReceiverSetOptions,
  ) {
    this.#settings = settings;
  }

  /** Binds the listeners of `settings` (failures are in the status). */
  static async start(settings: ReceiverSettings, options: ReceiverSetOptions): Promise<ReceiverSet> {
    const set = new ReceiverSet(settings, options);
    await set.apply(settings);
    return set;
  }

  get settings(): ReceiverSettings {
    return this.#settings;
  }

  /** Rebinds to new settings (serialized: two saves never interleave); resolves with the listeners' status. */
  apply(settings: ReceiverSettings): Promise<ListenerStatus[]> {
    const run = this.#applying.then(() => this.#apply(settings));
    this.#applying = run.catch(() => undefined);
    return run;
  }

  /** Every listener now. */
  status(): ListenerStatus[] {
    return (['syslog-udp', 'syslog-tcp', 'snmp-trap'] as const).map((k) => this.#status(k));
  }

  /** The bound port of a listener (undefined when off or failed). */
  port(kind: Kind): number | undefined {
    const l = this.#listeners.get(kind);
    const r = l?.running;
    if (!r) return undefined;
    if (r instanceof TrapReceiver) return r.port;
    return kind === 'syslog-udp' ? r.udpPort : r.tcpPort;
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    await this.#applying;
    this.#onDidReceive.dispose();
    await Promise.all([...this.#listeners.values()].map((l) => l.running?.dispose()));
    this.#listeners.clear();
  }

  async #apply(settings: ReceiverSettings): Promise<ListenerStatus[]> {
    if (this.#disposed) return this.status();
    this.#settings = settings;
    const wanted: Record<Kind, number> = { 'syslog-udp': settings.syslogUdpPort, 'syslog-tcp': settings.syslogTcpPort, 'snmp-trap': settings.trapPort };
    const communities = [...settings.trapCommunities].sort().join('\n');
    // Close what changes first (the same port on another address would collide with itself), then bind.
    const changed: Kind[] = [];
    for (const kind of Object.keys(wanted) as Kind[]) {
      const l = this.#listeners.get(kind);
      // Kept: the same address, port (and communities) and bound, or off and still off. A failed one is tried again.
      const keep = l && l.address === settings.address && l.port === wanted[kind] && (kind !== 'snmp-trap' || l.communities === communities) && (l.running !== undefined || (wanted[kind] === 0 && !this.options.zeroPortIsFree));
      if (keep) continue;
      changed.push(kind);
      if (l?.running) await l.running.dispose();
      this.#listeners.delete(kind);
    }
    for (const kind of changed) this.#listeners.set(kind, await this.#bind(kind, settings.address, wanted[kind], settings.trapCommunities));
    return this.status();
  }

  async #bind(kind: Kind, address: string, port: number, communities: readonly string[]): Promise<Listener> {
    const base = { kind, address, port, communities: [...communities].sort().join('\n'), rate: new RateWindow(10, this.options.now), unattributed: 0 };
    if (port === 0 && !this.options.zeroPortIsFree) return base;
    try {
      const running =
        kind === 'snmp-trap'
          ? await TrapReceiver.start({ host: address, port, communities, ...(this.options.now ? { now: this.options.now } : {}) })
          : await SyslogReceiver.start({ host: address, ...(kind === 'syslog-udp' ? { udpPort: port } : { tcpPort: port }), ...this.options.tcp, ...(this.options.now ? { now: this.options.now } : {}) });
      const listener: Listener = { ...base, running };
      running.onDidReceive((m) => this.#received(listener, m));
      return listener;
    } catch (err) {
      return { ...base, error: listenerBindError(err, WHAT[kind], address, port) };
    }
  }

  #received(l: Listener, message: SyslogMessage): void {
    l.rate.hit();
    let at: NodeLocation | undefined;
    try {
      at = this.options.attribute(message);
    } catch {
      at = undefined;
    }
    if (!at) l.unattributed++;
    this.#onDidReceive.fire(at ? { message, at } : { message });
  }

  #status(kind: Kind): ListenerStatus {
    const l = this.#listeners.get(kind);
    const address = l?.address ?? this.#settings.address;
    if (!l) return { kind, address, port: 0, state: 'off', received: 0, accepted: 0, dropped: 0, ratePerSec: 0, unattributed: 0 };
    const stats: ReceiverStats = l.running?.stats ?? { received: 0, accepted: 0, dropped: 0 };
    const state: ListenerStatus['state'] = l.running ? 'listening' : l.error ? 'failed' : 'off';
    return {
      kind,
      address,
      port: this.port(kind) ?? l.port,
      state,
      ...(l.error ? { error: l.error } : {}),
      received: stats.received,
      accepted: stats.accepted,
      dropped: stats.dropped,
      ...(stats.lastDropReason !== undefined ? { lastDropReason: stats.lastDropReason } : {}),
      ratePerSec: l.rate.perSecond(),
      unattributed: l.unattributed,
      ...(kind === 'syslog-tcp' ? { connections: l.running instanceof SyslogReceiver ? l.running.connections : 0 } : {}),
    };
  }
}
