import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import type { Disposable } from '../../base/disposable.js';

/**
 * The part of `node:dgram` that net-snmp's Session uses (index.js: createSocket, on message/close/error,
 * send(buf, off, len, port, addr, cb), close, ref, unref, bind). net-snmp 3.23+ accepts such a module as the
 * `dgramModule` session option, which is how many sessions share one socket here.
 */
export interface SnmpDgramModule {
  createSocket(type: 'udp4' | 'udp6'): VirtualSnmpSocket;
}

/**
 * One SNMP session's view of the shared socket. It receives only datagrams whose source is the agent it sent
 * to (address:port); the session itself drops responses whose request id it did not issue.
 */
export class VirtualSnmpSocket extends EventEmitter {
  #key: string | undefined;
  #referenced = true;
  #closed = false;

  constructor(private readonly owner: SharedSnmpTransport) {
    super();
  }

  get referenced(): boolean {
    return this.#referenced && !this.#closed;
  }

  /** Sends through the shared socket; a host name is resolved first so replies can be routed by address. */
  send(buffer: Buffer, offset: number, length: number, port: number, address: string, cb?: (err: Error | null, bytes: number) => void): void {
    if (this.#closed) {
      cb?.(new Error('socket closed'), 0);
      return;
    }
    const go = (ip: string): void => {
      const key = `${ip}:${port}`;
      if (this.#key !== key) {
        if (this.#key) this.owner.unroute(this.#key, this);
        this.#key = key;
        this.owner.route(key, this);
      }
      this.owner.socket.send(buffer, offset, length, port, ip, (err, bytes) => cb?.(err ?? null, bytes));
    };
    if (isIP(address)) return go(address);
    lookup(address, { family: 4 }).then((r) => go(r.address), (err: Error) => cb?.(err, 0));
  }

  /** Called by the owner for a datagram from this socket's agent. */
  deliver(msg: Buffer, rinfo: RemoteInfo): void {
    if (!this.#closed) this.emit('message', msg, rinfo);
  }

  bind(): this {
    return this; // the shared socket is bound once by its owner
  }

  ref(): this {
    this.#referenced = true;
    this.owner.updateRef();
    return this;
  }

  unref(): this {
    this.#referenced = false;
    this.owner.updateRef();
    return this;
  }

  close(cb?: () => void): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#key) this.owner.unroute(this.#key, this);
    this.owner.forget(this);
    process.nextTick(() => {
      this.emit('close');
      this.removeAllListeners();
      cb?.();
    });
  }
}

/** Options of {@link SharedSnmpTransport.open}. */
export interface SharedSnmpTransportOptions {
  /** Local address to bind; default 0.0.0.0 (127.0.0.1 in tests). */
  readonly bindAddress?: string;
}

/**
 * ONE UDP socket for every SNMP session of the collector (peers-and-limits 3.2: one socket per session
 * exhausted file descriptors in NAV and Telegraf). Sessions get a {@link VirtualSnmpSocket} through
 * `dgramModule`; incoming datagrams are routed by source address:port. Dispose closes the socket.
 */
export class SharedSnmpTransport implements Disposable {
  readonly #routes = new Map<string, Set<VirtualSnmpSocket>>();
  readonly #sockets = new Set<VirtualSnmpSocket>();
  #disposed = false;
  /** Datagrams that matched no session (late answers after a close, strangers). */
  droppedDatagrams = 0;

  private constructor(readonly socket: Socket) {
    socket.on('message', (msg, rinfo) => {
      const targets = this.#routes.get(`${rinfo.address}:${rinfo.port}`);
      if (!targets || targets.size === 0) {
        this.droppedDatagrams++;
        return;
      }
      for (const t of targets) t.deliver(msg, rinfo);
    });
    // A send error (e.g. ICMP unreachable surfacing on some OSes) must not take the process down.
    socket.on('error', (err) => {
      for (const s of this.#sockets) if (s.listenerCount('error') > 0) s.emit('error', err);
    });
    socket.unref();
  }

  /** Opens and binds the shared socket. */
  static async open(options: SharedSnmpTransportOptions = {}): Promise<SharedSnmpTransport> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, options.bindAddress ?? '0.0.0.0', () => {
        socket.off('error', reject);
        resolve();
      });
    });
    return new SharedSnmpTransport(socket);
  }

  /** The local port (for logs and tests). */
  get localPort(): number {
    return this.socket.address().port;
  }

  /** How many sessions currently use the socket. */
  get sessionCount(): number {
    return this.#sockets.size;
  }

  /** The module to pass as net-snmp's `dgramModule` session option. */
  readonly dgramModule: SnmpDgramModule = {
    createSocket: () => {
      if (this.#disposed) throw new Error('SharedSnmpTransport is disposed');
      const s = new VirtualSnmpSocket(this);
      this.#sockets.add(s);
      this.updateRef();
      return s;
    },
  };

  /** @internal */
  route(key: string, s: VirtualSnmpSocket): void {
    let set = this.#routes.get(key);
    if (!set) this.#routes.set(key, (set = new Set()));
    set.add(s);
  }

  /** @internal */
  unroute(key: string, s: VirtualSnmpSocket): void {
    const set = this.#routes.get(key);
    set?.delete(s);
    if (set?.size === 0) this.#routes.delete(key);
  }

  /** @internal */
  forget(s: VirtualSnmpSocket): void {
    this.#sockets.delete(s);
    this.updateRef();
  }

  /** @internal Keeps the process alive only while some session waits for an answer (as net-snmp does). */
  updateRef(): void {
    if (this.#disposed) return;
    if ([...this.#sockets].some((s) => s.referenced)) this.socket.ref();
    else this.socket.unref();
  }

  dispose(): void {
    if (this.#disposed) return;
    for (const s of [...this.#sockets]) s.close();
    this.#disposed = true;
    this.#routes.clear();
    this.socket.close();
  }
}
