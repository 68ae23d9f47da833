/**
 * The `traces` namespace of the app's backend (main/core/traces/tracesService.ts wired by backend/traceParts.ts),
 * against the embedded simulated cluster over its real sockets: what each node lists (grouped as RTMT groups it),
 * bad input refused with a stable code before anything starts, a collection from two nodes pushed as
 * onDidChangeTraceCollection events until its end, its job in Job Status, the bundle in Local Browse verified
 * against its MANIFEST.sha256 (and by `sha256sum -c` on the extracted copy), and a cancelled collection resumed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../shared/ipc/contract.js';
import type { TraceCollectionStatus, TraceCollectRequest } from '../../shared/model/traces.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { until } from '../helpers/until.js';

const CLUSTER = 'sim';
const TAR = { path: '/usr/bin/tar', apt: 'tar' } as const;
const SHA256SUM = { path: '/usr/bin/sha256sum', apt: 'coreutils' } as const;

describe.skipIf(skipWithoutTools([TAR, SHA256SUM]))('traces service (DesktopApi traces.* over the simulated cluster)', () => {
  let backend: Backend;
  let api: DesktopApi;
  const dir = mkdtempSync(join(tmpdir(), 'imp-traces-svc-'));
  const out = join(dir, 'out');
  const pushed: TraceCollectionStatus[] = [];

  beforeAll(async () => {
    backend = await createBackend({ stateDir: join(dir, 'state'), simBasePort: 0, scenario: null, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
    api = backend.api;
    backend.events.subscribe((e) => {
      if (e.event === 'onDidChangeTraceCollection') pushed.push(e.payload);
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (over: Partial<TraceCollectRequest> = {}): TraceCollectRequest => ({
    nodes: [
      { cluster: CLUSTER, node: 'imp-pub', serviceLogs: ['Cisco XCP Router'], systemLogs: [] },
      { cluster: CLUSTER, node: 'imp-sub1', serviceLogs: ['Cisco XCP Router'], systemLogs: ['Event Viewer-Application Log'] },
    ],
    range: { kind: 'relative', amount: 1, unit: 'days' },
    archive: 'tar.gz',
    outDir: out,
    label: 'svc-case',
    ...over,
  });

  it('lists what each node says it has, grouped as RTMT groups it', async () => {
    const lists = await api.traces.services(CLUSTER);
    expect(lists.map((l) => l.node).sort()).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
    const pub = lists.find((l) => l.node === 'imp-pub')!;
    expect(pub.error).toBeUndefined();
    expect(pub.serviceLogs).toContain('Cisco XCP Router');
    expect(pub.groups['Cisco XCP Router']).toBe('imp');
    expect(pub.groups['Cisco AXL Web Service']).toBe('system');
    expect(pub.systemLogs.every((s) => pub.groups[s] === 'systemLog')).toBe(true);
    // The CUCM publisher has no IM and Presence service.
    expect(lists.find((l) => l.node === 'cucm-pub')!.serviceLogs).not.toContain('Cisco XCP Router');
    expect((await api.traces.services(CLUSTER, 'imp-sub2')).map((l) => l.node)).toEqual(['imp-sub2']);
    const presets = await api.traces.presets();
    expect(presets.find((p) => p.id === 'highCpu')?.extras).toContain('processCpu');
    expect((await api.traces.settings()).defaultOutDir).toBe(join(dir, 'state', 'bundles'));
    expect(await api.traces.bundles()).toEqual([]);
  });

  it('refuses bad input with a stable code and starts nothing', async () => {
    await expect(api.traces.services('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.traces.services(CLUSTER, 'imp-sub9')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.traces.collect(request({ nodes: [{ cluster: CLUSTER, node: 'imp-sub9', serviceLogs: ['Cisco XCP Router'], systemLogs: [] }] }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.traces.collect(request({ outDir: 'relative/out' }))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(api.traces.collect(request({ presetId: 'no-such-preset' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.traces.cancel('no-such-collection')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.traces.bundles('relative')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(api.traces.bundles('/nonexistent/imp-bundles')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/does not exist/) });
    expect(await api.traces.collections()).toEqual([]);
  });

  it('collects from two nodes, pushes progress until the end, and the bundle verifies', async () => {
    const first = await api.traces.collect(request());
    expect(first.state).toBe('planning');
    expect(first.jobId).toBeDefined();
    const done = await until('the collection to end', async () => pushed.find((s) => s.id === first.id && s.endedAtMs !== undefined), 90_000);
    expect(done.state).toBe('completed');
    expect(done.bundlePath).toBe(join(out, 'svc-case.tar.gz'));
    expect(done.nodes.map((n) => [n.node, n.state])).toEqual([
      ['imp-pub', 'done'],
      ['imp-sub1', 'done'],
    ]);
    expect(done.bytesDone).toBe(done.bytesTotal);
    expect(done.bytesTotal).toBeGreaterThan(0);
    // Pushes are throttled (at most 4 a second): a collection this small may end inside the first window, so the
    // pushes are at least the final status, the last of them.
    const ours = pushed.filter((s) => s.id === first.id);
    expect(ours.length).toBeGreaterThanOrEqual(1);
    expect(ours.at(-1)).toEqual(done);
    // Listed newest first, and as a job.
    expect((await api.traces.collections())[0]?.id).toBe(first.id);
    const job = await until('its job done', async () => (await api.jobs.list()).find((j) => j.id === first.jobId && j.state === 'succeeded'));
    expect(job.kind).toBe('traceCollection');
    // Local Browse: the bundle, its entries, its verification; sha256sum -c agrees.
    const bundles = await api.traces.bundles(out);
    expect(bundles.map((b) => [b.path, b.partial, [...b.nodes].sort()])).toEqual([[done.bundlePath, false, ['imp-pub', 'imp-sub1']]]);
    const entries = await api.traces.bundleEntries(done.bundlePath!);
    expect(entries.map((e) => e.path)).toEqual(expect.arrayContaining(['MANIFEST.sha256', 'collection.json']));
    expect(entries.some((e) => e.path.startsWith('imp-sub1/syslog/CiscoSyslog'))).toBe(true);
    const verification = await api.traces.verifyBundle(done.bundlePath!);
    expect(verification).toMatchObject({ ok: true, problems: [] });
    expect(verification.checked).toBe(entries.length - 1);
    const extracted = mkdtempSync(join(dir, 'x-'));
    execFileSync('tar', ['-xzf', done.bundlePath!, '-C', extracted]);
    execFileSync('sha256sum', ['-c', '--quiet', 'MANIFEST.sha256'], { cwd: extracted });
  });

  it('a cancelled collection resumes from its work folder to a complete bundle', async () => {
    const first = await api.traces.collect(request({ label: 'svc-cancel', archive: 'zip' }));
    await api.traces.cancel(first.id);
    const stopped = await until('the cancel to land', async () => pushed.find((s) => s.id === first.id && s.endedAtMs !== undefined), 90_000);
    // A collection this small may finish before the cancel arrives; either way what comes next must complete.
    if (stopped.state === 'cancelled') {
      const resumed = await api.traces.resume(stopped.workDir);
      const done = await until('the resumed collection to end', async () => pushed.find((s) => s.id === resumed.id && s.endedAtMs !== undefined && s.startedAtMs >= resumed.startedAtMs && s !== stopped), 90_000);
      expect(done.state).toBe('completed');
      expect(done.bundlePath).toBe(join(out, 'svc-cancel.zip'));
    } else {
      expect(stopped.state).toBe('completed');
      await expect(api.traces.resume('relative')).rejects.toMatchObject({ code: 'VALIDATION' });
    }
  });

  it('links an alarm to the trace bundle its rule collected, and says why the next one was skipped', async () => {
    // A custom rule that breaches at once (CPU over -1) on two nodes; one download a day for the rule.
    const rule = await api.alerts.saveRule({
      name: 'svc trace on alert',
      condition: { kind: 'threshold', metric: { object: 'Processor', instance: '_Total', counter: '% CPU Time' }, direction: 'over', threshold: -1 },
      emailEnabled: false,
      disabledNodes: ['cucm-pub', 'imp-sub2', 'imp-sub3'],
      traceDownload: { serviceLogs: ['Cisco XCP Router'], systemLogs: ['Event Viewer-Application Log'], lastMinutes: 60, maxPerDay: 1 },
    });
    expect(await api.traces.alarmTraces('no-such-alarm')).toEqual([]);
    const alarms = await until('the rule to fire on both nodes', async () => {
      const mine = (await api.alerts.listActive()).filter((a) => a.ruleId === rule.id);
      return mine.length === 2 ? mine : undefined;
    });
    const links = await until('both links to settle', async () => {
      const all = (await Promise.all(alarms.map((a) => api.traces.alarmTraces(a.id)))).flat();
      return all.length === 2 && all.every((l) => l.state !== 'running') ? all : undefined;
    });
    for (const a of alarms) expect(links.find((l) => l.alarmId === a.id)).toMatchObject({ ruleId: rule.id, cluster: CLUSTER, node: a.node });
    const collected = links.find((l) => l.state !== 'skipped')!;
    const skipped = links.find((l) => l.state === 'skipped')!;
    expect(collected.state).toBe('completed');
    expect(collected.reason).toBeUndefined();
    expect(skipped.reason).toMatch(/limit 1 per day/);
    expect(skipped.bundlePath).toBeUndefined();
    // The bundle is where the link says, Local Browse lists it in its folder, and it verifies.
    const bundles = await api.traces.bundles(dirname(collected.bundlePath!));
    expect(bundles.find((b) => b.path === collected.bundlePath)?.nodes).toEqual([collected.node]);
    expect(await api.traces.verifyBundle(collected.bundlePath!)).toMatchObject({ ok: true, problems: [] });
  });
});
