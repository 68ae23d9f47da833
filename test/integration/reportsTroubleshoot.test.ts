/**
 * The System Troubleshooter and the user troubleshooter (issue 14; guide L11224-11250, L8448-8580) against the
 * simulated cluster's real endpoints, reached as the command line reaches them (specReportAccess: one admin CLI session
 * per node over SSH), with the simulated clock stopped (speed 0; the test moves it). Every category of the guide is
 * present in its order; injected duplicate user IDs, a user without a directory URI and an invalid directory URI
 * make the user troubleshooter and the user-configuration tests fail naming those users; a stopped Cisco Sync Agent,
 * broken replication and an expired certificate each fail their test and pass again once the scenario restores them;
 * a node that is powered off leaves its tests "not checked" — never passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TROUBLESHOOT_CATEGORIES, type TroubleshootReport, type TroubleshootTest } from '../../shared/model/reports.js';
import { TROUBLESHOOT_PROBLEMS, TROUBLESHOOT_TESTS, troubleshootProblemText } from '../../shared/reports/troubleshootCatalog.js';
import { standaloneReportContext } from '../../main/core/reports/reportRunner.js';
import type { SpecReportAccess } from '../../main/core/reports/specReportAccess.js';
import { replicationReport } from '../../main/core/reports/replicationReport.js';
import { troubleshootReport } from '../../main/core/reports/troubleshoot/troubleshootReport.js';
import { usersReport } from '../../main/core/reports/usersReport.js';
import { hashString } from '../../main/core/simulator/random/seededRandom.js';
import type { SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { playNow, reportAccessOf, startSettledCluster } from './reportsSimHarness.js';

let cluster: SimCluster;
let access: SpecReportAccess;

const play = (steps: Record<string, unknown>[], settleMs = 5_000): void => playNow(cluster, 'troubleshoot-test', steps, settleMs);

async function troubleshoot(): Promise<TroubleshootReport> {
  return troubleshootReport(standaloneReportContext({ clusters: [access], nowMs: cluster.model.now() }));
}

const DAY_MS = 86_400_000;

/** The simulated nodes' certificates as the troubleshooter names them, with whole days left now. */
function modelCertificates(): { label: string; daysLeft: number }[] {
  const now = cluster.model.now();
  return [...cluster.model.nodes.entries()].flatMap(([node, n]) =>
    n.certificates.map((c) => {
      const daysLeft = Math.floor((c.notAfterMs - now) / DAY_MS);
      return { label: `${node} ${c.type === 'trust' ? 'trust ' : ''}${c.unit}/${c.name} (${daysLeft} days)`, daysLeft };
    }),
  );
}

function find(r: TroubleshootReport, category: TroubleshootTest['category'], test: string): TroubleshootTest {
  const t = r.tests.find((x) => x.category === category && x.test === test);
  if (!t) throw new Error(`no test ${category}/${test}`);
  return t;
}

beforeAll(async () => {
  cluster = await startSettledCluster();
  access = reportAccessOf(cluster);
}, 120_000);

afterAll(async () => {
  await access?.dispose();
  await cluster?.dispose();
});

describe('System Troubleshooter on the simulated cluster', () => {
  it('has every category of the guide in its order, each test with the catalogue’s words, and passes a healthy cluster', async () => {
    const r = await troubleshoot();
    const order = r.tests.map((t) => TROUBLESHOOT_CATEGORIES.indexOf(t.category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect([...new Set(r.tests.map((t) => t.category))]).toEqual([...TROUBLESHOOT_CATEGORIES]);
    for (const t of r.tests) {
      expect(t.cluster).toBe('sim');
      expect(TROUBLESHOOT_TESTS[`${t.category}/${t.test}`], `${t.category}/${t.test}`).toBeDefined();
      if (t.result === 'passed') {
        expect(t.problem, t.test).toBeUndefined();
        continue;
      }
      // Anything not passed says what, what to do and where.
      expect(t.problem && t.solution && t.fixAt, `${t.category}/${t.test}`).toBeTruthy();
      expect(TROUBLESHOOT_PROBLEMS[t.problemCode!], t.problemCode).toBeDefined();
      expect(troubleshootProblemText(t.problemCode!, t.values, 'zh')).not.toMatch(/\{\w+\}/);
    }
    // The default profile configures no calendar, compliance, third-party LDAP or Microsoft RCC: not checked, and why.
    const notChecked = r.tests.filter((t) => t.result === 'not-checked');
    expect(notChecked.map((t) => t.category).sort()).toEqual(['calendar', 'compliance', 'microsoft-rcc', 'third-party-ldap']);
    for (const t of notChecked) expect(t.problemCode).toBe('not-checked-nothing-configured');
    // Nothing fails; the one warning a healthy cluster may have is a certificate the simulated node says expires soon.
    const soon = modelCertificates().filter((c) => c.daysLeft < 30).map((c) => c.label).sort();
    const flagged = r.tests.filter((t) => t.result === 'failed' || t.result === 'warning');
    if (soon.length === 0) expect(flagged).toEqual([]);
    else {
      expect(flagged.map((t) => `${t.category}/${t.test}/${t.result}`)).toEqual(['system/certificates-valid/warning']);
      expect([...flagged[0]!.subjects!].sort()).toEqual(soon);
    }
    // Checked against real data: LDAP, intercluster and external servers answered Passed; the Sync Agent synchronised.
    for (const [c, test] of [['ldap', 'servers'], ['intercluster', 'peers'], ['external-servers', 'entries'], ['sync-agent', 'sync-status']] as const) {
      expect(find(r, c, test).result, `${c}/${test}`).toBe('passed');
    }
  }, 120_000);

  it('duplicate user IDs, a missing and an invalid directory URI and mail ID problems fail naming the right users, and pass once cleared', async () => {
    const users = cluster.model.users.users;
    const dup = users[3]!.userid;
    const noUri = users[10]!.userid;
    const badUri = 'not a directory uri';
    // The simulated node's rule (simulator/adminCli/commands/utilsUsers.ts): an invalid URI belongs to the user picked by its hash.
    const badUriUser = users[hashString(badUri) % users.length]!.userid;
    const noMail = users[20]!.userid;
    const sharedMail = users[21]!;
    play([
      { action: 'injectDuplicates', kind: 'userid', values: [dup] },
      { action: 'injectDuplicates', kind: 'invalidUri', values: [noUri, badUri] },
      { action: 'setMailId', user: noMail, mailId: null },
      { action: 'setMailId', user: sharedMail.userid, mailId: users[22]!.mailId },
    ]);
    const r = await troubleshoot();
    const unique = find(r, 'user-configuration', 'unique-userid');
    expect(unique).toMatchObject({ result: 'failed', problemCode: 'duplicate-userid', values: { count: 1 } });
    expect(unique.subjects!.join(' ')).toContain(dup);
    expect(unique.problem).toContain(dup);
    expect(find(r, 'user-configuration', 'directory-uri-configured')).toMatchObject({ result: 'failed', subjects: [noUri] });
    const invalid = find(r, 'user-configuration', 'valid-directory-uri');
    expect(invalid).toMatchObject({ result: 'failed', subjects: [`${badUriUser} (${badUri})`] });
    expect(find(r, 'user-configuration', 'mail-id-configured')).toMatchObject({ result: 'warning', subjects: [noMail] });
    expect(find(r, 'user-configuration', 'unique-mail-id').subjects!.map((s) => s.split(' ')[0]).sort()).toEqual([sharedMail.userid, users[22]!.userid].sort());

    // The user troubleshooter lists every one of them (with CSV in the UI), without the page's limit of ten.
    const ctx = standaloneReportContext({ clusters: [access] });
    const u = await usersReport(ctx);
    expect(ctx.problems).toEqual([]);
    expect(u.checked).toEqual([{ cluster: 'sim', users: users.length }]);
    const byKind = (k: string) => u.rows.filter((x) => x.kind === k).map((x) => x.userId).sort();
    expect(byKind('duplicate-userid')).toEqual([dup]);
    expect(u.rows.find((x) => x.kind === 'duplicate-userid')!.nodes.length).toBe(2);
    expect(byKind('no-directory-uri')).toEqual([noUri]);
    expect(byKind('invalid-directory-uri')).toEqual([badUriUser]);
    expect(byKind('no-mail-id')).toEqual([noMail]);
    expect(byKind('duplicate-mail-id')).toEqual([sharedMail.userid, users[22]!.userid].sort());

    play([{ action: 'clearDuplicates' }, { action: 'setMailId', user: noMail, mailId: `${noMail}@example.com` }, { action: 'setMailId', user: sharedMail.userid, mailId: `${sharedMail.userid}@example.com` }]);
    const again = await troubleshoot();
    for (const t of again.tests.filter((x) => x.category === 'user-configuration')) expect(t.result, t.test).toBe('passed');
    expect((await usersReport(standaloneReportContext({ clusters: [access] }))).rows).toEqual([]);
  }, 120_000);

  it('a stopped Cisco Sync Agent fails its tests and passes again once started', async () => {
    play([{ action: 'stopService', node: 'imp-pub', service: 'Cisco Sync Agent' }], 30_000);
    const r = await troubleshoot();
    expect(find(r, 'sync-agent', 'service-running')).toMatchObject({ result: 'failed', problemCode: 'service-not-running', subjects: ['imp-pub (Stopped)'] });
    expect(find(r, 'sync-agent', 'sync-status').result).toBe('failed');
    expect(find(r, 'system', 'services-running').subjects).toContain('imp-pub: Cisco Sync Agent (Stopped)');

    play([{ action: 'startService', node: 'imp-pub', service: 'Cisco Sync Agent' }], 60_000);
    const again = await troubleshoot();
    for (const [c, t] of [['sync-agent', 'service-running'], ['sync-agent', 'sync-status'], ['system', 'services-running']] as const) expect(find(again, c, t).result, `${c}/${t}`).toBe('passed');
  }, 120_000);

  it('broken replication fails the replication test naming the node, and passes once repaired', async () => {
    play([{ action: 'breakReplication', node: 'imp-sub2', broken: true }]);
    const r = await troubleshoot();
    const t = find(r, 'system', 'replication');
    expect(t).toMatchObject({ result: 'failed', problemCode: 'replication-not-set-up' });
    expect(t.subjects).toHaveLength(1);
    expect(t.subjects![0]).toMatch(/^imp-sub2 \(4/);
    expect(t.solution).toMatch(/utils dbreplication reset/);
    // The replication report: the node's state as runtimestate lists it, and the guide's remedy for state 4 (rebuild, L10555).
    const ctx = standaloneReportContext({ clusters: [access] });
    const rep = await replicationReport(ctx);
    expect(rep.nodes.find((n) => n.node === 'imp-sub2')).toMatchObject({ setupState: 4, good: false, reportedBy: 'imp-pub' });
    expect(rep.nodes.filter((n) => n.good).map((n) => n.node).sort()).toEqual(['imp-pub', 'imp-sub1', 'imp-sub3']);
    expect(rep.clusters).toEqual([expect.objectContaining({ cluster: 'sim', remedy: 'rebuild' })]);

    play([{ action: 'breakReplication', node: 'imp-sub2', broken: false }], 120_000);
    expect(find(await troubleshoot(), 'system', 'replication').result).toBe('passed');
    const repaired = await replicationReport(standaloneReportContext({ clusters: [access] }));
    expect(repaired.nodes.every((n) => n.good && n.setupState === 2)).toBe(true);
    expect(repaired.clusters[0]).toMatchObject({ remedy: 'none', statusRan: true, mismatches: [], errors: [] });
  }, 120_000);

  it('an expired certificate fails the certificate test, and passes once renewed', async () => {
    play([{ action: 'expireCertificate', node: 'imp-sub1', unit: 'cup-xmpp', days: -2 }]);
    const r = await troubleshoot();
    const t = find(r, 'system', 'certificates-valid');
    expect(t).toMatchObject({ result: 'failed', problemCode: 'certificates-expired', values: { count: 1 } });
    expect(t.subjects).toEqual(modelCertificates().filter((c) => c.daysLeft < 0).map((c) => c.label));
    expect(t.subjects![0]).toMatch(/^imp-sub1 cup-xmpp\/\S+ \(-[23] days\)$/);

    play([{ action: 'expireCertificate', node: 'imp-sub1', unit: 'cup-xmpp', days: 700 }]);
    const renewed = find(await troubleshoot(), 'system', 'certificates-valid');
    expect(renewed.result).not.toBe('failed');
    expect(renewed.subjects ?? []).not.toContain(t.subjects![0]);
  }, 120_000);

  it('a failing LDAP server and an unhealthy intercluster peer fail their categories', async () => {
    play([
      { action: 'setDiagnostic', module: 'ldap', item: 'ldap2.example.com:636', healthy: false },
      { action: 'setDiagnostic', module: 'intercluster', item: '127.0.11.11', healthy: false },
    ]);
    const r = await troubleshoot();
    expect(find(r, 'ldap', 'servers')).toMatchObject({ result: 'failed', problemCode: 'diagnose-failed' });
    expect(find(r, 'ldap', 'servers').subjects!.join(' ')).toContain('ldap2.example.com:636');
    expect(find(r, 'intercluster', 'peers').result).toBe('failed');
    play([
      { action: 'setDiagnostic', module: 'ldap', item: 'ldap2.example.com:636', healthy: true },
      { action: 'setDiagnostic', module: 'intercluster', item: '127.0.11.11', healthy: true },
    ]);
    const again = await troubleshoot();
    expect(find(again, 'ldap', 'servers').result).toBe('passed');
    expect(find(again, 'intercluster', 'peers').result).toBe('passed');
  }, 120_000);

  it('a node that is off leaves its tests not checked with the error, never passed', async () => {
    play([{ action: 'powerOff', node: 'imp-sub3' }]);
    const r = await troubleshoot();
    for (const [c, test] of [['system', 'services-running'], ['system', 'ntp-synchronised'], ['system', 'certificates-valid'], ['presence-engine', 'service-running'], ['sip-proxy', 'service-running'], ['xcp-status', 'services-running']] as const) {
      const t = find(r, c, test);
      expect(t.result, `${c}/${test}`).toBe('not-checked');
      expect(t.problemCode).toBe('not-checked-command');
      expect(t.problem).toMatch(/imp-sub3/);
    }
    // What the other nodes answer is still checked (the publisher's database answers the cluster-wide tests).
    expect(find(r, 'sync-agent', 'service-running').result).toBe('passed');
    expect(find(r, 'user-configuration', 'unique-userid').result).toBe('passed');
  }, 180_000);
});
