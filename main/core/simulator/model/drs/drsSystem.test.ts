import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmEvent } from '../alarms/alarmCenter.js';
import type { ClusterModel } from '../clusterModel.js';
import { BACKUP_TIMEOUT_MS } from './backupJob.js';
import { DrsError } from './drsErrors.js';
import { HISTORY_LIMIT } from './drsHistory.js';
import { DRS_MESSAGES } from './drsMessages.js';
import { DrsSystem } from './drsSystem.js';
import { DRS_TEST_START, runUntilIdle, smallDrsCluster, waitForActiveComponent, waitUntil } from './drsTestCluster.js';
import { MemoryBackupTransport } from './memoryBackupTransport.js';

const DEVICE = { name: 'dev1', host: 'backup.example.com', path: '/', username: 'drs', password: 'pw' };

async function rejection(p: Promise<unknown>): Promise<DrsError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof DrsError) return err;
    throw err;
  }
  throw new Error('expected a DrsError');
}

describe('DrsSystem backup (virtual clock, in-memory server)', () => {
  let model: ClusterModel;
  let mem: MemoryBackupTransport;
  let drs: DrsSystem;
  let alarms: AlarmEvent[];

  beforeEach(async () => {
    model = smallDrsCluster();
    mem = new MemoryBackupTransport();
    drs = new DrsSystem(model, { transport: mem });
    alarms = [];
    model.alarms.onDidAlarm((e) => alarms.push(e));
    await drs.addDevice(DEVICE);
  });
  afterEach(() => {
    drs.dispose();
    model.dispose();
    expect(mem.open_).toBe(0);
    expect(model.scheduler.pending).toBeGreaterThanOrEqual(0);
  });

  it('backs up every component of the features, encrypted, with progress in virtual time', async () => {
    const started = drs.startBackup('dev1', ['IM&P', 'UCM']);
    expect(started.state).toBe('RUNNING');
    expect(started.tarFilename).toBe('2026-11-25-10-00-00.tar');
    expect(started.rows.map((r) => r.node)).toContain('imp-sub1');
    await waitForActiveComponent(drs);
    model.scheduler.advanceBy(5_000);
    const mid = drs.status('backup')!;
    expect(mid.rows.filter((r) => r.state === 'ACTIVE')).toHaveLength(1);
    expect(mid.rows.find((r) => r.state === 'ACTIVE')!.percent).toBeGreaterThan(0);
    await runUntilIdle(model, drs);
    const done = drs.status('backup')!;
    expect(done.state).toBe('SUCCESS');
    expect(done.percentage).toBe(100);
    expect(done.rows.every((r) => r.state === 'SUCCESS')).toBe(true);
    const files = [...mem.files.keys()];
    expect(files).toContain('/2026-11-25-10-00-00/2026-11-25-10-00-00_drfComponent.xml');
    expect(files).toContain('/2026-11-25-10-00-00/2026-11-25-10-00-00_imp-pub_IM&P_CUPDB.tar');
    expect(files).toContain('/2026-11-25-10-00-00/2026-11-25-10-00-00_cucm-pub_UCM_CCMDB.tar');
    const userid = model.users.users[0]!.userid;
    for (const [f, b] of mem.files) if (f.endsWith('.tar')) expect(b.includes(userid)).toBe(false);
    expect(alarms.some((a) => a.definition.name === 'DRFBackupCompleted')).toBe(true);
    const h = drs.history('backup');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({ result: 'SUCCESS', device: 'dev1', version: '14.0.1.11900-4', featuresDone: ['IM&P', 'UCM'], featuresFailed: [] });
    expect(model.node('imp-sub1').logs.walk('/platform/drf/trace').length).toBeGreaterThan(0);
  });

  it('refuses a second job while one runs (DRFBackupInProgress) and cancels after the current component', async () => {
    drs.startBackup('dev1', ['UCM']);
    expect(() => drs.startBackup('dev1', ['UCM'])).toThrow(DRS_MESSAGES.inProgress);
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupInProgress')).toBe(true);
    await waitForActiveComponent(drs);
    expect(drs.status('backup')!.rows[0]!.state).toBe('ACTIVE');
    expect(drs.cancelBackup()).toBe(true);
    await runUntilIdle(model, drs);
    const s = drs.status('backup')!;
    expect(s.state).toBe('CANCELLED');
    expect(s.rows[0]!.state).toBe('SUCCESS');
    expect(s.rows.slice(1).every((r) => r.state === 'CANCELLED')).toBe(true);
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupInProgress')).toBe(false);
    expect(drs.cancelBackup()).toBe(false);
  });

  it('times out after 20 virtual hours when the server stops answering', async () => {
    mem.fault = 'hang';
    drs.startBackup('dev1', ['PLM']);
    await waitUntil(() => drs.status('backup')!.rows[0]!.state === 'ACTIVE');
    model.scheduler.advanceBy(BACKUP_TIMEOUT_MS - 60_000);
    await new Promise((r) => setTimeout(r, 0));
    expect(drs.busy).toBe(true);
    model.scheduler.advanceBy(60_000);
    await drs.whenIdle();
    expect(drs.status('backup')).toMatchObject({ state: 'TIMEOUT', message: DRS_MESSAGES.timedOut });
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupFailure')).toBe(true);
  });

  it('fails with DRFSftpFailure and DRFBackupFailure when the server is full', async () => {
    mem.quotaBytes = 30_000;
    drs.startBackup('dev1', ['IM&P']);
    await runUntilIdle(model, drs);
    const s = drs.status('backup')!;
    expect(s.state).toBe('ERROR');
    expect(s.message).toContain('No space left on device');
    expect(model.alarms.isActive('cucm-pub', 'DRFSftpFailure')).toBe(true);
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupFailure')).toBe(true);
    expect(drs.history('backup')[0]!.featuresFailed).toEqual(['IM&P']);
  });

  it('raises DRFBackupDeviceError when the server is unreachable, and clears failures after a success', async () => {
    mem.fault = 'unreachable';
    drs.startBackup('dev1', ['PLM']);
    await runUntilIdle(model, drs);
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupDeviceError')).toBe(true);
    mem.fault = undefined;
    drs.startBackup('dev1', ['PLM']);
    await runUntilIdle(model, drs);
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupDeviceError')).toBe(false);
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupFailure')).toBe(false);
  });

  it(`keeps the last ${HISTORY_LIMIT} jobs and the device's number of backups`, async () => {
    for (let i = 0; i < HISTORY_LIMIT + 2; i++) {
      drs.startBackup('dev1', ['PLM']);
      await runUntilIdle(model, drs);
      model.scheduler.advanceBy(1000);
    }
    const h = drs.history('backup');
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0]!.completedMs).toBeGreaterThan(DRS_TEST_START + 60_000);
    expect(await drs.listBackups('dev1')).toHaveLength(2);
    expect(drs.estimateTarSize(['PLM'])).toBe(h.at(-1)!.bytesByFeature['PLM']);
    expect(drs.estimateTarSize(['UCM'])).toBeUndefined();
  });

  it('skips servers that are unreachable at backup time', () => {
    model.setIsolated('imp-sub1', true);
    const s = drs.startBackup('dev1', ['IM&P']);
    expect(s.rows.some((r) => r.node === 'imp-sub1')).toBe(false);
    expect(s.rows.some((r) => r.node === 'imp-pub')).toBe(true);
    drs.dispose();
  });

  it('refuses unknown or missing features and devices', async () => {
    expect(() => drs.startBackup('dev1', [])).toThrow(DRS_MESSAGES.noFeature);
    expect(model.alarms.isActive('cucm-pub', 'DRFNoRegisteredFeature')).toBe(true);
    expect(() => drs.startBackup('dev1', ['NOPE'])).toThrow(/not registered/);
    expect(() => drs.startBackup('nodev', ['UCM'])).toThrow(/does not exist/);
    mem.fault = 'auth';
    const err = await rejection(drs.addDevice({ ...DEVICE, name: 'dev2' }));
    expect(err.alarm).toBe('DRFBackupDeviceError');
    expect(err.message).toMatch(/authentication failed/);
  });
});

describe('DrsSystem restore (virtual clock, in-memory server)', () => {
  let model: ClusterModel;
  let mem: MemoryBackupTransport;
  let drs: DrsSystem;
  let name: string;

  beforeEach(async () => {
    model = smallDrsCluster();
    mem = new MemoryBackupTransport();
    drs = new DrsSystem(model, { transport: mem });
    await drs.addDevice(DEVICE);
    name = drs.startBackup('dev1', ['IM&P', 'PLM']).tarFilename;
    await runUntilIdle(model, drs);
  });
  afterEach(() => {
    drs.dispose();
    model.dispose();
  });

  it('restores the selected servers with progress, then DRFRestoreCompleted', async () => {
    expect(await drs.listBackups('dev1')).toEqual([name.replace('.tar', '')]);
    const s = await drs.startRestore({ device: 'dev1', tarFilename: name, servers: ['imp-pub', 'imp-sub1'], features: ['IM&P'], integrityCheck: true });
    expect(s.rows.every((r) => r.feature === 'IM&P')).toBe(true);
    await runUntilIdle(model, drs);
    expect(drs.status('restore')).toMatchObject({ state: 'SUCCESS', percentage: 100, message: DRS_MESSAGES.restoreDone });
    expect(drs.history('restore')[0]).toMatchObject({ result: 'SUCCESS', featuresDone: ['IM&P'] });
  });

  it('refuses a wrong security password with the guide message and DRFRestoreFailure', async () => {
    const err = await rejection(drs.startRestore({ device: 'dev1', tarFilename: name, servers: ['imp-pub'], securityPassword: 'NotTheOne99' }));
    expect(err.message).toBe(DRS_MESSAGES.securityPassword);
    expect(model.alarms.isActive('cucm-pub', 'DRFRestoreFailure')).toBe(true);
    expect(drs.busy).toBe(false);
  });

  it('refuses a version mismatch and an IP mismatch on another cluster', async () => {
    const other = smallDrsCluster({ version: '14.0.1.12900-2' });
    const drs2 = new DrsSystem(other, { transport: mem });
    await drs2.addDevice(DEVICE);
    const err = await rejection(drs2.startRestore({ device: 'dev1', tarFilename: name, servers: ['imp-pub'] }));
    expect(err.message).toBe(DRS_MESSAGES.versionMismatch('14.0.1.11900-4', '14.0.1.12900-2'));
    expect(other.alarms.isActive('cucm-pub', 'DRFRestoreFailure')).toBe(true);
    drs2.dispose();
    other.dispose();
    const moved = smallDrsCluster({
      nodes: [
        { name: 'cucm-pub', role: 'cucm-publisher', ova: 5000, ipAddress: '127.0.10.11' },
        { name: 'imp-pub', role: 'imp-publisher', ova: 5000, ipAddress: '127.0.10.99' },
        { name: 'imp-sub1', role: 'imp-subscriber', ova: 5000, ipAddress: '127.0.10.13' },
      ],
    });
    const drs3 = new DrsSystem(moved, { transport: mem });
    await drs3.addDevice(DEVICE);
    expect((await rejection(drs3.startRestore({ device: 'dev1', tarFilename: name, servers: ['imp-pub'] }))).message).toMatch(/IP address of imp-pub/);
    drs3.dispose();
    moved.dispose();
  });

  it('blocks a directory traversal with DRFSecurityViolation', async () => {
    const err = await rejection(drs.startRestore({ device: 'dev1', tarFilename: '../../etc/passwd', servers: ['imp-pub'] }));
    expect(err.alarm).toBe('DRFSecurityViolation');
    expect(model.alarms.isActive('cucm-pub', 'DRFSecurityViolation')).toBe(true);
  });

  it('one-step restore: publisher becomes cluster aware after 5 minutes, refusing jobs meanwhile', async () => {
    expect(await drs.prepareOneStepRestore({ device: 'dev1', tarFilename: name })).toBe(DRS_MESSAGES.oneStepWait);
    expect(() => drs.startBackup('dev1', ['PLM'])).toThrow(DrsError);
    model.scheduler.advanceBy(5 * 60_000);
    expect(drs.oneStepState()).toEqual({ state: 'ready', message: DRS_MESSAGES.oneStepReady });
    model.powerOff('imp-sub1');
    await drs.prepareOneStepRestore();
    model.scheduler.advanceBy(5 * 60_000);
    expect(drs.oneStepState()).toEqual({ state: 'failed', message: DRS_MESSAGES.oneStepFailed });
  });
});
