// Issue 10: every simulated node reports and listens on its own 127/8 address with the same ports, so the monitor's
// own discovery from the publisher (`show network cluster`, clusterAdmin.ts) reaches every node, and a
// receiver tells the nodes apart by the sender address of their syslog and traps. Before the fix the nodes
// reported 10.10.1.x (discovery followed them off loopback) and all listened on 127.0.0.1 with per-node ports.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterAdmin } from '../../main/core/clusters/clusterAdmin.js';
import { Collector, type ClusterSpec } from '../../main/core/collector/collector.js';
import { FileCredentialStore } from '../../main/core/credentials/fileCredentialStore.js';
import { PinnedTrustStore } from '../../main/core/credentials/pinnedTrustStore.js';
import { parseNetworkCluster } from '../../main/core/polling/ssh/parsers/networkCluster.js';
import { SshCliSession } from '../../main/core/polling/ssh/sshCliSession.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { hasLoopbackAliases } from '../../main/core/simulator/runtime/endpointPorts.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import ssh2 from 'ssh2';
import { ssh2SftpUpload } from '../../main/core/simulator/adminCli/sftpUpload.js';
import { deriveHostKey } from '../../main/core/simulator/endpoints/ssh/hostKey.js';
import { SftpBackupTransport } from '../../main/core/simulator/model/drs/drsSftpClient.js';
import { run } from './simClusterHarness.js';

const CLOG_ENABLED = '.1.3.6.1.4.1.9.9.41.1.1.2.0';
const INTERVALS = { systemSec: 5, servicesSec: 5, haSec: 5 } as const;
const inLoopback = (host: string): boolean => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

let cluster: SimCluster;
let dir: string;

beforeAll(async () => {
  expect(await hasLoopbackAliases()).toBe(true); // Linux routes all of 127/8 to lo
  dir = mkdtempSync(join(tmpdir(), 'sim-addresses-'));
  cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0, identityDir: join(dir, 'identity') });
});

afterAll(async () => {
  await cluster?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('simulated node addresses', () => {
  it('each node listens on its own 127/8 address (the one it reports) with the same ports as every other node', async () => {
    const nodes = cluster.endpoints().nodes;
    expect(nodes.map((n) => n.ssh.host)).toEqual(['127.0.10.11', '127.0.10.12', '127.0.10.13', '127.0.10.14', '127.0.10.15']);
    for (const n of nodes) {
      expect([n.snmp!.host, n.soap!.host, n.sftp.host]).toEqual([n.ssh.host, n.ssh.host, n.ssh.host]);
      expect([n.ssh.port, n.snmp!.port, n.soap!.port]).toEqual([nodes[0]!.ssh.port, nodes[0]!.snmp!.port, nodes[0]!.soap!.port]);
      expect(cluster.model.node(n.name).ipAddress).toBe(n.ssh.host);
    }
    expect(cluster.endpoints().backupServer.host).toBe('127.0.10.10');
    // What the publisher reports: every address in 127/8, the NTP server too.
    const pub = nodes.find((n) => n.name === 'imp-pub')!;
    const conn = await SshCliSession.connect({ cluster: 'sim', node: 'imp-pub', host: pub.ssh.host, port: pub.ssh.port, username: pub.ssh.username, password: pub.ssh.password, hostKeyFingerprint: pub.hostKeyFingerprint });
    if (!conn.ok) throw conn.error;
    try {
      const listed = await conn.session.run('show network cluster');
      if (!listed.ok) throw listed.error;
      expect(parseNetworkCluster(listed.output).map((n) => [n.host, n.ip])).toEqual(nodes.map((n) => [n.name, n.ssh.host]));
      const ntp = await conn.session.run('utils ntp status');
      if (!ntp.ok) throw ntp.error;
      const addresses = ntp.output.match(/\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g) ?? [];
      expect(addresses.length).toBeGreaterThan(0);
      for (const a of addresses) expect(inLoopback(a), a).toBe(true);
    } finally {
      conn.session.dispose();
    }
  }, 30_000);

  it('discovery from the publisher alone (the app\'s ClusterAdmin) reaches every node, polled OK over SNMP, SOAP and SSH', async () => {
    const collector = await Collector.create();
    const credentials = await FileCredentialStore.open({ keyPath: join(dir, 'credentials.key'), storePath: join(dir, 'credentials.json') });
    const trust = await PinnedTrustStore.open(join(dir, 'trust.json'));
    const admin = await ClusterAdmin.open({ stateDir: dir, credentials, trust });
    const pub = cluster.endpoints().nodes.find((n) => n.name === 'imp-pub')!;
    try {
      const ports = { ssh: pub.ssh.port, soap: pub.soap!.port, snmp: pub.snmp!.port };
      const input = {
        name: 'Lab', publisherHost: pub.ssh.host, ports, nodes: [],
        adminUsername: pub.ssh.username, adminPassword: pub.ssh.password, appUsername: pub.soap!.username, appPassword: pub.soap!.password,
        snmp: { version: '2c' as const, community: pub.snmp!.community },
      };
      // Accept every key shown (publisher first, then each discovered node), as a user consenting in the app.
      const accept = (ids: Awaited<ReturnType<ClusterAdmin['identify']>>) => ids.map((i) => ({ host: i.host, port: i.port, kind: i.kind, fingerprintSha256: i.fingerprintSha256! }));
      const accepted = accept(await admin.identify([{ host: pub.ssh.host, sshPort: ports.ssh, soapPort: ports.soap }]));
      const discovered = await admin.discover(input, accepted);
      for (const n of discovered) expect(inLoopback(n.host), n.host).toBe(true);
      accepted.push(...accept(await admin.identify(discovered.map((n) => ({ host: n.host, sshPort: n.ports.ssh, soapPort: n.ports.soap })))));
      const { spec } = await admin.save({ ...input, nodes: discovered.map((n) => ({ name: n.name, host: n.host, role: n.role })) }, accepted);
      // The real collector; only the poll intervals are shortened, so the test is quick.
      collector.addCluster({ ...spec, intervals: INTERVALS } satisfies ClusterSpec);
      expect(spec.nodes.map((n) => [n.name, n.host]).sort()).toEqual(cluster.endpoints().nodes.map((n) => [n.name, n.ssh.host]).sort());
      for (const n of spec.nodes) for (const t of [n.ssh, n.soap, n.snmp]) expect(inLoopback(t.host), `${n.name} ${t.host}`).toBe(true);

      const allOk = (): boolean => collector.clusters()[0]!.nodes.every((n) => (['snmp', 'soap', 'ssh'] as const).every((p) => n.protocols[p].lastOkMs !== undefined));
      const deadline = Date.now() + 45_000;
      while (!allOk() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
      const status = collector.clusters()[0]!.nodes.map((n) => ({ name: n.name, reachability: n.reachability, ok: (['snmp', 'soap', 'ssh'] as const).filter((p) => n.protocols[p].lastOkMs !== undefined) }));
      expect(status.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
        ['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3'].map((name) => ({ name, reachability: 'up', ok: ['snmp', 'soap', 'ssh'] })),
      );
    } finally {
      collector.dispose();
    }
  }, 90_000);

  it('syslog and traps of each node come from that node\'s own address', async () => {
    const sockets: Socket[] = [];
    const received = { syslog: [] as Array<[string, RemoteInfo]>, trap: [] as Array<[Buffer, RemoteInfo]> };
    const listen = async (onMessage: (m: Buffer, r: RemoteInfo) => void): Promise<number> => {
      const s = createSocket('udp4');
      sockets.push(s);
      s.on('message', onMessage);
      await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
      return s.address().port;
    };
    try {
      const syslogPort = await listen((m, r) => received.syslog.push([m.toString('utf8'), r]));
      const trapPort = await listen((m, r) => received.trap.push([m, r]));
      cluster.setSyslogDestinations([{ host: '127.0.0.1', port: syslogPort }]);
      const nodes = cluster.endpoints().nodes;
      for (const n of nodes) {
        cluster.protocols(n.name).setTrapDestinations([{ version: '2c', host: '127.0.0.1', port: trapPort, community: n.snmp!.community }]);
        // clogNotificationsEnabled, set as an operator would, with Net-SNMP's snmpset against the node's own address.
        const set = await run('snmpset', ['-v2c', '-c', n.snmp!.community, '-On', '-Oq', '-t', '3', '-r', '1', `${n.snmp!.host}:${n.snmp!.port}`, CLOG_ENABLED, 'i', '1']);
        expect(set.code, set.stderr).toBe(0);
      }
      for (const n of nodes) cluster.model.alarms.raise(n.name, 'PEIDSQueryError', `sender-check-${n.name}`);
      const deadline = Date.now() + 10_000;
      const done = (): boolean => nodes.every((n) => received.syslog.some(([t]) => t.includes(`sender-check-${n.name}`)) && received.trap.some(([b]) => b.includes(`sender-check-${n.name}`)));
      while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      for (const n of nodes) {
        const syslog = received.syslog.filter(([t]) => t.includes(`sender-check-${n.name}`));
        const traps = received.trap.filter(([b]) => b.includes(`sender-check-${n.name}`));
        expect(syslog.map(([, r]) => r.address), `syslog of ${n.name}`).toEqual([n.ssh.host]);
        expect(traps.map(([, r]) => r.address), `trap of ${n.name}`).toEqual([n.ssh.host]);
        expect(traps[0]![1].port).toBe(n.snmp!.port); // from the agent's own socket, as net-snmp's agent sends
      }
    } finally {
      cluster.setSyslogDestinations([]);
      for (const n of cluster.endpoints().nodes) cluster.protocols(n.name).setTrapDestinations([]);
      for (const s of sockets) s.close();
    }
  }, 30_000);

  it('a second cluster with another address base runs beside the first on the same ports', async () => {
    const base = loadProfile();
    const ports = cluster.endpoints().nodes[0]!;
    const second = await startSimCluster({
      profile: { ...base, name: 'second', endpoints: { ...base.endpoints, addressBase: '127.0.11.11' } },
      seed: 2, speed: 0, basePort: ports.ssh.port, identityDir: join(dir, 'identity-2'),
    }).catch((err: unknown) => err as Error);
    // basePort N puts SNMP on N+1 and SOAP on N+2; those may be taken by something else on this busy machine:
    // then fall back to free ports, which must still be one set for every node of the second cluster.
    const other = second instanceof Error ? await startSimCluster({ profile: { ...base, name: 'second', endpoints: { ...base.endpoints, addressBase: '127.0.11.11' } }, seed: 2, speed: 0, basePort: 0, identityDir: join(dir, 'identity-2') }) : second;
    try {
      const nodes = other.endpoints().nodes;
      expect(nodes.map((n) => n.ssh.host)).toEqual(['127.0.11.11', '127.0.11.12', '127.0.11.13', '127.0.11.14', '127.0.11.15']);
      if (!(second instanceof Error)) expect(nodes.map((n) => n.ssh.port)).toEqual(nodes.map(() => ports.ssh.port));
      const r = await run('snmpget', ['-v2c', '-c', nodes[2]!.snmp!.community, '-On', '-Oq', '-t', '3', '-r', '1', `${nodes[2]!.snmp!.host}:${nodes[2]!.snmp!.port}`, '.1.3.6.1.2.1.1.5.0']);
      expect(r.stdout.trim()).toBe('.1.3.6.1.2.1.1.5.0 "imp-sub1"');
    } finally {
      await other.dispose();
    }
  }, 30_000);

  it('without 127/8 aliases (the macOS fallback) every node is on 127.0.0.1 with its own block of ports', async () => {
    const fallback = await startSimCluster({ profile: { ...loadProfile(), name: 'fallback' }, seed: 1, speed: 0, basePort: 0, loopbackAliases: false, identityDir: join(dir, 'identity-3') });
    try {
      const nodes = fallback.endpoints().nodes;
      expect(new Set(nodes.flatMap((n) => [n.ssh.host, n.snmp!.host, n.soap!.host, fallback.endpoints().backupServer.host]))).toEqual(new Set(['127.0.0.1']));
      expect(new Set(nodes.map((n) => n.snmp!.port)).size).toBe(nodes.length);
      const r = await run('snmpget', ['-v2c', '-c', nodes[4]!.snmp!.community, '-On', '-Oq', '-t', '3', '-r', '1', `127.0.0.1:${nodes[4]!.snmp!.port}`, '.1.3.6.1.2.1.1.5.0']);
      expect(r.stdout.trim()).toBe('.1.3.6.1.2.1.1.5.0 "imp-sub3"');
    } finally {
      await fallback.dispose();
    }
  }, 30_000);

  it('SFTP pushes (DRS backups, file get) leave from the sending node\'s address', async () => {
    // A real ssh2 server records the client address of every connection and refuses the login.
    const seen: string[] = [];
    const server = new ssh2.Server({ hostKeys: [deriveHostKey('sftp-receiver')] }, (client, info) => {
      seen.push(info.ip);
      client.on('authentication', (ctx) => ctx.reject());
      client.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as { port: number }).port;
    try {
      const drs = new SftpBackupTransport({ resolve: () => ({ host: '127.0.0.1', port }), localAddress: () => '127.0.10.11', readyTimeoutMs: 5000 });
      await expect(drs.open({ host: 'backup', username: 'u', password: 'p' })).rejects.toMatchObject({ kind: 'auth' });
      await expect(ssh2SftpUpload({ host: '127.0.0.1', port, username: 'u', password: 'p', directory: '/x', localAddress: '127.0.10.13' }, [])).rejects.toThrow();
      expect(seen).toEqual(['127.0.10.11', '127.0.10.13']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 30_000);
});
