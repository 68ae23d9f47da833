import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../clusterModel.js';
import { componentLogPath } from './componentLog.js';
import { DrsSystem } from './drsSystem.js';
import { runUntilIdle, smallDrsCluster } from './drsTestCluster.js';
import { MemoryBackupTransport } from './memoryBackupTransport.js';

describe('a restore applies its data', () => {
  let model: ClusterModel | undefined;
  let drs: DrsSystem | undefined;
  afterEach(() => {
    drs?.dispose();
    model?.dispose();
  });

  async function backedUp(): Promise<{ m: ClusterModel; d: DrsSystem; tar: string }> {
    model = smallDrsCluster();
    const mem = new MemoryBackupTransport();
    drs = new DrsSystem(model, { transport: mem });
    await drs.addDevice({ name: 'dev', host: 'backup.example.com', path: '/', username: 'u', password: 'p' });
    drs.startBackup('dev', ['UCM', 'IM&P']);
    await runUntilIdle(model, drs);
    return { m: model, d: drs, tar: drs.history('backup')[0]!.tarFilename };
  }

  it('from the backup file: deleted users come back, users added later go, home nodes and activation return', async () => {
    const { m, d, tar } = await backedUp();
    const before = m.users.users.map((u) => `${u.userid}@${u.homeNode}`);
    m.users.users.splice(0, 3);
    m.users.users.push({ ...m.users.users[0]!, index: 999, userid: 'later.user', uri: 'later.user@example.com' });
    for (const u of m.users.homedOn('imp-sub1')) u.homeNode = 'imp-pub';
    m.node('imp-pub').services.setActivated('Cisco XCP Message Archiver', true);
    await d.startRestore({ device: 'dev', tarFilename: tar, servers: ['cucm-pub', 'imp-pub', 'imp-sub1'] });
    await runUntilIdle(m, d);
    expect(d.status('restore')!.state).toBe('SUCCESS');
    expect(m.users.users.map((u) => `${u.userid}@${u.homeNode}`)).toEqual(before);
    expect(m.node('imp-pub').services.get('Cisco XCP Message Archiver')!.activated).toBe(false);
  });

  it('"Select Server Name": the publisher database comes from the running subscriber; restoring the first node means restarting every node', async () => {
    const { m, d, tar } = await backedUp();
    m.users.users.splice(0, 3);
    const live = m.users.users.map((u) => u.userid);
    await d.startRestore({ device: 'dev', tarFilename: tar, servers: ['cucm-pub'], features: ['UCM'], databaseFrom: 'imp-sub1' });
    await runUntilIdle(m, d);
    expect(m.users.users.map((u) => u.userid)).toEqual(live);
    const row = d.status('restore')!.rows.find((r) => r.component === 'CCMDB')!;
    expect(m.node('cucm-pub').logs.read(componentLogPath(row.logFile))!.toString()).toContain('Unified CM database pulled from subscriber imp-sub1');
    expect(d.nodesAwaitingRestart()).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1']);
    // A subscriber that is not running cannot be the source.
    m.powerOff('imp-sub1');
    const r = await d.checkRestore({ device: 'dev', tarFilename: tar, servers: ['cucm-pub'], features: ['UCM'], databaseFrom: 'imp-sub1' });
    expect(r.items.at(-1)).toEqual({ check: 'servers', ok: false, message: 'drfCliMsg: Subscriber imp-sub1 is not running; the publisher database can be restored only from a running subscriber.' });
    expect(m.alarms.isActive('cucm-pub', 'DRFRestoreFailure')).toBe(true);
  });

  it('after set password user security, old backups need the old password and new ones the new (L10042, L10130)', async () => {
    const { m, d, tar } = await backedUp();
    const old = m.profile.securityPassword;
    d.changeSecurityPassword(old, 'Changed-Secret9');
    const req = { device: 'dev', tarFilename: tar, servers: ['imp-pub'], features: ['IM&P'] };
    expect((await d.checkRestore({ ...req, securityPassword: 'Changed-Secret9' })).items.at(-1)).toMatchObject({ check: 'securityPassword', ok: false });
    expect((await d.checkRestore({ ...req, securityPassword: old })).checked).toBeDefined();
    m.scheduler.advanceBy(60_000);
    d.startBackup('dev', ['IM&P']);
    await runUntilIdle(m, d);
    const next = d.history('backup').at(-1)!.tarFilename;
    expect(next).not.toBe(tar);
    expect((await d.checkRestore({ ...req, tarFilename: next, securityPassword: old })).items.at(-1)).toMatchObject({ check: 'securityPassword', ok: false });
    expect((await d.checkRestore({ ...req, tarFilename: next, securityPassword: 'Changed-Secret9' })).checked).toBeDefined();
  });
});
