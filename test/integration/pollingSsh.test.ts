import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHaStatus } from '../../main/core/polling/ssh/parsers/haStatus.js';
import { parseServiceList } from '../../main/core/polling/ssh/parsers/serviceList.js';
import { parseShowPerf } from '../../main/core/polling/ssh/parsers/showPerf.js';
import { fetchSshHostKeyFingerprint, SshCliSession, type SshTarget } from '../../main/core/polling/ssh/sshCliSession.js';
import { SshSessionPool } from '../../main/core/polling/ssh/sshSessionPool.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';

// Issue 4: the admin CLI over real SSH to the simulated cluster (keyboard-interactive, prompt, pagination).
let cluster: SimCluster;
let other: SimCluster;
let pool: SshSessionPool;

const target = (c: SimCluster, node: string, over: Partial<SshTarget> = {}): SshTarget => {
  const e = c.endpoints().nodes.find((n) => n.name === node)!;
  return { cluster: 'imp-cluster', node, host: e.ssh.host, port: e.ssh.port, username: e.ssh.username, password: e.ssh.password, hostKeyFingerprint: e.hostKeyFingerprint, readyTimeoutMs: 3000, commandTimeoutMs: 5000, ...over };
};

beforeAll(async () => {
  cluster = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0 });
  other = await startSimCluster({ profile: { ...loadProfile(), name: 'other-cluster' }, seed: 1, speed: 0, basePort: 0 });
  pool = new SshSessionPool();
});

afterAll(async () => {
  pool?.dispose();
  await other?.dispose();
  await cluster?.dispose();
});

describe('admin CLI over SSH', () => {
  it('the fingerprint fetched for pinning is the one the node has', async () => {
    const t = target(cluster, 'imp-pub');
    const fp = await fetchSshHostKeyFingerprint(t.host, t.port, 'imp-pub');
    expect(fp).toEqual({ ok: true, fingerprint: t.hostKeyFingerprint });
  });

  it('runs utils service list and shows a service stopped in the model', async () => {
    const t = target(cluster, 'imp-sub1');
    const before = await pool.run(t, 'utils service list');
    expect(before.ok).toBe(true);
    const services = parseServiceList(before.ok ? before.output : '');
    const node = cluster.model.node('imp-sub1');
    expect(services.length).toBe(node.services.list().length);
    expect(services.find((s) => s.name === 'Cisco Presence Engine')?.status).toBe('Started');
    node.services.stop('Cisco Presence Engine');
    cluster.model.runUntil(cluster.model.now() + 60_000);
    const after = await pool.run(t, 'utils service list');
    expect(parseServiceList(after.ok ? after.output : '').find((s) => s.name === 'Cisco Presence Engine')?.status).toBe('Stopped');
    expect(pool.size).toBe(1);
  });

  it('show perf and utils ha status parse from the live CLI', async () => {
    const t = target(cluster, 'imp-pub');
    const perf = await pool.run(t, 'show perf query counter "Cisco Presence Engine" ActiveJsmSessions');
    const values = parseShowPerf(perf.ok ? perf.output : '');
    expect(values).toEqual([{ object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions', value: Math.floor(cluster.model.node('imp-pub').sessions.activeJsmSessions) }]);
    const ha = await pool.run(t, 'utils ha status');
    const groups = parseHaStatus(ha.ok ? ha.output : '');
    expect(groups.map((g) => g.nodes.map((n) => n.name))).toContainEqual(['imp-pub', 'imp-sub1']);
  });

  it('pagination is off: a long output arrives whole without the pager prompt', async () => {
    const r = await pool.run(target(cluster, 'imp-pub'), 'show perf query class Processor');
    expect(r.ok && r.output).not.toMatch(/options: q=quit/);
    expect(parseShowPerf(r.ok ? r.output : '').length).toBeGreaterThan(20);
  });

  it('refuses a changed host key before logging in', async () => {
    const pinned = target(cluster, 'imp-pub').hostKeyFingerprint;
    const impostor = target(other, 'imp-pub', { hostKeyFingerprint: pinned });
    expect(impostor.hostKeyFingerprint).toBe(pinned);
    const r = await SshCliSession.connect(impostor);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('POLL_AUTH');
    expect(r.error.message).toMatch(/host key for imp-pub changed/);
    const unpinned = await SshCliSession.connect(target(cluster, 'imp-pub', { hostKeyFingerprint: undefined }));
    expect(unpinned.ok ? undefined : unpinned.error.code).toBe('POLL_AUTH');
  });

  it('wrong credentials are POLL_AUTH, a closed port POLL_CONNECT', async () => {
    const wrong = await SshCliSession.connect(target(cluster, 'imp-pub', { password: 'nope' }));
    expect(wrong.ok ? undefined : wrong.error.code).toBe('POLL_AUTH');
    const closed = await SshCliSession.connect(target(cluster, 'imp-pub', { port: 1 }));
    expect(closed.ok ? undefined : closed.error.code).toBe('POLL_CONNECT');
  });

  it('a powered-off node times out, and the pool reconnects after power on', async () => {
    const t = target(cluster, 'imp-sub3');
    expect((await pool.run(t, 'show status')).ok).toBe(true);
    cluster.model.powerOff('imp-sub3');
    cluster.model.runUntil(cluster.model.now() + 2000);
    const off = await pool.run(t, 'show status');
    expect(off.ok ? undefined : off.error.code).toBe('POLL_TIMEOUT');
    cluster.model.powerOn('imp-sub3');
    cluster.model.runUntil(cluster.model.now() + 30 * 60_000);
    // The timed-out session was dropped; the next run reconnects.
    const back = await pool.run(t, 'show status');
    expect(back.ok).toBe(true);
  });
});
