import { afterEach, describe, expect, it } from 'vitest';
import { ClusterModel } from '../model/clusterModel.js';
import { loadProfile, parseProfile } from '../profile/loadProfile.js';
import { openCli, testModel } from './fixtures/cliHarness.js';
import { uptimeText } from './commands/showStatus.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

describe('show status, network cluster, version, ntp', () => {
  it('show status reports the node metrics in the parsers\' fields', async () => {
    model = testModel();
    model.runUntil(model.now() + 120_000);
    const node = model.node('imp-sub2');
    const out = (await openCli(model, 'imp-sub2').run('show status')).text;
    const m = node.metrics;
    expect(out).toContain('Host Name          : imp-sub2\n');
    expect(out).toContain(`Product Ver        : ${model.profile.version}\n`);
    expect(Number(/Memory Total:\s+(\d+)K/.exec(out)![1])).toBe(m.memoryTotalKb);
    expect(Number(/Used:\s+(\d+)K/.exec(out)![1])).toBe(m.memoryUsedKb);
    const active = m.partitions.find((p) => p.name === 'Active')!;
    expect(out).toContain(`Disk/active${`${Math.round(active.totalMb * 1024)}K`.padStart(18)}`);
    expect(Number(/Disk\/logging.*\((\d+)%\)/.exec(out)![1])).toBeGreaterThan(0);
    const idle = Number(/CPU Idle:\s+([\d.]+)%/.exec(out)![1]);
    expect(idle).toBeCloseTo(100 - m.cpuTotal - Math.min(m.iowaitPct, 100 - m.cpuTotal), 1);
    expect(out).toContain(` up ${uptimeText(node.uptimeSec(model.now()))},  1 user,  load average: `);
  });

  it('formats uptime like uptime(1)', () => {
    expect(uptimeText(72 * 86_400 + 21 * 3600 + 60)).toBe('72 days, 21:01');
    expect(uptimeText(86_400 + 3 * 3600 + 5 * 60)).toBe('1 day,  3:05');
    expect(uptimeText(5 * 60)).toBe('5 min');
  });

  it('show network cluster follows reachability of the peers', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    expect((await c.run('show network cluster')).text).toMatch(/^127\.0\.10\.13 imp-sub1\.example\.com imp-sub1 Subscriber cups DBSub authenticated using TCP since /m);
    model.powerOff('imp-sub1');
    const down = (await c.run('show network cluster')).text;
    expect(down).toMatch(/^127\.0\.10\.13 imp-sub1\.example\.com imp-sub1 Subscriber cups DBSub not authenticated - INITIATOR since /m);
    expect(down).toMatch(/^127\.0\.10\.11 cucm-pub\.example\.com cucm-pub Publisher callmanager DBPub authenticated using TCP/m);
    expect(down).toContain('Server Table (processnode) Entries\n----------------------------------\ncucm-pub\nimp-pub\n');
  });

  it('a node with a version of its own in the profile shows it everywhere it shows a version', async () => {
    const base = loadProfile();
    model = new ClusterModel({ ...base, nodes: base.nodes.map((n) => (n.name === 'imp-sub3' ? { ...n, version: '14.0.1.11900-2' } : n)) }, { seed: 1 });
    const sub3 = openCli(model, 'imp-sub3');
    expect((await sub3.run('show version active')).text).toContain('Active Master Version: 14.0.1.11900-2\n');
    expect((await sub3.run('show status')).text).toContain('Product Ver        : 14.0.1.11900-2\n');
    expect((await openCli(model, 'imp-sub2').run('show version active')).text).toContain(`Active Master Version: ${base.version}\n`);
    expect(() => parseProfile({ ...base, nodes: base.nodes.map((n) => ({ ...n, version: 'latest' })) })).toThrow(/nodes\.0\.version: must look like 14\.0\.1\.11900-4/);
  });

  it('version, hardware and ntp come from the profile and the node', async () => {
    model = testModel();
    const cucm = openCli(model, 'cucm-pub');
    expect((await cucm.run('show version active')).text).toContain(`Active Master Version: ${model.profile.cucmVersion}\n`);
    expect((await cucm.run('show version inactive')).text).toContain('Inactive Master Version: 0.0.0.0000-0000\n');
    expect((await cucm.run('show hardware')).text).toContain(`Processors        : ${model.node('cucm-pub').metrics.cpus}\n`);
    const sub = openCli(model, 'imp-sub3');
    expect((await sub.run('utils ntp status')).text).toContain('synchronised to NTP server (127.0.10.11) at stratum 3');
    expect((await cucm.run('utils ntp status')).text).toContain('synchronised to NTP server (127.0.10.1) at stratum 2');
    model.setIsolated('imp-sub3', true);
    expect((await sub.run('utils ntp status')).text).toContain('unsynchronised');
  });
});
