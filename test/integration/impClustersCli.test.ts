// `npm run imp -- clusters add|test|remove|list` as a process (issue 15 "Command line") against a second simulated
// cluster (its own 127/8 addresses and free ports, as `npm run sim -- --base-port N` gives) started in this process:
// add with the form's fields (secrets from the environment), the fingerprints shown on stderr and accepted with
// --accept-fingerprint or --yes (without either and without a terminal: exit 2, nothing saved); the nodes
// discovered from the publisher are saved and listed; test per node and protocol (exit 0), and with a wrong password
// (exit 1, the error kind); a failed add leaves no secret behind; remove with --yes takes the settings, secrets and
// pins away; a change is refused while an app runs on the data folder; bad usage exits 2.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/model/audit.js';
import type { ConnectionTestResult } from '../../shared/model/clusters.js';
import { tlsFingerprint } from '../../main/core/credentials/fingerprints.js';
import { FileCredentialStore } from '../../main/core/credentials/fileCredentialStore.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { SqliteAlarmRequests } from '../../main/core/storage/sqlite/alarmRequestsTable.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { imp, type ImpRun } from './impTracesHarness.js';

interface NodeRow {
  cluster: string;
  node: string;
  host: string;
  role: string;
  ssh: number;
  soap: number;
  snmp: number;
  ovaUsers: number | null;
}

let sim: SimCluster;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'imp-clusters-'));
  const p = loadProfile();
  // A second simulated cluster: its own addresses (127.0.17.11-15), free ports, the same ports on every node.
  sim = await startSimCluster({ profile: { ...p, name: 'lab3', endpoints: { ...p.endpoints, addressBase: '127.0.17.11' } }, seed: 1, speed: 1, basePort: 0, identityDir: join(dir, 'identity') });
}, 60_000);

afterAll(async () => {
  await sim?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('imp clusters', () => {
  const pub = () => sim.endpoints().nodes.find((n) => n.name === 'imp-pub')!;
  const env = () => ({ LAB_ADMIN_PW: pub().ssh.password, LAB_APP_PW: pub().soap!.password, LAB_COMMUNITY: pub().snmp!.community, WRONG_PW: 'not-the-password' });
  const run = (args: string[], dataDir: string): Promise<ImpRun> => imp(['clusters', ...args, '--data-dir', dataDir], join(dir, 'unused-state'), { timeoutMs: 120_000, env: env() });
  const addArgs = (name: string, adminEnv = 'LAB_ADMIN_PW'): string[] => {
    const p = pub();
    return ['add', '--name', name, '--publisher', p.ssh.host, '--ssh-port', String(p.ssh.port), '--soap-port', String(p.soap!.port), '--snmp-port', String(p.snmp!.port),
      '--admin-user', p.ssh.username, '--admin-password-env', adminEnv, '--app-user', p.soap!.username, '--app-password-env', 'LAB_APP_PW', '--community-env', 'LAB_COMMUNITY'];
  };
  const expectFailure = (r: ImpRun, line: RegExp): void => {
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').pop()).toMatch(line);
  };
  // The clusters' secrets (the folder's store also keeps the audit log's key, issue 16).
  const secretIds = async (dataDir: string): Promise<string[]> =>
    existsSync(join(dataDir, 'credentials.json'))
      ? (await (await FileCredentialStore.open({ keyPath: join(dataDir, 'credentials.key'), storePath: join(dataDir, 'credentials.json') })).list()).filter((id) => id !== 'audit/hmac-key')
      : [];

  it('adds it with the fingerprints accepted by name, tests it, lists it, and removes it with its secrets and pins', async () => {
    const state = join(dir, 'state');
    // Without a terminal and without consent: the fingerprints are shown, nothing is saved (exit 2).
    const refused = await run([...addArgs('Lab Three'), '--json'], state);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(pub().hostKeyFingerprint!);
    expect(refused.stderr).toMatch(/no terminal to accept the fingerprints: give --accept-fingerprint/);
    expect(existsSync(join(state, 'clusters.json'))).toBe(false);
    expect(await secretIds(state)).toEqual([]);

    // Every node's SSH host key and certificate accepted by its fingerprint, as a script does.
    const nodes = sim.endpoints().nodes;
    const fingerprints = nodes.flatMap((n) => [n.hostKeyFingerprint!, tlsFingerprint(readFileSync(n.soap!.caFile))]);
    const added = await run([...addArgs('Lab Three'), ...fingerprints.flatMap((f) => ['--accept-fingerprint', f]), '--ova', 'imp-sub1=15000', '--json'], state);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stderr).toMatch(/Fingerprints presented:/);
    const rows = JSON.parse(added.stdout) as NodeRow[];
    expect(rows.map((r) => r.node).sort()).toEqual(nodes.map((n) => n.name).sort());
    const p = pub();
    for (const r of rows) {
      const n = nodes.find((x) => x.name === r.node)!;
      expect(r).toMatchObject({ cluster: 'lab-three', host: n.ssh.host, ssh: p.ssh.port, soap: p.soap!.port, snmp: p.snmp!.port });
    }
    expect(rows.find((r) => r.node === 'imp-sub1')!.ovaUsers).toBe(15000);
    const saved = JSON.parse(readFileSync(join(state, 'clusters.json'), 'utf8')) as { clusters: Array<{ id: string }> };
    expect(saved.clusters.map((c) => c.id)).toEqual(['lab-three']);
    expect((await secretIds(state)).sort()).toEqual(['cluster/lab-three/admin', 'cluster/lab-three/application', 'cluster/lab-three/snmp']);
    // The secrets are in the store only, never in clusters.json.
    expect(readFileSync(join(state, 'clusters.json'), 'utf8')).not.toContain(p.ssh.password);

    const tested = await run(['test', 'lab-three', '--json'], state);
    expect(tested.code, tested.stderr).toBe(0);
    const results = JSON.parse(tested.stdout) as ConnectionTestResult[];
    expect(results).toHaveLength(nodes.length * 3);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const table = await run(['test', 'lab-three'], state);
    expect(table.stdout.split('\n')[0]).toMatch(/^NODE\s+HOST\s+PROTOCOL\s+PORT\s+OK/);

    // A second add of the same cluster under its name: refused (exit 1), the first one untouched.
    expectFailure(await run([...addArgs('Lab Three'), '--yes'], state), /^imp: CONFLICT: a cluster with the id lab-three/);

    // The saved cluster is listed beside the embedded one (switched on by default).
    const listed = await run(['list', '--json'], state);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toContainEqual({ id: 'lab-three', name: 'Lab Three', publisher: p.ssh.host, nodeCount: nodes.length, simulated: false });

    const unconfirmed = await run(['remove', 'lab-three'], state);
    expect(unconfirmed.code, unconfirmed.stderr).toBe(2);
    expect(unconfirmed.stderr).toMatch(/add --yes to confirm/);
    const removed = await run(['remove', 'lab-three', '--yes', '--json'], state);
    expect(removed.code, removed.stderr).toBe(0);
    expect(JSON.parse(removed.stdout)).toEqual([{ id: 'lab-three', name: 'Lab Three', publisher: p.ssh.host, nodeCount: nodes.length }]);
    expect(removed.stderr).toMatch(/Removing cluster lab-three/);
    expect(JSON.parse(readFileSync(join(state, 'clusters.json'), 'utf8')).clusters).toEqual([]);
    expect(await secretIds(state)).toEqual([]);
    expect(readFileSync(join(state, 'trust.json'), 'utf8')).not.toContain(p.ssh.host);
    expectFailure(await run(['remove', 'lab-three', '--yes'], state), /^imp: NOT_FOUND: no saved cluster lab-three/);
    expectFailure(await run(['test', 'lab-three'], state), /^imp: NOT_FOUND: no saved cluster lab-three/);
    // Issue 16: the add and the remove are in the data folder's audit log as the OS user (source cli), the refused
    // second add as failed; no password or community in it; the chain verifies.
    const audit = await imp(['audit', 'list', '--json', '--data-dir', state], join(dir, 'unused-state'));
    expect(audit.code, audit.stderr).toBe(0);
    const entries = (JSON.parse(audit.stdout) as AuditEntry[]).filter((e) => e.action.startsWith('clusters.'));
    expect(entries.map((e) => `${e.action} ${e.target} ${e.result}`).reverse()).toEqual(['clusters.save Lab Three ok', 'clusters.save Lab Three failed', 'clusters.remove lab-three ok']);
    expect(entries.every((e) => e.operator === userInfo().username && e.source === 'cli' && e.role === 'admin')).toBe(true);
    const history = readFileSync(join(state, 'history.db')).toString('latin1');
    for (const secret of [p.ssh.password, p.soap!.password, p.snmp!.community]) expect(history).not.toContain(secret);
    expect((await imp(['audit', 'verify', '--data-dir', state], join(dir, 'unused-state'))).code).toBe(0);
    // The IM&P publisher is the cups node with the database publisher role (show network cluster lists it as a
    // Subscriber of the CUCM cluster, DBPub), the CUCM publisher the callmanager Publisher.
    expect(Object.fromEntries(rows.map((r) => [r.node, r.role]))).toMatchObject({ 'cucm-pub': 'cucm-publisher', 'imp-pub': 'imp-publisher', 'imp-sub1': 'imp-subscriber' });
  }, 400_000);

  it('a wrong password: add fails with its kind and leaves nothing; test of a saved cluster whose password changed exits 1', async () => {
    const state = join(dir, 'state-wrong');
    const wrong = await run([...addArgs('Lab Wrong', 'WRONG_PW'), '--yes'], state);
    expectFailure(wrong, /^imp: .*wrongPassword/);
    expect(await secretIds(state)).toEqual([]);
    expect(existsSync(join(state, 'clusters.json')) ? JSON.parse(readFileSync(join(state, 'clusters.json'), 'utf8')).clusters : []).toEqual([]);

    // Saved with --yes (every new fingerprint), then its stored admin password changes: the test names it.
    const ok = await run([...addArgs('Lab Four'), '--yes'], state);
    expect(ok.code, ok.stderr).toBe(0);
    const credentials = await FileCredentialStore.open({ keyPath: join(state, 'credentials.key'), storePath: join(state, 'credentials.json') });
    await credentials.put('cluster/lab-four/admin', 'changed-elsewhere');
    const tested = await run(['test', 'lab-four', '--json'], state);
    expect(tested.code, tested.stderr).toBe(1);
    const results = JSON.parse(tested.stdout) as ConnectionTestResult[];
    expect(results.filter((r) => !r.ok).map((r) => `${r.protocol}:${r.error?.kind}`)).toEqual(sim.endpoints().nodes.map(() => 'ssh:wrongPassword'));
    expect(tested.stderr.trimEnd().split('\n').pop()).toMatch(/^imp: \d+ of \d+ connection tests failed: .*ssh: wrongPassword/);
  }, 400_000);

  it('refuses a change while an app runs on the data folder; bad usage exits 2', async () => {
    const state = join(dir, 'state-app');
    const db = Database.open(join(state, 'history.db'));
    try {
      new SqliteAlarmRequests(db).announce({ instance: 'app', pid: process.pid, host: hostname(), startedAtMs: Date.now(), heartbeatAtMs: Date.now() + 120_000 });
      expectFailure(await run([...addArgs('Lab Five'), '--yes'], state), new RegExp(`^imp: PRECONDITION: the app runs on .* \\(pid ${process.pid}\\): add, change or remove clusters in the app`));
    } finally {
      db.dispose();
    }
    for (const args of [
      [...addArgs('X'), '--node', 'imp-sub1'],
      [...addArgs('X'), '--ssh-port', '0'],
      ['add', '--name', 'X'],
      [...addArgs('X'), '--snmp-user', 'v3user'],
      ['test'],
      ['remove'],
    ]) {
      const r = await run(args, state);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
    }
  }, 300_000);
});
