import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/ipc/contract.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { until } from '../helpers/until.js';

// The whole data plane behind the typed contract, against the embedded simulated cluster over real sockets:
// the simulated clock runs 20x faster so an HA failover finishes within the test.
describe('backend (DesktopApi over the collector and the simulated cluster)', () => {
  let backend: Backend;
  let api: DesktopApi;
  const dir = mkdtempSync(join(tmpdir(), 'imp-backend-'));

  beforeAll(async () => {
    backend = await createBackend({ stateDir: dir, simBasePort: 0, scenario: null, speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
    api = backend.api;
  });

  afterAll(async () => {
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the simulated cluster with every node up, HA state and replication', async () => {
    const nodes = await until('every node up with HA state', async () => {
      const [c] = await api.clusters.list();
      const imp = c?.nodes.filter((n) => n.role !== 'cucm-publisher') ?? [];
      return c && c.nodes.every((n) => n.reachability === 'up') && imp.every((n) => n.haState && n.replicationState === 2) ? c.nodes : undefined;
    });
    expect(nodes.map((n) => n.name).sort()).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
    const groups = await api.ha.groups('sim');
    expect(groups.map((g) => g.tableRow?.row)).toEqual([1, 1]);
    expect(groups[0]!.allowed.failover).toContain('imp-pub');
    const system = await until('uptime from SNMP', async () => { const s = await api.nodes.system('sim'); return s.every((n) => (n.uptimeSec ?? 0) > 0) ? s : undefined; });
    expect(system.find((n) => n.node === 'imp-pub')!.memoryUsedPercent).toBeLessThan(100);
  });

  it('stops a service through Control Center as a job with progress, and the next poll shows it', async () => {
    const job = await api.nodes.controlService({ cluster: 'sim', node: 'imp-sub2', service: 'Cisco XCP Web Connection Manager', action: 'stop' });
    expect(job.state).toBe('running');
    const done = await until('the stop job to finish', async () => (await api.jobs.list()).find((j) => j.id === job.id && j.state !== 'running'));
    expect(done.state).toBe('succeeded');
    const row = await until('the service Stopped', async () => (await api.nodes.services('sim', 'imp-sub2')).find((s) => s.name === 'Cisco XCP Web Connection Manager' && s.status === 'Stopped'));
    expect(row.status).toBe('Stopped');
  });

  it('runs a manual failover from the PRG commands and the pair moves to the guide states', async () => {
    const job = await api.ha.command({ cluster: 'sim', action: 'failover', target: 'imp-sub3' });
    await until('the failover job', async () => (await api.jobs.list()).find((j) => j.id === job.id && j.state === 'succeeded'));
    const group = await until('Subcluster-2 failed over', async () => {
      const g = (await api.ha.groups('sim')).find((x) => x.name === 'Subcluster-2');
      return g && [2, 3].includes(g.tableRow?.row ?? 0) ? g : undefined;
    }, 90_000);
    expect(group.nodes.find((n) => n.name === 'imp-sub3')!.reason).toBe('On Admin Request');
    // A second failover is refused with the guide's precondition.
    await expect(api.ha.command({ cluster: 'sim', action: 'failover', target: 'imp-sub3' })).rejects.toMatchObject({ code: 'PRECONDITION' });
  });

  it('keeps history: a counter charted over the last minutes has points, and CSV export has the RTMT header', async () => {
    const series = [{ cluster: 'sim', node: 'imp-pub', object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions' }];
    const data = await until('history points', async () => {
      const [d] = await api.perf.query({ series, fromMs: Date.now() - 600_000, toMs: Date.now(), maxPoints: 50 });
      return d && d.points.length >= 2 ? d : undefined;
    });
    expect(data.points.every(([, v]) => v > 0)).toBe(true);
    const csv = await api.perf.exportCsv({ series, fromMs: Date.now() - 600_000, toMs: Date.now() });
    expect(csv).toMatch(/^"\(PDH-CSV 4\.0\)/);
    expect(csv).toContain('\\\\imp-pub\\Cisco Presence Engine\\ActiveJsmSessions');
  });
});
