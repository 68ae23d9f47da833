import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSftpBackupServer, type SftpBackupServer } from '../../main/core/simulator/endpoints/sftpBackup/sftpBackupServer.js';
import { deriveHostKey } from '../../main/core/simulator/endpoints/ssh/hostKey.js';
import type { AlarmEvent } from '../../main/core/simulator/model/alarms/alarmCenter.js';
import { ClusterModel } from '../../main/core/simulator/model/clusterModel.js';
import { DrsError } from '../../main/core/simulator/model/drs/drsErrors.js';
import { DRS_MESSAGES } from '../../main/core/simulator/model/drs/drsMessages.js';
import { SftpBackupTransport } from '../../main/core/simulator/model/drs/drsSftpClient.js';
import { DrsSystem } from '../../main/core/simulator/model/drs/drsSystem.js';
import { DRS_TEST_START, runUntilIdle } from '../../main/core/simulator/model/drs/drsTestCluster.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import type { SimProfile } from '../../main/core/simulator/profile/profileSchema.js';

const USER = 'drsbackup';
const PASSWORD = 'Backup123!';

/** Lists a directory and reads files with ssh2's SFTP client (a client this project did not write). */
function sftpSession<T>(server: SftpBackupServer, work: (sftp: ssh2.SFTPWrapper) => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.on('error', reject);
    client.on('ready', () =>
      client.sftp((err, sftp) => {
        if (err) return reject(err);
        work(sftp).then(
          (v) => {
            client.end();
            resolve(v);
          },
          (e: unknown) => {
            client.end();
            reject(e instanceof Error ? e : new Error(String(e)));
          },
        );
      }),
    );
    client.connect({ host: server.host, port: server.port, username: USER, password: PASSWORD });
  });
}

const readdir = (sftp: ssh2.SFTPWrapper, p: string): Promise<string[]> =>
  new Promise((res, rej) => sftp.readdir(p, (e, list) => (e ? rej(e) : res(list.map((x) => x.filename).sort()))));
const readFile = (sftp: ssh2.SFTPWrapper, p: string): Promise<Buffer> => new Promise((res, rej) => sftp.readFile(p, (e, b) => (e ? rej(e) : res(b))));

describe('DRS backup and restore against the simulated SFTP backup server', () => {
  let work: string;
  let server: SftpBackupServer;
  let profile: SimProfile;
  let transport: SftpBackupTransport;
  const opened: Array<{ model: ClusterModel; drs: DrsSystem }> = [];

  async function cluster(overrides: Partial<SimProfile> = {}): Promise<{ model: ClusterModel; drs: DrsSystem; alarms: AlarmEvent[] }> {
    const model = new ClusterModel({ ...profile, ...overrides }, { seed: 11, startMs: DRS_TEST_START, tickSec: 60 });
    const drs = new DrsSystem(model, { transport });
    const alarms: AlarmEvent[] = [];
    model.alarms.onDidAlarm((e) => alarms.push(e));
    opened.push({ model, drs });
    await drs.addDevice({ name: 'remote', host: 'backup-server', path: '/drs', username: USER, password: PASSWORD, backupsToKeep: 3 });
    return { model, drs, alarms };
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'drs-int-'));
    server = await startSftpBackupServer({ hostKey: deriveHostKey('backup-server'), credentials: [{ username: USER, password: PASSWORD }], rootDir: join(work, 'store') });
    await sftpSession(server, (sftp) => new Promise<void>((res, rej) => sftp.mkdir('/drs', (e) => (e ? rej(e) : res()))));
    transport = new SftpBackupTransport({ resolve: (h) => (h === 'backup-server' ? { host: server.host, port: server.port } : undefined) });
    profile = loadProfile();
  });
  afterAll(async () => {
    for (const o of opened) {
      o.drs.dispose();
      o.model.dispose();
    }
    await server.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  let backupName = '';

  it('backs up the default cluster: encrypted component tars and the descriptor arrive over SFTP', async () => {
    const { model, drs, alarms } = await cluster();
    const started = drs.startBackup('remote', drs.features());
    backupName = started.tarFilename.replace('.tar', '');
    await runUntilIdle(model, drs, 10_000);
    const status = drs.status('backup')!;
    expect(status.state).toBe('SUCCESS');
    expect(alarms.map((a) => a.definition.name)).toContain('DRFBackupCompleted');

    const { names, contents } = await sftpSession(server, async (sftp) => {
      expect(await readdir(sftp, '/drs')).toEqual([backupName]);
      const names = await readdir(sftp, `/drs/${backupName}`);
      const contents = new Map<string, Buffer>();
      for (const n of names) contents.set(n, await readFile(sftp, `/drs/${backupName}/${n}`));
      return { names, contents };
    });
    expect(names).toContain(`${backupName}_drfComponent.xml`);
    expect(names).toContain(`${backupName}_imp-sub3_IM&P_IMDB.tar`);
    expect(names).toContain(`${backupName}_cucm-pub_UCM_CCMDB.tar`);
    expect(names.filter((n) => n.endsWith('.tar'))).toHaveLength(status.rows.length);
    const userid = model.users.users[42]!.userid;
    const cupdb = contents.get(`${backupName}_imp-pub_IM&P_CUPDB.tar`)!;
    // Size grows with the cluster: every one of the 6,000 users is in the database component.
    expect(cupdb.length).toBeGreaterThan(model.users.users.length * 50);
    for (const [n, b] of contents) {
      if (!n.endsWith('.tar')) continue;
      expect(b.includes(userid), `${n} holds plaintext`).toBe(false);
      expect(b.includes('ustar'), `${n} is an unencrypted tar`).toBe(false);
    }
    const xml = contents.get(`${backupName}_drfComponent.xml`)!.toString();
    expect(xml).toContain('version="14.0.1.11900-4"');
    expect(xml).toContain('hostname="imp-sub2" ip="127.0.10.14"');
    expect(xml).not.toContain(profile.securityPassword);
  });

  it('restores that backup on the IM&P nodes', async () => {
    const { model, drs, alarms } = await cluster();
    expect(await drs.listBackups('remote')).toEqual([backupName]);
    await drs.startRestore({ device: 'remote', tarFilename: `${backupName}.tar`, servers: ['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3'], features: ['IM&P'], integrityCheck: true });
    await runUntilIdle(model, drs, 10_000);
    expect(drs.status('restore')).toMatchObject({ state: 'SUCCESS', percentage: 100 });
    expect(alarms.map((a) => a.definition.name)).toContain('DRFRestoreCompleted');
  });

  it('refuses a restore with another cluster security password, with the guide message and DRFRestoreFailure', async () => {
    const { model, drs } = await cluster({ securityPassword: 'Changed-Since-Backup1' });
    const err = await drs.startRestore({ device: 'remote', tarFilename: `${backupName}.tar`, servers: ['imp-pub'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DrsError);
    expect((err as DrsError).message).toBe(DRS_MESSAGES.securityPassword);
    expect(model.alarms.isActive('cucm-pub', 'DRFRestoreFailure')).toBe(true);
    // Knowing the password in effect at backup time makes the same restore pass (guide L10042).
    await drs.startRestore({ device: 'remote', tarFilename: `${backupName}.tar`, servers: ['imp-pub'], features: ['IM&P'], securityPassword: profile.securityPassword });
    await runUntilIdle(model, drs, 10_000);
    expect(drs.status('restore')!.state).toBe('SUCCESS');
    expect(model.alarms.isActive('cucm-pub', 'DRFRestoreFailure')).toBe(false);
  });

  it('refuses a restore onto another software version with the guide message and DRFRestoreFailure', async () => {
    const { model, drs } = await cluster({ version: '14.0.1.12900-2' });
    const err = await drs.startRestore({ device: 'remote', tarFilename: `${backupName}.tar`, servers: ['imp-pub'] }).catch((e: unknown) => e);
    expect((err as DrsError).message).toBe(DRS_MESSAGES.versionMismatch('14.0.1.11900-4', '14.0.1.12900-2'));
    expect(model.alarms.isActive('cucm-pub', 'DRFRestoreFailure')).toBe(true);
  });

  it('fails with DRFSftpFailure and DRFBackupFailure when the server is full', async () => {
    const { model, drs } = await cluster();
    model.scheduler.advanceBy(3600_000); // a backup name of its own (the first test's folder exists)
    server.setQuota(server.usedBytes() + 1024 * 1024);
    server.fill();
    try {
      drs.startBackup('remote', ['IM&P']);
      await runUntilIdle(model, drs, 10_000);
    } finally {
      server.unfill();
      server.setQuota(Infinity);
    }
    const s = drs.status('backup')!;
    expect(s.state).toBe('ERROR');
    expect(s.message).toContain('No space left on device');
    expect(model.alarms.isActive('cucm-pub', 'DRFSftpFailure')).toBe(true);
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupFailure')).toBe(true);
  });

  it('rejects a device with a wrong password (DRFBackupDeviceError)', async () => {
    const { model, drs } = await cluster();
    const err = await drs.addDevice({ name: 'wrong', host: 'backup-server', path: '/drs', username: USER, password: 'nope' }).catch((e: unknown) => e);
    expect((err as DrsError).alarm).toBe('DRFBackupDeviceError');
    expect(model.alarms.isActive('cucm-pub', 'DRFBackupDeviceError')).toBe(true);
  });
});
