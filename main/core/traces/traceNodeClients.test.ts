import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { skipWithoutTools } from '../../../test/helpers/requiredTools.js';
import { Emitter } from '../base/emitter.js';
import type { NodeTargets } from '../collector/nodeRuntime.js';
import type { SoapResult } from '../polling/soap/perfmonClient.js';
import type { SftpLogApi } from './traceClientTypes.js';
import { TraceNodeClients } from './traceNodeClients.js';

// The per-node sharing of TraceNodeClients without a network: fetch slots (shared by every collection of a node),
// unknown nodes, and clients rebuilt when a node's credentials change. Connections are covered by traceCollect.
/** A throw-away self-signed certificate for the SOAP pin (the transport parses it when it is built). */
let pem = '';
function certificate(): string {
  pem ||= execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=trace-test', '-days', '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return pem;
}

function targets(node: string, password = 'p'): NodeTargets {
  const base = { cluster: 'c', node, host: '127.0.0.1', port: 1 };
  return {
    cluster: 'c',
    name: node,
    host: '127.0.0.1',
    role: 'imp-publisher',
    snmp: { ...base, version: 'v2c', community: 'public' },
    soap: { ...base, username: 'u', password, pin: { pem: certificate() } },
    ssh: { ...base, username: 'admin', password, hostKeyFingerprint: 'SHA256:x' },
  } as NodeTargets;
}

describe('trace node clients', () => {
  it('hands out a node\'s fetch slots in order, at most the limit at once, and gives up on abort', async () => {
    const nodes = new Map([['a', targets('a')], ['b', targets('b')]]);
    const clients = new TraceNodeClients({ targets: (_c, n) => nodes.get(n), nodes: () => [] }, { fetchesPerNode: 2 });
    const r1 = (await clients.fetchSlot('c', 'a'))!;
    const r2 = (await clients.fetchSlot('c', 'a'))!;
    const order: string[] = [];
    const third = clients.fetchSlot('c', 'a').then((r) => (order.push('third'), r));
    const stop = new AbortController();
    const aborted = clients.fetchSlot('c', 'a', stop.signal);
    const fourth = clients.fetchSlot('c', 'a').then((r) => (order.push('fourth'), r));
    // Another node has its own slots.
    expect(await clients.fetchSlot('c', 'b')).toBeTypeOf('function');
    stop.abort();
    expect(await aborted).toBeUndefined();
    r1();
    r1(); // a second release of the same slot frees nothing more
    const r3 = (await third)!;
    expect(order).toEqual(['third']);
    r2();
    (await fourth)!();
    expect(order).toEqual(['third', 'fourth']);
    r3();
    await clients.dispose();
  });

  it.skipIf(skipWithoutTools({ path: '/usr/bin/openssl', apt: 'openssl' }))('refuses unknown nodes, rebuilds a node\'s clients when its credentials change, and refuses use after dispose', async () => {
    const nodes = new Map([['a', targets('a')]]);
    const clients = new TraceNodeClients({ targets: (_c, n) => nodes.get(n), nodes: () => [{ cluster: 'c', node: 'a' }] });
    expect(() => clients.logCollection('c', 'zz')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    await expect(clients.sftp('c', 'zz')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(clients.has('c', 'a')).toBe(true);
    const lc = clients.logCollection('c', 'a');
    expect(clients.logCollection('c', 'a')).toBe(lc);
    expect(clients.dime('c', 'a')).not.toBe(lc);
    nodes.set('a', targets('a', 'new password'));
    expect(clients.logCollection('c', 'a')).not.toBe(lc);
    expect(clients.sshTarget('c', 'a').password).toBe('new password');
    await clients.dispose();
    expect(() => clients.dime('c', 'a')).toThrow(expect.objectContaining({ code: 'PRECONDITION' }));
  });

  it('keeps no closed SFTP connection for the end: a reconnect after a close gets a new one, dispose ends only the live one', async () => {
    // The factory hands out connections that close when told (what an idle node or a network drop does).
    const made: { closed: Emitter<void>; disposed: number }[] = [];
    const sftp = async (): Promise<SoapResult<SftpLogApi>> => {
      const conn = { closed: new Emitter<void>(), disposed: 0 };
      made.push(conn);
      const api = { root: '/', onDidClose: conn.closed.event, dispose: () => void conn.disposed++ } as unknown as SftpLogApi;
      return { ok: true, value: api };
    };
    const nodes = new Map([['a', targets('a')]]);
    const clients = new TraceNodeClients({ targets: (_c, n) => nodes.get(n), nodes: () => [] }, { factories: { sftp } });
    const first = await clients.sftp('c', 'a');
    expect(await clients.sftp('c', 'a')).toBe(first);
    for (let i = 0; i < 3; i++) {
      made.at(-1)!.closed.fire();
      const again = await clients.sftp('c', 'a');
      expect(again).not.toBe(first);
    }
    expect(made).toHaveLength(4);
    await clients.dispose();
    expect(made.map((m) => m.disposed)).toEqual([0, 0, 0, 1]);
  });
});
