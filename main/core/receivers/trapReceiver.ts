import dgram from 'node:dgram';
import snmp from 'net-snmp';
import type { AsyncDisposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import type { SyslogMessage } from '../../../shared/model/alert.js';
import { decodeClogTrap, type TrapVarbind } from './clogTrapDecoder.js';
import { newReceiverStats, type ReceiverStats } from './receiverStats.js';

/** An SNMPv3 USM user allowed to send traps (authPriv, or authNoAuth without priv). */
export interface TrapUser {
  readonly name: string;
  readonly authProtocol: 'md5' | 'sha' | 'sha256';
  readonly authKey: string;
  readonly privProtocol?: 'des' | 'aes' | 'aes256b' | 'aes256r';
  readonly privKey?: string;
}

/** Where to listen and whom to accept. */
export interface TrapReceiverOptions {
  readonly host?: string;
  /** 0 picks a free port (net-snmp itself would turn 0 into 162). */
  readonly port: number;
  readonly communities: readonly string[];
  readonly users?: readonly TrapUser[];
  readonly now?: () => number;
}

/**
 * SNMP trap receiver for clogMessageGenerated, v2c (communities) and v3 (USM user table), on net-snmp's
 * Receiver: it parses and authenticates (its processing is wrapped in try/catch and reports errors to us),
 * {@link decodeClogTrap} maps the varbinds. Other traps and bad packets are dropped and counted.
 */
export class TrapReceiver implements AsyncDisposable {
  readonly stats: ReceiverStats = newReceiverStats();
  readonly #onDidReceive = new Emitter<SyslogMessage>();
  /** Fires for every clogMessageGenerated received. */
  readonly onDidReceive = this.#onDidReceive.event;
  #receiver: ReturnType<typeof snmp.createReceiver> | undefined;
  #socket: dgram.Socket | undefined;
  readonly #now: () => number;

  private constructor(options: TrapReceiverOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** Binds and resolves once listening. */
  static async start(options: TrapReceiverOptions): Promise<TrapReceiver> {
    const r = new TrapReceiver(options);
    try {
      await r.#listen(options);
    } catch (err) {
      await r.dispose(); // a port that cannot be bound (EADDRINUSE, EACCES) leaves no socket behind
      throw err;
    }
    return r;
  }

  /** The bound UDP port. */
  get port(): number {
    return this.#socket?.address().port ?? 0;
  }

  async dispose(): Promise<void> {
    this.#onDidReceive.dispose();
    const s = this.#socket;
    this.#socket = undefined;
    this.#receiver = undefined;
    if (s) {
      await new Promise<void>((r) => {
        try {
          s.close(() => r());
        } catch {
          r(); // never bound (the bind failed): nothing to close
        }
      });
    }
  }

  async #listen(o: TrapReceiverOptions): Promise<void> {
    let created: dgram.Socket | undefined;
    const requested = o.port;
    // net-snmp binds `options.port || 162`; wrap dgram to bind the port we were given (0 included).
    const dgramModule = {
      createSocket: (type: dgram.SocketType) => {
        const s = dgram.createSocket(type);
        const bind = s.bind.bind(s) as (port: number, address?: string) => dgram.Socket;
        (s as unknown as { bind: (p: number, a?: string) => dgram.Socket }).bind = (_p, a) => bind(requested, a);
        created = s;
        return s;
      },
    };
    const receiver = snmp.createReceiver({ port: requested || 1, address: o.host ?? '127.0.0.1', transport: (o.host ?? '').includes(':') ? 'udp6' : 'udp4', dgramModule, includeAuthentication: true }, (err: unknown, n: { pdu: { varbinds: TrapVarbind[] }; rinfo: { address: string } } | undefined) =>
      this.#onNotification(err, n),
    );
    this.#receiver = receiver;
    const auth = receiver.getAuthorizer();
    for (const c of o.communities) auth.addCommunity(c);
    for (const u of o.users ?? []) {
      auth.addUser({
        name: u.name,
        level: u.privProtocol ? snmp.SecurityLevel.authPriv : snmp.SecurityLevel.authNoPriv,
        authProtocol: snmp.AuthProtocols[u.authProtocol],
        authKey: u.authKey,
        ...(u.privProtocol ? { privProtocol: snmp.PrivProtocols[u.privProtocol], privKey: u.privKey } : {}),
      });
    }
    const s = created!;
    this.#socket = s;
    if (!s.address) throw new Error('trap socket not created');
    await new Promise<void>((resolve, reject) => {
      s.once('listening', () => resolve());
      s.once('error', reject);
    });
  }

  #onNotification(err: unknown, n: { pdu: { varbinds: TrapVarbind[] }; rinfo: { address: string } } | undefined): void {
    this.stats.received++;
    try {
      if (err || !n) {
        this.#drop(err instanceof Error ? err.message : 'no notification');
        return;
      }
      const m = decodeClogTrap(n.pdu.varbinds, n.rinfo.address, this.#now());
      if (typeof m === 'string') {
        this.#drop(m);
        return;
      }
      this.stats.accepted++;
      this.#onDidReceive.fire(m);
    } catch (e) {
      this.#drop(`decode error: ${String(e)}`);
    }
  }

  #drop(reason: string): void {
    this.stats.dropped++;
    this.stats.lastDropReason = reason.slice(0, 200);
  }
}
