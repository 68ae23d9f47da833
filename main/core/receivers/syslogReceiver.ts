import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { AsyncDisposable } from '../base/disposable.js';
import { Emitter } from '../base/emitter.js';
import type { SyslogMessage } from '../../../shared/model/alert.js';
import { newReceiverStats, type ReceiverStats } from './receiverStats.js';
import { SyslogTcpFramer } from './syslogFraming.js';
import { MAX_SYSLOG_LINE, parseSyslogLine } from './syslogParser.js';

/** Where to listen; port 0 picks a free port. Binds 127.0.0.1 unless told otherwise. */
export interface SyslogReceiverOptions {
  readonly host?: string;
  readonly udpPort?: number;
  readonly tcpPort?: number;
  /** Concurrent TCP connections in all (default 256); more are closed at once and counted. */
  readonly maxConnections?: number;
  /**
   * Concurrent TCP connections from one sender address (default 4: a node keeps one; peers-and-limits.md, TCP
   * syslog limits): more from the same address are closed at once, so one address cannot starve the others.
   */
  readonly maxConnectionsPerSource?: number;
  /** A TCP connection silent this long is closed (default 60 s; a node's sender reconnects when it has a line). */
  readonly idleTimeoutMs?: number;
  readonly now?: () => number;
}

/**
 * Receives CiscoLog syslog from nodes over UDP and TCP (RFC 3164 / RFC 6587 framing), parses it and fires
 * {@link SyslogReceiver.onDidReceive}. Anything malformed is dropped and counted; nothing a peer sends can throw.
 */
export class SyslogReceiver implements AsyncDisposable {
  readonly stats: ReceiverStats = newReceiverStats();
  readonly #onDidReceive = new Emitter<SyslogMessage>();
  /** Fires for every parsed message. */
  readonly onDidReceive = this.#onDidReceive.event;
  #udp: UdpSocket | undefined;
  #tcp: Server | undefined;
  readonly #conns = new Set<Socket>();
  readonly #perSource = new Map<string, number>();
  readonly #now: () => number;

  private constructor(private readonly options: SyslogReceiverOptions) {
    this.#now = options.now ?? Date.now;
  }

  /** Starts the listeners asked for and resolves with the receiver once they are bound. */
  static async start(options: SyslogReceiverOptions): Promise<SyslogReceiver> {
    const r = new SyslogReceiver(options);
    try {
      await r.#listen();
    } catch (err) {
      await r.dispose();
      throw err;
    }
    return r;
  }

  /** The bound UDP port, if listening. */
  get udpPort(): number | undefined {
    return this.#udp ? this.#udp.address().port : undefined;
  }

  /** The bound TCP port, if listening. */
  get tcpPort(): number | undefined {
    return this.#tcp ? (this.#tcp.address() as AddressInfo).port : undefined;
  }

  /** TCP connections open now. */
  get connections(): number {
    return this.#conns.size;
  }

  /** Handles one line as if received (fuzz tests and replays use it). */
  handleLine(line: string, transport: 'udp' | 'tcp', peer: string): void {
    this.stats.received++;
    let msg: SyslogMessage | undefined;
    try {
      msg = parseSyslogLine(line, { receivedAt: this.#now(), transport, peer });
    } catch (err) {
      this.#drop(`parser error: ${String(err)}`);
      return;
    }
    if (!msg) {
      this.#drop('not a syslog line');
      return;
    }
    this.stats.accepted++;
    this.#onDidReceive.fire(msg);
  }

  async dispose(): Promise<void> {
    this.#onDidReceive.dispose();
    for (const c of this.#conns) c.destroy();
    this.#conns.clear();
    this.#perSource.clear();
    const closing: Promise<unknown>[] = [];
    if (this.#udp) {
      const u = this.#udp;
      closing.push(new Promise<void>((r) => u.close(() => r())));
      this.#udp = undefined;
    }
    if (this.#tcp) {
      const t = this.#tcp;
      closing.push(new Promise<void>((r) => t.close(() => r())));
      this.#tcp = undefined;
    }
    await Promise.all(closing);
  }

  async #listen(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    if (this.options.udpPort !== undefined) {
      const u = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      this.#udp = u;
      u.on('message', (buf, rinfo) => {
        if (buf.length > MAX_SYSLOG_LINE) {
          this.stats.received++;
          this.#drop('datagram too long');
          return;
        }
        this.handleLine(buf.toString('utf8'), 'udp', rinfo.address);
      });
      u.on('error', (err) => this.#drop(`udp socket error: ${err.message}`));
      u.bind(this.options.udpPort, host);
      await once(u, 'listening');
    }
    if (this.options.tcpPort !== undefined) {
      const t = createServer((sock) => this.#accept(sock));
      this.#tcp = t;
      t.listen(this.options.tcpPort, host);
      await once(t, 'listening');
    }
  }

  #accept(sock: Socket): void {
    const peer = sock.remoteAddress ?? '';
    const fromPeer = this.#perSource.get(peer) ?? 0;
    // Limits are checked here, not with server.maxConnections (which would lock every sender out once idle sockets
    // of one address fill it): the newcomer from an address at its limit is closed, other addresses get through.
    const perSource = this.options.maxConnectionsPerSource ?? 4;
    const total = this.options.maxConnections ?? 256;
    if (fromPeer >= perSource || this.#conns.size >= total) {
      this.stats.received++;
      this.#drop(fromPeer >= perSource ? `more than ${perSource} TCP connections from ${peer}` : `more than ${total} TCP connections`);
      sock.on('error', () => undefined);
      sock.destroy();
      return;
    }
    this.#conns.add(sock);
    this.#perSource.set(peer, fromPeer + 1);
    const framer = new SyslogTcpFramer();
    sock.setEncoding('utf8');
    sock.setTimeout(this.options.idleTimeoutMs ?? 60_000, () => sock.destroy());
    sock.on('data', (chunk: string) => {
      const before = framer.dropped;
      for (const line of framer.push(chunk)) this.handleLine(line, 'tcp', peer);
      const d = framer.dropped - before;
      if (d > 0) {
        this.stats.received += d;
        for (let i = 0; i < d; i++) this.#drop('bad TCP frame');
      }
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => {
      if (!this.#conns.delete(sock)) return;
      const n = (this.#perSource.get(peer) ?? 1) - 1;
      if (n > 0) this.#perSource.set(peer, n);
      else this.#perSource.delete(peer);
    });
  }

  #drop(reason: string): void {
    this.stats.dropped++;
    this.stats.lastDropReason = reason;
  }
}
