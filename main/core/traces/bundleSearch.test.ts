import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutTools } from '../../../test/helpers/requiredTools.js';
import { searchBundle } from './bundleSearch.js';

describe.skipIf(skipWithoutTools([{ path: '/usr/bin/zip', apt: 'zip' }, { path: '/usr/bin/tar', apt: 'tar' }]))('Query Wizard in a bundle', () => {
  let dir: string;
  const lines = Array.from({ length: 3000 }, (_, i) => `2026-12-06T09:00:${String(i % 60).padStart(2, '0')}.000Z INFO line ${i}${i % 1000 === 7 ? ' Presence FAILED' : ''}`);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundle-search-'));
    const stage = join(dir, 'stage');
    await mkdir(join(stage, 'imp-pub/epas/trace/xcp/log'), { recursive: true });
    await mkdir(join(stage, 'imp-sub1/core'), { recursive: true });
    await writeFile(join(stage, 'MANIFEST.sha256'), 'presence failed is not searched here\n');
    await writeFile(join(stage, 'collection.json'), '{"note":"Presence FAILED"}');
    await writeFile(join(stage, 'imp-pub/epas/trace/xcp/log/a.log.gz'), gzipSync(`${lines.join('\r\n')}\r\n`));
    await writeFile(join(stage, 'imp-pub/epas/trace/xcp/log/b.log'), `x\nPresence FAILED at the end without newline`);
    await writeFile(join(stage, 'imp-pub/epas/trace/xcp/log/broken.log.gz'), 'Presence FAILED but not gzip');
    await writeFile(join(stage, 'imp-sub1/core/core.1234.6.jsm'), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from('Presence FAILED')]));
    await writeFile(join(stage, 'imp-sub1/after.log'), 'Presence FAILED after the others\n');
    const names = ['MANIFEST.sha256', 'collection.json', 'imp-pub', 'imp-sub1'];
    execFileSync('tar', ['-czf', join(dir, 'b.tar.gz'), ...names], { cwd: stage });
    execFileSync('zip', ['-qr', join(dir, 'b.zip'), ...names], { cwd: stage });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds plain and regex matches with node, entry and line; skips binary entries; a broken .gz is an error, not the end', async () => {
    for (const name of ['b.tar.gz', 'b.zip']) {
      const res = await searchBundle(join(dir, name), { where: 'bundle', bundlePath: join(dir, name), pattern: 'presence failed', regex: false, ignoreCase: true }, 100);
      const hits = res.hits.map((h) => `${h.node}|${h.path}|${h.line}`).sort();
      expect(hits, name).toEqual([
        'imp-pub|imp-pub/epas/trace/xcp/log/a.log.gz|1007',
        'imp-pub|imp-pub/epas/trace/xcp/log/a.log.gz|2007',
        'imp-pub|imp-pub/epas/trace/xcp/log/a.log.gz|7',
        'imp-pub|imp-pub/epas/trace/xcp/log/b.log|1',
        'imp-sub1|imp-sub1/after.log|0',
      ]);
      expect(res.hits.find((h) => h.line === 7)!.text).toBe(lines[7]);
      expect(res.truncated).toBe(false);
      expect(res.errors.map((e) => e.error.message)).toEqual([expect.stringContaining('broken.log.gz')]);
      const re = await searchBundle(join(dir, name), { where: 'bundle', bundlePath: '', pattern: 'line 2\\d{3} Presence', regex: true, ignoreCase: false }, 100);
      expect(re.hits.map((h) => h.line)).toEqual([2007]);
      const capped = await searchBundle(join(dir, name), { where: 'bundle', bundlePath: '', pattern: 'INFO', regex: false, ignoreCase: false }, 10);
      expect(capped.hits).toHaveLength(10);
      expect(capped.truncated).toBe(true);
    }
  });
});
