// `npm run imp -- drs …` as a process (issue 13, "Command line" and "Tests (real servers)") against ONE simulated
// cluster running in this process on an accelerated clock, reached through its endpoints file as a running
// `npm run sim` is, with Debian's OpenSSH sshd (test/helpers/opensshServer.ts) as the backup device: device-add,
// a backup that lands on the sshd's disk with per-component progress on stderr, history --format json, users and
// services changed after the backup, a restore that reads the file back from the sshd and puts them back (the admin
// CLI over a real `ssh` shows the backed-up services again), a wrong security password and a version mismatch
// refused with the guide's words (exit 1), bad usage (exit 2).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRS_MESSAGES } from '../../main/core/simulator/model/drs/drsMessages.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { writeEndpointsFile } from '../../main/core/simulator/runtime/endpointsFile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { sshExec } from '../helpers/openssh.js';
import { opensshServerSkipReason, startOpensshServer, type OpensshServer } from '../helpers/opensshServer.js';
import { until } from '../helpers/until.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { imp, type ImpRun } from './impTracesHarness.js';

/** Virtual seconds per real second: a backup of every component of UCM and IM&P takes seconds. */
const SPEED = 120;
const DEVICE = 'Debian sshd';
const FEATURES = 'UCM,IM&P';
const SERVICE = 'Cisco XCP Text Conference Manager';
/** The security password the default profile's cluster has (profileSchema securityPassword default). */
const SECURITY_PASSWORD = loadProfile().securityPassword;

/** The cluster security password after the test changes it (backups taken before need the old one). */
const NEW_SECURITY_PASSWORD = 'Changed-After-Backup1';

/** DRS's words without the CLI's "drfCliMsg: " prefix (the CLI prints them as the error's message). */
const words = (text: string): string => text.replace(/^drfCliMsg:\s*/, '');

interface HistoryRow {
  fileName: string;
  device: string;
  completedAt: string;
  result: string;
  version: string;
  features: string[];
  failedFeatures: string[];
}

interface Sim {
  readonly cluster: SimCluster;
  readonly endpointsFile: string;
}

async function startSim(dir: string, name: string, version?: string): Promise<Sim> {
  const profile = loadProfile();
  const cluster = await startSimCluster({
    profile: version ? { ...profile, version } : profile,
    seed: 1,
    speed: SPEED,
    basePort: 0,
    identityDir: join(dir, `${name}-identity`),
    stateDir: join(dir, `${name}-state`),
  });
  const endpointsFile = join(dir, `${name}-endpoints.json`);
  await writeEndpointsFile(endpointsFile, cluster.endpoints());
  return { cluster, endpointsFile };
}

const tools = [{ path: '/usr/bin/sshpass', apt: 'sshpass' }];

describe.skipIf(opensshServerSkipReason() !== false || skipWithoutTools(tools))('imp drs against a simulated cluster and a real OpenSSH backup device', () => {
  let dir: string;
  let sim: Sim;
  let sshd: OpensshServer;
  let state: string;
  let backupFile = '';
  let usersAtBackup: string[] = [];
  const env = (): NodeJS.ProcessEnv => ({ IMP_DRS_DEVICE_PW: sshd.password, IMP_DRS_SECURITY_PW: SECURITY_PASSWORD, IMP_DRS_WRONG_PW: 'NotTheOne-99', IMP_DRS_NEW_PW: NEW_SECURITY_PASSWORD });
  const drs = (...args: string[]): Promise<ImpRun> => imp(['drs', ...args, '--endpoints', sim.endpointsFile], state, { env: env(), timeoutMs: 240_000 });
  const serviceList = async (node: string): Promise<string> => {
    const login = sim.cluster.endpoints().nodes.find((n) => n.name === node)!.ssh;
    const r = await sshExec(login, 'utils service list');
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-drs-'));
    state = join(dir, 'imp-state');
    sshd = await startOpensshServer();
    sim = await startSim(dir, 'sim');
  }, 300_000);

  afterAll(async () => {
    await sim?.cluster.dispose();
    await sshd?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('bad usage exits 2 with the usage text and prints nothing on stdout', async () => {
    const cases: string[][] = [
      ['backup', '--device', DEVICE],
      ['schedule-add', '--name', 'S', '--device', DEVICE, '--features', 'UCM', '--start', '2026/12/08-02:30', '--frequency', 'daily', '--days', 'mon'],
      ['schedule-add', '--name', 'S', '--device', DEVICE, '--features', 'UCM', '--start', '2026/02/30-02:30', '--frequency', 'once'],
      ['one-step', 'frobnicate'],
      ['restore', '--device', DEVICE, '--file', 'x.tar', '--nodes', 'imp-pub', '--password-env', 'IMP_DRS_SECURITY_PW', '--check-only', '--wait'],
      ['device-add', '--name', 'D', '--host', '127.0.0.1', '--port', '70000', '--path', '/', '--user', 'u', '--password-env', 'IMP_DRS_DEVICE_PW'],
      // A change without a terminal to confirm it and without --yes: refused before anything is opened.
      ['backup', '--device', DEVICE, '--features', 'UCM'],
      ['restart', '--node', 'imp-sub1'],
    ];
    for (const c of cases) {
      const r = await drs(...c);
      expect(r.code, `${c.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stdout, c.join(' ')).toBe('');
      expect(r.stderr, c.join(' ')).toMatch(/error|Usage/);
      if (c[0] === 'backup' && c.includes('--features')) expect(r.stderr).toMatch(/add --yes to confirm it\.\n.*OS Administration requests/);
    }
  }, 240_000);

  it('registration lists the features exactly as the cluster registers them', async () => {
    const r = await drs('registration', '--json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ node: string; feature: string; components: string[] }>;
    expect(new Set(rows.map((x) => x.feature))).toEqual(new Set(['UCM', 'CDR_CAR', 'PLM', 'IM&P']));
    expect(rows.find((x) => x.node === 'cucm-pub' && x.feature === 'UCM')?.components).toContain('CCMDB');
  }, 300_000);

  it('device-add puts the OpenSSH server in the device list (password from --password-env, never printed); estimate is refused before any backup', async () => {
    const r = await drs('device-add', '--name', DEVICE, '--host', sshd.host, '--port', String(sshd.port), '--path', sshd.uploadDir, '--user', sshd.username, '--password-env', 'IMP_DRS_DEVICE_PW', '--keep', '3', '--json');
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(r.stdout) as Array<{ name: string; host: string; port: number; path: string }>;
    expect(list).toContainEqual(expect.objectContaining({ name: DEVICE, host: sshd.host, port: sshd.port, path: sshd.uploadDir }));
    expect(r.stdout + r.stderr).not.toContain(sshd.password);
    const est = await drs('estimate', '--features', FEATURES);
    expect(est.code, est.stderr).toBe(1);
    expect(est.stderr).toContain(words(DRS_MESSAGES.noEstimate));
    // No secret from a terminal in a script: a clear error, nothing asked, nothing changed.
    const noSecret = await drs('device-add', '--name', 'Other', '--host', sshd.host, '--path', '/', '--user', sshd.username);
    expect(noSecret.code, noSecret.stderr).toBe(1);
    expect(noSecret.stderr).toMatch(/--password-env VAR/);
    // DRS's refusals in its own words, exit 1: nothing to cancel, an unknown device.
    const cancel = await drs('cancel', '--yes');
    expect(cancel.code, cancel.stderr).toBe(1);
    expect(cancel.stderr).toContain(words(DRS_MESSAGES.noBackupToCancel));
    const files = await drs('files', '--device', 'No Such Device');
    expect(files.code, files.stderr).toBe(1);
    expect(files.stderr).toMatch(/^imp: NOT_FOUND: .*No Such Device/m);
    const devices = await drs('devices', '--json');
    expect((JSON.parse(devices.stdout) as Array<{ name: string }>).map((d) => d.name)).toEqual([DEVICE]);
  }, 300_000);

  it('backup --wait prints per-component progress on stderr, ends SUCCESS, and the file lands on the sshd', async () => {
    usersAtBackup = sim.cluster.model.users.users.map((u) => u.userid);
    const r = await drs('backup', '--device', DEVICE, '--features', FEATURES, '--wait', '--json', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^cucm-pub UCM\/CCMDB (ACTIVE|SUCCESS) \d+%/m);
    expect(r.stderr).toMatch(/^imp-pub IM&P\/CUPDB SUCCESS 100%/m);
    expect(r.stderr).toMatch(/^backup SUCCESS 100%/m);
    const final = JSON.parse(r.stdout) as { operation: string; state: string; tarFilename: string; rows: Array<{ state: string }> };
    expect(final).toMatchObject({ operation: 'backup', state: 'SUCCESS' });
    expect(final.rows.length).toBeGreaterThan(10);
    expect(final.rows.every((x) => x.state === 'SUCCESS')).toBe(true);
    backupFile = final.tarFilename;
    expect(backupFile).toMatch(/^\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.tar$/);
    // On the sshd's own disk: a folder named after the backup with each component's (encrypted) tar.
    const folder = join(sshd.uploadDir, backupFile.replace(/\.tar$/, ''));
    expect(existsSync(folder), folder).toBe(true);
    const names = readdirSync(folder);
    for (const c of ['cucm-pub_UCM_CCMDB', 'imp-pub_IM&P_CUPDB', 'imp-pub_IM&P_TCT']) {
      const f = names.find((n) => n.includes(c));
      expect(f, `${c} in ${names.join(', ')}`).toBeDefined();
      expect(statSync(join(folder, f!)).size).toBeGreaterThan(0);
    }
  }, 240_000);

  it('history --format json prints {fileName, device, completedAt, result, version, features, failedFeatures}; files lists the backup', async () => {
    const r = await drs('history', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as HistoryRow[];
    expect(Array.isArray(rows)).toBe(true);
    for (const h of rows) expect(Object.keys(h).sort()).toEqual(['completedAt', 'device', 'failedFeatures', 'features', 'fileName', 'result', 'version']);
    const h = rows.find((x) => x.fileName === backupFile);
    expect(h, r.stdout).toBeDefined();
    expect(h).toMatchObject({ device: DEVICE, result: 'SUCCESS', failedFeatures: [] });
    expect([...h!.features].sort()).toEqual(['IM&P', 'UCM']);
    expect(h!.version).toMatch(/^\d+\.\d+\.\d+\.\d+-\d+$/);
    expect(Number.isNaN(Date.parse(h!.completedAt))).toBe(false);
    const csv = await drs('history', '--format', 'csv');
    expect(csv.stdout.split('\n')[0]).toBe('FILE,DEVICE,COMPLETED,RESULT,VERSION,TYPE,FEATURES,FAILED');
    const est = await drs('estimate', '--features', FEATURES, '--json');
    expect(est.code, est.stderr).toBe(0);
    expect((JSON.parse(est.stdout) as Array<{ bytes: number }>)[0]!.bytes).toBeGreaterThan(0);
    const files = await drs('files', '--device', DEVICE, '--json');
    expect(files.code, files.stderr).toBe(0);
    const list = JSON.parse(files.stdout) as Array<{ fileName: string; features: string[] | null; hasCcmdb: boolean | null }>;
    expect(list.find((f) => f.fileName === backupFile)).toMatchObject({ hasCcmdb: true });
  }, 300_000);

  it('after the security password changes, the backup needs the one in effect when it was taken (the new one is refused in the guide\'s words, exit 1)', async () => {
    const change = await drs('security-password', '--old-password-env', 'IMP_DRS_SECURITY_PW', '--new-password-env', 'IMP_DRS_NEW_PW', '--yes');
    expect(change.code, change.stderr).toBe(0);
    expect(change.stdout).toBe('Password updated successfully.\n');
    expect(change.stdout + change.stderr).not.toContain(NEW_SECURITY_PASSWORD);
    const again = await drs('security-password', '--old-password-env', 'IMP_DRS_SECURITY_PW', '--new-password-env', 'IMP_DRS_NEW_PW', '--yes');
    expect(again.code, 'the old password is no longer the current one').toBe(1);
    const r = await drs('restore', '--device', DEVICE, '--file', backupFile, '--nodes', 'imp-pub', '--features', 'IM&P', '--password-env', 'IMP_DRS_NEW_PW', '--check-only', '--json');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(DRS_MESSAGES.securityPassword);
    const checks = JSON.parse(r.stdout) as Array<{ check: string; ok: boolean; message: string }>;
    expect(checks.find((c) => !c.ok)).toMatchObject({ check: 'securityPassword', message: DRS_MESSAGES.securityPassword });
    const started = await drs('restore', '--device', DEVICE, '--file', backupFile, '--nodes', 'imp-pub', '--features', 'IM&P', '--password-env', 'IMP_DRS_WRONG_PW', '--yes');
    expect(started.code, started.stderr).toBe(1);
    expect(started.stderr).toContain(DRS_MESSAGES.securityPassword);
    expect(started.stderr).not.toContain('NotTheOne-99');
    // The password of the backup's time still passes the checks.
    const old = await drs('restore', '--device', DEVICE, '--file', backupFile, '--nodes', 'imp-pub', '--features', 'IM&P', '--password-env', 'IMP_DRS_SECURITY_PW', '--check-only');
    expect(old.code, old.stderr).toBe(0);
  }, 300_000);

  it('users and services changed after the backup are back after a restore read from the sshd', async () => {
    const model = sim.cluster.model;
    // After the backup an administrator deletes three end users and deactivates a service on the IM&P publisher.
    const removed = model.users.users.splice(0, 3).map((u) => u.userid);
    model.node('imp-pub').services.setActivated(SERVICE, false);
    // Deactivating stops the service first (STOPPING, then STOPPED in virtual time): wait until the node says so.
    await until('the deactivated service listed as not activated', async () => ((await serviceList('imp-pub')).includes(`${SERVICE}[STOPPED]  Service Not Activated`) ? true : undefined), 60_000, 500);
    expect(model.users.users.map((u) => u.userid)).not.toContain(removed[0]);

    const nodes = [...model.nodes.keys()].join(',');
    const check = await drs('restore', '--device', DEVICE, '--file', backupFile, '--nodes', nodes, '--password-env', 'IMP_DRS_SECURITY_PW', '--check-only', '--json');
    expect(check.code, check.stderr).toBe(0);
    const items = JSON.parse(check.stdout) as Array<{ check: string; ok: boolean }>;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.ok)).toBe(true);

    const r = await drs('restore', '--device', DEVICE, '--file', backupFile, '--nodes', nodes, '--features', FEATURES, '--password-env', 'IMP_DRS_SECURITY_PW', '--wait', '--json', '--yes');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^cucm-pub UCM\/CCMDB SUCCESS 100%/m);
    expect(r.stderr).toMatch(/^restore SUCCESS 100%/m);
    expect(r.stderr).toMatch(/drs after-restore --nodes/);
    expect((JSON.parse(r.stdout) as { state: string }).state).toBe('SUCCESS');
    expect(model.users.users.map((u) => u.userid)).toEqual(usersAtBackup);
    expect(await serviceList('imp-pub')).not.toContain(`${SERVICE}[STOPPED]  Service Not Activated`);

    const hist = await drs('history', '--operation', 'restore', '--json');
    expect((JSON.parse(hist.stdout) as HistoryRow[])[0]).toMatchObject({ fileName: backupFile, result: 'SUCCESS' });
    const after = await drs('after-restore', '--nodes', nodes, '--json');
    expect([0, 1], after.stderr).toContain(after.code);
    const order = (JSON.parse(after.stdout) as { restart: Array<{ node: string; order: number }> }).restart;
    expect(order[0]!.node).toBe('cucm-pub');
    expect(order.findIndex((x) => x.node === 'imp-pub')).toBeLessThan(order.findIndex((x) => x.node === 'imp-sub1'));

    // Every change is an entry of the data folder's audit log (issue 16) of source 'cli', never with a password.
    const listed = await imp(['audit', 'list', '--action', 'drs.', '--json'], state, { env: env() });
    expect(listed.code, listed.stderr).toBe(0);
    const parsed = JSON.parse(listed.stdout) as Array<{ source: string; action: string; result: string }>;
    expect(parsed.length).toBeGreaterThan(0);
    expect(parsed.every((a) => a.source === 'cli')).toBe(true);
    expect(parsed.some((a) => /backup/.test(a.action) && a.result === 'ok')).toBe(true);
    expect(parsed.some((a) => /restore/.test(a.action) && a.result === 'refused')).toBe(true);
    const verified = await imp(['audit', 'verify'], state, { env: env() });
    expect(verified.code, verified.stderr + verified.stdout).toBe(0);
    const stored = ['history.db', 'history.db-wal'].filter((f) => existsSync(join(state, f))).map((f) => readFileSync(join(state, f)).toString('latin1')).join('');
    for (const secret of [sshd.password, SECURITY_PASSWORD, NEW_SECURITY_PASSWORD, 'NotTheOne-99']) {
      expect(listed.stdout).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
  }, 300_000);

  it('a backup of another software version is refused with the guide\'s words (exit 1)', async () => {
    const other = await startSim(dir, 'other', '14.0.1.12900-2');
    try {
      const args = (...rest: string[]): string[] => ['drs', ...rest, '--endpoints', other.endpointsFile];
      const add = await imp(args('device-add', '--name', DEVICE, '--host', sshd.host, '--port', String(sshd.port), '--path', sshd.uploadDir, '--user', sshd.username, '--password-env', 'IMP_DRS_DEVICE_PW'), state, { env: env() });
      expect(add.code, add.stderr).toBe(0);
      const r = await imp(args('restore', '--device', DEVICE, '--file', backupFile, '--nodes', 'imp-pub', '--features', 'IM&P', '--password-env', 'IMP_DRS_SECURITY_PW', '--check-only'), state, { env: env() });
      expect(r.code, r.stderr).toBe(1);
      const backupVersion = sim.cluster.model.node('imp-pub').version;
      expect(r.stderr).toContain(DRS_MESSAGES.versionMismatch(backupVersion, '14.0.1.12900-2'));
    } finally {
      await other.cluster.dispose();
    }
  }, 240_000);
});
