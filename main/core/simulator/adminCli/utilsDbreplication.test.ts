import { afterEach, describe, expect, it } from 'vitest';
import type { ClusterModel } from '../model/clusterModel.js';
import { openCli, testModel } from './fixtures/cliHarness.js';

let model: ClusterModel;
afterEach(() => model?.dispose());

describe('utils dbreplication', () => {
  it('runtimestate shows every IM&P node in Setup Completed with group IDs matching the perfmon instances', async () => {
    model = testModel();
    const out = (await openCli(model, 'imp-pub').run('utils dbreplication runtimestate')).text;
    expect(out).toContain('No Errors or Mismatches found.');
    expect(out).toContain('Cluster Detailed View from imp-pub (4 Servers):');
    for (const n of model.impNodes()) {
      const group = model.counters(n.name).find((s) => s.counter === 'ReplicationQueueDepth')!.instance;
      expect(out).toMatch(new RegExp(`^${n.name} +${n.ipAddress.replace(/\./g, '\\.')} +[0-9.]+ +Y/Y/Y +0 +\\(${group}\\) +\\(2\\) Setup Completed$`, 'm'));
    }
  });

  it('shows broken replication on a node and the repair', async () => {
    model = testModel();
    const c = openCli(model, 'imp-pub');
    model.setReplicationBroken('imp-sub2', true);
    const broken = (await c.run('utils dbreplication runtimestate')).text;
    expect(broken).toContain('Errors or Mismatches Were Found!!!');
    expect(broken).toMatch(/^imp-sub2 .* 120 +\(g_\d+\) +\(4\) Setup Failed$/m);
    model.setReplicationBroken('imp-sub2', false);
    model.runUntil(model.now() + 61_000);
    expect((await c.run('utils dbreplication runtimestate')).text).toContain('No Errors or Mismatches found.');
  });

  it('status writes a ReplicationStatus file that file view shows, and runtimestate reports that check', async () => {
    model = testModel();
    model.setIsolated('imp-sub3', true);
    const c = openCli(model, 'imp-pub');
    const out = (await c.run('utils dbreplication status')).text;
    const m = /Please use "file view activelog (cm\/trace\/dbl\/sdi\/ReplicationStatus\.2026_11_25_10_00_00\.out) " command/.exec(out);
    expect(m).not.toBeNull();
    const view = (await c.run(`file view activelog ${m![1]}`)).text;
    expect(view).toContain('SERVER                 ID STATE    STATUS     QUEUE  CONNECTION CHANGED');
    expect(view).toMatch(/^g_3_ccm14_0_1_11900_4 +3 Active +Local +0/m);
    expect(view).toMatch(/^g_6_ccm14_0_1_11900_4 +6 Dropped +Timeout/m);
    expect((await c.run('utils dbreplication runtimestate')).text).toContain('Replication status command started at: 2026-11-25-10-00');
  });

  it('refuses on a single-node CUCM cluster and when the database is down', async () => {
    model = testModel();
    expect((await openCli(model, 'cucm-pub').run('utils dbreplication runtimestate')).text).toBe('Runtime state cannot be performed on a cluster with a single active node; aborting operation\n');
    model.node('imp-sub1').services.crash('A Cisco DB');
    expect((await openCli(model, 'imp-sub1').run('utils dbreplication runtimestate')).text).toBe('Cisco DB is not running\n');
  });
});
