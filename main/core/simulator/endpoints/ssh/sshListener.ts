import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { Connection } from 'ssh2';
import type { AsyncDisposable } from '../../../base/disposable.js';
import { AppError } from '../../../base/errors.js';
import type { ResponseGate } from './degradation.js';

/** Options of {@link startSshListener}. */
export interface SshListenerOptions {
  /** Loopback address to bind (house rule: simulator servers bind 127.0.0.1 only). */
  readonly host: string;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Host private key text (OpenSSH or PEM). */
  readonly hostKey: string;
  /** Delays or withholds the SSH handshake of new connections. */
  readonly gate: ResponseGate;
  /** Receives every SSH connection once its socket is handed to ssh2. */
  readonly onConnection: (client: Connection) => void;
  /**
   * Time a connection has to authenticate, counted from when the node starts answering it (OpenSSH
   * LoginGraceTime, default 120 s); a connection still unauthenticated then is closed. 0 = no limit.
   */
  readonly loginGraceTimeMs?: number;
}

/** OpenSSH's LoginGraceTime default (sshd_config(5)). */
export const DEFAULT_LOGIN_GRACE_TIME_MS = 120_000;

/** A listening SSH transport: TCP server plus every socket it accepted. */
export interface SshListener extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  /** Number of TCP connections currently open (held or handed to ssh2). */
  readonly openConnections: number;
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

/** Refuses non-loopback bind addresses and bad ports with AppError VALIDATION. */
export function assertLoopbackBind(host: string, port: number): void {
  if (!LOOPBACK.test(host)) throw new AppError('VALIDATION', `simulator servers bind loopback only, got host "${host}"`);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('VALIDATION', `bad port ${port}`);
}

/**
 * Makes the SSH packets written while ssh2 handles one chunk of client bytes leave in one writev at the end of
 * that tick (cork on 'data', uncork on nextTick) instead of one write syscall per packet. An SFTP download
 * answers a batch of READ requests with one DATA packet each: without this, 256 MiB took ~16,600 socket
 * writes (each waking the client's ssh on loopback), with it ~650, and the client's CPU per byte drops. Nothing
 * waits longer than the current tick, so interactive answers keep TCP_NODELAY latency. Answers written later
 * (degradation delays, async CLI commands) are not corked. Call it right after injectSocket: ssh2 adds its own
 * 'data' listener asynchronously, so this one runs first.
 */
function coalesceRepliesPerRead(socket: Socket): void {
  let corked = false;
  socket.on('data', () => {
    if (corked) return;
    corked = true;
    socket.cork();
    process.nextTick(() => {
      corked = false;
      socket.uncork();
    });
  });
}

/**
 * Starts a TCP server whose sockets are handed to an ssh2 Server (via injectSocket) through `gate`, so an
 * unresponsive endpoint accepts TCP yet never sends its SSH identification. dispose() stops listening and
 * destroys every open socket, which ends every live SSH session.
 */
export async function startSshListener(options: SshListenerOptions): Promise<SshListener> {
  assertLoopbackBind(options.host, options.port);
  let sshServer: ssh2.Server;
  try {
    sshServer = new ssh2.Server({ hostKeys: [options.hostKey] });
  } catch (err) {
    throw new AppError('VALIDATION', `unusable SSH host key: ${(err as Error).message}`, { cause: err });
  }
  const sockets = new Set<Socket>();
  const clients = new Set<Connection>();
  const graceMs = options.loginGraceTimeMs ?? DEFAULT_LOGIN_GRACE_TIME_MS;
  // Unauthenticated sockets and their grace timers, keyed by the client's port (unique among loopback peers).
  const grace = new Map<string, { readonly socket: Socket; readonly timer: NodeJS.Timeout }>();
  const peerKey = (ip: string | undefined, port: number | undefined): string => `${ip ?? ''}|${port ?? ''}`;
  const startGrace = (socket: Socket): void => {
    if (!(graceMs > 0)) return;
    const key = peerKey(socket.remoteAddress, socket.remotePort);
    // Like sshd's grace alarm: no goodbye, the connection just ends.
    const timer = setTimeout(() => {
      grace.delete(key);
      socket.destroy();
    }, graceMs);
    timer.unref();
    grace.set(key, { socket, timer });
    socket.once('close', () => {
      clearTimeout(timer);
      if (grace.get(key)?.socket === socket) grace.delete(key);
    });
  };
  sshServer.on('connection', (client: Connection, info: { ip?: string; port?: number }) => {
    clients.add(client);
    client.on('error', () => undefined); // a client vanishing mid-handshake must not crash the process
    client.on('close', () => clients.delete(client));
    client.once('ready', () => {
      const key = peerKey(info.ip, info.port);
      const entry = grace.get(key);
      if (entry) {
        clearTimeout(entry.timer);
        grace.delete(key);
      }
    });
    options.onConnection(client);
  });
  const tcp: NetServer = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true); // like sshd for interactive sessions: no Nagle + delayed-ACK 40 ms stalls
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    options.gate.run(() => {
      if (socket.destroyed) return;
      startGrace(socket);
      sshServer.injectSocket(socket);
      coalesceRepliesPerRead(socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => reject(new AppError('CONFLICT', `cannot listen on ${options.host}:${options.port}: ${err.message}`, { cause: err }));
    tcp.once('error', onError);
    tcp.listen(options.port, options.host, () => {
      tcp.off('error', onError);
      resolve();
    });
  });
  tcp.on('error', () => undefined);
  const address = tcp.address();
  if (address === null || typeof address === 'string') throw new AppError('INTERNAL', 'TCP server has no port');
  let disposed: Promise<void> | undefined;
  return {
    host: options.host,
    port: address.port,
    get openConnections() {
      return sockets.size;
    },
    dispose() {
      disposed ??= (async () => {
        const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
        for (const { timer } of grace.values()) clearTimeout(timer);
        grace.clear();
        for (const client of clients) client.end();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return disposed;
    },
  };
}
