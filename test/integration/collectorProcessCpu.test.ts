// Issue 10: the Server view showed process CPU like 521008 %. hrSWRunPerfCPU is centi-seconds of CPU time (a
// counter); the simulated agent computed it as today's rate times the whole uptime (so it jumped by millions
// whenever the node's CPU moved), and the collector divided by our wall clock (so a cluster at speed N read N
// times too high). Against the simulated cluster at speed 20, every process's CPU must be a rate of one core over
// the poll interval: between 0 and every core busy, with the services doing some work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sample } from '../../shared/model/sample.js';
import { Collector } from '../../main/core/collector/collector.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';

let cluster: SimCluster;
let collector: Collector;

beforeAll(async () => {
  cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 20, basePort: 0 });
  collector = await Collector.create();
  const spec = clusterSpecFromEndpoints(parseEndpointsDocument(JSON.parse(JSON.stringify(cluster.endpoints()))), { id: 'sim', simulated: true });
  collector.addCluster({ ...spec, nodes: spec.nodes.filter((n) => n.name === 'imp-pub'), intervals: { systemSec: 5, servicesSec: 30, haSec: 60 } });
});

afterAll(async () => {
  collector?.dispose();
  await cluster?.dispose();
});

/** Resolves after `count` SNMP polls of imp-pub (bounded: 5 s interval with jitter, 3 s timeout each). */
function snmpPolls(count: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = 0;
    const timer = setTimeout(() => (sub.dispose(), reject(new Error(`only ${seen} of ${count} SNMP polls`))), count * 9_000 + 5_000);
    const sub = collector.onDidCollect((b: Sample[]) => {
      if (b[0]?.source !== 'snmp' || b[0].node !== 'imp-pub' || ++seen < count) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

describe('process CPU in the Server view', () => {
  it('is % of one core over the poll interval, never above every core busy', async () => {
    const node = collector.node('sim', 'imp-pub');
    let prevCounters = new Map<number, number>();
    for (let round = 0; round < 4; round++) {
      await snmpPolls(1);
      const cores = node.snmpData!.processorLoads.length;
      const rows = node.processRows();
      // hrSWRunPerfCPU is a counter: for the same process it never goes down.
      const counters = new Map(node.snmpData!.processes.map((p) => [p.pid, p.cpuCentiseconds ?? 0]));
      for (const [pid, cs] of counters) if (prevCounters.has(pid)) expect(cs, `hrSWRunPerfCPU of pid ${pid}`).toBeGreaterThanOrEqual(prevCounters.get(pid)!);
      prevCounters = counters;
      if (round === 0) continue; // the first poll has nothing to compare with
      const total = rows.reduce((sum, r) => sum + r.cpuPercent, 0);
      const top = [...rows].sort((a, b) => b.cpuPercent - a.cpuPercent).slice(0, 3);
      console.log(`round ${round}: ${cores} cores, total ${total.toFixed(1)} %, top ${top.map((r) => `${r.name} ${r.cpuPercent.toFixed(1)} %`).join(', ')}`);
      for (const r of rows) {
        expect(r.cpuPercent, r.name).toBeGreaterThanOrEqual(0);
        expect(r.cpuPercent, r.name).toBeLessThanOrEqual(100 * cores);
      }
      expect(total).toBeLessThanOrEqual(100 * cores);
      expect(top[0]!.cpuPercent).toBeGreaterThan(0);
      // Memory is hrSWRunPerfMem, KBytes, for every process.
      for (const r of rows) expect(Number.isInteger(r.memoryKb), r.name).toBe(true);
    }
  }, 60_000);
});
