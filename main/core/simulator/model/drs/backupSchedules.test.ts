import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../clusterModel.js';
import { DEFAULT_WEEKDAYS, MAX_BACKUP_SCHEDULES, nextRunAt } from './backupSchedules.js';
import { DRS_MESSAGES } from './drsMessages.js';
import { DrsSystem } from './drsSystem.js';
import { DRS_TEST_START, runUntilIdle, smallDrsCluster } from './drsTestCluster.js';
import { MemoryBackupTransport } from './memoryBackupTransport.js';

const H = 3600_000;
const D = 24 * H;

describe('nextRunAt', () => {
  const start = DRS_TEST_START; // Wednesday 10:00 UTC
  it('daily runs every day at the start time', () => {
    const s = { startMs: start, frequency: 'daily' as const, weekdays: [] };
    expect(nextRunAt(s, start - 1)).toBe(start);
    expect(nextRunAt(s, start + 1)).toBe(start + D);
    expect(nextRunAt(s, start + 3 * D)).toBe(start + 3 * D);
  });
  it('weekly with Set Default skips Sunday and Monday (guide L10161)', () => {
    const s = { startMs: start, frequency: 'weekly' as const, weekdays: DEFAULT_WEEKDAYS };
    // Wed, Thu, Fri, Sat, then Tue.
    const runs: number[] = [];
    let t = start;
    for (let i = 0; i < 5; i++) {
      t = nextRunAt(s, t)!;
      runs.push(new Date(t).getUTCDay());
      t += 1;
    }
    expect(runs).toEqual([3, 4, 5, 6, 2]);
  });
  it('monthly clamps the 31st to short months', () => {
    const s = { startMs: Date.UTC(2026, 0, 31, 2), frequency: 'monthly' as const, weekdays: [] };
    expect(new Date(nextRunAt(s, Date.UTC(2026, 1, 1))!).toISOString()).toBe('2026-02-28T02:00:00.000Z');
    expect(new Date(nextRunAt(s, Date.UTC(2026, 2, 1))!).toISOString()).toBe('2026-03-31T02:00:00.000Z');
  });
  it('once runs only once', () => {
    const s = { startMs: start, frequency: 'once' as const, weekdays: [] };
    expect(nextRunAt(s, start)).toBe(start);
    expect(nextRunAt(s, start + 1)).toBeUndefined();
  });
});

describe('DRS schedules and devices', () => {
  let model: ClusterModel;
  let drs: DrsSystem;
  afterEach(() => {
    drs.dispose();
    model.dispose();
    expect(model.scheduler.pending).toBe(0);
  });

  const setup = async (): Promise<MemoryBackupTransport> => {
    model = smallDrsCluster();
    const mem = new MemoryBackupTransport();
    drs = new DrsSystem(model, { transport: mem });
    await drs.addDevice({ name: 'dev 1', host: '10.0.0.5:2222', path: '/', username: 'drs', password: 'pw', backupsToKeep: 14 });
    return mem;
  };

  it('fires an enabled daily schedule on the virtual clock, and not once disabled', async () => {
    await setup();
    drs.addSchedule({ name: 'nightly', device: 'dev 1', features: ['PLM'], startMs: DRS_TEST_START + 2 * H, frequency: 'daily' });
    model.scheduler.advanceBy(3 * H);
    expect(drs.history('backup')).toHaveLength(0);
    drs.enableSchedule('nightly');
    expect(drs.schedules()[0]!.nextRunMs).toBe(DRS_TEST_START + 2 * H + D);
    model.scheduler.advanceTo(DRS_TEST_START + 2 * H + D);
    expect(drs.status('backup')).toMatchObject({ state: 'RUNNING', kind: 'SCHEDULED', tarFilename: '2026-11-26-12-00-00.tar' });
    await runUntilIdle(model, drs);
    model.scheduler.advanceTo(DRS_TEST_START + 2 * H + 2 * D);
    await runUntilIdle(model, drs);
    expect(drs.history('backup').map((h) => [h.kind, h.result])).toEqual([
      ['SCHEDULED', 'SUCCESS'],
      ['SCHEDULED', 'SUCCESS'],
    ]);
    drs.disableSchedule('nightly');
    model.scheduler.advanceBy(3 * D);
    expect(drs.history('backup')).toHaveLength(2);
  });

  it(`caps schedules at ${MAX_BACKUP_SCHEDULES} and devices at 10; a device in a schedule cannot be deleted`, async () => {
    await setup();
    for (let i = 0; i < MAX_BACKUP_SCHEDULES; i++) drs.addSchedule({ name: `s${i}`, device: 'dev 1', features: ['UCM'], startMs: DRS_TEST_START, frequency: 'weekly' });
    expect(() => drs.addSchedule({ name: 'one-more', device: 'dev 1', features: ['UCM'], startMs: DRS_TEST_START, frequency: 'weekly' })).toThrow(DRS_MESSAGES.tooManySchedules);
    expect(() => drs.addSchedule({ name: 's0', device: 'dev 1', features: ['UCM'], startMs: DRS_TEST_START, frequency: 'weekly' })).toThrow(/already exists/);
    expect(() => drs.deleteDevice('dev 1')).toThrow(DRS_MESSAGES.deviceInSchedule('dev 1', 's0'));
    for (let i = 2; i <= 10; i++) await drs.addDevice({ name: `dev_${i}`, host: 'backup-host', path: '/', username: 'u', password: 'p' });
    await expect(drs.addDevice({ name: 'dev-11', host: 'backup-host', path: '/', username: 'u', password: 'p' })).rejects.toThrow(DRS_MESSAGES.tooManyDevices);
    drs.deleteDevice('dev_10');
    await drs.addDevice({ name: 'dev-11', host: 'backup-host', path: '/', username: 'u', password: 'p' });
    expect(drs.devices()).toHaveLength(10);
  });

  it('validates device fields as the guide says', async () => {
    const mem = await setup();
    const base = { name: 'ok', host: 'backup-host', path: '/', username: 'u', password: 'p' };
    await expect(drs.addDevice({ ...base, name: 'bad.name' })).rejects.toThrow(DRS_MESSAGES.badDeviceName);
    await expect(drs.addDevice({ ...base, host: 'bad host!' })).rejects.toThrow(/Host name\/IP Address/);
    await expect(drs.addDevice({ ...base, host: '300.1.1.1' })).rejects.toThrow(/Host name\/IP Address/);
    await expect(drs.addDevice({ ...base, path: 'relative' })).rejects.toThrow(/absolute directory path/);
    await expect(drs.addDevice({ ...base, path: '/a/../../etc' })).rejects.toThrow(DRS_MESSAGES.securityViolation);
    expect(model.alarms.isActive('cucm-pub', 'DRFSecurityViolation')).toBe(true);
    await expect(drs.addDevice({ ...base, username: '' })).rejects.toThrow(/User name/);
    await expect(drs.addDevice({ ...base, password: '' })).rejects.toThrow(/Password/);
    await expect(drs.addDevice({ ...base, path: '/missing' })).rejects.toThrow(/Unable to access device ok/);
    expect(mem.open_).toBe(0);
  });
});
