import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnmpPoller } from '../../main/core/polling/snmp/snmpPoller.js';
import { SNMP_OIDS } from '../../main/core/polling/snmp/snmpOids.js';
import type { SnmpTarget } from '../../main/core/polling/snmp/snmpSession.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startNodeProtocolEndpoints, type NodeProtocolEndpoints } from '../../main/core/simulator/runtime/nodeProtocolEndpoints.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { parseWalk, run } from './simClusterHarness.js';

// Issue 4: the collector's SNMP poller against the simulated cluster's agents, over real UDP sockets.
let cluster: SimCluster;
let dir: string;
const endpoints = new Map<string, NodeProtocolEndpoints>();
let poller: SnmpPoller;

const v2c = (node: string, overrides: Partial<SnmpTarget> = {}): SnmpTarget => {
  const e = endpoints.get(node)!.snmp;
  return { cluster: 'imp-cluster', node, host: e.host, port: e.port, version: 'v2c', community: e.community, timeoutMs: 1000, retries: 0, ...overrides };
};
const v3 = (node: string): SnmpTarget => {
  const e = endpoints.get(node)!.snmp;
  return {
    cluster: 'imp-cluster', node, host: e.host, port: e.port, version: 'v3', timeoutMs: 1000, retries: 0,
    v3: { user: e.v3.user, authProtocol: 'sha', authKey: e.v3.authKey, privProtocol: 'aes', privKey: e.v3.privKey },
  };
};

beforeAll(async () => {
  const profile = loadProfile();
  cluster = await startSimCluster({ profile, seed: 1, speed: 0, basePort: 0 });
  dir = mkdtempSync(join(tmpdir(), 'polling-snmp-'));
  const ep = profile.endpoints;
  for (const name of cluster.model.nodes.keys()) {
    endpoints.set(name, await startNodeProtocolEndpoints(cluster.model, name, {
      snmpPort: 0, soapPort: 0, community: ep.snmpCommunity, v3User: ep.snmpV3, appUser: ep.applicationUser,
      certDir: join(dir, 'certs'), log: () => undefined,
    }));
  }
  poller = await SnmpPoller.create({ bindAddress: '127.0.0.1' });
});

afterAll(async () => {
  poller?.dispose();
  for (const e of endpoints.values()) await e.dispose();
  await cluster?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('SnmpPoller against the simulated cluster', () => {
  it('walks hrSWRunTable with the same rows as snmpbulkwalk', async () => {
    const target = v2c('imp-pub');
    const ours = await poller.walk(target, SNMP_OIDS.hrSWRunEntry);
    expect(ours.ok).toBe(true);
    if (!ours.ok) return;
    const tool = await run('snmpbulkwalk', ['-v2c', '-c', target.community!, '-On', '-Oq', '-t', '3', '-r', '1', '-Cr25', `${target.host}:${target.port}`, SNMP_OIDS.hrSWRunEntry]);
    expect(tool.code).toBe(0);
    const theirs = parseWalk(tool.stdout);
    expect(theirs.size).toBeGreaterThan(10);
    const mine = new Map(ours.varbinds.map((v) => [`.${v.oid}`, Buffer.isBuffer(v.value) ? v.value.toString('utf8') : String(v.value).replace(/^([0-9.]+)$/, (m) => (m.includes('.') ? `.${m}` : m))]));
    expect([...mine.keys()]).toEqual([...theirs.keys()]);
    expect(mine).toEqual(theirs);
  });

  it('polls every node over one socket, v2c and v3, into samples and typed rows', async () => {
    const results = await Promise.all([...endpoints.keys()].flatMap((n) => [poller.poll(v2c(n)), poller.poll(v3(n))]));
    expect(poller.sessionCount).toBe(endpoints.size * 2);
    expect(poller.transport.sessionCount).toBe(endpoints.size * 2);
    for (const r of results) {
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.issues).toEqual([]);
      const node = cluster.model.node(r.samples[0]!.node);
      expect(r.data.processorLoads).toEqual(node.metrics.cpuBusy.map((b) => Math.round(b)));
      const ram = r.data.storage.find((s) => s.descr === 'Physical RAM')!;
      expect(ram.usedBytes).toBe(Math.floor(node.metrics.memoryUsedKb / 4) * 4096);
      const started = node.services.list().filter((s) => s.status === 'Started');
      for (const s of started) expect(r.data.processes.some((p) => p.pid === s.pid && p.name === s.definition.process)).toBe(true);
      expect(r.samples.some((s) => s.object === 'hrStorage' && s.instance === '/dev/shm' && s.counter === 'Used Bytes')).toBe(true);
      expect(r.samples.some((s) => s.object === 'Process' && s.counter === 'VmRSS')).toBe(true);
      expect(r.data.clog.maxSeverity).toBeGreaterThan(0);
    }
  });

  it('shows a service stopped in the model in the next poll', async () => {
    const target = v2c('imp-sub1');
    const before = await poller.poll(target);
    expect(before.ok && before.data.services.find((s) => s.name === 'Cisco Presence Engine')?.running).toBe(true);
    const node = cluster.model.node('imp-sub1');
    const pe = node.services.list().find((s) => s.definition.name === 'Cisco Presence Engine')!;
    const pid = pe.pid;
    node.services.stop('Cisco Presence Engine');
    cluster.model.runUntil(cluster.model.now() + 120_000);
    const after = await poller.poll(target);
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    expect(after.data.services.find((s) => s.name === 'Cisco Presence Engine')?.running).toBe(false);
    expect(after.data.processes.some((p) => p.pid === pid)).toBe(false);
    expect(after.samples.find((s) => s.object === 'Service' && s.instance === 'Cisco Presence Engine')?.value).toBe(0);
  });

  it('fails with POLL_AUTH on a wrong v3 key and POLL_TIMEOUT on a wrong community', async () => {
    const bad = v3('imp-pub');
    const wrongKey = await poller.poll({ ...bad, v3: { ...bad.v3!, authKey: 'wrongwrong1' } });
    expect(wrongKey.ok ? undefined : wrongKey.error.code).toBe('POLL_AUTH');
    const wrongCommunity = await poller.poll(v2c('imp-pub', { community: 'nope' }));
    expect(wrongCommunity.ok ? undefined : wrongCommunity.error.code).toBe('POLL_TIMEOUT');
  });

  it('a powered-off node becomes POLL_TIMEOUT, then answers again after power on and boot', async () => {
    const target = v2c('imp-sub3');
    expect((await poller.poll(target)).ok).toBe(true);
    cluster.model.powerOff('imp-sub3');
    cluster.model.runUntil(cluster.model.now() + 2000);
    const off = await poller.poll(target);
    expect(off.ok ? undefined : off.error.code).toBe('POLL_TIMEOUT');
    expect(off.ok ? undefined : off.error.retryable).toBe(true);
    cluster.model.powerOn('imp-sub3');
    cluster.model.runUntil(cluster.model.now() + 30 * 60_000);
    const back = await poller.poll(target);
    expect(back.ok).toBe(true);
  });

  it('the poller keeps one socket and closes it on dispose', async () => {
    const p = await SnmpPoller.create({ bindAddress: '127.0.0.1' });
    await p.poll(v2c('cucm-pub'));
    await p.poll(v3('cucm-pub'));
    expect(p.transport.sessionCount).toBe(2);
    p.dispose();
    expect(p.transport.sessionCount).toBe(0);
    expect(() => p.transport.socket.address()).toThrow();
    const again = await p.poll(v2c('cucm-pub'));
    expect(again.ok).toBe(false);
  });
});
