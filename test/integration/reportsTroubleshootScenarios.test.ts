/**
 * Every System Troubleshooter test the simulator can make fail, failing and passing again (issue 14: "every test that
 * the simulator's scenarios can make fail has a scenario and a test that sees it fail"; guide L11224-11250). The
 * cases reportsTroubleshoot.test.ts already walks (user configuration, Sync Agent, replication, certificates, LDAP,
 * intercluster, a node off) are not repeated here. Two simulated clusters, clocks stopped (speed 0), reached as the
 * command line reaches them (specReportAccess over SSH):
 *  - the default profile, driven by scenario steps: a stopped service per category (system, Presence Engine, SIP
 *    Proxy, XCP), the CUCM publisher (the IM&P nodes' NTP server) isolated, the MFT external file server unmounted;
 *  - a profile that configures what the default leaves off (calendar, compliance, third-party LDAP, Microsoft RCC
 *    servers) with Active-Standby assignment and a pair without HA: its balance and redundancy tests fail from the
 *    profile, and each configured server fails once a scenario makes it unhealthy.
 * Not reachable through the simulator: topology/nodes-in-groups (the profile refuses an IM&P node outside a group,
 * guide L2016) — its unit test covers it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TroubleshootReport, TroubleshootTest } from '../../shared/model/reports.js';
import { standaloneReportContext } from '../../main/core/reports/reportRunner.js';
import type { SpecReportAccess } from '../../main/core/reports/specReportAccess.js';
import { troubleshootReport } from '../../main/core/reports/troubleshoot/troubleshootReport.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import type { SimProfile } from '../../main/core/simulator/profile/profileSchema.js';
import type { SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { playNow, reportAccessOf, startSettledCluster } from './reportsSimHarness.js';

interface Sim {
  readonly cluster: SimCluster;
  readonly access: SpecReportAccess;
}

let plain: Sim;
let configured: Sim;

function play(sim: Sim, steps: Record<string, unknown>[], settleMs = 5_000): void {
  playNow(sim.cluster, 'troubleshoot-scenarios', steps, settleMs);
}

async function start(profile: SimProfile, seed: number): Promise<Sim> {
  const cluster = await startSettledCluster(profile, seed);
  return { cluster, access: reportAccessOf(cluster, `sim${seed}`) };
}

function troubleshoot(sim: Sim): Promise<TroubleshootReport> {
  return troubleshootReport(standaloneReportContext({ clusters: [sim.access], nowMs: sim.cluster.model.now() }));
}

function find(r: TroubleshootReport, id: string): TroubleshootTest {
  const [category, test] = id.split('/') as [TroubleshootTest['category'], string];
  const t = r.tests.find((x) => x.category === category && x.test === test);
  if (!t) throw new Error(`no test ${id}`);
  return t;
}

const server = (name: string) => [{ name, healthy: true }];

beforeAll(async () => {
  plain = await start(loadProfile(), 11);
  const base = loadProfile();
  configured = await start(
    {
      ...base,
      userAssignmentMode: 'active-standby',
      presenceRedundancyGroups: [base.presenceRedundancyGroups[0]!, { ...base.presenceRedundancyGroups[1]!, highAvailability: false }],
      users: { ...base.users, count: 600 },
      diagnostics: {
        ...base.diagnostics,
        calendarServers: server('exchange.example.com:443'),
        complianceServers: server('compliance.example.com:5269'),
        thirdPartyLdapServers: server('directory.example.org:389'),
        msrccServers: server('lync.example.com:5061'),
      },
    },
    12,
  );
}, 240_000);

afterAll(async () => {
  for (const sim of [plain, configured]) {
    await sim?.access.dispose();
    await sim?.cluster.dispose();
  }
});

/** A scenario that breaks one thing, the test it must fail (or warn), and the steps that restore it. */
const SCENARIOS: readonly { name: string; breaks: Record<string, unknown>[]; fails: readonly string[]; restores: Record<string, unknown>[]; settleMs?: number }[] = [
  {
    name: 'a stopped Cisco Tomcat on a subscriber',
    breaks: [{ action: 'stopService', node: 'imp-sub2', service: 'Cisco Tomcat' }],
    fails: ['system/services-running'],
    restores: [{ action: 'startService', node: 'imp-sub2', service: 'Cisco Tomcat' }],
  },
  {
    name: 'a stopped Presence Engine',
    breaks: [{ action: 'stopService', node: 'imp-sub1', service: 'Cisco Presence Engine' }],
    fails: ['presence-engine/service-running', 'system/services-running'],
    restores: [{ action: 'startService', node: 'imp-sub1', service: 'Cisco Presence Engine' }],
  },
  {
    name: 'a stopped SIP Proxy',
    breaks: [{ action: 'stopService', node: 'imp-sub3', service: 'Cisco SIP Proxy' }],
    fails: ['sip-proxy/service-running'],
    restores: [{ action: 'startService', node: 'imp-sub3', service: 'Cisco SIP Proxy' }],
  },
  {
    name: 'a stopped XCP Connection Manager',
    breaks: [{ action: 'stopService', node: 'imp-pub', service: 'Cisco XCP Connection Manager' }],
    fails: ['xcp-status/services-running'],
    restores: [{ action: 'startService', node: 'imp-pub', service: 'Cisco XCP Connection Manager' }],
  },
  {
    name: 'the IM&P nodes’ NTP server (the CUCM publisher) isolated',
    breaks: [{ action: 'isolateNode', node: 'cucm-pub', isolated: true }],
    fails: ['system/ntp-synchronised'],
    restores: [{ action: 'isolateNode', node: 'cucm-pub', isolated: false }],
  },
  {
    name: 'the MFT external file server unmounted',
    breaks: [{ action: 'setMftExternal', mounted: false }],
    fails: ['external-servers/entries'],
    restores: [{ action: 'setMftExternal', mounted: true }],
  },
];

describe('System Troubleshooter: each test the simulator can break fails, and passes once restored', () => {
  it('a healthy default cluster passes every test these scenarios break', async () => {
    const r = await troubleshoot(plain);
    for (const id of SCENARIOS.flatMap((s) => s.fails)) expect(find(r, id).result, id).toBe('passed');
  }, 120_000);

  for (const s of SCENARIOS) {
    it(s.name, async () => {
      play(plain, s.breaks, 30_000);
      const broken = await troubleshoot(plain);
      for (const id of s.fails) {
        const t = find(broken, id);
        expect(['failed', 'warning'], `${id}: ${t.result} ${t.problem ?? ''}`).toContain(t.result);
        expect(t.problem, id).toBeTruthy();
        expect(t.solution, id).toBeTruthy();
      }
      play(plain, s.restores, s.settleMs ?? 120_000);
      const restored = await troubleshoot(plain);
      for (const id of s.fails) expect(find(restored, id).result, `${id} after restore: ${find(restored, id).problem ?? ''}`).toBe('passed');
    }, 180_000);
  }
});

describe('System Troubleshooter on a cluster whose profile configures the optional servers', () => {
  it('Active-Standby assignment and a pair without HA fail balance and redundancy', async () => {
    const r = await troubleshoot(configured);
    expect(['failed', 'warning']).toContain(find(r, 'topology/groups-balanced').result);
    expect(['failed', 'warning']).toContain(find(r, 'jabber-redundancy/groups-redundant').result);
    expect(find(r, 'jabber-redundancy/groups-redundant').subjects?.join(' ')).toMatch(/Subcluster-2/);
  }, 120_000);

  const modules = [
    { module: 'calendar', item: 'exchange.example.com:443', test: 'calendar/calendar' },
    { module: 'compliance', item: 'compliance.example.com:5269', test: 'compliance/servers' },
    { module: 'third_party_ldap', item: 'directory.example.org:389', test: 'third-party-ldap/servers' },
    { module: 'msrcc', item: 'lync.example.com:5061', test: 'microsoft-rcc/msrcc' },
  ] as const;

  it('each configured server is checked (passed), fails once unhealthy, and passes again', async () => {
    const healthy = await troubleshoot(configured);
    for (const m of modules) expect(find(healthy, m.test).result, m.test).toBe('passed');
    play(configured, modules.map((m) => ({ action: 'setDiagnostic', module: m.module, item: m.item, healthy: false })));
    const broken = await troubleshoot(configured);
    for (const m of modules) {
      const t = find(broken, m.test);
      expect(['failed', 'warning'], `${m.test}: ${t.result}`).toContain(t.result);
      expect(`${t.problem} ${(t.subjects ?? []).join(' ')}`, m.test).toContain(m.item.split(':')[0]);
    }
    play(configured, modules.map((m) => ({ action: 'setDiagnostic', module: m.module, item: m.item, healthy: true })));
    const again = await troubleshoot(configured);
    for (const m of modules) expect(find(again, m.test).result, m.test).toBe('passed');
  }, 180_000);

  it('on the default profile those servers are not configured: not checked with why, never passed', async () => {
    const r = await troubleshoot(plain);
    for (const m of modules) {
      const t = find(r, m.test);
      expect(t.result, m.test).toBe('not-checked');
      expect(t.problem, m.test).toBeTruthy();
    }
  }, 120_000);
});
