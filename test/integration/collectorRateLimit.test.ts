// The Perfmon rate limit at collector level (issue 4; reference: 80 Perfmon requests per minute per node, the
// "Exceeded allowed rate for Perfmon information" fault): when another client eats a node's budget, the collector's
// polls of that node fail (services every 10 s and 11 objects every 13 s, Perfmon stretched to the collector's share:
// 57 requests/min, inside its own budget)
// with POLL_RATE_LIMIT, the node still counts as reachable (it answered), other nodes are unaffected, and the node
// recovers when the window rolls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Collector, type CollectorPollError } from '../../main/core/collector/collector.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { PerfmonClient } from '../../main/core/polling/soap/perfmonClient.js';
import { RequestBudget } from '../../main/core/polling/soap/requestBudget.js';
import { SoapTransport } from '../../main/core/polling/soap/soapTransport.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';

let cluster: SimCluster;
let collector: Collector;

beforeAll(async () => {
  cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0 });
  collector = await Collector.create();
});

afterAll(async () => {
  collector?.dispose();
  await cluster?.dispose();
});

describe('collector and the Perfmon rate limit', () => {
  it('another client eating the budget gives POLL_RATE_LIMIT, then the collector recovers', async () => {
    const doc = parseEndpointsDocument(JSON.parse(JSON.stringify(cluster.endpoints())));
    const spec = clusterSpecFromEndpoints(doc, { id: 'sim', simulated: true });
    const sub3 = spec.nodes.find((n) => n.name === 'imp-sub3')!;
    // A second client (another RTMT, a script) with no budget of its own, against the same node.
    const thiefTransport = new SoapTransport(sub3.soap, { budget: new RequestBudget({ limit: 10_000 }) });
    const thief = new PerfmonClient(thiefTransport, 'imp-sub3');
    let faults = 0;
    for (let i = 0; i < 100 && faults === 0; i++) {
      const r = await thief.collectObject('Memory');
      if (!r.ok && r.error.code === 'POLL_RATE_LIMIT') faults++;
    }
    expect(faults).toBe(1); // the server's window is now full

    const errors: CollectorPollError[] = [];
    const reachWhileLimited: string[] = [];
    collector.onDidPollError((e) => {
      errors.push(e);
      if (e.node === 'imp-sub3' && e.error.code === 'POLL_RATE_LIMIT') reachWhileLimited.push(collector.node('sim', 'imp-sub3').reachability());
    });
    let recovered!: () => void;
    const recoveredP = new Promise<void>((r) => (recovered = r));
    collector.onDidCollect((b) => {
      if (b[0]?.node === 'imp-sub3' && b[0].source === 'perfmon' && errors.some((e) => e.node === 'imp-sub3' && e.error.code === 'POLL_RATE_LIMIT')) recovered();
    });
    collector.addCluster({ ...spec, nodes: spec.nodes.filter((n) => n.name === 'imp-sub3' || n.name === 'imp-sub2'), intervals: { systemSec: 10, servicesSec: 10, haSec: 60 } });
    await recoveredP;
    const sub3Codes = errors.filter((e) => e.node === 'imp-sub3' && e.protocol === 'soap').map((e) => e.error.code);
    expect(sub3Codes[0]).toBe('POLL_RATE_LIMIT');
    expect(sub3Codes.filter((c) => c !== 'POLL_RATE_LIMIT')).toEqual([]);
    // The budget is per node: imp-sub2 was never refused.
    expect(errors.filter((e) => e.node === 'imp-sub2')).toEqual([]);
    // A node that answers with a rate-limit fault is reachable: it is never shown degraded or down for it.
    expect(reachWhileLimited.length).toBeGreaterThan(0);
    expect(reachWhileLimited.filter((r) => r === 'degraded' || r === 'down')).toEqual([]);
    expect(collector.node('sim', 'imp-sub3').reachability()).toBe('up');
    thiefTransport.dispose();
  }, 150_000);
});
