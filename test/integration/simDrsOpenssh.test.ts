/**
 * The simulated cluster's DRS against a real SFTP server: Debian's OpenSSH sshd (test/helpers/opensshServer.ts) as
 * the backup device, added with its host:port over the simulated CUCM publisher's admin CLI (real SSH exec
 * sessions, answers on stdin). A backup lands on sshd; users and services changed afterwards come back after a
 * restore read from there (the admin CLI shows it: `utils service list` and the "Cisco Presence Engine"
 * ActiveJsmSessions counter); a wrong cluster security password and a version mismatch are refused with the
 * guide's words and raise DRFRestoreFailure.
 * The simulator runs at a high speed, so each backup/restore takes seconds.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRS_MESSAGES } from '../../main/core/simulator/model/drs/drsMessages.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { opensshServerSkipReason, startOpensshServer, type OpensshServer } from '../helpers/opensshServer.js';
import { until } from '../helpers/until.js';

const skip = opensshServerSkipReason();

/** Runs one admin CLI command over an SSH exec channel, answering its questions from `answers` (stdin lines). */
function execCli(cluster: SimCluster, node: string, command: string, answers: readonly string[] = []): Promise<string> {
  const ep = cluster.endpoints().nodes.find((n) => n.name === node)!;
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    let out = '';
    client.on('error', reject);
    client.on('ready', () => {
      client.exec(command, (err, ch) => {
        if (err) {
          client.end();
          reject(err);
          return;
        }
        ch.on('data', (d: Buffer) => (out += d.toString('utf8')));
        ch.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
        ch.on('close', () => {
          client.end();
          resolve(out.replace(/\r\n/g, '\n'));
        });
        ch.end(answers.map((a) => `${a}\n`).join(''));
      });
    });
    client.connect({ host: ep.ssh.host, port: ep.ssh.port, username: ep.ssh.username, password: ep.ssh.password, readyTimeout: 20_000 });
  });
}

describe.skipIf(skip)('simulated DRS with an OpenSSH sshd as the backup device', () => {
  let cluster: SimCluster;
  let sshd: OpensshServer;
  let tar = '';
  let password = '';
  const cucm = (cmd: string, answers: readonly string[] = []): Promise<string> => execCli(cluster, 'cucm-pub', `utils disaster_recovery ${cmd}`, answers);
  const idle = (op: 'backup' | 'restore'): Promise<true> =>
    until(`the ${op} to finish`, async () => (/^Status: (SUCCESS|ERROR|CANCELLED|TIMEOUT) /m.test(await cucm(`status ${op}`)) ? true : undefined), 120_000);

  beforeAll(async () => {
    sshd = await startOpensshServer();
    cluster = await startSimCluster({ profile: loadProfile(), speed: 100, basePort: 0, seed: 3 });
    password = cluster.profile.securityPassword;
  }, 60_000);

  afterAll(async () => {
    await cluster?.dispose();
    await sshd?.dispose();
  });

  it('adds sshd as a device by host:port and a backup of every feature lands there', async () => {
    const added = await cucm(`device add network "OpenSSH Device" ${sshd.uploadDir} ${sshd.host}:${sshd.port} ${sshd.username} 3`, [sshd.password]);
    expect(added).toContain('Device added successfully.');
    expect(await cucm('device list detail')).toMatch(new RegExp(`^OpenSSH Device +NETWORK +${sshd.host.replace(/\./g, '\\.')} +${sshd.port} +${sshd.uploadDir}`, 'm'));
    expect(await cucm('backup network UCM,IM&P "OpenSSH Device"')).toContain('Backup initiated successfully.');
    await idle('backup');
    const status = await cucm('status backup');
    expect(status).toMatch(/^Status: SUCCESS /m);
    tar = /^Tar Filename: (\S+)$/m.exec(status)![1]!;
    const folder = join(sshd.uploadDir, tar.replace(/\.tar$/, ''));
    const files = readdirSync(folder);
    expect(files).toContain(`${tar.replace(/\.tar$/, '')}_drfComponent.xml`);
    expect(files.filter((f) => f.endsWith('.tar')).length).toBeGreaterThan(20);
    expect(await cucm('show_backupfiles "OpenSSH Device"')).toContain(tar.replace(/\.tar$/, ''));
    expect(await cucm(`show_backupinfo "OpenSSH Device" ${tar}`)).toMatch(/^CCMDB: yes$/m);
    // The component log the status names opens on its node.
    const log = /^UCM +cucm-pub +CCMDB +SUCCESS .* (activelog\/\S+)$/m.exec(status)![1]!;
    expect(await execCli(cluster, 'cucm-pub', `file view ${log.replace('/', ' ')}`)).toContain('Backup of UCM/CCMDB completed');
  }, 180_000);

  it('a wrong cluster security password is refused with the guide words and raises DRFRestoreFailure', async () => {
    cluster.model.alarms.clearAll('cucm-pub', 'DRFRestoreFailure');
    const out = await cucm(`restore network imp-pub ${tar} "OpenSSH Device"`, ['IM&P', 'not-the-password', 'n', 'n']);
    expect(out).toContain(`drfCliMsg: Restore check securityPassword: FAILED: ${DRS_MESSAGES.securityPassword}`);
    expect(out).toContain('Executed command unsuccessfully');
    expect(out).not.toContain('not-the-password');
    expect(cluster.model.alarms.isActive('cucm-pub', 'DRFRestoreFailure')).toBe(true);
  }, 60_000);

  it('users and services changed after the backup are back after a restore from sshd', async () => {
    const model = cluster.model;
    const users = model.users.users.length;
    const sub = model.impNodes().find((n) => n.role === 'imp-subscriber')!.name;
    const imp = model.impPublisher().name;
    model.users.users.splice(users - 10, 10);
    for (const u of model.users.homedOn(sub)) u.homeNode = imp;
    model.node(sub).services.setActivated('Cisco XCP Text Conference Manager', false);
    const jsm = async (): Promise<number> => Number(/ActiveJsmSessions\s*[:=]\s*(\d+)/.exec(await execCli(cluster, sub, 'show perf query counter "Cisco Presence Engine" ActiveJsmSessions'))?.[1] ?? NaN);
    await until('the subscriber to lose its JSM sessions', async () => ((await jsm()) === 0 ? true : undefined));
    // Deactivating stops the service first (STOPPING, then STOPPED in virtual time): wait until the node lists it so.
    await until('the service listed as not activated', async () => ((await execCli(cluster, sub, 'utils service list')).includes('Cisco XCP Text Conference Manager[STOPPED]  Service Not Activated') ? true : undefined));

    const servers = ['cucm-pub', ...model.impNodes().map((n) => n.name)].join(',');
    const out = await cucm(`restore network ${servers} ${tar} "OpenSSH Device"`, ['', password, '', 'y', 'y']);
    expect(out).toContain('drfCliMsg: Restore check securityPassword: PASSED');
    expect(out).toContain(DRS_MESSAGES.restoreInitiated);
    await idle('restore');
    expect(await cucm('status restore')).toMatch(/^Status: SUCCESS /m);
    expect(model.users.users.length).toBe(users);
    expect(model.users.homedOn(sub).length).toBeGreaterThan(0);
    expect(await execCli(cluster, sub, 'utils service list')).toContain('Cisco XCP Text Conference Manager[STARTED]');
    await until('the subscriber JSM sessions to come back', async () => ((await jsm()) > 0 ? true : undefined));
    expect(await cucm('history restore')).toMatch(new RegExp(`^${tar.replace(/\./g, '\\.')} +OpenSSH Device +.* SUCCESS `, 'm'));
  }, 180_000);

  it('a backup of another version is refused (version mismatch) and raises DRFRestoreFailure', async () => {
    const name = tar.replace(/\.tar$/, '');
    const file = join(sshd.uploadDir, name, `${name}_drfComponent.xml`);
    const cucmVersion = cluster.model.node('cucm-pub').version;
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll(`version="${cucmVersion}"`, 'version="12.5.1.10000-22"'));
    cluster.model.alarms.clearAll('cucm-pub', 'DRFRestoreFailure');
    const out = await cucm(`restore network cucm-pub ${tar} "OpenSSH Device"`, ['UCM', password, '', 'n', 'n']);
    expect(out).toContain(`drfCliMsg: Restore check version: FAILED: ${DRS_MESSAGES.versionMismatch('12.5.1.10000-22', cucmVersion)}`);
    expect(out).toContain('Executed command unsuccessfully');
    expect(cluster.model.alarms.isActive('cucm-pub', 'DRFRestoreFailure')).toBe(true);
  }, 60_000);

  it('in an interactive shell (pty) the security password is not echoed', async () => {
    const ep = cluster.endpoints().nodes.find((n) => n.name === 'cucm-pub')!;
    const out = await new Promise<string>((resolve, reject) => {
      const client = new ssh2.Client();
      let text = '';
      client.on('error', reject);
      client.on('ready', () => {
        client.shell({ term: 'vt100', cols: 200, rows: 50 }, (err, ch) => {
          if (err) {
            client.end();
            reject(err);
            return;
          }
          const answers = ['IM&P', 'Typed-Secret-42', 'n', 'n'];
          let sent = false;
          ch.on('data', (d: Buffer) => {
            text += d.toString('utf8');
            if (!sent && text.endsWith('admin:')) {
              sent = true;
              ch.write(`utils disaster_recovery restore network imp-pub ${tar} "OpenSSH Device"\r`);
            } else if (/(\(y\/n\): |taken: |restore\. Valid feature\(s\) for this backup are: [^\n]*\r?\n)$/.test(text) && answers.length > 0) {
              ch.write(`${answers.shift()!}\r`);
            } else if (text.includes('Executed command unsuccessfully')) {
              ch.end('exit\r');
            }
          });
          ch.on('close', () => {
            client.end();
            resolve(text.replace(/\r\n/g, '\n'));
          });
        });
      });
      client.connect({ host: ep.ssh.host, port: ep.ssh.port, username: ep.ssh.username, password: ep.ssh.password, readyTimeout: 20_000 });
    });
    expect(out).toContain('Valid feature(s) for this backup are: UCM,IM&P\nIM&P\n');
    expect(out).toContain('drfCliMsg: Restore check securityPassword: FAILED');
    expect(out).not.toContain('Typed-Secret-42');
  }, 60_000);
});
