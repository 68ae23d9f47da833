// The collector against the simulated cluster over real sockets (issue 4, "Tests and benchmarks"): a service stopped
// by scenario shows in the collected state within one poll interval; a powered-off node goes down and comes back;
// every node's software version is read, and a node left on another build raises SystemVersionMismatched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../shared/model/sample.js';
import { engineKit } from '../../main/core/alerts/engineTestKit.js';
import { Collector } from '../../main/core/collector/collector.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { parseScenario } from '../../main/core/simulator/scenarios/loadScenario.js';

const INTERVAL_SEC = 5;
/** imp-sub3 is left on an older build than the rest of the IM&P cluster (an interrupted upgrade). */
const OLD_BUILD = '14.0.1.11900-2';
let cluster: SimCluster;
let collector: Collector;

/** Resolves with the first batch matching `pred` (the test's own timeout bounds the wait). */
function nextBatch(pred: (batch: Sample[]) => boolean): Promise<Sample[]> {
  return new Promise((resolve) => {
    const sub = collector.onDidCollect((batch) => {
      if (!pred(batch)) return;
      sub.dispose();
      resolve(batch);
    });
  });
}

/** Resolves when the node's reachability becomes `want`. */
function reachability(node: string, want: string): Promise<void> {
  return new Promise((resolve) => {
    if (collector.node('sim', node).reachability() === want) return resolve();
    const sub = collector.onDidChangeNodes((clusters) => {
      if (clusters[0]?.nodes.find((n) => n.name === node)?.reachability !== want) return;
      sub.dispose();
      resolve();
    });
  });
}

beforeAll(async () => {
  const base = loadProfile();
  const profile = { ...base, nodes: base.nodes.map((n) => (n.name === 'imp-sub3' ? { ...n, version: OLD_BUILD } : n)) };
  cluster = await startSimCluster({ profile, seed: 1, speed: 0, basePort: 0 });
  collector = await Collector.create({ scheduler: { backoffMaxMs: 20_000 } }); // short backoff: the node comes back within the test
  const doc = parseEndpointsDocument(JSON.parse(JSON.stringify(cluster.endpoints())));
  const spec = clusterSpecFromEndpoints(doc, { id: 'sim', simulated: true });
  collector.addCluster({ ...spec, intervals: { systemSec: INTERVAL_SEC, servicesSec: INTERVAL_SEC, haSec: INTERVAL_SEC } });
});

afterAll(async () => {
  collector?.dispose();
  await cluster?.dispose();
});

describe('collector on the simulated cluster', () => {
  it('reads every node\'s software version over SSH; the node on another build alone raises SystemVersionMismatched', async () => {
    const profile = cluster.model.profile;
    const versions = (): Record<string, string | undefined> => Object.fromEntries(collector.clusters()[0]!.nodes.map((n) => [n.name, n.version]));
    // The first read comes within one system interval of the start; the test's timeout bounds the wait.
    while (Object.values(versions()).some((v) => v === undefined)) await new Promise((r) => setTimeout(r, 200));
    expect(versions()).toEqual({ 'cucm-pub': profile.cucmVersion, 'imp-pub': profile.version, 'imp-sub1': profile.version, 'imp-sub2': profile.version, 'imp-sub3': OLD_BUILD });

    const k = engineKit();
    k.engine.updateNodeStatus(collector.clusters()[0]!.nodes);
    k.scheduler.advance(30_000);
    k.engine.evaluate();
    const raised = k.engine.activeAlarms().filter((a) => a.ruleId === 'SystemVersionMismatched');
    expect(raised.map((a) => a.node)).toEqual(['imp-sub3']);
    expect(raised[0]!.severity).toBe('Critical');
    k.engine.dispose();
  }, 30_000);

  it('a service stopped by scenario appears in the collected state at the next services poll', async () => {
    const isSub2Services = (b: Sample[]): boolean => b[0]?.source === 'controlcenter' && b[0].node === 'imp-sub2';
    const started = (b: Sample[]): number | undefined => b.find((s) => s.instance === 'Cisco Presence Engine')?.value;
    const before = await nextBatch(isSub2Services);
    expect(started(before)).toBe(1);
    expect(collector.node('sim', 'imp-sub2').serviceRows().find((r) => r.name === 'Cisco Presence Engine')?.status).toBe('Started');

    cluster.runScenario(parseScenario({ name: 't', steps: [{ at: '0s', action: 'stopService', node: 'imp-sub2', service: 'Cisco Presence Engine' }] }));
    cluster.model.runUntil(cluster.model.now() + 1000);
    const changedAt = Date.now();
    // A poll already in flight when the scenario ran may carry the old state; the next one to arrive after it
    // must carry the new one, so the change shows within one services interval.
    const after = await nextBatch((b) => isSub2Services(b) && Date.now() - changedAt > 200);
    expect(started(after)).toBe(0);
    expect(collector.node('sim', 'imp-sub2').serviceRows().find((r) => r.name === 'Cisco Presence Engine')?.status).not.toBe('Started');
    // The other subscribers' engines were not touched.
    expect(collector.node('sim', 'imp-sub1').serviceRows().find((r) => r.name === 'Cisco Presence Engine')?.status).toBe('Started');
  }, 30_000);

  it('a node powered off becomes unreachable, then comes back after power on and boot', async () => {
    await reachability('imp-sub1', 'up');
    const offAt = Date.now();
    cluster.model.powerOff('imp-sub1');
    cluster.model.runUntil(cluster.model.now() + 1000);
    await reachability('imp-sub1', 'down');
    console.log(`imp-sub1 down after ${((Date.now() - offAt) / 1000).toFixed(0)} s`);
    const down = collector.node('sim', 'imp-sub1').status();
    expect(down.reachability).toBe('down');
    expect(down.protocols.soap.lastErrorCode).toMatch(/^POLL_(CONNECT|TIMEOUT)$/);
    // Other nodes stay up meanwhile.
    const pub = collector.node('sim', 'imp-pub').status();
    expect(pub.reachability, JSON.stringify(pub.protocols)).toBe('up');

    cluster.model.powerOn('imp-sub1');
    cluster.model.runUntil(cluster.model.now() + 600_000); // past the 120 s boot and the services' start times
    const onAt = Date.now();
    await reachability('imp-sub1', 'up');
    console.log(`imp-sub1 up again after ${((Date.now() - onAt) / 1000).toFixed(0)} s`);
    expect(collector.node('sim', 'imp-sub1').status().reachability).toBe('up');
    // Unreachable nodes are polled with backoff and the SSH/SOAP/SNMP timeouts run their course, so this takes
    // minutes of real time; the bound is the test timeout, not an assertion on speed.
  }, 180_000);
});
