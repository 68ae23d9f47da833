import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportData, ReportRunInfo } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import { JobRunner } from '../jobs/jobRunner.js';
import type { ReportClusterAccess } from './reportAccess.js';
import type { ReportGenerator } from './reportContext.js';
import { ReportRunner } from './reportRunner.js';
import { ReportRuns } from './reportRuns.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** An access with nothing behind it: the generators below do not read clusters. */
const access = (cluster: string): ReportClusterAccess => ({
  cluster,
  nodes: () => [],
  cli: async () => ({ ok: false, error: new AppError('POLL_CONNECT', 'no node') as never }),
  perfmon: async () => ({ ok: false, error: new AppError('POLL_CONNECT', 'no node') as never }),
  services: async () => ({ ok: false, error: new AppError('POLL_CONNECT', 'no node') as never }),
  haGroups: async () => ({ ok: true, value: [] }),
  requestCounts: () => new Map([['n1', { soap: 1, ris: 0, ssh: 2 }]]),
});

async function setup(generate: ReportGenerator<ReportData>): Promise<{ runner: ReportRunner; runs: ReportRuns; events: ReportRunInfo[]; jobs: JobRunner; disposed: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'report-runner-'));
  const runs = await ReportRuns.open(join(dir, 'reports'));
  const jobs = new JobRunner();
  const events: ReportRunInfo[] = [];
  const disposed: string[] = [];
  const runner = new ReportRunner({
    runs,
    jobs,
    resolveClusters: (r) => (r ? [...r] : ['a', 'b']),
    open: (clusters) => ({ accesses: clusters.map(access), dispose: async () => void disposed.push(clusters.join(',')) }),
    kinds: () => ({ generate, summary: () => 'summary', title: 'Test' }),
    onDidChange: (i) => events.push(i),
  });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => jobs.dispose(), () => runner.dispose());
  return { runner, runs, events, jobs, disposed };
}

const users: ReportData = { kind: 'users', checked: [], rows: [] };

describe('ReportRunner', () => {
  it('throttles progress to at most one event per 250 ms, keeps the report and disposes its accesses', async () => {
    const { runner, runs, events, jobs, disposed } = await setup(async (ctx) => {
      ctx.plan(200);
      for (let i = 0; i < 200; i++) {
        ctx.step(`step ${i}`);
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 10));
      }
      return users;
    });
    const info = runner.generate({ kind: 'users' });
    expect(info.clusters).toEqual(['a', 'b']);
    await runner.settled(info.id);
    const mine = events.filter((e) => e.id === info.id);
    expect(mine.length).toBeLessThan(10); // 200 steps in well under a second
    expect(mine.at(-1)).toMatchObject({ state: 'done', summary: 'summary', progress: { done: 200, total: 200 } });
    expect(mine.at(-1)!.requests).toEqual([
      { cluster: 'a', node: 'n1', soap: 1, ris: 0, ssh: 2 },
      { cluster: 'b', node: 'n1', soap: 1, ris: 0, ssh: 2 },
    ]);
    expect((await runs.get(info.id)).data).toEqual(users);
    expect(disposed).toEqual(['a,b']);
    expect(jobs.list()[0]).toMatchObject({ kind: 'report', state: 'succeeded' });
  });

  it('runs one report per kind and clusters; cancel drops it; a failure is kept with why', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { runner, runs, events } = await setup(async (ctx) => {
      await Promise.race([gate, new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)))]);
      if (ctx.clusters[0]!.cluster === 'bad') throw new AppError('POLL_CONNECT', 'nothing answered');
      return users;
    });
    const a = runner.generate({ kind: 'users', clusters: ['x'] });
    expect(runner.generate({ kind: 'users', clusters: ['x'] }).id).toBe(a.id);
    const other = runner.generate({ kind: 'users', clusters: ['y'] });
    expect(other.id).not.toBe(a.id);
    expect(runner.cancel(a.id)).toBe(true);
    await runner.settled(a.id);
    expect(events.filter((e) => e.id === a.id).at(-1)!.state).toBe('cancelled');
    expect(runs.has(a.id)).toBe(false);
    expect(runner.cancel(a.id)).toBe(false);
    const bad = runner.generate({ kind: 'users', clusters: ['bad'] });
    release();
    await runner.settled(bad.id);
    await runner.settled(other.id);
    expect((await runs.get(bad.id)).info).toMatchObject({ state: 'failed', error: { code: 'POLL_CONNECT', message: 'nothing answered' } });
    expect((await runs.get(other.id)).info.state).toBe('done');
  });

  it('marks a watch run; Generate while a watch run of the same is going makes it an ordinary (kept) run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { runner, runs, events } = await setup(async () => {
      await gate;
      return users;
    });
    const watched = runner.generate({ kind: 'users', watch: true });
    expect(watched.watch).toBe(true);
    // A second watch tick while it runs: the same run, still a watch run.
    expect(runner.generate({ kind: 'users', watch: true })).toMatchObject({ id: watched.id, watch: true });
    // A person presses Generate: the same run, now ordinary.
    const generated = runner.generate({ kind: 'users' });
    expect(generated.id).toBe(watched.id);
    expect(generated.watch).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ id: watched.id, state: 'running' });
    expect(events.at(-1)!.watch).toBeUndefined();
    release();
    await runner.settled(watched.id);
    expect(runs.list('users')[0]).toMatchObject({ id: watched.id, state: 'done' });
    expect(runs.list('users')[0]!.watch).toBeUndefined();
    // A watch run alone is kept marked.
    const next = runner.generate({ kind: 'users', watch: true });
    await runner.settled(next.id);
    expect(runs.list('users').map((r) => [r.id, r.watch ?? false])).toEqual([
      [next.id, true],
      [watched.id, false],
    ]);
  });
});
