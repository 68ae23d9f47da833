/**
 * The `drs` namespace (main/core/drs/drsService.ts, built by backend/drsParts.ts) against the real simulated cluster
 * (in-process, accelerated clock) reached only over its sockets by the real collector, with Alert Central fed by the
 * nodes' syslog (the DRF alarms), and Debian's OpenSSH sshd as a backup device: device and schedule rules, estimate
 * refused then given, a backup with progress, history and files that lands on sshd, a second backup refused, cancel
 * after the current component, a full backup server, the restore checks (wrong security password, another version)
 * in the guide's words with their DRF alarm, a restore applied, the restart order and replication after it, and
 * the action records without a secret.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/ipc/contract.js';
import type { DrsJobView, DrsRestoreRequest } from '../../shared/model/drs.js';
import { DRS_DEFAULT_WEEKDAYS } from '../../shared/model/drs.js';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import { MemoryAlertStore } from '../../main/core/alerts/memoryAlertStore.js';
import { AsyncDisposableStore } from '../../main/core/base/disposable.js';
import { actionRecordsPath, createDrsParts } from '../../main/core/backend/drsParts.js';
import { Collector } from '../../main/core/collector/collector.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { createDrsService } from '../../main/core/drs/drsService.js';
import { JobRunner } from '../../main/core/jobs/jobRunner.js';
import { SyslogReceiver } from '../../main/core/receivers/syslogReceiver.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { opensshServerSkipReason, startOpensshServer, type OpensshServer } from '../helpers/opensshServer.js';
import { until } from '../helpers/until.js';

const SPEED = 100;
const A = 'simA';
const B = 'simB';
const ALL = ['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3'];
const FEATURES = ['UCM', 'IM&P'];
const WRONG_PASSWORD = 'Wrong-Pass-77';

describe.skipIf(opensshServerSkipReason())('drs service over the simulated cluster and an OpenSSH device', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imp-drs-svc-'));
  const stateDir = join(dir, 'state');
  const store = new AsyncDisposableStore();
  const pushed: DrsJobView[] = [];
  let sim: SimCluster;
  let other: SimCluster;
  let ssh: OpensshServer;
  let jobs: JobRunner;
  let api: DesktopApi['drs'];
  let alerts: AlertEngine;
  let collector: Collector;
  let syslogPort = 0;
  let backupFile = '';

  const jobEnd = (jobId: string): Promise<DrsJobView> => until(`DRS job ${jobId} ended`, () => pushed.filter((v) => v.jobId === jobId).find((v) => v.endedMs !== undefined), 120_000, 100);

  beforeAll(async () => {
    ssh = store.add(await startOpensshServer());
    sim = store.add(await startSimCluster({ profile: loadProfile(), seed: 1, speed: SPEED, basePort: 0 }));
    // Cluster B: the same nodes, the IM and Presence nodes on another build (a backup of A does not restore on B).
    const base = loadProfile();
    other = store.add(await startSimCluster({ profile: { ...base, version: `${base.version}9` }, seed: 2, speed: 1, basePort: 0 }));
    const receiver = store.add(await SyslogReceiver.start({ udpPort: 0, tcpPort: 0 }));
    alerts = store.add(new AlertEngine({ store: new MemoryAlertStore() }));
    collector = store.add(await Collector.create());
    store.add(collector.onDidChangeNodes((clusters) => alerts.updateNodeStatus(clusters.flatMap((c) => c.nodes))));
    store.add(receiver.onDidReceive((m) => alerts.ingestSyslog(m)));
    syslogPort = receiver.udpPort!;
    monitor(A, sim);
    jobs = store.add(new JobRunner());
    const deps = await createDrsParts({ stateDir, collector, alerts, jobs, events: { emit: (_e, v) => pushed.push(v as DrsJobView) }, store, transport: 'electron', statusIntervalMs: 200 });
    api = createDrsService(deps);
  }, 120_000);

  afterAll(async () => {
    await store.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts monitoring a simulated cluster (its syslog to Alert Central). */
  function monitor(id: string, s: SimCluster): void {
    s.setSyslogDestinations([{ host: '127.0.0.1', port: syslogPort }]);
    const spec = clusterSpecFromEndpoints(parseEndpointsDocument(JSON.parse(JSON.stringify(s.endpoints()))), { id, simulated: true });
    collector.addCluster({ ...spec, intervals: { systemSec: 5, servicesSec: 5, haSec: 5 } });
  }

  const device = (over: Record<string, unknown> = {}) => ({ cluster: A, name: 'Open SSH', host: ssh.host, port: ssh.port, path: ssh.uploadDir, username: ssh.username, password: ssh.password, backupsToKeep: 5, ...over });

  it('reads the overview from the CUCM publisher: registration, features, the simulated backup server', async () => {
    const o = await api.overview(A);
    expect(o.errors).toEqual({});
    expect(o.masterNode).toBe('cucm-pub');
    expect(o.registration.map((r) => r.node).sort()).toEqual(ALL);
    expect(o.features).toEqual(expect.arrayContaining(['UCM', 'CDR_CAR', 'PLM', 'IM&P']));
    const server = sim.endpoints().backupServer;
    expect(o.simulatedBackupServer).toEqual({ host: server.host, port: server.port, username: server.username, password: server.password, path: '/' });
    await expect(api.overview('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);

  it('adds, edits and deletes devices by the guide’s rules (unreachable refused with its alarm; a scheduled device stays)', async () => {
    let list = await api.saveDevice(device());
    expect(list.find((d) => d.name === 'Open SSH')).toMatchObject({ host: ssh.host, port: ssh.port, path: ssh.uploadDir });
    list = await api.saveDevice(device({ backupsToKeep: 3 }));
    expect(list.filter((d) => d.name === 'Open SSH')).toHaveLength(1);
    const server = sim.endpoints().backupServer;
    await api.saveDevice({ cluster: A, name: 'sim_server', host: server.host, port: server.port, path: '/', username: server.username, password: server.password });
    // A directory that does not exist: DRS cannot reach it (guide L10083-10095) and raises DRFBackupDeviceError.
    await expect(api.saveDevice(device({ name: 'bad-dir', path: '/no/such/dir' }))).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringMatching(/Unable to access device bad-dir/) });
    expect((await api.devices(A)).map((d) => d.name).sort()).toEqual(['Open SSH', 'sim_server']);
    await api.saveSchedule({ cluster: A, name: 'nightly', device: 'sim_server', features: ['IM&P'], startMs: Date.UTC(2030, 0, 1, 2, 0), frequency: 'weekly', weekdays: DRS_DEFAULT_WEEKDAYS });
    // Guide L10081: a device a schedule uses cannot be deleted.
    await expect(api.deleteDevice(A, 'sim_server')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/nightly/) });
    expect((await api.devices(A)).map((d) => d.name)).toContain('sim_server');
  }, 60_000);

  it('adds, edits, enables, disables and deletes schedules; a refused edit keeps the old schedule', async () => {
    let s = (await api.schedules(A)).find((x) => x.name === 'nightly')!;
    expect(s).toMatchObject({ device: 'sim_server', enabled: false });
    await api.setSchedulesEnabled(A, ['nightly'], true);
    expect((await api.schedules(A)).find((x) => x.name === 'nightly')!.enabled).toBe(true);
    await expect(api.saveSchedule({ cluster: A, name: 'nightly', device: 'sim_server', features: ['UCM'], startMs: Date.UTC(2030, 0, 1, 3, 0), frequency: 'daily' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const edited = await api.saveSchedule({ cluster: A, name: 'nightly', device: 'sim_server', features: ['UCM'], startMs: Date.UTC(2030, 0, 1, 3, 0), frequency: 'daily', replace: true, enabled: true });
    s = edited.find((x) => x.name === 'nightly')!;
    expect(s).toMatchObject({ frequency: 'daily', enabled: true });
    // An edit DRS refuses (no such device): the schedule is put back as it was.
    await expect(api.saveSchedule({ cluster: A, name: 'nightly', device: 'ghost', features: ['UCM'], startMs: Date.UTC(2030, 0, 1, 3, 0), frequency: 'daily', replace: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.schedules(A)).find((x) => x.name === 'nightly')).toMatchObject({ device: 'sim_server', frequency: 'daily', enabled: true });
    await expect(api.setSchedulesEnabled(A, ['nightly', 'ghost'], false)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await api.schedules(A)).find((x) => x.name === 'nightly')!.enabled).toBe(false);
    // Each schedule's change recorded on its own: the one that happened as ok, the refused one as refused.
    expect((await api.actions(A)).slice(0, 2).map((r) => `${r.action} ${r.target} ${r.result}`)).toEqual(['drs.schedule.disable ghost refused', 'drs.schedule.disable nightly ok']);
    await api.deleteSchedule(A, 'nightly');
    expect(await api.schedules(A)).toEqual([]);
  }, 60_000);

  it('refuses the estimate before any backup (guide L10103-10107), backs up to sshd with progress, then estimates', async () => {
    const before = await api.estimate(A, FEATURES);
    expect(before).toMatchObject({ ok: false, message: expect.stringMatching(/Backup history does not exist/) });
    const view = await api.startBackup(A, 'Open SSH', FEATURES);
    expect(view).toMatchObject({ cluster: A, operation: 'backup', device: 'Open SSH', features: FEATURES });
    expect(view.timeoutAtMs! - view.startedMs).toBe(20 * 3600_000);
    // A second backup while one runs: DRS's words (Table 42 DRFBackupInProgress).
    await expect(api.startBackup(A, 'Open SSH', ['IM&P'])).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/another backup is still running/) });
    const end = await jobEnd(view.jobId);
    expect(end.status).toMatchObject({ state: 'SUCCESS', percentage: 100 });
    const progress = pushed.filter((v) => v.jobId === view.jobId && v.status).map((v) => v.status!.percentage);
    expect(progress.some((p) => p > 0 && p < 100)).toBe(true);
    expect(end.status!.rows.every((r) => r.state === 'SUCCESS')).toBe(true);
    backupFile = end.status!.tarFilename;
    expect(backupFile).toMatch(/^\d{4}(-\d\d){5}\.tar$/);
    // The file landed on the OpenSSH server.
    expect(readdirSync(ssh.uploadDir)).toContain(backupFile.replace(/\.tar$/, ''));
    const job = await until('the Job Status job', () => jobs.list().find((j) => j.id === view.jobId && j.state !== 'running'));
    expect(job).toMatchObject({ kind: 'drs', state: 'succeeded' });
    const history = await api.history(A);
    expect(history[0]).toMatchObject({ operation: 'backup', fileName: backupFile, device: 'Open SSH', result: 'SUCCESS', features: FEATURES });
    const files = await api.backupFiles(A, 'Open SSH');
    expect(files[0]).toMatchObject({ fileName: backupFile, hasCcmdb: true, features: FEATURES });
    expect(files[0]!.servers!.map((s) => s.hostname).sort()).toEqual(ALL);
    const after = await api.estimate(A, FEATURES);
    expect(after).toMatchObject({ ok: true });
    expect((after as { bytes: number }).bytes).toBeGreaterThan(0);
  }, 120_000);

  it('cancels after the current component (guide L10227)', async () => {
    const view = await api.startBackup(A, 'Open SSH', FEATURES);
    const active = await until('a component at work', () => pushed.filter((v) => v.jobId === view.jobId).map((v) => v.status?.rows.find((r) => r.state === 'ACTIVE')).find(Boolean), 60_000, 50);
    const cancelled = await api.cancelBackup(A);
    expect(cancelled).toMatchObject({ jobId: view.jobId, cancelRequested: true });
    const end = await jobEnd(view.jobId);
    expect(end.status!.state).toBe('CANCELLED');
    const row = end.status!.rows.find((r) => r.server === active.server && r.component === active.component)!;
    expect(row.state).toBe('SUCCESS');
    expect(end.status!.rows.some((r) => r.state === 'CANCELLED')).toBe(true);
    expect(end.status!.rows.some((r) => r.state === 'ACTIVE')).toBe(false);
    const job = await until('the job', () => jobs.list().find((j) => j.id === view.jobId && j.state !== 'running'));
    expect(job.state).toBe('completedWithProblems');
  }, 120_000);

  it('a full backup server fails the backup as DRS fails it, with its DRF alarm; the device stays usable', async () => {
    sim.backupServer.setQuota(1 << 30);
    sim.scenarioTarget.fillBackupServer(undefined, true);
    try {
      const view = await api.startBackup(A, 'sim_server', ['IM&P']);
      const end = await jobEnd(view.jobId);
      expect(end.status!.state).toBe('ERROR');
      const job = await until('the job', () => jobs.list().find((j) => j.id === view.jobId && j.state !== 'running'));
      expect(job.state).toBe('failed');
      const alarms = await until('its DRF alarm', () => {
        const v = (api.jobs(A) as Promise<DrsJobView[]>).then((l) => l.find((x) => x.jobId === view.jobId)?.alarms.filter((a) => /DRFBackupDeviceError|DRFSftpFailure/.test(a.ruleId)));
        return v.then((a) => (a && a.length > 0 ? a : undefined));
      }, 30_000);
      expect(alarms[0]!.cluster).toBe(A);
      expect((await api.devices(A)).map((d) => d.name)).toContain('sim_server');
    } finally {
      sim.scenarioTarget.fillBackupServer(undefined, false);
      sim.backupServer.setQuota(Number.POSITIVE_INFINITY);
    }
    const again = await api.startBackup(A, 'sim_server', ['IM&P']);
    expect((await jobEnd(again.jobId)).status!.state).toBe('SUCCESS');
  }, 120_000);

  const request = (over: Partial<DrsRestoreRequest> = {}): DrsRestoreRequest => ({
    cluster: A, device: 'Open SSH', fileName: backupFile, features: FEATURES, servers: ALL, integrityCheck: true,
    securityPassword: sim.profile.securityPassword, kind: 'entireCluster', ...over,
  });

  it('refuses a wrong security password and another version in the guide’s words, with DRFRestoreFailure', async () => {
    const wrong = await api.checkRestore(request({ securityPassword: WRONG_PASSWORD }));
    expect(wrong.ok).toBe(false);
    expect(wrong.kind).toBe('entireCluster');
    const failed = wrong.items.find((i) => !i.ok)!;
    expect(failed.check).toBe('securityPassword');
    expect(failed.message).toMatch(/Enter the cluster security password that was in effect when the backup was taken/);
    expect(wrong.transcript).not.toContain(WRONG_PASSWORD);
    await expect(api.startRestore(request({ securityPassword: WRONG_PASSWORD }))).rejects.toMatchObject({ code: 'PRECONDITION', message: failed.message });
    await until('DRFRestoreFailure in Alert Central', () => alarmOf('DRFRestoreFailure', A), 30_000);

    // Cluster B runs another build: the same file, read from the same sshd, is refused on the version. Its nodes
    // have A's names and addresses (one machine), so Alert Central files their syslog under the cluster monitored
    // last: B is monitored only from here on.
    monitor(B, other);
    await until('B polled', () => (collector.clusters().find((c) => c.id === B)?.nodes.every((n) => n.reachability === 'up') ? true : undefined), 60_000);
    await api.saveDevice({ ...device(), cluster: B });
    const version = await api.checkRestore(request({ cluster: B }));
    expect(version.ok).toBe(false);
    expect(version.items.find((i) => !i.ok)).toMatchObject({ check: 'version', message: expect.stringMatching(/The entire version string must match/) });
    await until('DRFRestoreFailure on B', () => alarmOf('DRFRestoreFailure', B), 30_000);
  }, 120_000);

  const alarmOf = (ruleId: string, cluster: string): true | undefined => (alerts.queryAlarms({ cluster }).some((a) => a.ruleId === ruleId) ? true : undefined);

  it('restores the entire cluster from sshd: a user deleted after the backup is back', async () => {
    const gone = sim.model.users.users[0]!;
    sim.model.users.users.splice(0, 1);
    expect(sim.model.users.find(gone.userid)).toBeUndefined();
    const check = await api.checkRestore(request());
    expect(check.ok).toBe(true);
    expect(check.items.map((i) => i.check)).toEqual(expect.arrayContaining(['version', 'hostname', 'securityPassword']));
    const view = await api.startRestore(request());
    expect(view).toMatchObject({ operation: 'restore', servers: ALL, device: 'Open SSH' });
    const end = await jobEnd(view.jobId);
    expect(end.status!.state).toBe('SUCCESS');
    expect(sim.model.users.find(gone.userid)?.uri).toBe(gone.uri);
    const history = await api.history(A);
    expect(history.find((h) => h.operation === 'restore')).toMatchObject({ fileName: backupFile, result: 'SUCCESS' });
  }, 120_000);

  it('after the restore: restarts in the guide’s order only, then replication reaches 2 on every node', async () => {
    const after = await api.afterRestore(A, ALL);
    expect(after.restart.map((s) => s.node)).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
    expect(after.restart[0]!.blockedBy).toBeUndefined();
    expect(after.restart[1]!.blockedBy).toMatch(/^Restart cucm-pub first/);
    await expect(api.restartNode(A, 'imp-sub1')).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringMatching(/^Restart cucm-pub first/) });
    const bootedBefore = new Map(ALL.map((n) => [n, sim.model.node(n).bootedAtMs]));
    await api.restartNode(A, 'cucm-pub');
    await until('cucm-pub back', async () => ((await api.afterRestore(A, ALL)).restart[1]!.blockedBy === undefined ? true : undefined), 120_000, 500);
    await api.restartNode(A, 'imp-pub');
    await until('imp-pub back', async () => ((await api.afterRestore(A, ALL)).restart[2]!.blockedBy === undefined ? true : undefined), 120_000, 500);
    for (const n of ['imp-sub1', 'imp-sub2', 'imp-sub3']) await api.restartNode(A, n);
    const done = await until('replication 2 on every node', async () => {
      const r = await api.afterRestore(A, ALL);
      return r.replicationOk ? r : undefined;
    }, 180_000, 1000);
    expect(done.remedy).toBeUndefined();
    // Each node really restarted (`utils system restart` over its own SSH session).
    for (const n of ALL) expect(sim.model.node(n).bootedAtMs, n).toBeGreaterThan(bootedBefore.get(n)!);
    expect(done.replication.filter((r) => r.state === 2).map((r) => r.node).sort()).toEqual(['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
  }, 400_000);

  it('adopts a backup DRS runs that this instance does not follow (the app restarted mid-backup)', async () => {
    const view = await api.startBackup(A, 'sim_server', ['IM&P']);
    // A second instance of the parts over the same collector: the app after its restart.
    const store2 = new AsyncDisposableStore();
    const pushed2: DrsJobView[] = [];
    try {
      const deps2 = await createDrsParts({ stateDir, collector, alerts, jobs, events: { emit: (_e, v) => pushed2.push(v as DrsJobView) }, store: store2, transport: 'web', statusIntervalMs: 200 });
      const api2 = createDrsService(deps2);
      const o = await api2.overview(A);
      expect(o.backup?.state).toBe('RUNNING');
      const [adopted] = await api2.jobs(A);
      expect(adopted).toMatchObject({ cluster: A, operation: 'backup', features: ['IM&P'] });
      expect(adopted!.jobId).not.toBe(view.jobId);
      const end = await until('the adopted job ended', () => pushed2.find((v) => v.jobId === adopted!.jobId && v.endedMs !== undefined), 120_000, 100);
      expect(end.status!.state).toBe('SUCCESS');
      expect((await jobEnd(view.jobId)).status!.tarFilename).toBe(end.status!.tarFilename);
    } finally {
      await store2.dispose();
    }
  }, 180_000);

  it('prepares a One-Step Restore: the publisher becomes cluster aware after its five minutes (guide L10484-10494)', async () => {
    // Not prepared: a One-Step Restore is refused before DRS is asked (it would run as a plain restore of every node).
    expect((await api.oneStepState(A)).state).toBe('idle');
    const restoresBefore = (await api.history(A)).filter((h) => h.operation === 'restore').length;
    await expect(api.startRestore(request({ kind: 'oneStep' }))).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringMatching(/^One-Step Restore has not been prepared/) });
    expect((await api.history(A)).filter((h) => h.operation === 'restore')).toHaveLength(restoresBefore);
    expect(await api.status(A, 'restore')).not.toMatchObject({ state: 'RUNNING' });
    const first = await api.prepareOneStep(A, 'Open SSH', backupFile);
    expect(['preparing', 'ready']).toContain(first.state);
    if (first.state === 'preparing') {
      expect(first.message).toMatch(/wait for 5 minutes until Publisher becomes cluster aware/);
      expect(first.readyAtMs).toBeGreaterThan(0);
    }
    const ready = await until('cluster aware', async () => {
      const s = await api.oneStepState(A);
      return s.state === 'preparing' ? undefined : s;
    }, 60_000, 200);
    expect(ready).toMatchObject({ state: 'ready', message: expect.stringMatching(/Publisher has become cluster aware/) });
  }, 90_000);

  it('recorded every change with who, where from and the result, never a password', async () => {
    const records = await api.actions(A);
    const actions = new Set(records.map((r) => `${r.action}:${r.result}`));
    for (const a of ['drs.device.add:ok', 'drs.device.edit:ok', 'drs.device.add:refused', 'drs.schedule.add:ok', 'drs.schedule.edit:refused', 'drs.schedule.delete:ok', 'drs.backup:ok', 'drs.backup:refused', 'drs.backup.cancel:ok', 'drs.restore.check:refused', 'drs.restore:refused', 'drs.restore:ok', 'drs.node.restart:refused', 'drs.node.restart:ok', 'drs.restore.oneStep:ok']) {
      expect(actions, a).toContain(a);
    }
    expect(records.every((r) => r.operator.length > 0 && r.cluster === A)).toBe(true);
    expect(records.filter((r) => r.source !== 'desktop').map((r) => r.action)).toEqual([]);
    expect((await api.actions(B)).map((r) => r.action)).toEqual(['drs.restore.check', 'drs.device.add']);
    const text = readFileSync(actionRecordsPath(stateDir), 'utf8');
    for (const secret of [ssh.password, sim.endpoints().backupServer.password, sim.profile.securityPassword, WRONG_PASSWORD]) expect(text).not.toContain(secret);
    expect(existsSync(actionRecordsPath(stateDir))).toBe(true);
  });

  // Last: cluster B (speed 1) stays down for its boot. While its publisher shuts down it still answers (the collector
  // reads it up for a poll interval and more): only its own uptime proves it came back (guide L10598, L10602).
  it('a publisher just restarted counts as offline until it has booted again: no IM and Presence subscriber restart meanwhile', async () => {
    if (!collector.spec(B)) monitor(B, other);
    await until('the collector reads B’s publisher up', () => (collector.nodes(B).find((n) => n.name === 'cucm-pub')?.reachability() === 'up' ? true : undefined), 60_000, 200);
    const bootedBefore = other.model.node('cucm-pub').bootedAtMs;
    await api.restartNode(B, 'cucm-pub');
    await expect(api.restartNode(B, 'imp-sub1')).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringMatching(/^The CUCM publisher cucm-pub is offline/) });
    const after = await api.afterRestore(B, ['cucm-pub', 'imp-sub1']);
    expect(after.restart).toMatchObject([{ node: 'cucm-pub', reachability: 'down' }, { node: 'imp-sub1', blockedBy: expect.stringMatching(/is offline/) }]);
    expect(other.model.node('cucm-pub').bootedAtMs).toBe(bootedBefore);
    expect(other.model.node('imp-sub1').power).toBe('on');
  }, 60_000);
});
