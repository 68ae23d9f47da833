/**
 * Reports with one IM&P node powered off (issue 14), reached as the command line reaches a cluster
 * (specReportAccess, nothing polling the nodes): the access learns each node's reachability from the run itself
 * (`unknown` until asked, then `up` or `down`; the dashboard showed "5 (5 unknown)" before), a node that did not
 * answer is asked over each protocol once, not once per command (later calls fail at once with the first failure's
 * words), the nodes are asked together, and the dashboard knows every node's reachability and never reads Cisco
 * Sync Agent from a subscriber when the IM&P database publisher (where it runs) is off: it is "not checked", with why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardReport } from '../../main/core/reports/dashboardReport.js';
import { standaloneReportContext } from '../../main/core/reports/reportRunner.js';
import { sessionReport } from '../../main/core/reports/sessionReport.js';
import type { SpecReportAccess } from '../../main/core/reports/specReportAccess.js';
import type { SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { playNow, reportAccessOf, startSettledCluster } from './reportsSimHarness.js';

let cluster: SimCluster;
const OFF = 'imp-pub';

async function withAccess<T>(use: (access: SpecReportAccess) => Promise<T>): Promise<T> {
  const access = reportAccessOf(cluster);
  try {
    return await use(access);
  } finally {
    await access.dispose();
  }
}

beforeAll(async () => {
  cluster = await startSettledCluster();
  playNow(cluster, 'off', [{ action: 'powerOff', node: OFF }]);
}, 120_000);

afterAll(async () => {
  await cluster?.dispose();
});

describe('reports with the IM&P database publisher powered off (command line access)', () => {
  it('learns each node up or down from the run and asks the silent node once per protocol', async () => {
    await withAccess(async (access) => {
      expect(access.nodes().map((n) => n.reachability)).toEqual(access.nodes().map(() => 'unknown'));
      const ctx = standaloneReportContext({ clusters: [access] });
      const r = await sessionReport(ctx);
      const reach = Object.fromEntries(access.nodes().map((n) => [n.name, n.reachability]));
      expect(reach).toEqual({ 'cucm-pub': 'unknown', [OFF]: 'down', 'imp-sub1': 'up', 'imp-sub2': 'up', 'imp-sub3': 'up' });
      // The layout's query, then the node's counter, rows and counter again: one SSH login and one SOAP request tried.
      expect(access.requestCounts().get(OFF)).toEqual({ soap: 1, ris: 0, ssh: 1 });
      expect(r.nodes.map((n) => n.node).sort()).toEqual(['imp-sub1', 'imp-sub2', 'imp-sub3']);
      const mine = ctx.problems.filter((p) => p.node === OFF);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((p) => p.error.code === 'POLL_TIMEOUT' || p.error.code === 'POLL_CONNECT')).toBe(true);
      expect(mine.some((p) => /not asked again/.test(p.error.message))).toBe(true);
      expect(ctx.problems.filter((p) => p.node !== OFF)).toEqual([]);
    });
  }, 120_000);

  it('the dashboard says Cisco Sync Agent is not checked (never a subscriber\'s copy) and the publisher is down', async () => {
    await withAccess(async (access) => {
      const ctx = standaloneReportContext({ clusters: [access] });
      const r = await dashboardReport(ctx);
      const c = r.clusters[0]!;
      expect(c.syncAgent.service).toBe('unknown');
      expect(c.syncAgent.status).toBeUndefined();
      expect(c.notChecked.filter((n) => n.item.startsWith('syncAgent')).length).toBeGreaterThan(0);
      // Every node's reachability is known, also of the nodes the dashboard had nothing else to ask.
      expect(Object.fromEntries(c.nodes.map((n) => [n.name, n.reachability]))).toEqual({ 'cucm-pub': 'up', [OFF]: 'down', 'imp-sub1': 'up', 'imp-sub2': 'up', 'imp-sub3': 'up' });
      expect(c.users).toBe(cluster.model.profile.users.count); // a subscriber's copy of the database answered
    });
  }, 120_000);
});
