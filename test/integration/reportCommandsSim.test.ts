import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateDetail,
  certificateList,
  dbReplicationRuntimeState,
  dbReplicationStatus,
  diagnoseModule,
  namedCliRun,
  ntpStatus,
  runPeSql,
  runSql,
  serviceList,
  sqlLiteral,
  usersValidate,
  type CliRun,
  type ReportResult,
} from '../../main/core/polling/ssh/reportCommands.js';
import { SshCliSession, type SshTarget } from '../../main/core/polling/ssh/sshCliSession.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { applyAction } from '../../main/core/simulator/scenarios/scenarioRunner.js';
import type { ScenarioAction } from '../../main/core/simulator/scenarios/scenarioSchema.js';

// Issue 14 (HP): every report command of main/core/polling/ssh/reportCommands.ts against simulated nodes over real
// SSH (pinned host key), the clock stopped (speed 0) so that what a command prints and what the model holds agree.
// CAPTURE_REPORT_FIXTURES=1 writes the answers as fixtures report-sim-*.txt for the parser tests
// (main/core/polling/ssh/reportCommands.test.ts; then UPDATE_FIXTURES=1 there and review).
const FIXTURES = join(import.meta.dirname, '..', '..', 'main', 'core', 'polling', 'ssh', 'fixtures');
const CAPTURE = process.env.CAPTURE_REPORT_FIXTURES === '1';
const DAY_MS = 86_400_000;

let cluster: SimCluster;
const sessions: SshCliSession[] = [];
const runs = new Map<string, CliRun>();
/** The answers per node, newest last (for captures). */
const outputs: string[] = [];

const value = <T>(r: ReportResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const refusal = <T>(r: ReportResult<T>): { code: string; message: string; target: string } => {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value).slice(0, 300)}`);
  return { code: r.error.code, message: r.error.message, target: r.error.target };
};
/** Writes the answer `back` commands ago (0: the last) as fixture report-sim-<name>.txt. */
const capture = (name: string, back = 0): void => {
  if (CAPTURE) writeFileSync(join(FIXTURES, `report-sim-${name}.txt`), `${(outputs.at(-1 - back) ?? '').replace(/\n*$/, '')}\n`);
};
const act = (action: Record<string, unknown>): void => applyAction(action as unknown as ScenarioAction, cluster.scenarioTarget);

function target(node: string): SshTarget {
  const e = cluster.endpoints().nodes.find((n) => n.name === node)!;
  return { cluster: cluster.profile.name, node, host: e.ssh.host, port: e.ssh.port, username: e.ssh.username, password: e.ssh.password, hostKeyFingerprint: e.hostKeyFingerprint, readyTimeoutMs: 10_000, commandTimeoutMs: 30_000 };
}

/** A node's CLI as the reports get it: one session, each answer recorded. */
function cli(node: string): CliRun {
  const run = runs.get(node);
  if (!run) throw new Error(`no session to ${node}`);
  return run;
}

beforeAll(async () => {
  cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0, startMs: Date.UTC(2026, 11, 6, 10, 0, 0) });
  for (const node of ['cucm-pub', 'imp-pub', 'imp-sub1']) {
    const r = await SshCliSession.connect(target(node));
    if (!r.ok) throw r.error;
    sessions.push(r.session);
    runs.set(node, namedCliRun(node, async (command, timeoutMs) => {
      const res = await r.session.run(command, timeoutMs);
      outputs.push(res.ok ? res.output : `(${res.error.code}) ${res.error.message}`);
      return res;
    }));
  }
});

afterAll(async () => {
  for (const s of sessions) s.dispose();
  await cluster?.dispose();
});

describe('run sql', () => {
  it('reads users with their mail IDs; a removed mail ID is NULL → null', async () => {
    act({ action: 'setMailId', user: 'user0002', mailId: null });
    const t = value(await runSql(cli('imp-pub'), "select userid, mailid from enduser where userid like 'user000%' order by userid"));
    capture('sql-enduser-mailid');
    const expected = cluster.model.users.users.filter((u) => u.userid.startsWith('user000')).sort((a, b) => a.userid.localeCompare(b.userid));
    expect(t.columns).toEqual(['userid', 'mailid']);
    expect(t.rows).toEqual(expected.map((u) => ({ userid: u.userid, mailid: u.mailId })));
    expect(t.rows.find((r) => r.userid === 'user0002')?.mailid).toBeNull();
    act({ action: 'setMailId', user: 'user0002', mailId: 'user0002@example.com' });
  });
  it('count(*) of every user, the same on every IM&P node (one replicated database)', async () => {
    const pub = value(await runSql(cli('imp-pub'), 'select count(*) from enduser'));
    capture('sql-count');
    expect(pub.columns).toHaveLength(1);
    expect(Number(Object.values(pub.rows[0]!)[0])).toBe(cluster.model.users.users.length);
    const sub = value(await runSql(cli('imp-sub1'), 'select count(*) from enduser'));
    expect(sub).toEqual(pub);
  });
  it('all users in one answer (thousands of rows over SSH), each with its node assignment', async () => {
    const t = value(await runSql(cli('imp-pub'), 'select userid, primarynodeid from enduser'));
    expect(t.rows).toHaveLength(cluster.model.users.users.length);
    const nodes = value(await runSql(cli('imp-pub'), 'select pkid, name, subclusterid from enterprisenode'));
    capture('sql-enterprisenode');
    const names = new Map(nodes.rows.map((r) => [r.pkid, r.name]));
    const assigned = cluster.model.users.users.filter((u) => u.homeNode !== undefined).length;
    expect(t.rows.filter((r) => r.primarynodeid !== null && names.has(r.primarynodeid))).toHaveLength(assigned);
  });
  it('a literal with a quote matches nothing and gives an empty table (header and underline only)', async () => {
    const t = value(await runSql(cli('imp-pub'), `select userid from enduser where userid = ${sqlLiteral("o'brien")}`));
    capture('sql-empty');
    expect(t).toEqual({ columns: ['userid'], rows: [] });
  });
  it('the node’s refusal is POLL_PROTOCOL with its Informix words', async () => {
    const table = refusal(await runSql(cli('imp-pub'), 'select * from nosuchtable'));
    capture('sql-error-table');
    expect(table.code).toBe('POLL_PROTOCOL');
    expect(table.target).toBe('imp-pub');
    expect(table.message).toMatch(/-206: The specified table \(nosuchtable\) is not in the database\./);
    const column = refusal(await runSql(cli('imp-pub'), 'select nosuchcolumn from enduser'));
    expect(column.message).toMatch(/-217: Column \(nosuchcolumn\) not found/);
    const syntax = refusal(await runSql(cli('imp-pub'), 'select from where'));
    expect(syntax.message).toMatch(/-201: A syntax error has occurred\./);
  });
  it('the CUCM publisher has the users’ Jabber devices', async () => {
    const t = value(await runSql(cli('cucm-pub'), 'select count(*) from device'));
    const devices = cluster.model.users.users.reduce((n, u) => n + u.devices.length, 0);
    expect(Number(Object.values(t.rows[0]!)[0])).toBe(devices);
    const some = value(await runSql(cli('cucm-pub'), "select name, tkclass from device where name like 'CSFUSER000%'"));
    capture('sql-device');
    expect(some.rows.every((r) => r.name!.startsWith('CSF') && r.tkclass === '1')).toBe(true);
  });
});

describe('run pe sql ttlogin', () => {
  it('the sessions a node serves are exactly those its session engine counted', async () => {
    const t = value(await runPeSql(cli('imp-pub'), 'select userid, devicetype from clientsessions'));
    const counted = cluster.model.sessions.countedSessions('imp-pub');
    expect(t.rows).toHaveLength(counted.length);
    expect(t.rows.length).toBeGreaterThan(0);
    expect(new Set(t.rows.map((r) => r.devicetype))).toEqual(new Set(counted.map(({ user, device }) => user.devices[device])));
    const few = value(await runPeSql(cli('imp-pub'), `select * from clientsessions where userid = ${sqlLiteral(t.rows[0]!.userid!)}`));
    capture('pe-sql-clientsessions');
    expect(few.columns).toEqual(['userid', 'resource', 'devicetype', 'clientversion', 'logintime']);
    expect(few.rows.every((r) => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(r.logintime!))).toBe(true);
  });
  it('the CUCM publisher has no such command: POLL_PROTOCOL', async () => {
    const r = refusal(await runPeSql(cli('cucm-pub'), 'select * from clientsessions'));
    expect(r.code).toBe('POLL_PROTOCOL');
    expect(r.message).toMatch(/Invalid command/);
  });
});

describe('show cert', () => {
  it('lists own and trust certificates as the node stores them', async () => {
    const node = cluster.model.node('imp-pub');
    const own = value(await certificateList(cli('imp-pub'), 'own'));
    capture('cert-list-own');
    expect(own.map((c) => `${c.unit}/${c.fileName}`)).toEqual(node.certificates.filter((c) => c.type === 'own').map((c) => `${c.unit}/${c.name}`));
    const trust = value(await certificateList(cli('imp-pub'), 'trust'));
    capture('cert-list-trust');
    expect(trust.map((c) => `${c.unit}/${c.fileName}`)).toEqual(node.certificates.filter((c) => c.type === 'trust').map((c) => `${c.unit}/${c.name}`));
    expect(trust.every((c) => c.description === 'Trust Certificate')).toBe(true);
  });
  it('reads each certificate’s validity to the second; an expired one reads as expired', async () => {
    const node = cluster.model.node('imp-pub');
    act({ action: 'expireCertificate', node: 'imp-pub', unit: 'cup-xmpp', days: -3 });
    for (const type of ['own', 'trust'] as const) {
      for (const entry of value(await certificateList(cli('imp-pub'), type))) {
        const d = value(await certificateDetail(cli('imp-pub'), type, `${entry.unit}/${entry.fileName}`));
        const cert = node.certificates.find((c) => c.type === type && c.unit === entry.unit && c.name === entry.fileName)!;
        expect(d.notAfterMs).toBe(Math.floor(cert.notAfterMs / 1000) * 1000);
        expect(d.notBeforeMs).toBe(Math.floor(cert.notBeforeMs / 1000) * 1000);
        expect([d.subject, d.issuer, d.zoneAssumedUtc]).toEqual([cert.subject, cert.issuer, false]);
        expect(d.serial).toBe(cert.serial.toUpperCase());
        if (type === 'own' && entry.unit === 'tomcat') capture('cert-own-tomcat');
      }
    }
    const expired = value(await certificateDetail(cli('imp-pub'), 'own', 'cup-xmpp'));
    expect(Math.round((expired.notAfterMs - cluster.model.now()) / DAY_MS)).toBe(-3);
    act({ action: 'expireCertificate', node: 'imp-pub', unit: 'cup-xmpp', days: 700 });
  });
  it('an unknown certificate is the node’s refusal', async () => {
    const r = refusal(await certificateDetail(cli('imp-pub'), 'trust', 'tomcat-trust/nosuch.pem'));
    expect(r.code).toBe('POLL_PROTOCOL');
    expect(r.message).toMatch(/Certificate not found: tomcat-trust\/nosuch\.pem/);
  });
});

describe('utils users validate all', () => {
  it('a clean directory reports nothing; injected duplicates are reported until cleared', async () => {
    act({ action: 'clearDuplicates' });
    expect(value(await usersValidate(cli('imp-pub')))).toEqual({ duplicateUserIds: [], noDirectoryUri: [], invalidDirectoryUri: [], duplicateDirectoryUris: [] });
    capture('users-validate-all-clean');
    act({ action: 'injectDuplicates', kind: 'userid', values: ['user0003'] });
    act({ action: 'injectDuplicates', kind: 'uri', values: ['user0004@example.com'] });
    act({ action: 'injectDuplicates', kind: 'invalidUri', values: ['user0001', 'bad@@uri'] });
    const v = value(await usersValidate(cli('imp-pub')));
    capture('users-validate-all-problems');
    expect(v.duplicateUserIds.map((d) => d.userId)).toEqual(['user0003']);
    expect(v.duplicateUserIds[0]!.nodes.length).toBeGreaterThanOrEqual(1);
    expect(v.noDirectoryUri.map((d) => d.userId)).toEqual(['user0001']);
    expect(v.invalidDirectoryUri.map((d) => d.uri)).toEqual(['bad@@uri']);
    expect(v.duplicateDirectoryUris.map((d) => d.uri)).toEqual(['user0004@example.com']);
    expect(v.duplicateDirectoryUris[0]!.users.map((u) => u.userId)).toContain('user0004');
    act({ action: 'clearDuplicates' });
    expect(value(await usersValidate(cli('imp-pub'))).duplicateUserIds).toEqual([]);
  });
});

describe('utils ntp status', () => {
  it('an IM&P node is synchronised to the CUCM publisher at stratum 3; the publisher at 2', async () => {
    const imp = value(await ntpStatus(cli('imp-pub')));
    capture('ntp-status-imp');
    expect(imp).toMatchObject({ running: true, synchronised: true, server: cluster.model.node('cucm-pub').ipAddress, stratum: 3 });
    const cucm = value(await ntpStatus(cli('cucm-pub')));
    expect(cucm).toMatchObject({ running: true, synchronised: true, stratum: 2 });
  });
  it('an IM&P node whose NTP server is isolated is unsynchronised', async () => {
    act({ action: 'isolateNode', node: 'cucm-pub', isolated: true });
    try {
      const imp = value(await ntpStatus(cli('imp-sub1')));
      capture('ntp-status-unsynchronised');
      expect(imp).toMatchObject({ running: true, synchronised: false });
      expect(imp.stratum).toBeUndefined();
    } finally {
      act({ action: 'isolateNode', node: 'cucm-pub', isolated: false });
    }
  });
});

describe('utils dbreplication', () => {
  it('runtimestate lists every IM&P node in state 2', async () => {
    const r = value(await dbReplicationRuntimeState(cli('imp-pub')));
    capture('runtimestate-imp');
    expect(r.servers.map((s) => s.name).sort()).toEqual(cluster.model.impNodes().map((n) => n.name).sort());
    expect(r.servers.every((s) => s.setupState === 2)).toBe(true);
  });
  it('a fresh status check: clean, then errors when one node’s replication is broken', async () => {
    const clean = value(await dbReplicationStatus(cli('imp-pub')));
    capture('dbreplication-status-file-clean', 1);
    capture('dbreplication-status-start', 2);
    expect(clean.completed).toBe(true);
    expect(clean.tablesChecked).toBeGreaterThan(0);
    expect(clean.tablesChecked).toBe(clean.tablesTotal);
    expect([clean.errors, clean.mismatches]).toEqual([[], []]);
    act({ action: 'breakReplication', node: 'imp-sub1', broken: true });
    try {
      const broken = value(await dbReplicationStatus(cli('imp-pub')));
      capture('dbreplication-status-file-broken', 1);
      capture('runtimestate-broken');
      expect(broken.errors.length + broken.mismatches.length).toBeGreaterThan(0);
      const state = value(await dbReplicationRuntimeState(cli('imp-pub')));
      expect(state.servers.find((s) => s.name === 'imp-sub1')?.setupState).not.toBe(2);
    } finally {
      act({ action: 'breakReplication', node: 'imp-sub1', broken: false });
    }
  });
});

describe('utils diagnose module', () => {
  it('LDAP passes, then fails with the unreachable server as an item', async () => {
    const ok = value(await diagnoseModule(cli('imp-pub'), 'ldap'));
    capture('diagnose-ldap-passed');
    expect(ok.result).toBe('passed');
    expect(ok.items.length).toBeGreaterThan(0);
    const server = ok.items[0]!.item;
    act({ action: 'setDiagnostic', module: 'ldap', item: server, healthy: false });
    try {
      const failed = value(await diagnoseModule(cli('imp-pub'), 'ldap'));
      capture('diagnose-ldap-failed');
      expect(failed.result).toBe('failed');
      expect(failed.detail).toMatch(/unreachable/);
      expect(failed.items.find((i) => i.item === server)).toEqual({ item: server, state: 'unreachable', detail: 'connection timed out' });
    } finally {
      act({ action: 'setDiagnostic', module: 'ldap', item: server, healthy: true });
    }
  });
  it('nothing configured is skipped; the Sync Agent fails while stopped; intercluster peers as items', async () => {
    const calendar = value(await diagnoseModule(cli('imp-pub'), 'calendar'));
    capture('diagnose-calendar-skipped');
    expect(calendar).toMatchObject({ result: 'skipped', items: [] });
    expect(calendar.detail).toMatch(/no calendar server configured/);
    const peers = value(await diagnoseModule(cli('imp-pub'), 'intercluster'));
    capture('diagnose-intercluster');
    expect(peers.items.every((i) => i.state === 'connected' || i.state === 'failed')).toBe(true);
    const sync = value(await diagnoseModule(cli('imp-pub'), 'sync_agent'));
    expect(sync.result).toBe('passed');
    expect(sync.detail).toMatch(/^last sync \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, \d+ users$/);
    act({ action: 'stopService', node: 'imp-pub', service: 'Cisco Sync Agent' });
    try {
      const stopped = value(await diagnoseModule(cli('imp-pub'), 'sync_agent'));
      capture('diagnose-sync_agent-failed');
      expect(stopped.result).toBe('failed');
    } finally {
      act({ action: 'startService', node: 'imp-pub', service: 'Cisco Sync Agent' });
    }
  });
  it('an unknown module is the node’s refusal; the CUCM publisher has only the platform’s modules', async () => {
    expect(refusal(await diagnoseModule(cli('imp-pub'), 'nosuch')).code).toBe('POLL_PROTOCOL');
    expect(refusal(await diagnoseModule(cli('cucm-pub'), 'ldap')).code).toBe('POLL_PROTOCOL');
    expect(value(await diagnoseModule(cli('cucm-pub'), 'tomcat')).result).toBe('passed');
  });
});

describe('utils service list', () => {
  it('the node’s services as the model runs them', async () => {
    const list = value(await serviceList(cli('imp-sub1')));
    capture('service-list-imp');
    expect(list.length).toBe(cluster.model.node('imp-sub1').services.list().length);
    expect(list.find((s) => s.name === 'Cisco XCP Router')?.status).toBe('Started');
  });
});
