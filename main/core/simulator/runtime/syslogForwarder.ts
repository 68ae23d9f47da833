import { createSocket, type Socket } from 'node:dgram';
import { connect, type Socket as TcpSocket } from 'node:net';
import type { AsyncDisposable } from '../../base/disposable.js';
import { AppError } from '../../base/errors.js';
import type { ClusterModel } from '../model/clusterModel.js';
import { formatSyslogDatagram, type CiscoLogMessage } from '../model/logs/ciscoLogFormat.js';

/** A remote syslog server (Serviceability: Alarm > Configuration, remote syslog destinations). */
export interface SyslogDestination {
  readonly host: string;
  /** Port; 514 on a real network. */
  readonly port: number;
  /** UDP datagrams (default) or TCP with RFC 6587 octet counting (`utils remotesyslog set server … tcp`). */
  readonly protocol?: 'udp' | 'tcp';
}

/** Options of {@link startSyslogForwarder}. */
export interface SyslogForwarderOptions {
  readonly destinations?: readonly SyslogDestination[];
  /** The node's own address: datagrams leave from it, so a receiver tells the nodes apart (default 127.0.0.1). */
  readonly localAddress?: string;
  /** Whether the node can send now (a powered-off or isolated node sends nothing); default always. */
  readonly canSend?: () => boolean;
  /** Where send problems are reported; default console.warn. */
  readonly log?: (message: string) => void;
}

/** A running syslog sender of one node. */
export interface SyslogForwarder extends AsyncDisposable {
  /** Replaces the remote syslog destinations. */
  setDestinations(destinations: readonly SyslogDestination[]): void;
  readonly destinations: readonly SyslogDestination[];
  /** Sends one message to every destination now (also used for the node's alarm events). */
  send(message: CiscoLogMessage): Promise<void>;
  /** Datagrams sent and failed, for tests and diagnostics. */
  stats(): { readonly sent: number; readonly failed: number };
}

function checkDestination(d: SyslogDestination): SyslogDestination {
  if (typeof d.host !== 'string' || d.host === '' || !Number.isInteger(d.port) || d.port < 1 || d.port > 65535) {
    throw new AppError('VALIDATION', `invalid syslog destination ${JSON.stringify(d)}: host and a port 1-65535 are required`);
  }
  return { host: d.host, port: d.port, protocol: d.protocol === 'tcp' ? 'tcp' : 'udp' };
}

/**
 * Forwards every alarm event of `nodeName` (raise, clear, event) as an RFC 3164 datagram whose body is the
 * CiscoLog message (serviceability-reference.md A.6: `<PRI>Mmm dd hh:mm:ss host seq: host: time: %APP-SEV-NAME: text`,
 * facility local7) over UDP to the configured destinations, from one socket per node bound to the node's address,
 * or over TCP (RFC 6587 octet counting, one connection per destination from the node's address, opened when there is
 * something to send and again after the receiver closed it).
 */
export async function startSyslogForwarder(model: ClusterModel, nodeName: string, options: SyslogForwarderOptions = {}): Promise<SyslogForwarder> {
  model.node(nodeName);
  const log = options.log ?? ((m: string) => console.warn(`[syslog ${nodeName}] ${m}`));
  const canSend = options.canSend ?? (() => true);
  let destinations = (options.destinations ?? []).map(checkDestination);
  let sent = 0;
  let failed = 0;
  let disposed = false;
  const socket: Socket = createSocket('udp4');
  const localAddress = options.localAddress ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => {
      socket.close();
      reject(new AppError('CONFLICT', `syslog sender of ${nodeName} cannot bind ${localAddress}: ${err.message}`, { cause: err }));
    };
    socket.once('error', onError);
    socket.bind(0, localAddress, () => {
      socket.off('error', onError);
      resolve();
    });
  });

  socket.on('error', (err) => log(`socket error: ${err.message}`));

  const tcp = new Map<string, Promise<TcpSocket>>();
  const tcpSocket = (d: SyslogDestination): Promise<TcpSocket> => {
    const key = `${d.host}:${d.port}`;
    let pending = tcp.get(key);
    if (!pending) {
      pending = new Promise<TcpSocket>((resolve, reject) => {
        const s = connect({ host: d.host, port: d.port, localAddress });
        s.once('connect', () => {
          s.off('error', reject);
          s.on('error', () => s.destroy());
          resolve(s);
        });
        s.once('error', reject);
        s.once('close', () => {
          if (tcp.get(key) === pending) tcp.delete(key);
        });
      });
      pending.catch(() => tcp.delete(key));
      tcp.set(key, pending);
    }
    return pending;
  };
  const sendTcp = async (d: SyslogDestination, text: string): Promise<void> => {
    const frame = Buffer.from(text, 'utf8');
    const s = await tcpSocket(d);
    await new Promise<void>((resolve, reject) => s.write(Buffer.concat([Buffer.from(`${frame.length} `), frame]), (err) => (err ? reject(err) : resolve())));
  };

  const send = async (message: CiscoLogMessage): Promise<void> => {
    if (disposed || !canSend()) return;
    const text = formatSyslogDatagram(message);
    const datagram = Buffer.from(text, 'utf8');
    await Promise.all(destinations.map((d) => new Promise<void>((resolve) => {
      if (d.protocol === 'tcp') {
        sendTcp(d, text).then(
          () => {
            sent++;
            resolve();
          },
          (err: unknown) => {
            failed++;
            log(`send to ${d.host}:${d.port} (tcp) failed: ${err instanceof Error ? err.message : String(err)}`);
            resolve();
          },
        );
        return;
      }
      socket.send(datagram, d.port, d.host, (err) => {
        if (err) {
          failed++;
          log(`send to ${d.host}:${d.port} failed: ${err.message}`);
        } else sent++;
        resolve();
      });
    })));
  };
  const subscription = model.alarms.onDidAlarm((e) => {
    if (e.alarm.node === nodeName) void send(e.message);
  });

  return {
    get destinations() {
      return destinations;
    },
    setDestinations: (list) => {
      destinations = list.map(checkDestination);
      // Connections to servers no longer configured are closed.
      const keep = new Set(destinations.filter((d) => d.protocol === 'tcp').map((d) => `${d.host}:${d.port}`));
      for (const [key, s] of tcp) {
        if (keep.has(key)) continue;
        tcp.delete(key);
        s.then((sock) => sock.destroy(), () => undefined);
      }
    },
    send,
    stats: () => ({ sent, failed }),
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      subscription.dispose();
      const open = [...tcp.values()];
      tcp.clear();
      await Promise.all(open.map((p) => p.then((sock) => new Promise<void>((resolve) => {
        if (sock.destroyed) return resolve();
        sock.once('close', () => resolve());
        sock.destroy();
      }), () => undefined)));
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
