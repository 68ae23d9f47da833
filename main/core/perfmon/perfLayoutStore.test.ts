import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PerfLayout } from '../../../shared/model/views.js';
import { PerfLayoutStore } from './perfLayoutStore.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'layouts-'));
  dirs.push(dir);
  return join(dir, 'perf-layouts.json');
}
const layout = (name: string, counter = '% CPU Time'): PerfLayout => ({
  name,
  charts: [{ title: 'CPU', intervalSec: 30, series: [{ cluster: 'c1', node: 'imp-pub', object: 'Processor', instance: '_Total', counter }] }],
});

describe('PerfLayoutStore', () => {
  it('keeps saved layouts across reopening, replaces by name, deletes, and writes the file owner-only', async () => {
    const path = tempFile();
    const a = await PerfLayoutStore.open(path);
    expect(a.list()).toEqual([]);
    await a.save(layout('cpu'));
    await a.save(layout('jsm'));
    await a.save(layout('cpu', 'Idle Percentage'));
    await a.remove('jsm');
    await a.remove('nothing');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const b = await PerfLayoutStore.open(path);
    expect(b.list()).toEqual([layout('cpu', 'Idle Percentage')]);
  });

  it('concurrent saves all land, in order', async () => {
    const path = tempFile();
    const s = await PerfLayoutStore.open(path);
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.save(layout(`l${i}`))));
    const again = await PerfLayoutStore.open(path);
    expect(again.list().map((l) => l.name)).toEqual(Array.from({ length: 20 }, (_, i) => `l${i}`));
  });

  it.each([
    ['not JSON', '{ layouts: nope', /is not JSON/],
    ['no layouts array', '{"charts": []}', /has no "layouts" array/],
    ['a layout that fails the saveLayout check', JSON.stringify({ layouts: [{ name: '', charts: [] }] }), /layout 0: .*name/],
  ])('a file with %s is kept aside under a new name and the store starts empty, saying why', async (_what, text, why) => {
    const path = tempFile();
    writeFileSync(path, text);
    const problems: string[] = [];
    const s = await PerfLayoutStore.open(path, (m) => problems.push(m));
    expect(s.list()).toEqual([]);
    expect(problems).toEqual([expect.stringMatching(why)]);
    const aside = readdirSync(join(path, '..')).filter((f) => f.startsWith('perf-layouts.json.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(path, '..', aside[0]!), 'utf8')).toBe(text);
    await s.save(layout('fresh'));
    expect((await PerfLayoutStore.open(path)).list().map((l) => l.name)).toEqual(['fresh']);
  });
});
