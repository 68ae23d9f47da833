import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrsStatus } from '../../shared/model/drs.js';
import { DrsCli, redactAnswers, restartSystem, setSecurityPassword, type DrsCliResult, type DrsCliSession } from '../../main/core/polling/ssh/drsCommands.js';
import { SshCliSession, type SshTarget } from '../../main/core/polling/ssh/sshCliSession.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { until } from '../helpers/until.js';

// Issue 13 (HP): DrsCli against the simulated CUCM publisher's admin CLI over real SSH (pinned host key), on an
// accelerated clock. CAPTURE_DRS_FIXTURES=1 writes the answers as fixtures drs-sim-*.txt for the parser tests
// (main/core/polling/ssh/parsers/drsOutput.test.ts; then UPDATE_FIXTURES=1 there and review).
const SPEED = 100;
const PUBLISHER = 'cucm-pub';
const DEVICE = 'Backup Server 1';
const FIXTURES = join(import.meta.dirname, '..', '..', 'main', 'core', 'polling', 'ssh', 'fixtures');
const CAPTURE = process.env.CAPTURE_DRS_FIXTURES === '1';

let cluster: SimCluster;
const sessions: SshCliSession[] = [];
let drs: DrsCli;
/** The answers the publisher gave, newest last (for captures), and the secrets typed so far (never in a capture). */
const outputs: string[] = [];
const secrets: string[] = [];
let securityPassword: string;
let backupFile = '';

const value = <T>(r: DrsCliResult<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const refusal = <T>(r: DrsCliResult<T>): { code: string; message: string } => {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value)}`);
  return { code: r.error.code, message: r.error.message };
};
/** Writes the answer `back` commands ago (0: the last) as fixture drs-sim-<name>.txt. */
const capture = (name: string, back = 0): void => {
  if (CAPTURE) writeFileSync(join(FIXTURES, `drs-sim-${name}.txt`), `${redactAnswers(outputs.at(-1 - back) ?? '', secrets).replace(/\n*$/, '')}\n`);
};

function target(node: string): SshTarget {
  const e = cluster.endpoints().nodes.find((n) => n.name === node)!;
  return { cluster: cluster.profile.name, node, host: e.ssh.host, port: e.ssh.port, username: e.ssh.username, password: e.ssh.password, hostKeyFingerprint: e.hostKeyFingerprint, readyTimeoutMs: 10_000, commandTimeoutMs: 30_000 };
}

async function open(node: string): Promise<SshCliSession> {
  const r = await SshCliSession.connect(target(node));
  if (!r.ok) throw r.error;
  sessions.push(r.session);
  return r.session;
}

/** The publisher's session, recording each answer; `rewrite` changes a command line as another node would not know it. */
function recording(session: SshCliSession, rewrite: (command: string) => string = (c) => c): DrsCliSession {
  return {
    target: session.target,
    run: async (command, timeoutMs, answers, options) => {
      const r = await session.run(rewrite(command), timeoutMs, answers, options);
      outputs.push(r.ok ? r.output : `(${r.error.code}) ${r.error.message}`);
      return r;
    },
  };
}

/** Polls `status op` until the job is no longer RUNNING. */
async function finished(op: 'backup' | 'restore'): Promise<DrsStatus> {
  return until(`the ${op} to finish`, async () => {
    const s = value(await drs.status(op));
    return s && s.state !== 'RUNNING' ? s : undefined;
  });
}

beforeAll(async () => {
  const profile = loadProfile();
  securityPassword = profile.securityPassword;
  secrets.push(securityPassword, profile.endpoints.backupServer.password);
  cluster = await startSimCluster({ profile, seed: 1, speed: SPEED, basePort: 0, startMs: Date.UTC(2026, 11, 6, 10, 0, 0) });
  drs = new DrsCli(recording(await open(PUBLISHER)));
});

afterAll(async () => {
  for (const s of sessions) s.dispose();
  await cluster?.dispose();
});

describe('DrsCli on the simulated CUCM publisher over SSH', () => {
  it('refuses a password holding a control character before anything is typed (a Ctrl-C would end the dialogue and run the rest as a command)', async () => {
    const server = cluster.endpoints().backupServer;
    const sent = outputs.length;
    const injected = 'x\u0003utils system restart';
    expect(refusal(await drs.addDevice({ name: 'Injected', host: server.host, path: '/', username: server.username, password: injected }))).toEqual({ code: 'VALIDATION', message: 'the password holds a line break or control character' });
    expect(refusal(await drs.addDevice({ name: 'Tabbed', host: server.host, path: '/', username: server.username, password: 'a\tb' })).code).toBe('VALIDATION');
    expect(refusal(await drs.restore({ servers: [PUBLISHER], fileName: '2026-12-06-10-00-00.tar', device: DEVICE, features: ['UCM'], securityPassword: injected, integrityCheck: false, start: false })).code).toBe('VALIDATION');
    expect(refusal(await setSecurityPassword(recording(sessions[0]!), injected, 'New-Pass-1')).code).toBe('VALIDATION');
    expect(outputs.length).toBe(sent);
  });

  it('reads what each node registered, and refuses an unknown node', async () => {
    const pub = value(await drs.registration(PUBLISHER));
    capture('registration-cucm-pub');
    expect(pub.find((f) => f.feature === 'UCM')?.components).toContain('CCMDB');
    const imp = value(await drs.registration('imp-pub'));
    expect(imp.map((f) => f.feature)).toEqual(['IM&P']);
    expect(refusal(await drs.registration('no-such-node'))).toEqual({ code: 'NOT_FOUND', message: 'Server no-such-node is not registered with the Master Agent.' });
  });

  it('adds a device (a name with spaces), edits it, lists its details, refuses a bad name without echoing the password', async () => {
    const server = cluster.endpoints().backupServer;
    expect(value(await drs.devices())).toEqual([]);
    capture('device-list-detail-empty');
    const device = { name: DEVICE, host: server.host, port: server.port, path: '/', username: server.username, password: server.password };
    expect(value(await drs.addDevice({ ...device, backupsToKeep: 3 }))).toBe('Device added successfully.');
    capture('ack-device-add');
    expect(value(await drs.addDevice({ ...device, backupsToKeep: 2 }))).toBe('Device updated successfully.');
    expect(value(await drs.devices())).toEqual([{ name: DEVICE, type: 'NETWORK', host: server.host, port: server.port, path: '/', username: server.username, backupsToKeep: 2, usedBySchedules: [] }]);
    capture('device-list-detail');
    // A node without `device list detail` (its usage error) is read with `device list`.
    const plain = new DrsCli(recording(sessions[0]!, (c) => c.replace('device list detail', 'device list bogus')));
    expect(value(await plain.devices())).toEqual([{ name: DEVICE, type: 'NETWORK', host: server.host, port: server.port, path: '/', usedBySchedules: [] }]);
    capture('device-list');
    const bad = refusal(await drs.addDevice({ ...device, name: 'bad.name', password: 'Leak-Check-99' }));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.message).toMatch(/^Backup Device Name can contain only alphanumeric characters/);
    expect(bad.message).not.toContain('Leak-Check-99');
  });

  it('adds a weekly schedule with days, enables it, protects its device, deletes it', async () => {
    const startMs = cluster.model.now() + 30 * 86_400_000;
    expect(value(await drs.addSchedule({ name: 'Weekly Set', device: DEVICE, features: ['PLM', 'CDR_CAR'], startMs, frequency: 'weekly', weekdays: [2, 3, 4, 5, 6] }))).toBe('Schedule added successfully.');
    capture('ack-schedule-add');
    expect(value(await drs.setScheduleEnabled('Weekly Set', true))).toBe('Schedule enabled successfully.');
    capture('ack-schedule-enable');
    const [s] = value(await drs.schedules());
    capture('schedule-list-detail');
    expect(s).toMatchObject({ name: 'Weekly Set', device: DEVICE, enabled: true, features: ['PLM', 'CDR_CAR'], frequency: 'weekly', weekdays: [2, 3, 4, 5, 6] });
    expect(s!.startMs).toBe(Math.floor(startMs / 60_000) * 60_000);
    expect(s!.nextRunMs).toBeGreaterThanOrEqual(s!.startMs!);
    expect(value(await drs.devices())[0]!.usedBySchedules).toEqual(['Weekly Set']);
    const plain = new DrsCli(recording(sessions[0]!, (c) => c.replace('schedule list detail', 'schedule list bogus')));
    expect(value(await plain.schedules())).toEqual([{ name: 'Weekly Set', device: DEVICE, enabled: true }]);
    capture('schedule-list');
    const inUse = refusal(await drs.deleteDevice(DEVICE));
    capture('ack-device-delete-in-use');
    expect(inUse).toEqual({ code: 'CONFLICT', message: `Device ${DEVICE} cannot be deleted: it is configured as the backup device of schedule Weekly Set.` });
    expect(value(await drs.setScheduleEnabled('Weekly Set', false))).toBe('Schedule disabled successfully.');
    expect(value(await drs.deleteSchedule('Weekly Set'))).toBe('Schedule deleted successfully.');
    expect(refusal(await drs.deleteSchedule('Weekly Set')).code).toBe('NOT_FOUND');
    expect(value(await drs.schedules())).toEqual([]);
  });

  it('backs up: refused estimate first, status while running, a second backup refused, then history, files and the descriptor', async () => {
    const before = value(await drs.estimate(['PLM']));
    capture('estimate-none');
    expect(before.ok).toBe(false);
    expect(value(await drs.status('backup'))).toBeUndefined();
    capture('status-backup-none');
    const features = value(await drs.registration(PUBLISHER)).map((f) => f.feature);
    expect(value(await drs.backup(DEVICE, [...features, 'IM&P']))).toMatch(/^Backup initiated successfully/);
    capture('ack-backup');
    const running = await until('an active component', async () => {
      const s = value(await drs.status('backup'));
      return s?.state === 'RUNNING' && s.rows.some((r) => r.state === 'ACTIVE') ? s : undefined;
    });
    capture('status-backup-running');
    expect(running.rows.every((r) => r.logFile?.startsWith('activelog/'))).toBe(true);
    expect(new Set(running.rows.map((r) => r.server))).toContain('imp-pub');
    const second = refusal(await drs.backup(DEVICE, ['PLM']));
    expect(second).toEqual({ code: 'CONFLICT', message: 'New backup cannot start while another backup is still running.' });
    const done = await finished('backup');
    capture('status-backup-success');
    expect(done.state).toBe('SUCCESS');
    expect(done.percentage).toBe(100);
    backupFile = done.tarFilename;
    const [entry] = value(await drs.history('backup'));
    capture('history-backup');
    expect(entry).toMatchObject({ operation: 'backup', fileName: backupFile, device: DEVICE, result: 'SUCCESS', kind: 'MANUAL', failedFeatures: [] });
    expect([...entry!.features].sort()).toEqual([...new Set([...features, 'IM&P'])].sort());
    expect(value(await drs.backupFiles(DEVICE))).toEqual([backupFile]);
    capture('backupfiles');
    const info = value(await drs.backupInfo(DEVICE, backupFile));
    capture('backupinfo');
    expect(info).toMatchObject({ fileName: backupFile, kind: 'MANUAL', hasCcmdb: true });
    expect(info.servers?.map((s) => s.hostname)).toContain(PUBLISHER);
    const after = value(await drs.estimate(['PLM']));
    capture('estimate');
    expect(after.ok && after.bytes).toBeGreaterThan(0);
  });

  it('cancels a backup after the current component; no backup to cancel is a refusal', async () => {
    expect(value(await drs.backup(DEVICE, ['UCM', 'IM&P']))).toMatch(/^Backup initiated/);
    await until('an active component', async () => (value(await drs.status('backup'))?.rows.some((r) => r.state === 'ACTIVE') ? true : undefined));
    expect(value(await drs.cancelBackup())).toMatch(/^Backup cancellation requested/);
    capture('ack-cancel');
    const s = await finished('backup');
    expect(s.state).toBe('CANCELLED');
    expect(s.rows.some((r) => r.state === 'SUCCESS' || r.state === 'ACTIVE')).toBe(true);
    expect(s.rows.some((r) => r.state === 'CANCELLED')).toBe(true);
    expect(value(await drs.history('backup')).map((e) => e.result)).toEqual(['SUCCESS', 'CANCELLED']);
    expect(refusal(await drs.cancelBackup())).toEqual({ code: 'PRECONDITION', message: 'No backup is currently running.' });
  });

  it('restore pre-check: a wrong security password fails its check in the guide\'s words; the right one passes without starting', async () => {
    const base = { servers: ['imp-pub'], fileName: backupFile, device: DEVICE, features: ['IM&P'], integrityCheck: false, start: false };
    secrets.push('Wrong-Pass-1');
    const wrong = value(await drs.restore({ ...base, securityPassword: 'Wrong-Pass-1' }));
    capture('restore-failed-password');
    expect(wrong.started).toBe(false);
    expect(wrong.checks.at(-1)).toEqual({ check: 'securityPassword', ok: false, message: expect.stringMatching(/^Restore failed: the backup cannot be decrypted with this security password/) });
    expect(wrong.transcript).not.toContain('Wrong-Pass-1');
    const right = value(await drs.restore({ ...base, securityPassword, integrityCheck: true }));
    capture('restore-precheck');
    expect(right.started).toBe(false);
    expect(right.checks.map((c) => c.check)).toEqual(['servers', 'features', 'version', 'hostname', 'ip', 'dns', 'deploymentType', 'securityPassword']);
    expect(right.checks.every((c) => c.ok)).toBe(true);
    expect(right.transcript).not.toContain(securityPassword);
    expect(value(await drs.status('restore'))).toBeUndefined();
    // The publisher with UCM: DRS asks the CCMDB question (answered: from the backup file); imp-pub was not asked.
    const pub = value(await drs.restore({ ...base, servers: [PUBLISHER], features: ['UCM'], securityPassword }));
    expect(pub.transcript).toMatch(/contains the CCMDB database/);
    expect(right.transcript).not.toMatch(/CCMDB/);
    expect(pub.checks.every((c) => c.ok) && !pub.started).toBe(true);
    // Several servers in one restore (our comma-list extension); the CCMDB answer reaches DRS (only a subscriber may be the source).
    const cluster3 = value(await drs.restore({ ...base, servers: [PUBLISHER, 'imp-pub', 'imp-sub1'], features: ['UCM', 'IM&P'], securityPassword }));
    expect(cluster3.checks.every((c) => c.ok) && !cluster3.started).toBe(true);
    const fromPub = value(await drs.restore({ ...base, servers: [PUBLISHER], features: ['UCM'], securityPassword, databaseFrom: PUBLISHER }));
    expect(fromPub.checks.at(-1)).toMatchObject({ check: 'servers', ok: false, message: expect.stringMatching(/the publisher database can be restored only from a subscriber/) });
    const unknown = refusal(await drs.restore({ ...base, servers: ['no-such-node'], securityPassword }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toMatch(/^Restore failed: hostname no-such-node is not a node of this cluster/);
  });

  it('restores for real: started, status while it runs, success and history', async () => {
    const r = value(await drs.restore({ servers: ['imp-pub'], fileName: backupFile, device: DEVICE, features: ['IM&P'], securityPassword, integrityCheck: true, start: true }));
    capture('restore-started');
    expect(r.started).toBe(true);
    const running = await until('the restore to run', async () => {
      const now = value(await drs.status('restore'));
      return now?.state === 'RUNNING' ? now : undefined;
    });
    capture('status-restore-running');
    expect(running.rows.length).toBeGreaterThan(0);
    expect(running.percentage).toBeLessThan(100);
    const s = await finished('restore');
    capture('status-restore-success');
    expect(s).toMatchObject({ operation: 'restore', state: 'SUCCESS', tarFilename: backupFile, percentage: 100 });
    expect(s.rows.every((row) => row.server === 'imp-pub' && row.state === 'SUCCESS')).toBe(true);
    const [h] = value(await drs.history('restore'));
    capture('history-restore');
    expect(h).toMatchObject({ operation: 'restore', fileName: backupFile, device: DEVICE, result: 'SUCCESS', features: ['IM&P'] });
  });

  it('a changed security password: old backups need the old one', async () => {
    const next = 'Security456x';
    secrets.push(next);
    expect(refusal(await setSecurityPassword(sessions[0]!, 'not-the-old-one', next))).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/old password is incorrect/i) });
    expect(value(await setSecurityPassword(sessions[0]!, securityPassword, next))).toBe('Password updated successfully.');
    const base = { servers: ['imp-pub'], fileName: backupFile, device: DEVICE, features: ['IM&P'], integrityCheck: false, start: false };
    expect(value(await drs.restore({ ...base, securityPassword: next })).checks.at(-1)).toMatchObject({ check: 'securityPassword', ok: false });
    expect(value(await drs.restore({ ...base, securityPassword })).checks.every((c) => c.ok)).toBe(true);
  });

  it('prepares a one-step restore with the guide\'s wait message and its end; jsch logs switch', async () => {
    const prep = value(await drs.prepareOneStep({ device: DEVICE, fileName: backupFile }));
    capture('prepare', 1);
    capture('prepare-status-preparing');
    expect(prep.state).toBe('preparing');
    expect(prep.message).toMatch(/^Please wait for 5 minutes until Publisher becomes cluster aware/);
    expect(prep.readyAtMs).toBeGreaterThan(cluster.model.now() - 1);
    const ready = await until('the publisher to become cluster aware', async () => {
      const s = value(await drs.oneStepState());
      return s.state === 'preparing' ? undefined : s;
    });
    capture('prepare-status-ready');
    expect(ready).toEqual({ state: 'ready', message: expect.stringMatching(/^Publisher has become cluster aware/) });
    expect(value(await drs.setJschLogs(true))).toBe('JSch logging enabled successfully.');
    expect(value(await drs.setJschLogs(false))).toBe('JSch logging disabled successfully.');
  });

  it('restarts a node: the closed session is the success, and the node comes back', async () => {
    const session = await open('imp-sub1');
    const r = await restartSystem(session);
    expect(value(r)).toBe('Appliance is being Restarted ...');
    expect(session.isClosed).toBe(true);
    expect(cluster.model.node('imp-sub1').power).not.toBe('on');
    // A transport failure is the session's PollError, not a DRS refusal.
    const closed = await new DrsCli(session).status('backup');
    expect(closed.ok ? '' : closed.error.code).toBe('POLL_CONNECT');
    await until('imp-sub1 to answer again', async () => {
      if (cluster.model.node('imp-sub1').power !== 'on') return undefined;
      const again = await SshCliSession.connect(target('imp-sub1'));
      if (!again.ok) return undefined;
      sessions.push(again.session);
      return true;
    });
  });
});
