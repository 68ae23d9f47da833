/**
 * The `reports` namespace as the app's backend wires it (createBackend → backend/reportParts.ts) over the embedded
 * simulated cluster: a report generated runs as a Job Status job of kind `report`, announces its progress as
 * onDidChangeReport and its end, is kept in <state>/reports (folder 0700, files 0600) and listed again after the
 * backend restarts; a second generate of the same kind while one runs returns the running one; cancel drops it;
 * remove deletes it; unknown ids are NOT_FOUND and bad input is refused with VALIDATION by the router.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportRunInfo } from '../../shared/model/reports.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import { reportsDir } from '../../main/core/reports/reportRuns.js';
import { summaryText } from '../../main/core/reports/reportGenerators.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { createApiRouter } from '../../main/core/transport/apiRouter.js';
import { until } from '../helpers/until.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-reports-backend-'));
const stateDir = join(dir, 'state');
const pushed: ReportRunInfo[] = [];
let backend: Backend | undefined;

async function start(): Promise<Backend> {
  const b = await createBackend({ stateDir, simBasePort: 0, scenario: null, speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
  b.events.subscribe((e) => {
    if (e.event === 'onDidChangeReport') pushed.push(e.payload);
  });
  return b;
}

const ended = (id: string): Promise<ReportRunInfo> => until(`report ${id} ended`, () => pushed.find((p) => p.id === id && p.state !== 'running'), 180_000, 100);

async function errorOf(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code?: string; message: string };
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  backend = await start();
  // Every node answers before reports run (the collector's first polls).
  await until('every node up', async () => {
    const c = (await backend!.api.clusters.list())[0];
    return c && c.nodes.length === 5 && c.nodes.every((n) => n.reachability === 'up') ? true : undefined;
  }, 120_000, 200);
}, 180_000);

afterAll(async () => {
  await backend?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('reports in the backend (embedded simulated cluster)', () => {
  let keptId = '';

  it('generates a report as a job, announces its end, keeps it on disk and lists it', async () => {
    const api = backend!.api.reports;
    const [first, again] = await Promise.all([api.generate({ kind: 'topology' }), api.generate({ kind: 'topology', clusters: ['sim'] })]);
    expect(first.state).toBe('running');
    expect(first.clusters).toEqual(['sim']);
    expect(again.id).toBe(first.id); // one running per kind and clusters
    const end = await ended(first.id);
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    // A run this short may end within one event batch (EventHub, 500 ms): its running events merge into the last one
    // (the last version of a record wins), so only the end is certain here; the throttled progress events themselves
    // are tested on the runner (reportRunner.test.ts).
    expect(pushed.filter((p) => p.id === first.id).at(-1)!.state).toBe('done');
    expect(end.progress.done).toBe(end.progress.total);
    expect(end.summary).toMatch(/4 nodes/);
    // The summary's figures, for the renderer to word in the UI language (kept in the index with the run).
    expect(end.summaryValues).toMatchObject({ nodes: 4, unbalancedGroups: expect.any(Number) as number, assigned: expect.any(Number) as number });
    expect(end.summary).toBe(summaryText('topology', end.summaryValues as never));
    expect(end.finishedAtMs).toBeGreaterThanOrEqual(end.startedAtMs);
    // Requests per node: SSH on the database publisher, one Perfmon read per IM&P node.
    const soap = end.requests.filter((r) => r.soap > 0).map((r) => r.node).sort();
    expect(soap).toEqual(['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
    expect(end.requests.every((r) => r.soap <= 1)).toBe(true);

    const report = await api.get(first.id);
    expect(report.info.state).toBe('done');
    expect(report.data?.kind).toBe('topology');
    const folder = reportsDir(stateDir);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(join(folder, `${first.id}.json`)).mode & 0o777).toBe(0o600);
    expect((await api.runs('topology')).map((r) => r.id)).toEqual([first.id]);
    expect((await api.runs()).map((r) => r.id)).toContain(first.id);

    const jobs = await backend!.api.jobs.list();
    expect(jobs.find((j) => j.kind === 'report')).toMatchObject({ kind: 'report', state: expect.stringMatching(/^(succeeded|completedWithProblems)$/) });
    keptId = first.id;
  }, 240_000);

  it('the HA readiness and the dashboard reports finish on a healthy cluster', async () => {
    const api = backend!.api.reports;
    const ha = await api.generate({ kind: 'ha-readiness' });
    const dash = await api.generate({ kind: 'dashboard' });
    const [haEnd, dashEnd] = [await ended(ha.id), await ended(dash.id)];
    expect(haEnd.state, JSON.stringify(haEnd.error)).toBe('done');
    expect(dashEnd.state, JSON.stringify(dashEnd.error)).toBe('done');
    // HA readiness watch mode: at most 2 SOAP requests per node and run.
    expect(haEnd.requests.every((r) => r.soap <= 2)).toBe(true);
    const r = await api.get(ha.id);
    expect(r.data?.kind === 'ha-readiness' && r.data.nodes.map((n) => n.node).sort()).toEqual(['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
    const d = await api.get(dash.id);
    expect(d.data?.kind === 'dashboard' && d.data.clusters[0]!.users).toBe(6000);
  }, 240_000);

  it('cancels a running report: it ends cancelled and is not kept', async () => {
    const api = backend!.api.reports;
    const run = await api.generate({ kind: 'sessions' });
    await api.cancel(run.id);
    const end = await ended(run.id);
    expect(end.state).toBe('cancelled');
    expect((await errorOf(api.get(run.id))).code).toBe('NOT_FOUND');
    expect((await api.runs()).map((r) => r.id)).not.toContain(run.id);
    expect(existsSync(join(reportsDir(stateDir), `${run.id}.json`))).toBe(false);
    expect((await errorOf(api.cancel(run.id))).code).toBe('NOT_FOUND');
  }, 120_000);

  it('refuses unknown ids and bad input', async () => {
    const api = backend!.api.reports;
    expect((await errorOf(api.get('nope-1'))).code).toBe('NOT_FOUND');
    expect((await errorOf(api.remove('nope-1'))).code).toBe('NOT_FOUND');
    expect((await errorOf(api.generate({ kind: 'sessions', clusters: ['no-such-cluster'] }))).code).toBe('NOT_FOUND');
    const router = createApiRouter(backend!.api, undefined, { onInternalError: () => undefined });
    // As the desktop's IPC layer calls (issue 16: the router needs a caller for every non-public method).
    const me = { operator: backend!.localOperator, role: 'admin', source: 'desktop' } as const;
    const bad = [
      await router.dispatch('reports', 'generate', [{ kind: 'bogus' }], me),
      await router.dispatch('reports', 'generate', [{ kind: 'topology', options: { ovaUsers: 7 } }], me),
      await router.dispatch('reports', 'get', ['../../etc/passwd'], me),
      await router.dispatch('reports', 'findUser', ['x" or 1=1'], me), // (an apostrophe is allowed: o'brien)
      await router.dispatch('reports', 'findUser', [''], me),
    ];
    for (const r of bad) expect(r.ok ? 'ok' : r.error.code).toBe('VALIDATION');
    // Nothing was kept or started by the refused calls.
    expect((await api.runs()).every((r) => r.state !== 'running')).toBe(true);
  }, 60_000);

  it('lists the kept reports after the backend restarts, then removes one', async () => {
    await backend!.dispose();
    backend = undefined;
    backend = await start();
    const api = backend.api.reports;
    const runs = await api.runs();
    expect(runs.map((r) => r.id)).toContain(keptId);
    expect(runs.filter((r) => r.kind === 'topology').map((r) => r.state)).toEqual(['done']);
    const report = await api.get(keptId);
    expect(report.data?.kind).toBe('topology');
    await api.remove(keptId);
    expect((await api.runs()).map((r) => r.id)).not.toContain(keptId);
    expect(existsSync(join(reportsDir(stateDir), `${keptId}.json`))).toBe(false);
    expect((await errorOf(api.remove(keptId))).code).toBe('NOT_FOUND');
  }, 180_000);
});
