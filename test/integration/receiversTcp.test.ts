// Issue 15: the TCP syslog receiver cannot be starved by idle connections. Before, 64 idle sockets held for 10 minutes
// locked every sender out (server.maxConnections 64, 10 min idle timeout). Now: at most 4 connections per sender
// address (more are closed at once), a short idle timeout, and a total cap.
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ReceiverSet } from '../../main/core/receivers/receiverSet.js';
import { listenerBindError, SETCAP_HINT } from '../../main/core/receivers/listenerBindError.js';
import { until } from '../helpers/until.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function open(port: number, localAddress: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, localAddress });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

describe('TCP syslog receiver limits', () => {
  it('64 idle sockets from one address do not lock another sender out, and the idle ones are closed', async () => {
    const set = await ReceiverSet.start(
      { address: '127.0.0.1', syslogUdpPort: 0, syslogTcpPort: 0, trapPort: 0, trapCommunities: [] },
      { attribute: () => undefined, zeroPortIsFree: true, tcp: { idleTimeoutMs: 1500 } },
    );
    cleanups.push(() => set.dispose());
    const got: string[] = [];
    set.onDidReceive(({ message }) => got.push(`${message.peer} ${message.text}`));
    const port = set.port('syslog-tcp')!;

    const idle: Socket[] = [];
    const closed = new Set<Socket>();
    cleanups.push(() => idle.forEach((s) => s.destroy()));
    for (let i = 0; i < 64; i++) {
      const s = await open(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.on('close', () => closed.add(s));
      idle.push(s);
    }
    // All but 4 of them are closed by the receiver at once; 4 stay (idle) for now.
    await until('60 refused connections closed', () => (closed.size >= 60 ? true : undefined), 10_000, 20);
    const tcp = (): ReturnType<ReceiverSet['status']>[number] => set.status().find((l) => l.kind === 'syslog-tcp')!;
    expect(tcp().connections).toBe(4);
    expect(tcp().lastDropReason).toBe('more than 4 TCP connections from 127.0.0.1');

    // Another sender (another address) gets through while the idle ones are still open.
    const sender = await open(port, '127.0.0.2');
    cleanups.push(() => void sender.destroy());
    sender.write('<189>Dec  6 10:00:00 imp-sub2 still-heard over TCP\n');
    await until('the other sender\'s line', () => got.find((g) => g.includes('still-heard')), 10_000, 20);
    expect(got).toContain('127.0.0.2 still-heard over TCP');

    // The 4 idle connections are closed by the idle timeout (nothing was written on them).
    await until('every idle connection closed', () => (closed.size === 64 ? true : undefined), 15_000, 50);
    expect(tcp().connections).toBeLessThanOrEqual(1);
  }, 40_000);

  it('bind errors are data with what to do (permission: the setcap hint)', () => {
    const eacces = Object.assign(new Error('listen EACCES: permission denied 0.0.0.0:514'), { code: 'EACCES' });
    expect(listenerBindError(eacces, 'the syslog receiver (UDP)', '0.0.0.0', 514)).toEqual({
      code: 'EACCES',
      message: `the syslog receiver (UDP) cannot bind 0.0.0.0:514: permission denied; ${SETCAP_HINT}`,
    });
    expect(SETCAP_HINT).toContain('sudo setcap cap_net_bind_service=+ep $(readlink -f $(which node))');
  });
});
