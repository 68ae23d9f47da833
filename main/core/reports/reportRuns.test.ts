import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Report, ReportKind } from '../../../shared/model/reports.js';
import { ReportRuns } from './reportRuns.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(): string {
  const d = mkdtempSync(join(tmpdir(), 'report-runs-'));
  dirs.push(d);
  return join(d, 'reports');
}

function report(id: string, kind: ReportKind, startedAtMs: number, extra: { watch?: boolean; clusters?: string[] } = {}): Report {
  return {
    info: { id, kind, clusters: extra.clusters ?? ['sim'], options: {}, state: 'done', startedAtMs, finishedAtMs: startedAtMs + 1, progress: { done: 1, total: 1, step: 'done' }, requests: [], ...(extra.watch ? { watch: true } : {}) },
    problems: [],
    data: { kind: 'users', checked: [{ cluster: 'sim', users: 1 }], rows: [] },
  };
}

describe('ReportRuns', () => {
  it('keeps the newest runs of each kind (0600 files in a 0700 folder) and lists them newest first', async () => {
    const dir = folder();
    const runs = await ReportRuns.open(dir, { kept: 2 });
    for (let i = 1; i <= 3; i++) await runs.save(report(`users-${i}`, 'users', i * 1000));
    await runs.save(report('topology-1', 'topology', 500));
    expect(runs.list('users').map((r) => r.id)).toEqual(['users-3', 'users-2']);
    expect(runs.list().map((r) => r.id)).toEqual(['users-3', 'users-2', 'topology-1']);
    expect(existsSync(join(dir, 'users-1.json'))).toBe(false);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'users-3.json')).mode & 0o777).toBe(0o600);
    expect((await runs.get('users-2')).data?.kind).toBe('users');
    await expect(runs.get('users-1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runs.get('../index')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // No temporary files are left behind.
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('survives a reopen, rebuilds a lost or garbled index from the files and ignores garbled reports', async () => {
    const dir = folder();
    const runs = await ReportRuns.open(dir);
    await runs.save(report('users-1', 'users', 1000));
    await runs.save(report('users-2', 'users', 2000));
    expect((await ReportRuns.open(dir)).list().map((r) => r.id)).toEqual(['users-2', 'users-1']);
    writeFileSync(join(dir, 'index.json'), '{"runs": [');
    writeFileSync(join(dir, 'garbled-1.json'), '{"info": {"id": "gar');
    const reopened = await ReportRuns.open(dir);
    expect(reopened.list().map((r) => r.id)).toEqual(['users-2', 'users-1']);
    await reopened.remove('users-2');
    await expect(reopened.remove('users-2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await ReportRuns.open(dir)).list().map((r) => r.id)).toEqual(['users-1']);
  });

  it('keeps only the latest watch run per kind and clusters, apart from the ordinary runs (watching never pushes one out)', async () => {
    const dir = folder();
    const runs = await ReportRuns.open(dir, { kept: 2 });
    await runs.save(report('ha-before', 'ha-readiness', 1000));
    await runs.save(report('ha-kept', 'ha-readiness', 2000));
    // An hour of watching every 20 s: 180 watch runs.
    for (let i = 1; i <= 180; i++) await runs.save(report(`ha-watch-${i}`, 'ha-readiness', 2000 + i * 20_000, { watch: true }));
    expect(runs.list('ha-readiness').map((r) => r.id)).toEqual(['ha-watch-180', 'ha-kept', 'ha-before']);
    expect(runs.list('ha-readiness')[0]?.watch).toBe(true);
    expect(existsSync(join(dir, 'ha-watch-179.json'))).toBe(false);
    expect(existsSync(join(dir, 'ha-before.json'))).toBe(true);
    // Another set of clusters has its own watch run; a watch run of another kind does not touch this one.
    await runs.save(report('ha-watch-lab', 'ha-readiness', 9_000_000, { watch: true, clusters: ['lab', 'sim'] }));
    await runs.save(report('dash-watch', 'dashboard', 9_000_001, { watch: true }));
    expect(runs.list('ha-readiness').map((r) => r.id)).toEqual(['ha-watch-lab', 'ha-watch-180', 'ha-kept', 'ha-before']);
    // Ordinary runs are pruned among themselves only: the watch run stays.
    await runs.save(report('ha-new', 'ha-readiness', 9_000_002));
    expect(runs.list('ha-readiness').map((r) => r.id)).toEqual(['ha-new', 'ha-watch-lab', 'ha-watch-180', 'ha-kept']);
    // And it survives a reopen.
    expect((await ReportRuns.open(dir, { kept: 2 })).list('ha-readiness').map((r) => `${r.id}${r.watch ? ' (watch)' : ''}`)).toEqual(['ha-new', 'ha-watch-lab (watch)', 'ha-watch-180 (watch)', 'ha-kept']);
  });
});
