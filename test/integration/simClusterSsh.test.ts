import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { sftpBatch, sshExec, type SshTarget } from '../helpers/openssh.js';

// Issue 2: OpenSSH `ssh` and `sftp` against the simulated cluster's nodes (clients nobody here wrote).
describe('simulated cluster over OpenSSH', () => {
  let cluster: SimCluster;
  let pub: SshTarget;
  let dir: string;

  beforeAll(async () => {
    cluster = await startSimCluster({ profile: loadProfile(), seed: 7, speed: 0, basePort: 0, startMs: Date.UTC(2026, 10, 25, 9, 0, 0) });
    pub = cluster.endpoints().nodes.find((n) => n.name === 'imp-pub')!.ssh;
    dir = await mkdtemp(join(tmpdir(), 'imp-sftp-'));
  });

  afterAll(async () => {
    await cluster?.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs utils ha status showing both nodes of the pair in Normal', async () => {
    const r = await sshExec(pub, 'utils ha status');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Subcluster Name: DefaultCUPSubcluster');
    expect(r.stdout).toMatch(/Node 1 Name : imp-pub State: Normal/);
    expect(r.stdout).toMatch(/Node 2 Name : imp-sub1 State: Normal/);
  });

  it('runs utils service list and shows a service the model stopped', async () => {
    const before = await sshExec(pub, 'utils service list');
    expect(before.stdout).toMatch(/Cisco Presence Engine\s*\[STARTED\]/);
    cluster.model.node('imp-pub').services.stop('Cisco Presence Engine');
    cluster.model.runUntil(cluster.model.now() + 10_000);
    const after = await sshExec(pub, 'utils service list');
    expect(after.stdout).toMatch(/Cisco Presence Engine\s*\[STOPPED\]/);
    cluster.model.node('imp-pub').services.start('Cisco Presence Engine');
    cluster.model.runUntil(cluster.model.now() + 60_000);
  });

  it('runs utils dbreplication runtimestate with every IM&P node in state 2 (guide L2045-2066)', async () => {
    const r = await sshExec(pub, 'utils dbreplication runtimestate');
    expect(r.code).toBe(0);
    for (const node of cluster.model.impNodes()) expect(r.stdout).toMatch(new RegExp(`${node.name}\\s+.*\\(2\\) Setup Completed`));
    cluster.model.setReplicationBroken('imp-sub3', true);
    const broken = await sshExec(pub, 'utils dbreplication runtimestate');
    expect(broken.stdout).toMatch(/imp-sub3\s+.*\(4\)/);
    cluster.model.setReplicationBroken('imp-sub3', false);
    cluster.model.runUntil(cluster.model.now() + 120_000);
  });

  it('downloads a trace file with sftp whose bytes equal the model file', async () => {
    const path = '/epas/trace/xcp/log/rtr-jsm-1000001.log.gz';
    const r = await sftpBatch(pub, `get ${path} rtr.gz\n`, dir);
    expect(r.code).toBe(0);
    const got = await readFile(join(dir, 'rtr.gz'));
    expect(got.equals(cluster.model.node('imp-pub').logs.read(path)!)).toBe(true);
    expect(got.length).toBeGreaterThan(1000);
  });

  it('refuses a path outside the log tree', async () => {
    const r = await sftpBatch(pub, 'get ../../../../etc/passwd leaked\n', dir);
    expect(r.code).not.toBe(0);
    await expect(readFile(join(dir, 'leaked'))).rejects.toThrow();
  });
});
