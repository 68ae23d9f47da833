// Issue 15: the receivers for real nodes. Debian's logger (UDP, TCP) and snmptrap reach the receivers on the ports
// they are configured with and appear in syslog.query; a spoofed host name stays unattributed and raises nothing;
// a simulated node, pointed at the receivers through its own admin CLI over SSH, sends from its own loopback address
// and its syslog and traps are attributed to it and raise its alarms.
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiverSettings } from '../../shared/model/receivers.js';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import { MemoryAlertStore } from '../../main/core/alerts/memoryAlertStore.js';
import { createReceiverParts, type ReceiverParts } from '../../main/core/backend/receiverParts.js';
import { AsyncDisposableStore } from '../../main/core/base/disposable.js';
import { embeddedClusterSpec } from '../../main/core/clusters/embeddedClusterSpec.js';
import { Collector } from '../../main/core/collector/collector.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { EventHub } from '../../main/core/transport/eventHub.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { until } from '../helpers/until.js';
import { run } from './simClusterHarness.js';

const TOOLS = [{ path: '/usr/bin/logger', apt: 'bsdutils' }, { path: '/usr/bin/snmptrap', apt: 'snmp' }];
const INTERVALS = { systemSec: 5, servicesSec: 5, haSec: 5 } as const;
const CLOG = '1.3.6.1.4.1.9.9.41';
/** This machine's short host name: what logger --rfc3164 puts in the header. */
const HOST = hostname().split('.')[0]!;

let dir: string;
let sim: SimCluster;
let collector: Collector;
let alerts: AlertEngine;
let store: AsyncDisposableStore;
let parts: ReceiverParts;

const port = (kind: 'syslog-udp' | 'syslog-tcp' | 'snmp-trap'): number => parts.receivers.port(kind)!;
const query = (text: string, attributed?: boolean) => parts.syslogService.query({ text, ...(attributed !== undefined ? { attributed } : {}) });

describe.skipIf(skipWithoutTools(TOOLS))('receivers (issue 15)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'receivers-'));
    sim = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0, identityDir: join(dir, 'identity') });
    store = new AsyncDisposableStore();
    collector = store.add(await Collector.create());
    alerts = store.add(new AlertEngine({ store: new MemoryAlertStore() }));
    // A "real" cluster whose one node is this machine at 127.0.0.1 (its ports closed: polling fails, as data).
    const simSpec = embeddedClusterSpec(sim.endpoints(), { intervals: INTERVALS });
    const t = simSpec.nodes[1]!;
    collector.addCluster({
      id: 'lab', name: 'Lab', publisherHost: '127.0.0.1', simulated: false, intervals: INTERVALS,
      nodes: [{ ...t, cluster: 'lab', name: HOST, host: '127.0.0.1', ssh: { ...t.ssh, host: '127.0.0.1' }, snmp: { ...t.snmp, host: '127.0.0.1' }, soap: { ...t.soap, host: '127.0.0.1' } }],
    });
    parts = await createReceiverParts({
      stateDir: dir, collector, alerts, events: store.add(new EventHub()), store,
      overrides: { syslogUdpPort: 0, syslogTcpPort: 0, trapPort: 0 }, zeroPortIsFree: true, warn: () => undefined,
    });
    // The embedded-style cluster appears after the receivers: they point it at themselves over its admin CLI.
    collector.addCluster(simSpec);
  }, 60_000);

  afterAll(async () => {
    await store?.dispose();
    await sim?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('points a simulated cluster at the receivers through each node\'s admin CLI (remote syslog, trap destination, clogNotificationsEnabled)', async () => {
    const setup = await parts.service.configureNodes('sim');
    expect(setup.map((s) => [s.node, s.ok, s.error])).toEqual(sim.endpoints().nodes.map((n) => [n.name, true, undefined]));
    expect(setup[0]!.commands).toEqual([
      `utils remotesyslog set server 127.0.0.1 ${port('syslog-udp')} udp`,
      'utils snmp config 2c trap delete 127.0.0.1',
      `utils snmp config 2c trap add 127.0.0.1 ${port('snmp-trap')} public`,
      'snmpset clogNotificationsEnabled.0 = true(1)',
    ]);
    // What the node says over SSH, as an administrator would check it.
    const shown = await collector.runCli('sim', 'imp-sub1', 'utils remotesyslog show config');
    expect(shown.ok && shown.output).toContain(`Port                 : ${port('syslog-udp')}`);
    const traps = await collector.runCli('sim', 'imp-sub1', 'utils snmp config 2c trap list');
    expect(traps.ok && traps.output).toMatch(new RegExp(`127\\.0\\.0\\.1\\s+${port('snmp-trap')}\\s+V2c\\s+public`));
    const refused = await collector.runCli('sim', 'imp-sub1', 'utils remotesyslog set server 192.0.2.7 514 udp');
    expect(refused.ok && refused.output).toMatch(/loopback addresses \(127\.0\.0\.0\/8\) only[\s\S]*Executed command unsuccessfully/);
    await expect(parts.service.configureNodes('lab')).rejects.toThrow(/not simulated: point its nodes at the receivers in Cisco Unified Serviceability/);
  }, 60_000);

  it('Debian\'s logger over UDP and TCP reaches the configured ports, attributed to the node at 127.0.0.1 whose name it claims', async () => {
    await until('attribution of the lab node', () => (parts.attribution.attribute({ peer: '127.0.0.1', host: HOST }) ? true : undefined), 10_000, 50);
    for (const [flag, kind] of [['--udp', 'syslog-udp'], ['--tcp', 'syslog-tcp']] as const) {
      const r = await run('logger', ['--server', '127.0.0.1', '--port', String(port(kind)), flag, '--rfc3164', '-p', 'local7.info', '-t', 'servM', `logger-check ${flag}`]);
      expect(r.code, r.stderr).toBe(0);
    }
    const udp = await until('the UDP line', async () => (await query('logger-check --udp'))[0]);
    const tcp = await until('the TCP line', async () => (await query('logger-check --tcp'))[0]);
    expect(udp).toMatchObject({ transport: 'udp', peer: '127.0.0.1', host: HOST, attributed: true, cluster: 'lab', node: HOST, severity: 6 });
    expect(tcp).toMatchObject({ transport: 'tcp', peer: '127.0.0.1', host: HOST, attributed: true, cluster: 'lab', node: HOST });
    const status = await parts.service.status();
    expect(status.listeners.map((l) => [l.kind, l.state, l.port])).toEqual([['syslog-udp', 'listening', port('syslog-udp')], ['syslog-tcp', 'listening', port('syslog-tcp')], ['snmp-trap', 'listening', port('snmp-trap')]]);
    expect(status.listeners[0]!.accepted).toBeGreaterThanOrEqual(1);
    expect(status.listeners[0]!.ratePerSec).toBeGreaterThan(0);
  }, 30_000);

  it('Debian\'s snmptrap (v2c clogMessageGenerated) reaches the trap port; from 127.0.0.1 it is the lab node\'s', async () => {
    const r = await run('snmptrap', ['-v', '2c', '-c', 'public', `127.0.0.1:${port('snmp-trap')}`, '', `${CLOG}.2.0.1`,
      `${CLOG}.1.2.3.1.2.1`, 's', 'IMP_SRM-SRM', `${CLOG}.1.2.3.1.3.1`, 'i', '4', `${CLOG}.1.2.3.1.4.1`, 's', 'TrapCheck', `${CLOG}.1.2.3.1.5.1`, 's', 'snmptrap-check']);
    expect(r.code, r.stderr).toBe(0);
    const e = await until('the trap', async () => (await query('snmptrap-check'))[0]);
    expect(e).toMatchObject({ transport: 'trap', peer: '127.0.0.1', msgName: 'TrapCheck', severity: 3, attributed: true, cluster: 'lab', node: HOST });
  }, 30_000);

  it('500 lines claiming hosts fake-node-N (and imp-sub3) from 127.0.0.1 stay unattributed and raise nothing on any node', async () => {
    const before = alerts.activeAlarms().length;
    const unattributedBefore = (await parts.service.status()).listeners[0]!.unattributed;
    const s = createSocket('udp4');
    await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
    try {
      const received = async (): Promise<number> => (await parts.syslogService.query({ text: 'spoof-check', limit: 1000 })).length;
      for (let i = 0; i < 500; i++) {
        const host = i % 50 === 49 ? 'imp-sub3' : `fake-node-${i}`;
        const line = `<186>Dec  6 10:00:00 ${host} ${i}: ${host}: Dec 06 2026 10:00:00.000 UTC: %CCM_RTMT-RTMT-2-CoreDumpFileFound: spoof-check ${i} Core file found`;
        await new Promise<void>((resolve, reject) => s.send(line, port('syslog-udp'), '127.0.0.1', (err) => (err ? reject(err) : resolve())));
        // In bursts of 50 (a socket's receive buffer holds a few hundred datagrams): loopback drops nothing then.
        if (i % 50 === 49) await until(`line ${i}`, async () => ((await received()) === i + 1 ? true : undefined), 10_000, 20);
      }
    } finally {
      s.close();
    }
    const got = await until('the 500 lines', async () => {
      const rows = await parts.syslogService.query({ text: 'spoof-check', limit: 1000 });
      return rows.length === 500 ? rows : undefined;
    });
    expect(got.every((e) => !e.attributed && e.peer === '127.0.0.1' && e.node === undefined)).toBe(true);
    expect(await parts.syslogService.query({ text: 'spoof-check', attributed: true })).toEqual([]);
    expect((await parts.syslogService.query({ text: 'spoof-check', attributed: false, limit: 1000 })).length).toBe(500);
    expect((await parts.service.status()).listeners[0]!.unattributed - unattributedBefore).toBe(500);
    expect(alerts.activeAlarms().length).toBe(before);
    expect(alerts.activeAlarms().filter((a) => a.ruleId === 'CoreDumpFileFound')).toEqual([]);
  }, 60_000);

  it('a simulated node\'s own syslog and trap, sent from its own loopback address, are attributed to it and raise its alarm', async () => {
    await parts.service.configureNodes('sim');
    await until('attribution of the simulated nodes', () => (parts.attribution.attribute({ peer: '127.0.10.13', host: 'imp-sub1' }) ? true : undefined), 10_000, 50);
    sim.model.alarms.raise('imp-sub1', 'SRMFailed', 'own-check imp-sub1 Running in Failed Mode');
    const rows = await until('the syslog line and the trap', async () => {
      const r = await query('own-check');
      return r.some((e) => e.transport === 'udp') && r.some((e) => e.transport === 'trap') ? r : undefined;
    }, 20_000, 100);
    for (const e of rows) expect(e, e.transport).toMatchObject({ peer: '127.0.10.13', attributed: true, cluster: 'sim', node: 'imp-sub1', msgName: 'SRMFailed' });
    // Whichever came first (the trap or the line) raised it, the other is an occurrence of the same alarm.
    const raised = await until('the alarms on imp-sub1', () => {
      const a = alerts.activeAlarms().filter((x) => x.node === 'imp-sub1' && x.cluster === 'sim');
      return a.length === 2 ? a : undefined;
    }, 20_000, 100);
    expect(raised.map((a) => [a.ruleId, a.occurrences]).sort()).toEqual([['SRMFailed', 2], ['SyslogSeverityMatchFound', 2]]);
    expect(raised.every((a) => a.origin === 'syslog' || a.origin === 'trap')).toBe(true);
    // The same host name from another node's address is not imp-sub1's.
    expect(parts.attribution.attribute({ peer: '127.0.10.14', host: 'imp-sub1' })).toBeUndefined();
    expect(parts.attribution.attribute({ peer: '127.0.10.13', host: 'imp-sub1.example.com' })).toEqual({ cluster: 'sim', node: 'imp-sub1' });
  }, 60_000);

  it('a node set to send its syslog over TCP (RFC 6587 octet counting) does so from its own address', async () => {
    const set = await collector.runCli('sim', 'imp-sub2', `utils remotesyslog set server 127.0.0.1 ${port('syslog-tcp')} tcp`);
    expect(set.ok && set.output).toContain('Successfully set remote syslog server');
    sim.model.alarms.raise('imp-sub2', 'PEIDSQueryError', 'tcp-check imp-sub2');
    const e = await until('the TCP line', async () => (await query('tcp-check')).find((x) => x.transport === 'tcp'), 20_000, 100);
    expect(e).toMatchObject({ peer: '127.0.10.14', host: 'imp-sub2', attributed: true, cluster: 'sim', node: 'imp-sub2', msgName: 'PEIDSQueryError' });
    expect((await parts.service.status()).listeners.find((l) => l.kind === 'syslog-tcp')!.connections).toBe(1);
  }, 30_000);

  it('save rebinds at once and keeps the settings (0600); a port that cannot be bound is reported with its code, never thrown', async () => {
    const holder = createSocket('udp4');
    await new Promise<void>((resolve) => holder.bind(0, '127.0.0.1', () => resolve()));
    const taken = holder.address().port;
    try {
      const settings: ReceiverSettings = { address: '127.0.0.1', syslogUdpPort: taken, syslogTcpPort: 0, trapPort: 0, trapCommunities: ['public', 'lab'] };
      const status = await parts.service.save(settings);
      expect(status.launchOverride).toBe(false);
      expect(status.settings).toEqual(settings);
      const udp = status.listeners.find((l) => l.kind === 'syslog-udp')!;
      expect(udp).toMatchObject({ state: 'failed', port: taken, error: { code: 'EADDRINUSE' } });
      expect(udp.error!.message).toMatch(/in use by another program/);
      expect(statSync(join(dir, 'receivers.json')).mode & 0o777).toBe(0o600);
      // An address that is not this machine's.
      const notMine = await parts.service.save({ ...settings, address: '192.0.2.1', syslogUdpPort: 0 });
      expect(notMine.listeners.find((l) => l.kind === 'syslog-tcp')).toMatchObject({ state: 'failed', error: { code: 'EADDRNOTAVAIL' } });
    } finally {
      holder.close();
    }
    const back = await parts.service.save({ address: '127.0.0.1', syslogUdpPort: 0, syslogTcpPort: 0, trapPort: 0, trapCommunities: ['public'] });
    expect(back.listeners.map((l) => l.state)).toEqual(['listening', 'listening', 'listening']);
    await expect(parts.service.save({ address: 'monitor.example.com' } as unknown as ReceiverSettings)).rejects.toThrow(/address: must be an IPv4 or IPv6 address/);
  }, 30_000);
});
