/**
 * The session, topology and find-a-user reports against the simulated cluster's real endpoints (issue 14), with the
 * simulated clock stopped (speed 0; the test moves it with model.runUntil) so nothing logs in or out while a report
 * reads: each node's sessions in the report equal `Cisco XCP JSM\JsmClientSessionsActive` read just before and just
 * after (over Perfmon, by the report) and the value the simulated node holds; after an `haFailover` scenario step
 * the backup node carries its peer's users in the report as in its counter; the topology report's assigned users
 * equal `Cisco Presence Engine\ActiveJsmSessions` on a settled cluster; find-a-user finds a logged-in user with the
 * devices the session report lists for them. The reports reach the nodes as the command line does
 * (specReportAccess: one admin CLI session per node, SOAP over HTTPS).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HaReadinessReport, SessionReport, TopologyReport } from '../../shared/model/reports.js';
import { haReadinessReport } from '../../main/core/reports/haReadinessReport.js';
import { findUser } from '../../main/core/reports/findUser.js';
import { standaloneReportContext } from '../../main/core/reports/reportRunner.js';
import { sessionReport } from '../../main/core/reports/sessionReport.js';
import type { SpecReportAccess } from '../../main/core/reports/specReportAccess.js';
import { topologyReport } from '../../main/core/reports/topologyReport.js';
import type { SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { parseScenario } from '../../main/core/simulator/scenarios/loadScenario.js';
import { advanceClock, reportAccessOf, startSettledCluster } from './reportsSimHarness.js';

let cluster: SimCluster;
let access: SpecReportAccess;

/** The value the simulated node holds for a counter now. */
function modelCounter(node: string, object: string, counter: string): number {
  const s = cluster.model.counters(node).find((c) => c.object === object && c.counter === counter);
  if (!s) throw new Error(`${node} has no ${object}\\${counter}`);
  return s.value;
}

async function sessions(): Promise<SessionReport> {
  const ctx = standaloneReportContext({ clusters: [access] });
  const r = await sessionReport(ctx);
  expect(ctx.problems).toEqual([]);
  return r;
}

const advance = (ms: number): void => advanceClock(cluster, ms);

beforeAll(async () => {
  // Users log in and the JSM sessions are recreated on the virtual clock: ten minutes settles the cluster.
  cluster = await startSettledCluster();
  access = reportAccessOf(cluster);
}, 120_000);

afterAll(async () => {
  await access?.dispose();
  await cluster?.dispose();
});

describe('session report on the simulated cluster (clock stopped)', () => {
  it("each node's sessions equal JsmClientSessionsActive before and after, and the node's own counter", async () => {
    const r = await sessions();
    const imp = cluster.endpoints().nodes.filter((n) => n.role !== 'cucm-publisher').map((n) => n.name).sort();
    expect(r.nodes.map((n) => n.node).sort()).toEqual(imp);
    let total = 0;
    for (const n of r.nodes) {
      const model = modelCounter(n.node, 'Cisco XCP JSM', 'JsmClientSessionsActive');
      expect(n.counterBefore, n.node).toBe(model);
      expect(n.counterAfter, n.node).toBe(model);
      expect(n.sessions, n.node).toBe(model);
      expect(n.byDevice.Desktop + n.byDevice.iPhone + n.byDevice.iPad).toBe(n.sessions);
      expect(r.users.filter((u) => u.node === n.node).reduce((s, u) => s + u.sessions, 0)).toBe(n.sessions);
      total += n.sessions;
    }
    expect(total).toBeGreaterThan(0);
    // Groups and the cluster add up; group names come from the IM&P database (enterprisesubcluster).
    expect(r.groups.map((g) => g.group).sort()).toEqual(['DefaultCUPSubcluster', 'Subcluster-2']);
    expect(r.groups.reduce((s, g) => s + g.sessions, 0)).toBe(total);
    expect(r.clusters[0]!.sessions).toBe(total);
    expect(r.clusters[0]!.usersLoggedIn).toBe(new Set(r.users.map((u) => u.userId)).size);
  }, 120_000);

  it('after haFailover the backup node carries its peer\'s users, as its counter does', async () => {
    const before = await sessions();
    const pubUsers = new Set(before.users.filter((u) => u.node === 'imp-pub').map((u) => u.userId));
    expect(pubUsers.size).toBeGreaterThan(0);
    const sub1Before = before.nodes.find((n) => n.node === 'imp-sub1')!.sessions;

    const running = cluster.runScenario(parseScenario({ name: 'failover', steps: [{ at: '0s', action: 'haFailover', node: 'imp-pub' }] }));
    advance(running.endMs - cluster.model.now() + 10 * 60_000);
    const ha = await access.haGroups();
    expect(ha.ok && ha.value.find((g) => g.name === 'DefaultCUPSubcluster')?.nodes.find((n) => n.name === 'imp-sub1')?.state).toMatch(/Backup/i);

    const after = await sessions();
    const sub1 = after.nodes.find((n) => n.node === 'imp-sub1')!;
    const pub = after.nodes.find((n) => n.node === 'imp-pub');
    const model = modelCounter('imp-sub1', 'Cisco XCP JSM', 'JsmClientSessionsActive');
    expect(sub1.sessions).toBe(model);
    expect(sub1.counterBefore).toBe(model);
    expect(sub1.counterAfter).toBe(model);
    expect(sub1.sessions).toBeGreaterThan(sub1Before);
    // The publisher's users are now served by its backup.
    const onSub1 = new Set(after.users.filter((u) => u.node === 'imp-sub1').map((u) => u.userId));
    const moved = [...pubUsers].filter((u) => onSub1.has(u));
    expect(moved.length).toBeGreaterThan(0);
    expect(pub?.sessions ?? 0).toBe(modelCounter('imp-pub', 'Cisco XCP JSM', 'JsmClientSessionsActive'));

    const back = cluster.runScenario(parseScenario({ name: 'fallback', steps: [{ at: '0s', action: 'haFallback', node: 'imp-pub' }] }));
    advance(back.endMs - cluster.model.now() + 20 * 60_000);
  }, 240_000);
});

describe('topology and find a user on the simulated cluster', () => {
  it("assigned users equal ActiveJsmSessions on a settled cluster", async () => {
    const ctx = standaloneReportContext({ clusters: [access] });
    const r: TopologyReport = await topologyReport(ctx);
    expect(ctx.problems).toEqual([]);
    expect(r.nodes.length).toBe(4);
    for (const n of r.nodes) {
      expect(n.activeJsmSessions, n.node).toBe(n.assignedUsers);
      expect(n.activeJsmSessions, n.node).toBe(modelCounter(n.node, 'Cisco Presence Engine', 'ActiveJsmSessions'));
      expect(n.capacity).toBe(22_500);
    }
    const users = r.clusters[0]!;
    expect(users.totalUsers).toBe(cluster.model.profile.users.count);
    expect(users.assignedUsers + users.unassignedUsers).toBe(users.totalUsers);
    expect(r.groups.map((g) => [g.group, g.nodes.length, g.haEnabled])).toEqual([
      ['DefaultCUPSubcluster', 2, true],
      ['Subcluster-2', 2, true],
    ]);
  }, 120_000);

  it('finds a logged-in user with their devices', async () => {
    const report = await sessions();
    const someone = report.users.find((u) => u.sessions >= 2) ?? report.users[0]!;
    const found = await findUser([access], someone.userId.toUpperCase());
    expect(found.problems).toEqual([]);
    const u = found.users.find((x) => x.userId === someone.userId)!;
    expect(u).toBeDefined();
    expect(found.users[0]!.userId).toBe(someone.userId); // the exact match first
    expect(u.node).toBeDefined();
    expect(u.group).toBe(someone.group);
    expect(u.servedBy).toBe(someone.node);
    expect(u.sessions.map((s) => s.device).sort()).toEqual([...someone.devices].sort());
    expect(u.sessions.every((s) => s.node === someone.node && s.loginAtMs !== undefined)).toBe(true);

    const none = await findUser([access], 'nobody-by-this-name');
    expect(none).toEqual({ users: [], truncated: false, problems: [] });
  }, 120_000);

  it('HA readiness: a stopped Presence Engine is to act on, and ready again once its sessions are back', async () => {
    const check = async (): Promise<HaReadinessReport> => {
      const ctx = standaloneReportContext({ clusters: [access], nowMs: cluster.model.now() });
      const r = await haReadinessReport(ctx);
      expect(ctx.problems).toEqual([]);
      return r;
    };
    const stop = cluster.runScenario(parseScenario({ name: 'stop', steps: [{ at: '0s', action: 'stopService', node: 'imp-sub2', service: 'Cisco Presence Engine' }] }));
    advance(stop.endMs - cluster.model.now() + 5_000);
    const down = await check();
    const sub2 = down.nodes.find((n) => n.node === 'imp-sub2')!;
    expect(sub2.items.find((i) => i.check === 'services-running')).toMatchObject({ state: 'act', values: { services: expect.stringContaining('Cisco Presence Engine') } });
    expect(sub2.verdict).toBe('act');
    expect(down.groups.find((g) => g.group === 'Subcluster-2')).toMatchObject({ haEnabled: true, verdict: 'act' });
    expect(down.nodes.find((n) => n.node === 'imp-sub1')!.verdict).toBe('ok');

    const start = cluster.runScenario(parseScenario({ name: 'start', steps: [{ at: '0s', action: 'startService', node: 'imp-sub2', service: 'Cisco Presence Engine' }] }));
    advance(start.endMs - cluster.model.now() + 20 * 60_000);
    const back = await check();
    const again = back.nodes.find((n) => n.node === 'imp-sub2')!;
    expect(again.activeJsmSessions).toBe(again.assignedUsers);
    expect(again.verdict, JSON.stringify(again.items)).toBe('ok');
    expect(back.groups.every((g) => g.verdict === 'ok')).toBe(true);
  }, 120_000);
});
