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
  /** Concurrent TCP connections (default 64); more are refused. */
  readonly maxConnections?: number;
  /** A TCP connection silent this long is closed (default 10 min). */
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
      t.maxConnections = this.options.maxConnections ?? 64;
      t.listen(this.options.tcpPort, host);
      await once(t, 'listening');
    }
  }

  #accept(sock: Socket): void {
    this.#conns.add(sock);
    const framer = new SyslogTcpFramer();
    const peer = sock.remoteAddress ?? '';
    sock.setEncoding('utf8');
    sock.setTimeout(this.options.idleTimeoutMs ?? 600_000, () => sock.destroy());
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
    sock.on('close', () => this.#conns.delete(sock));
  }

  #drop(reason: string): void {
    this.stats.dropped++;
    this.stats.lastDropReason = reason;
  }
}
