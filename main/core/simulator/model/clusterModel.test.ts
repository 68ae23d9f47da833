import { describe, expect, it } from 'vitest';
import { loadProfile } from '../profile/loadProfile.js';
import { loadScenario } from '../scenarios/loadScenario.js';
import { runScenario } from '../scenarios/scenarioRunner.js';
import { ClusterModel } from './clusterModel.js';
import { ClusterSrm } from './clusterSrm.js';

const START = Date.UTC(2026, 10, 25, 8, 0, 0);

/** Runs the demo scenario for 2 virtual hours and serializes every counter every 10 minutes, the syslog and the alarms. */
function record(seed: number): string {
  const model = new ClusterModel(loadProfile(), { seed, startMs: START });
  const srm = new ClusterSrm(model);
  runScenario(loadScenario('demo'), { model, ha: srm, setEndpointDegradation: () => undefined, fillBackupServer: () => undefined });
  const out: string[] = [];
  for (let t = START; t <= START + 2 * 3_600_000; t += 600_000) {
    model.runUntil(t);
    for (const name of model.nodes.keys()) out.push(JSON.stringify(model.counters(name)));
  }
  for (const node of model.nodes.values()) out.push(node.logs.read('/syslog/CiscoSyslog')!.toString('utf8'));
  out.push(JSON.stringify(model.alarms.active()));
  srm.dispose();
  model.dispose();
  return out.join('\n');
}

describe('ClusterModel determinism', () => {
  it('gives byte-identical series for the same seed and scenario, different ones for another seed', () => {
    const a = record(42);
    const b = record(42);
    const c = record(43);
    expect(a.length).toBeGreaterThan(100_000);
    expect(a === b).toBe(true);
    expect(a === c).toBe(false);
  });
});

describe('ClusterModel behaviour', () => {
  it('keeps ActiveJsmSessions equal to the users assigned to each node (guide L1443-1453)', () => {
    const model = new ClusterModel(loadProfile(), { seed: 1, startMs: START });
    model.runUntil(START + 600_000);
    for (const node of model.impNodes()) {
      const active = model.counters(node.name).find((c) => c.object === 'Cisco Presence Engine' && c.counter === 'ActiveJsmSessions')!.value;
      expect(active).toBe(model.users.homedOn(node.name).length);
    }
    model.dispose();
  });

  it('crosses dual-connection counters over between the pair (guide L2346)', () => {
    const model = new ClusterModel(loadProfile(), { seed: 1, startMs: START });
    model.runUntil(START + 600_000);
    const jsm = (n: string, c: string): number => model.counters(n).find((x) => x.object === 'Cisco XCP JSM' && x.counter === c)!.value;
    // Inactive connections on one node are the logged-in users of its peer.
    expect(jsm('imp-pub', 'JsmSessionsClientInactive')).toBeGreaterThan(0);
    expect(jsm('imp-sub1', 'JsmSessionsClientInactive')).toBeGreaterThan(0);
    expect(Math.abs(jsm('imp-pub', 'JsmSessionsClientInactive') - jsm('imp-sub1', 'JsmSessionsClient')) / jsm('imp-sub1', 'JsmSessionsClient')).toBeLessThan(0.35);
    model.dispose();
  });

  it('after a failover the backup node carries its peer users', () => {
    const model = new ClusterModel(loadProfile(), { seed: 1, startMs: START });
    const srm = new ClusterSrm(model);
    model.runUntil(START + 60_000);
    expect(srm.failover('imp-pub').ok).toBe(true);
    model.runUntil(START + 30 * 60_000);
    const active = (n: string): number => model.counters(n).find((c) => c.object === 'Cisco Presence Engine' && c.counter === 'ActiveJsmSessions')!.value;
    expect(active('imp-pub')).toBe(0);
    expect(active('imp-sub1')).toBe(model.users.homedOn('imp-pub').length + model.users.homedOn('imp-sub1').length);
    srm.dispose();
    model.dispose();
  });

  it('stopping Cisco XCP Router stops the XCP feature services (guide L1788)', () => {
    const model = new ClusterModel(loadProfile(), { seed: 1, startMs: START });
    const services = model.node('imp-sub2').services;
    services.stop('Cisco XCP Router');
    model.runUntil(START + 10_000);
    expect(services.get('Cisco XCP Router')!.status).toBe('Stopped');
    expect(services.get('Cisco XCP Connection Manager')!.status).toBe('Stopped');
    expect(services.get('Cisco XCP Text Conference Manager')!.status).toBe('Stopped');
    expect(services.get('Cisco Presence Engine')!.status).toBe('Started');
    model.dispose();
  });

  it('raises XcpMFTExtFsFreeSpaceWarn at the lower threshold and clears it only at the upper one (guide L8145-8160)', () => {
    const model = new ClusterModel(loadProfile(), { seed: 1, startMs: START });
    const active = (): boolean => model.alarms.isActive('imp-pub', 'XcpMFTExtFsFreeSpaceWarn');
    model.setMftFreeSpace(10);
    model.runUntil(START + 10_000);
    expect(active()).toBe(true);
    model.setMftFreeSpace(14);
    model.runUntil(START + 20_000);
    expect(active()).toBe(true);
    model.setMftFreeSpace(15);
    model.runUntil(START + 30_000);
    expect(active()).toBe(false);
    expect(model.node('imp-pub').logs.read('/syslog/CiscoSyslog')!.toString()).toMatch(/%IMP_XCP-MFT-4-XcpMFTExtFsFreeSpaceWarn: /);
    model.dispose();
  });

  it('raises JSMSessionsExceedsThreshold after 10 minutes above 80% of capacity (guide L6977-7017)', () => {
    const model = new ClusterModel(loadProfile(), { seed: 1, startMs: START });
    model.setSessionInflation('imp-sub3', 20);
    model.runUntil(START + 9 * 60_000);
    expect(model.alarms.isActive('imp-sub3', 'JSMSessionsExceedsThreshold')).toBe(false);
    model.runUntil(START + 11 * 60_000);
    expect(model.alarms.isActive('imp-sub3', 'JSMSessionsExceedsThreshold')).toBe(true);
    model.dispose();
  });
});
