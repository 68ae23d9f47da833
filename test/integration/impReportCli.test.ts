// `npm run imp -- report …` as a process (issue 14, "Command line") against a simulated cluster running in this
// process (default profile, real time), reached through its endpoints file as a running `npm run sim` is: every
// verb in table, CSV and JSON; the required shapes (sessions per node as CSV with cluster, group and node;
// troubleshoot as a JSON array of {category, test, result, problem, solution}; certificates as CSV, one row per
// certificate with its node, matching the simulated nodes' stores); exit 1 when the System Troubleshooter sees the
// Cisco Sync Agent a scenario stopped, and when a certificate expired; bad usage (exit 2, nothing on stdout); a
// cluster that does not answer (exit 1, one line); --help.
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import type { EndpointsFile } from '../../main/core/simulator/runtime/endpointsFile.js';
import { parseScenario } from '../../main/core/simulator/scenarios/loadScenario.js';
import { until } from '../helpers/until.js';
import { imp, spawnImp, startTraceSim, type ImpRun, type TraceSim } from './impTracesHarness.js';
import { parseCsv } from '../helpers/csvRows.js';

const SYNC_AGENT = 'Cisco Sync Agent';
const TIMEOUT = 240_000;

/** The CSV as objects keyed by its header row. */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

interface TroubleshootJson {
  category: string;
  test: string;
  result: string;
  problem: string | null;
  solution: string | null;
}

/** A free port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('imp report', () => {
  let sim: TraceSim;
  let state: string;
  const report = (...rest: string[]): Promise<ImpRun> => imp(['report', ...rest, '--endpoints', sim.endpointsFile], state, { timeoutMs: TIMEOUT });
  const impNodes = (): string[] => sim.cluster.endpoints().nodes.filter((n) => n.role !== 'cucm-publisher').map((n) => n.name);
  const impPublisher = (): string => sim.cluster.model.impPublisher().name;
  const scenario = (steps: Array<Record<string, unknown>>): void => {
    const running = sim.cluster.runScenario(parseScenario({ name: 'imp-report', steps: steps.map((s) => ({ at: '0s', ...s })) }));
    sim.cluster.model.runUntil(running.endMs + 1000);
  };
  /** Exit 1 goes with one `imp: …` line at the end of stderr; exit 0 with none. */
  const expectVerdict = (r: ImpRun, found: boolean, what: string): void => {
    expect(r.code, `${what}\n${r.stderr}`).toBe(found ? 1 : 0);
    const last = r.stderr.trimEnd().split('\n').pop() ?? '';
    if (found) expect(last, what).toMatch(/^imp: /);
  };

  beforeAll(async () => {
    sim = await startTraceSim();
    state = join(sim.dir, 'imp-state');
  }, 120_000);

  afterAll(async () => {
    await sim?.cluster.dispose();
    if (sim) rmSync(sim.dir, { recursive: true, force: true });
  });

  it('--help names every verb, the levels, the options and the exit codes', async () => {
    const area = await imp(['report', '--help'], state);
    expect(area.code).toBe(0);
    for (const verb of ['sessions', 'topology', 'ha-readiness', 'troubleshoot', 'users', 'certificates', 'replication', 'dashboard', 'find-user']) expect(area.stdout).toMatch(new RegExp(`\\n\\s+${verb}\\b`));
    const sessions = await imp(['report', 'sessions', '--help'], state);
    expect(sessions.code).toBe(0);
    expect(sessions.stdout).toMatch(/--level <LEVEL>[\s\S]*choices: "node", "cluster", "group", "user"/);
    expect(sessions.stdout).toMatch(/--format <format>/);
    expect(sessions.stdout).toMatch(/--endpoints <FILE>/);
    expect(sessions.stdout).toMatch(/Exit codes: 0 .*; 1 /);
    expect(sessions.stdout).toContain('IM and Presence User Session Report');
    const topology = await imp(['report', 'topology', '--help'], state);
    expect(topology.stdout).toMatch(/--ova <USERS>/);
    expect(topology.stdout).toMatch(/--active-active/);
    const certificates = await imp(['report', 'certificates', '--help'], state);
    expect(certificates.stdout).toMatch(/--warn-days <DAYS>/);
    expect(certificates.stdout).not.toMatch(/--level/);
    const troubleshoot = await imp(['report', 'troubleshoot', '--help'], state);
    expect(troubleshoot.stdout).toMatch(/\{category, test, result, problem, solution/);
    expect(troubleshoot.stdout).toMatch(/1 a test failed/);
  }, TIMEOUT);

  it('bad usage exits 2 with a clear message and the usage, nothing on stdout', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['sessions', '--level', 'rack'], /argument 'rack' is invalid\. Allowed choices are node, cluster, group, user/],
      [['certificates', '--level', 'node'], /unknown option '--level'/],
      [['topology', '--ova', '7000'], /--ova is the OVA's users per node, one of 500, 1000, 2000, 5000, 15000, 25000; got 7000/],
      [['certificates', '--warn-days', '0'], /--warn-days needs whole days, 1-3650, got 0/],
      [['sessions', '--warn-days', '5'], /unknown option '--warn-days'/],
      [['sessions', '--level', 'cluster', '--node', 'imp-pub'], /--node needs a level whose rows are nodes' \(--level node or user\), not cluster/],
      [['find-user', 'o"brien'], /QUERY must not contain double quotes/],
      [['find-user'], /missing required argument 'QUERY'/],
      [['sessions', '--format', 'xml'], /argument 'xml' is invalid/],
    ];
    // Each case is its own process, three at a time.
    const results: ImpRun[] = [];
    for (let i = 0; i < cases.length; i += 3) results.push(...(await Promise.all(cases.slice(i, i + 3).map(([args]) => report(...args)))));
    for (const [i, [args, message]] of cases.entries()) {
      const r = results[i]!;
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr, args.join(' ')).toMatch(/Usage: imp report /);
    }
  }, TIMEOUT);

  it('sessions --level node --format csv: a header row and one row per IM&P node with its cluster, group and node; table and JSON agree', async () => {
    const csv = await report('sessions', '--level', 'node', '--format', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    const [header] = parseCsv(csv.stdout);
    expect(header!.slice(0, 5)).toEqual(['cluster', 'group', 'node', 'usersLoggedIn', 'sessions']);
    const rows = csvObjects(csv.stdout);
    expect(rows.map((r) => r.node).sort()).toEqual(impNodes().sort());
    for (const r of rows) {
      expect(r.cluster).toBe('sim');
      expect(r.group, r.node).not.toBe('');
      expect(Number(r.sessions), r.node).toBeGreaterThanOrEqual(Number(r.usersLoggedIn));
      expect(Number(r.sessions), r.node).toBe(Number(r.Desktop) + Number(r.iPhone) + Number(r.iPad));
    }
    // Progress on stderr, one line per step; the report's time stamp and requests after it.
    expect(csv.stderr).toMatch(/^\[1\/\d+\] sim/m);
    expect(csv.stderr).toMatch(/IM and Presence User Session Report generated at \d{4}-\d\d-\d\dT/);
    expect(csv.stderr).toMatch(/requests sent: sim\/imp-pub: \d+ SOAP, 0 RIS, \d+ SSH/);

    const json = await report('sessions', '--level', 'node', '--json');
    expect(json.code, json.stderr).toBe(0);
    const nodes = JSON.parse(json.stdout) as Array<{ cluster: string; group: string; node: string; sessions: number; byDevice: Record<string, number> }>;
    expect(nodes.map((n) => n.node).sort()).toEqual(impNodes().sort());
    expect(nodes.every((n) => typeof n.byDevice.Desktop === 'number')).toBe(true);

    const table = await report('sessions');
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CLUSTER\s+GROUP\s+NODE\s+USERS LOGGED IN\s+TOTAL SESSIONS\s+DESKTOP\s+IPHONE\s+IPAD/);
    expect(lines).toHaveLength(impNodes().length + 1);

    // The drill-down: one node's users, each with their sessions' device types.
    const users = await report('sessions', '--level', 'user', '--node', 'imp-pub', '--format', 'csv');
    expect(users.code, users.stderr).toBe(0);
    const userRows = csvObjects(users.stdout);
    expect(parseCsv(users.stdout)[0]).toEqual(['cluster', 'group', 'node', 'userId', 'sessions', 'devices']);
    for (const u of userRows) {
      expect(u.node).toBe('imp-pub');
      const devices = (u.devices ?? '').split(', ');
      expect(devices).toHaveLength(Number(u.sessions));
      for (const d of devices) expect(['Desktop', 'iPhone', 'iPad']).toContain(d);
    }
    const unknownNode = await report('sessions', '--level', 'user', '--node', 'imp-nowhere');
    expect(unknownNode.code).toBe(1);
    expect(unknownNode.stderr).toMatch(/imp: NOT_FOUND: no node imp-nowhere: the nodes are .*sim\/imp-pub/);
  }, TIMEOUT);

  it('troubleshoot --format json: {category, test, result, problem, solution} per test; a stopped Cisco Sync Agent fails its test (exit 1) and passes again once started', async () => {
    const check = async (): Promise<TroubleshootJson[]> => {
      const r = await report('troubleshoot', '--format', 'json');
      const tests = JSON.parse(r.stdout) as TroubleshootJson[];
      expect(Array.isArray(tests)).toBe(true);
      expect(tests.length).toBeGreaterThan(15);
      for (const t of tests) {
        expect(Object.keys(t).slice(0, 5)).toEqual(['category', 'test', 'result', 'problem', 'solution']);
        expect(['passed', 'failed', 'warning', 'not-checked']).toContain(t.result);
        if (t.result !== 'passed') expect(t.problem, `${t.category}/${t.test}`).toEqual(expect.any(String));
      }
      // Exit 1 exactly when a test failed, naming the failed tests.
      const failed = tests.filter((t) => t.result === 'failed');
      expectVerdict(r, failed.length > 0, 'troubleshoot');
      for (const t of failed) expect(r.stderr).toContain(`${t.category}/${t.test}`);
      return tests;
    };
    const before = await check();
    expect(new Set(before.map((t) => t.category)).size).toBe(15);

    scenario([{ action: 'stopService', node: impPublisher(), service: SYNC_AGENT }]);
    const stopped = await check();
    const syncFailed = stopped.filter((t) => t.category === 'sync-agent' && t.result === 'failed');
    expect(syncFailed.length, JSON.stringify(stopped.filter((t) => t.category === 'sync-agent'))).toBeGreaterThan(0);
    expect(syncFailed.map((t) => t.problem).join(' ')).toMatch(/Sync Agent/);

    const csv = await report('troubleshoot', '--format', 'csv');
    expect(csv.code).toBe(1);
    const rows = csvObjects(csv.stdout);
    expect(parseCsv(csv.stdout)[0]!.slice(0, 6)).toEqual(['cluster', 'category', 'test', 'result', 'problem', 'solution']);
    expect(rows.filter((r) => r.category === 'sync-agent' && r.result === 'failed').length).toBe(syncFailed.length);
    const table = await report('troubleshoot');
    expect(table.code).toBe(1);
    expect(table.stdout.split('\n')[0]).toMatch(/^CLUSTER\s+CATEGORY\s+TEST\s+RESULT\s+PROBLEM/);
    expect(table.stdout).toMatch(/sync-agent\s+\S+\s+failed/);

    scenario([{ action: 'startService', node: impPublisher(), service: SYNC_AGENT }]);
    // The service takes its start time (virtual seconds at real speed).
    await until(`${SYNC_AGENT} started`, () => (sim.cluster.model.node(impPublisher()).services.isRunning(SYNC_AGENT) ? true : undefined), 120_000);
    const started = await check();
    expect(started.filter((t) => t.category === 'sync-agent' && t.result === 'failed')).toEqual([]);
  }, 3 * TIMEOUT);

  it("certificates --format csv: one row per certificate with its node, as the nodes' stores hold them; an expired one exits 1", async () => {
    const read = async (...extra: string[]): Promise<{ r: ImpRun; rows: Record<string, string>[] }> => {
      const r = await report('certificates', '--format', 'csv', ...extra);
      return { r, rows: csvObjects(r.stdout) };
    };
    const { r, rows } = await read();
    expect(parseCsv(r.stdout)[0]!.slice(0, 5)).toEqual(['cluster', 'node', 'type', 'unit', 'fileName']);
    const expected = sim.cluster.endpoints().nodes.flatMap((n) => sim.cluster.model.node(n.name).certificates.map((c) => ({ node: n.name, c })));
    expect(rows).toHaveLength(expected.length);
    for (const { node, c } of expected) {
      const row = rows.find((x) => x.node === node && x.unit === c.unit && x.fileName === c.name);
      expect(row, `${node} ${c.unit}/${c.name}`).toBeDefined();
      expect(row!.type).toBe(c.type);
      expect(row!.subject).toBe(c.subject);
      // The CLI prints validity to the second.
      expect(Date.parse(row!.notAfter ?? ''), `${node} ${c.unit}/${c.name}`).toBe(Math.floor(c.notAfterMs / 1000) * 1000);
    }
    // Sorted by expiry, soonest first.
    const expiries = rows.map((x) => Date.parse(x.notAfter ?? ''));
    expect(expiries).toEqual([...expiries].sort((a, b) => a - b));
    expectVerdict(r, rows.some((x) => x.status !== 'valid'), 'certificates');
    // Every certificate expires within ten years: all "expiring", exit 1.
    const far = await read('--warn-days', '3650');
    expect(far.rows.every((x) => x.status === 'expiring')).toBe(true);
    expectVerdict(far.r, true, 'certificates --warn-days 3650');

    scenario([{ action: 'expireCertificate', node: 'imp-sub1', unit: 'tomcat', days: -3 }]);
    const expired = await read();
    expectVerdict(expired.r, true, 'certificates after expireCertificate');
    const row = expired.rows.find((x) => x.node === 'imp-sub1' && x.unit === 'tomcat' && x.type === 'own')!;
    expect(row.status).toBe('expired');
    expect(Number(row.daysLeft)).toBeLessThan(0);
    expect(expired.r.stderr).toMatch(/imp: \d+ certificates? expired/);
    const json = await report('certificates', '--json', '--node', 'imp-sub1');
    const certs = JSON.parse(json.stdout) as Array<{ node: string; status: string; notAfter: string }>;
    expect(certs.every((c) => c.node === 'imp-sub1')).toBe(true);
    expect(certs.some((c) => c.status === 'expired')).toBe(true);
    const table = await report('certificates');
    expect(table.stdout.split('\n')[0]).toMatch(/^CLUSTER\s+NODE\s+TYPE\s+UNIT\s+FILE\s+SUBJECT\s+EXPIRES\s+DAYS LEFT\s+STATUS$/);
    scenario([{ action: 'expireCertificate', node: 'imp-sub1', unit: 'tomcat', days: 700 }]);
  }, 2 * TIMEOUT);

  it.each([
    ['topology', ['node', 'group', 'cluster']],
    ['ha-readiness', ['node', 'group']],
    ['users', ['user', 'cluster']],
    ['replication', ['node', 'cluster']],
    ['dashboard', ['cluster', 'node']],
  ] as const)('%s: table, CSV and JSON at each level hold the same rows; exit 1 only with the one line of what it found', async (verb, levels) => {
    for (const level of levels) {
      const csv = await report(verb, '--level', level, '--format', 'csv');
      expect([0, 1], `${verb} ${level}\n${csv.stderr}`).toContain(csv.code);
      const header = parseCsv(csv.stdout)[0]!;
      expect(header[0]).toBe('cluster');
      const csvRows = csvObjects(csv.stdout);
      const json = await report(verb, '--level', level, '--json');
      expect(json.code, `${verb} ${level}`).toBe(csv.code);
      const jsonRows = JSON.parse(json.stdout) as Array<{ cluster: string }>;
      expect(jsonRows, `${verb} ${level}`).toHaveLength(csvRows.length);
      expect(jsonRows.every((x) => x.cluster === 'sim')).toBe(true);
      if (csv.code === 1) expectVerdict(csv, true, `${verb} ${level}`);
      // The table at the default level (no --level): the first level's rows.
      if (level === levels[0]) {
        const table = await report(verb);
        expect(table.code).toBe(csv.code);
        const lines = table.stdout.trimEnd().split('\n');
        expect(lines[0]).toMatch(/^CLUSTER\s/);
        expect(lines).toHaveLength(csvRows.length + 1);
      }
      if (level === 'node' && verb !== 'dashboard') expect(csvRows.map((x) => x.node).sort(), `${verb} ${level}`).toEqual(expect.arrayContaining(impNodes()));
    }
  }, 3 * TIMEOUT);

  it('users: duplicate user IDs a scenario injects are rows, exit 1', async () => {
    const user = `${loadProfile().users.idPrefix}0007`;
    scenario([{ action: 'injectDuplicates', kind: 'userid', values: [user] }]);
    const r = await report('users', '--format', 'csv');
    expectVerdict(r, true, 'users');
    expect(csvObjects(r.stdout).some((x) => x.kind === 'duplicate-userid' && x.userId === user)).toBe(true);
    scenario([{ action: 'clearDuplicates' }]);
  }, TIMEOUT);

  it('find-user: where a user is assigned and logged in; no match exits 1', async () => {
    const user = `${loadProfile().users.idPrefix}0001`;
    const r = await report('find-user', user, '--json');
    expect(r.code, r.stderr).toBe(0);
    const found = JSON.parse(r.stdout) as Array<{ cluster: string; userId: string; node?: string; sessions: Array<{ node: string; device: string }> }>;
    expect(found.map((u) => u.userId)).toContain(user);
    const me = found.find((u) => u.userId === user)!;
    expect(me.cluster).toBe('sim');
    expect(impNodes()).toContain(me.node);
    const table = await report('find-user', user);
    expect(table.stdout.split('\n')[0]).toMatch(/^CLUSTER\s+USER ID\s+DIRECTORY URI\s+NODE\s+GROUP/);
    const none = await report('find-user', 'nobody-here-xyz');
    expect(none.code).toBe(1);
    expect(none.stderr.trimEnd().split('\n').pop()).toBe('imp: no user matches nobody-here-xyz');
    expect(JSON.parse((await report('find-user', 'nobody-here-xyz', '--json')).stdout)).toEqual([]);
  }, TIMEOUT);

  it('Ctrl-C stops a report: the sessions are closed, exit 1 saying it was interrupted, nothing on stdout', async () => {
    const run = spawnImp(['report', 'troubleshoot', '--endpoints', sim.endpointsFile, '--json'], state, { timeoutMs: TIMEOUT });
    await until('the troubleshooter under way', () => (/^\[3\/\d+\] /m.test(run.stderrSoFar()) ? true : undefined), 120_000, 50);
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/imp: SIGINT: stopping the report/);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('imp: PRECONDITION: interrupted (SIGINT): the report was not finished');
  }, TIMEOUT);

  it('a cluster that does not answer: exit 1 with one line, nothing on stdout; a missing endpoints file likewise', async () => {
    const port = await closedPort();
    const live = sim.cluster.endpoints();
    const dead: EndpointsFile = {
      ...live,
      nodes: live.nodes.map((n) => ({
        ...n,
        ssh: { ...n.ssh, port },
        sftp: { ...n.sftp, port },
        ...(n.soap ? { soap: { ...n.soap, port } } : {}),
        ...(n.snmp ? { snmp: { ...n.snmp, port } } : {}),
      })),
    };
    const deadFile = join(sim.dir, 'dead-endpoints.json');
    writeFileSync(deadFile, JSON.stringify(dead), { mode: 0o600 });
    const r = await imp(['report', 'sessions', '--endpoints', deadFile, '--format', 'csv'], state, { timeoutMs: TIMEOUT });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(/^imp: POLL_\w+: /);
    // What could not be read is named per node on stderr before it.
    expect(r.stderr).toMatch(/imp: sim\/imp-pub: .*POLL_CONNECT/);
    const missing = await imp(['report', 'dashboard', '--endpoints', join(sim.dir, 'no-such.json')], state);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^imp: .*no-such\.json/m);
  }, TIMEOUT);
});
