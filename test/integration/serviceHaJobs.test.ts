import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/ipc/contract.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { until } from '../helpers/until.js';

// Control Center and HA jobs against the embedded simulated cluster, through its real ControlCenter SOAP endpoint
// and admin CLI over SSH (free ports, simulated clock 10x).
const XCP_DEPENDANTS = ['Cisco XCP Connection Manager', 'Cisco XCP Web Connection Manager', 'Cisco XCP Text Conference Manager', 'Cisco XCP File Transfer Manager', 'Cisco XCP Authentication Service'];

describe('Control Center and HA jobs (real SOAP and SSH endpoints of the simulated cluster)', () => {
  let backend: Backend;
  let api: DesktopApi;
  const dir = mkdtempSync(join(tmpdir(), 'imp-jobs-'));

  beforeAll(async () => {
    backend = await createBackend({ stateDir: dir, simBasePort: 0, scenario: null, speed: 10, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
    api = backend.api;
    await until('every node up with HA state', async () => {
      const [c] = await api.clusters.list();
      return c && c.nodes.every((n) => n.reachability === 'up') && c.nodes.filter((n) => n.role !== 'cucm-publisher').every((n) => n.haState === 'Normal') ? c : undefined;
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarting Cisco XCP Router brings back its five XCP dependants, shows the observed steps and succeeds only then', async () => {
    const job = await api.nodes.controlService({ cluster: 'sim', node: 'imp-sub3', service: 'Cisco XCP Router', action: 'restart' });
    expect(job.state).toBe('running');
    expect(job.progress).toBeUndefined();
    const done = await until('the restart job to end', async () => (await api.jobs.list()).find((j) => j.id === job.id && j.state !== 'running'));
    expect(done.problems).toBeUndefined();
    expect(done.state).toBe('succeeded');
    const steps = (done.steps ?? []).map((s) => `${s.key}:${s.state}`);
    expect(steps).toEqual(expect.arrayContaining(['requested:done', 'stopped:done', 'started:done', 'dependants:done', 'dependantsBack:done', 'verified:done']));
    // The dependants come back after the router is Started.
    expect(steps.indexOf('dependantsBack:done')).toBeGreaterThan(steps.indexOf('started:done'));
    expect(done.messageText).toEqual({ key: 'service.restartedWithDependants', params: { service: 'Cisco XCP Router', services: expect.any(String) } });
    for (const d of XCP_DEPENDANTS) expect(done.messageText?.params?.services).toContain(d);
    expect(done.noteText).toEqual({ key: 'note.xcpRouter' });
    // Read back from ControlCenter, not from the job: the router and every dependant are Started.
    const rows = await until('the services poll after the job', async () => {
      const r = await api.nodes.services('sim', 'imp-sub3');
      return [...XCP_DEPENDANTS, 'Cisco XCP Router'].every((n) => r.find((s) => s.name === n)?.status === 'Started') ? r : undefined;
    }, 30_000);
    expect(rows.length).toBeGreaterThan(30);
  }, 120_000);

  it('a stopped service shows since when it is stopped (from the service history)', async () => {
    const job = await api.nodes.controlService({ cluster: 'sim', node: 'imp-sub2', service: 'Cisco AMC Service', action: 'stop' });
    const done = await until('the stop job', async () => (await api.jobs.list()).find((j) => j.id === job.id && j.state !== 'running'));
    expect(done.state).toBe('succeeded');
    const stoppedAt = Date.now();
    const row = await until('a stop time', async () => {
      const r = (await api.nodes.services('sim', 'imp-sub2')).find((s) => s.name === 'Cisco AMC Service');
      return r?.status === 'Stopped' && r.sinceMs !== undefined ? r : undefined;
    }, 30_000);
    expect(['history', 'atLeast']).toContain(row.sinceSource);
    expect(Math.abs(row.sinceMs! - stoppedAt)).toBeLessThan(20_000);
    const started = (await api.nodes.services('sim', 'imp-sub2')).find((s) => s.name === 'Cisco XCP Router')!;
    expect(started.sinceSource).toBe('uptime');
  }, 120_000);

  it('a manual failover stays running until the pair settles, reports users moved and heading-to states, and never shows the CLI transcript', async () => {
    const job = await api.ha.command({ cluster: 'sim', action: 'failover', target: 'imp-sub3' });
    const seen = new Set<string>();
    let sawMoving = false;
    let sawHeading = false;
    const done = await until('the failover job to end', async () => {
      const j = (await api.jobs.list()).find((x) => x.id === job.id);
      const g = (await api.ha.groups('sim')).find((x) => x.name === 'Subcluster-2');
      if (g) for (const n of g.nodes) seen.add(n.state);
      if (j?.state === 'running') {
        if (j.ha?.users) sawMoving = true;
        if (j.ha?.headingTo) sawHeading = true;
        // While users move the pair is not settled: the job must not have succeeded.
        if (g?.nodes.some((n) => /Taking Over|Failing Over/.test(n.state))) expect(j.state).toBe('running');
      }
      return j && j.state !== 'running' ? j : undefined;
    }, 150_000);
    expect(done.state).toBe('succeeded');
    expect(seen.has('Taking Over') || seen.has('Failing Over')).toBe(true);
    expect(sawHeading).toBe(true);
    expect(sawMoving).toBe(true);
    const text = JSON.stringify(done);
    expect(text).not.toMatch(/yes\/no|continue\?/i);
    expect(done.messageText?.key).toBe('ha.settled');
    const g = (await api.ha.groups('sim')).find((x) => x.name === 'Subcluster-2')!;
    expect(g.tableRow?.row).toBe(3);
    expect(g.allowed.fallback).toEqual(['imp-sub3']);
    expect(g.disabledReasons?.['failover:imp-sub3']).toEqual({ key: 'failoverNeedsNormal' });
  }, 180_000);

  it('an automatic failover (a critical service down) shows an action at every poll, also in the states no Table 4 row describes', async () => {
    const stop = await api.nodes.controlService({ cluster: 'sim', node: 'imp-pub', service: 'Cisco SIP Proxy', action: 'stop' });
    await until('the stop job', async () => (await api.jobs.list()).find((j) => j.id === stop.id && j.state !== 'running'));
    const seen: string[] = [];
    let sawOther = false;
    const settled = await until('the pair failed over with critical services not running (Table 4 row 12)', async () => {
      const g = (await api.ha.groups('sim')).find((x) => x.name === 'DefaultCUPSubcluster');
      if (!g) return undefined;
      const states = g.nodes.map((n) => `${n.state}/${n.reason}`).join(' + ');
      if (seen.at(-1) !== states) seen.push(states);
      // Every state the pair passes through comes with an action: the row's, or the rows it leads to.
      expect(g.tableRow ?? g.otherAction, states).toBeDefined();
      if (!g.tableRow && g.otherAction) {
        sawOther = true;
        expect(g.otherAction.actionEn).toMatch(/Automatic failover in progress \(Critical Service Down\)/);
        expect(g.headingTo).toBeDefined();
      }
      return g.tableRow?.row === 12 ? g : undefined;
    }, 150_000);
    expect(seen.some((x) => /Failing Over\/Critical Service Down/.test(x)), seen.join(' -> ')).toBe(true);
    expect(sawOther).toBe(true);
    expect(settled.allowed.fallback).toEqual([]);
    expect(settled.disabledReasons?.['fallback:imp-pub']).toEqual({ key: 'fallbackNeedsBackup', params: { peer: 'imp-sub1' } });
  }, 180_000);
});
