/**
 * Counter descriptions of the Performance view (issue 10: they were always empty). CounterDescriptions asks a real
 * simulated node with perfmonQueryCounterDescription over HTTPS, through the node's RequestBudget (the collector's
 * SoapTransport holds it), once per node + counter: later asks come from the cache, concurrent asks share one
 * request, and a per-node cap keeps descriptions from eating the budget the collector polls with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { CounterDescriptions } from '../../main/core/perfmon/counterDescriptions.js';
import { PerfmonClient } from '../../main/core/polling/soap/perfmonClient.js';
import { RequestBudget } from '../../main/core/polling/soap/requestBudget.js';
import { SoapTransport } from '../../main/core/polling/soap/soapTransport.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';

let cluster: SimCluster;
const transports: SoapTransport[] = [];
beforeAll(async () => {
  cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0 });
});
afterAll(async () => {
  for (const t of transports) t.dispose();
  await cluster?.dispose();
});

function clientOf(nodeName: string, budget: RequestBudget): PerfmonClient {
  const doc = parseEndpointsDocument(JSON.parse(JSON.stringify(cluster.endpoints())));
  const spec = clusterSpecFromEndpoints(doc, { id: 'sim', simulated: true });
  const node = spec.nodes.find((n) => n.name === nodeName)!;
  const transport = new SoapTransport(node.soap, { budget });
  transports.push(transport);
  return new PerfmonClient(transport, nodeName);
}

describe('counter descriptions', () => {
  it('fetches a description once per node and counter, from the node, within its budget', async () => {
    const budget = new RequestBudget();
    const client = clientOf('imp-pub', budget);
    const descriptions = new CounterDescriptions(() => client);
    const q = { cluster: 'sim', node: 'imp-pub', object: 'Memory', counter: '% Mem Used' };
    const text = await descriptions.describe(q);
    expect(text.length).toBeGreaterThan(10);
    expect(budget.granted).toBe(1);
    expect(await descriptions.describe(q)).toBe(text);
    expect(budget.granted).toBe(1);
    // Two asks at once for a counter not seen yet: one request.
    const [a, b] = await Promise.all([
      descriptions.describe({ ...q, object: 'Processor', counter: '% CPU Time' }),
      descriptions.describe({ ...q, object: 'Processor', counter: '% CPU Time' }),
    ]);
    expect(a).toBe(b);
    expect(a).not.toBe(text);
    expect(budget.granted).toBe(2);
    expect(descriptions.size).toBe(2);
  });

  it('caps description requests per node and minute, and does not cache a refusal', async () => {
    const budget = new RequestBudget();
    const client = clientOf('imp-sub1', budget);
    let now = 1_000_000;
    const descriptions = new CounterDescriptions(() => client, { maxPerNodePerMinute: 2, now: () => now });
    const q = { cluster: 'sim', node: 'imp-sub1', object: 'Memory', counter: '% Mem Used' };
    await descriptions.describe(q);
    await descriptions.describe({ ...q, object: 'Processor', counter: '% CPU Time' });
    await expect(descriptions.describe({ ...q, counter: 'Total KBytes' })).rejects.toMatchObject({ code: 'POLL_RATE_LIMIT', retryable: true });
    expect(budget.granted).toBe(2); // the refused ask sent nothing
    now += 61_000;
    expect((await descriptions.describe({ ...q, counter: 'Total KBytes' })).length).toBeGreaterThan(0);
    expect(budget.granted).toBe(3);
  });

  it('waits for the node budget no longer than its timeout and answers with a retryable error', async () => {
    // A spent budget: the one request of the minute is taken by another user of the node.
    const budget = new RequestBudget({ limit: 1 });
    const release = await budget.acquire();
    release!();
    const client = clientOf('imp-sub2', budget);
    const descriptions = new CounterDescriptions(() => client, { timeoutMs: 500 });
    const started = Date.now();
    await expect(descriptions.describe({ cluster: 'sim', node: 'imp-sub2', object: 'Memory', counter: '% Mem Used' })).rejects.toMatchObject({ retryable: true });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(descriptions.size).toBe(0);
  });
});
