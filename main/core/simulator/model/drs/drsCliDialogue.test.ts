import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { tokenize } from '../../adminCli/commandLine.js';
import type { ClusterModel } from '../clusterModel.js';
import { componentLogPath } from './componentLog.js';
import { runDrsCommand } from './drsCli.js';
import { DrsSystem } from './drsSystem.js';
import { runUntilIdle, ScriptedIo, smallDrsCluster } from './drsTestCluster.js';
import { MemoryBackupTransport } from './memoryBackupTransport.js';

// The designed dialogue (design "CLI dialogue" 1-7) pinned as fixtures/dialogue.txt: HP's parsers are written
// against these texts. UPDATE_DRS_FIXTURES=1 rewrites it (review the diff).
const FIXTURE = fileURLToPath(new URL('./fixtures/dialogue.txt', import.meta.url));

describe('utils disaster_recovery designed dialogue', () => {
  let model: ClusterModel | undefined;
  let drs: DrsSystem | undefined;
  afterEach(() => {
    drs?.dispose();
    model?.dispose();
  });

  it('answers devices, schedules, backup info, restore checks and one-step restore as the fixture transcript', async () => {
    model = smallDrsCluster();
    const m = model;
    const mem = new MemoryBackupTransport();
    mem.dirs.add('/drs');
    drs = new DrsSystem(model, { transport: mem });
    const d = drs;
    const io = new ScriptedIo();
    const run = async (line: string, ...answers: string[]): Promise<void> => {
      io.answers.push(...answers);
      io.text += `admin:utils disaster_recovery ${line}\n`;
      const t = tokenize(line);
      if (!t.ok) throw new Error(t.error);
      await runDrsCommand(d, t.tokens, io);
      expect(io.answers).toEqual([]);
    };
    const password = model.profile.securityPassword;
    // 1-2: host:port, a quoted name with a space, replace on edit, the detail table.
    await run('device add network "My Device" /drs backup.example.com:2222 drs 3', 'secret');
    await run('device add network "My Device" /drs backup.example.com drs 4', 'secret');
    await run('device add network dev1 / 127.0.0.9:2022 drs', 'secret');
    await run('device add network dev2 / backup.example.com:70000 drs', 'secret');
    // 3-4: weekly days, refusals, the detail table.
    await run('schedule add weekly1 dev1 UCM,IM&P 2026/11/28-03:00 weekly mon,wed,fri');
    await run('schedule add daily1 "My Device" PLM 2026/11/26-02:00 daily');
    await run('schedule add bad1 dev1 PLM 2026/11/26-02:00 daily mon');
    await run('schedule add bad2 dev1 PLM 2026/11/26-02:00 weekly funday');
    await run('schedule enable weekly1');
    await run('device list');
    await run('device list detail');
    await run('device list details');
    await run('schedule list detail');
    await run('schedule list detail extra');
    // 5: a full backup and its descriptor.
    await run('backup network UCM,IM&P "My Device"');
    await runUntilIdle(model, d);
    const tar = `${d.history('backup')[0]!.tarFilename}`;
    await run('show_backupfiles "My Device"');
    await run(`show_backupinfo "My Device" ${tar}`);
    await run('show_backupinfo "My Device"');
    await run('show_backupinfo "My Device" 2020-01-01-00-00-00.tar');
    // Changes after the backup: users deleted and moved, a service deactivated and another activated.
    const users = model.users.users.length;
    model.users.users.splice(users - 5, 5);
    for (const u of model.users.homedOn('imp-sub1')) u.homeNode = 'imp-pub';
    model.node('imp-sub1').services.setActivated('Cisco XCP Text Conference Manager', false);
    model.node('imp-sub1').services.setActivated('Cisco XCP Message Archiver', true);
    // 6: input errors at once; a wrong security password; a publisher database from a non-subscriber; n; y.
    await run(`restore network nosuch ${tar} "My Device"`);
    await run('restore network cucm-pub 2026-13-01.tar "My Device"');
    await run(`restore network cucm-pub,imp-pub,imp-sub1 ${tar} "My Device"`, '', 'wrong-password', '', 'n');
    expect(model.alarms.active().some((a) => a.name === 'DRFRestoreFailure')).toBe(true);
    await run(`restore network cucm-pub,imp-pub,imp-sub1 ${tar} "My Device"`, 'UCM,IM&P', password, 'cucm-pub', 'y');
    await run(`restore network imp-pub,imp-sub1 ${tar} "My Device"`, 'IM&P', password, 'n', 'n');
    await run(`restore network cucm-pub,imp-pub,imp-sub1 ${tar} "My Device"`, '', password, '', 'y', 'y');
    await runUntilIdle(model, d);
    await run('status restore');
    // The restore applied its data: users, home nodes, service activation are as at backup time.
    expect(model.users.users.length).toBe(users);
    expect(model.users.homedOn('imp-sub1').length).toBeGreaterThan(0);
    expect(model.node('imp-sub1').services.get('Cisco XCP Text Conference Manager')!.activated).toBe(true);
    expect(model.node('imp-sub1').services.get('Cisco XCP Message Archiver')!.activated).toBe(false);
    expect(d.nodesAwaitingRestart()).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1']);
    // Every component log the status names exists on its node.
    for (const r of d.status('restore')!.rows) expect(model.node(r.node).logs.read(componentLogPath(r.logFile))?.toString()).toContain(`Restore of ${r.feature}/${r.component} completed`);
    // A version mismatch: the descriptor says another version.
    const descriptor = [...mem.files.keys()].find((k) => k.endsWith('_drfComponent.xml'))!;
    const cucmVersion = m.node('cucm-pub').version;
    mem.files.set(descriptor, Buffer.from(mem.files.get(descriptor)!.toString().replaceAll(`version="${cucmVersion}"`, 'version="12.5.1.10000-22"')));
    await run(`restore network cucm-pub ${tar} "My Device"`, 'UCM', password, '', 'n');
    // 7: one-step restore with the backup given, its status while preparing and when ready.
    await run('prepare status');
    await run(`prepare restore pub_from_sub "My Device" ${tar}`);
    await run('prepare status');
    model.scheduler.advanceBy(5 * 60_000);
    await run('prepare status');
    await run('prepare status now');
    await run('prepare restore pub_from_sub "My Device"');
    if (process.env['UPDATE_DRS_FIXTURES'] === '1' || !existsSync(FIXTURE)) writeFileSync(FIXTURE, io.text);
    expect(io.text).toBe(readFileSync(FIXTURE, 'utf8'));
    expect(io.text).not.toContain(password);
  });
});
