import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../clusterModel.js';
import { runDrsCommand } from './drsCli.js';
import { DRS_MESSAGES } from './drsMessages.js';
import { DrsSystem } from './drsSystem.js';
import { runUntilIdle, ScriptedIo, smallDrsCluster, waitForActiveComponent } from './drsTestCluster.js';
import { MemoryBackupTransport } from './memoryBackupTransport.js';

// The transcript is compared with fixtures/cliSession.txt; UPDATE_DRS_FIXTURES=1 rewrites it (review the diff).
const FIXTURE = fileURLToPath(new URL('./fixtures/cliSession.txt', import.meta.url));


describe('utils disaster_recovery CLI', () => {
  let model: ClusterModel | undefined;
  let drs: DrsSystem | undefined;
  afterEach(() => {
    drs?.dispose();
    model?.dispose();
  });

  it('answers a whole admin session as the fixture transcript', async () => {
    model = smallDrsCluster();
    const mem = new MemoryBackupTransport();
    drs = new DrsSystem(model, { transport: mem });
    const io = new ScriptedIo();
    const d = drs;
    const run = async (line: string, ...answers: string[]): Promise<void> => {
      io.answers.push(...answers);
      io.text += `admin:utils disaster_recovery ${line}\n`;
      await runDrsCommand(d, line.split(' '), io);
    };
    await run('status backup');
    await run('history backup');
    await run('device list');
    await run('device add network dev1 / backup.example.com drs 3', 'secret');
    await run('device add network bad.name / backup.example.com drs', 'secret');
    await run('device add network dev2 /backups backup.example.com drs 99', 'secret');
    await run('device list');
    await run('schedule add nightly dev1 UCM,IM&P 2026/11/26-02:00 daily');
    await run('schedule add weekly1 dev1 PLM 2026/11/28-03:00 weekly');
    await run('schedule add bad dev1 PLM 2026/13/28-03:00 weekly');
    await run('schedule enable nightly');
    await run('schedule list');
    await run('device delete dev1');
    await run('show_registration cucm-pub');
    await run('show_registration imp-sub1');
    await run('estimate_tar_size PLM');
    await run('backup network PLM dev1');
    await waitForActiveComponent(d);
    model.scheduler.advanceBy(5_000);
    await run('status backup');
    await run('backup network PLM dev1');
    await run('cancel_backup', 'n');
    await runUntilIdle(model, d);
    await run('status backup');
    await run('history backup');
    await run('estimate_tar_size PLM');
    await run('show_backupfiles dev1');
    await run('restore network cucm-pub 2026-11-25-10-00-00.tar dev1', '', model.profile.securityPassword, 'y', 'y');
    await runUntilIdle(model, d);
    await run('status restore');
    await run('history restore');
    await run('restore network cucm-pub ../../etc/passwd dev1');
    await run('backup network PLM');
    await run('status');
    await run('jschLogs operation enable');
    await run('prepare restore pub_from_sub');
    await run('frobnicate');
    if (process.env['UPDATE_DRS_FIXTURES'] === '1' || !existsSync(FIXTURE)) writeFileSync(FIXTURE, io.text);
    expect(io.text).toBe(readFileSync(FIXTURE, 'utf8'));
    expect(io.text).toContain(DRS_MESSAGES.noBackupStatus);
  });
});
