import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import archiver from 'archiver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutTools } from '../../../test/helpers/requiredTools.js';
import { bundleEntries, listBundles, parseManifest, summarizeCollectionJson, verifyBundle, withBundleEntry } from './bundleReader.js';

const TOOLS = [
  { path: '/usr/bin/zip', apt: 'zip' },
  { path: '/usr/bin/tar', apt: 'tar' },
  { path: '/usr/bin/sha256sum', apt: 'coreutils' },
];

describe.skipIf(skipWithoutTools(TOOLS))('bundleReader on archives written by zip, tar and archiver', () => {
  let dir: string;
  let stage: string;
  let out: string;
  const bigLine = 'x'.repeat(99) + '\n';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundle-reader-'));
    stage = join(dir, 'stage');
    out = join(dir, 'out');
    await mkdir(join(stage, 'imp-pub/epas/trace/xcp/log'), { recursive: true });
    await mkdir(join(stage, 'imp-sub1/platform/log'), { recursive: true });
    await mkdir(out);
    await writeFile(join(stage, 'imp-pub/epas/trace/xcp/log/rtr-jsm-1.log'), bigLine.repeat(20_000));
    await writeFile(join(stage, 'imp-pub/epas/trace/xcp/log/rtr-jsm-2.log.gz'), gzipSync('2026-12-06T09:00:00.000Z INFO hello\n'));
    await writeFile(join(stage, 'imp-sub1/platform/log/servm.log'), 'Dec  6 09:00:00 imp-sub1 servm: started\n');
    await writeFile(
      join(stage, 'collection.json'),
      JSON.stringify({ request: { label: 'case-42' }, nodes: [{ cluster: 'c1', node: 'imp-pub' }, { cluster: 'c1', node: 'imp-sub1' }], files: [{ node: 'imp-pub' }, { node: 'imp-pub' }, { node: 'imp-sub1' }], failures: [], partial: false }),
    );
    // The manifest as sha256sum writes it, every file including collection.json.
    const manifest = execFileSync('sh', ['-c', "find . -type f ! -name MANIFEST.sha256 | sed 's|^./||' | sort | xargs sha256sum"], { cwd: stage });
    await writeFile(join(stage, 'MANIFEST.sha256'), manifest);
    execFileSync('zip', ['-qr', join(out, 'cli.zip'), 'MANIFEST.sha256', 'collection.json', 'imp-pub', 'imp-sub1'], { cwd: stage });
    execFileSync('tar', ['-czf', join(out, 'cli.tar.gz'), 'MANIFEST.sha256', 'collection.json', 'imp-pub', 'imp-sub1'], { cwd: stage });
    // archiver, streaming as the collector packs.
    const arch = archiver('tar', { gzip: true });
    const done = new Promise<void>((resolve, reject) => {
      const ws = createWriteStream(join(out, 'archiver.tar.gz'));
      ws.on('close', () => resolve());
      arch.on('error', reject);
      arch.pipe(ws);
    });
    arch.directory(stage, false);
    await arch.finalize();
    await done;
    // A damaged copy: one entry changed after the manifest was written; and a file that is no archive.
    await writeFile(join(stage, 'imp-sub1/platform/log/servm.log'), 'tampered\n');
    await writeFile(join(stage, 'imp-sub1/extra.txt'), 'not in the manifest\n');
    execFileSync('zip', ['-qr', join(out, 'tampered.zip'), 'MANIFEST.sha256', 'collection.json', 'imp-sub1'], { cwd: stage });
    await writeFile(join(out, 'broken.zip'), 'this is not a zip');
    await writeFile(join(out, 'writing.zip.part'), 'x');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the bundles of a folder with their collection.json; a broken one is listed with its problem', async () => {
    const bundles = await listBundles(out);
    const byName = new Map(bundles.map((b) => [b.path.slice(out.length + 1), b]));
    expect([...byName.keys()].sort()).toEqual(['archiver.tar.gz', 'broken.zip', 'cli.tar.gz', 'cli.zip', 'tampered.zip']);
    for (const name of ['cli.zip', 'cli.tar.gz', 'archiver.tar.gz']) {
      const b = byName.get(name)!;
      expect(b.problem, name).toBeUndefined();
      expect(b).toMatchObject({ partial: false, nodes: ['imp-pub', 'imp-sub1'], fileCount: 3, label: 'case-42' });
    }
    expect(byName.get('broken.zip')!.problem).toMatch(/zip/i);
    expect(await listBundles(join(dir, 'no-such-folder'))).toEqual([]);
  });

  it('lists entries and streams one entry (zip and tar.gz give the same bytes)', async () => {
    for (const name of ['cli.zip', 'cli.tar.gz', 'archiver.tar.gz']) {
      const entries = await bundleEntries(join(out, name));
      expect(entries.map((e) => e.path).sort(), name).toEqual([
        'MANIFEST.sha256',
        'collection.json',
        'imp-pub/epas/trace/xcp/log/rtr-jsm-1.log',
        'imp-pub/epas/trace/xcp/log/rtr-jsm-2.log.gz',
        'imp-sub1/platform/log/servm.log',
      ]);
      expect(entries.find((e) => e.path.endsWith('rtr-jsm-1.log'))!.size).toBe(2_000_000);
      const lines = await withBundleEntry(join(out, name), 'imp-pub/epas/trace/xcp/log/rtr-jsm-1.log', async (stream) => {
        let n = 0;
        for await (const chunk of stream) for (const b of chunk as Buffer) if (b === 10) n++;
        return n;
      });
      expect(lines).toBe(20_000);
      await expect(withBundleEntry(join(out, name), 'imp-pub/nope.log', async () => 0)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('verifies against MANIFEST.sha256 and names mismatched and unlisted entries', async () => {
    for (const name of ['cli.zip', 'cli.tar.gz', 'archiver.tar.gz']) {
      expect(await verifyBundle(join(out, name)), name).toEqual({ ok: true, checked: 4, problems: [] });
    }
    const bad = await verifyBundle(join(out, 'tampered.zip'));
    expect(bad.ok).toBe(false);
    expect(bad.problems).toEqual(
      expect.arrayContaining([
        { path: 'imp-sub1/platform/log/servm.log', problem: 'mismatch' },
        { path: 'imp-pub/epas/trace/xcp/log/rtr-jsm-1.log', problem: 'missing' },
        { path: 'imp-sub1/extra.txt', problem: 'unlisted' },
      ]),
    );
    await expect(verifyBundle(join(out, 'broken.zip'))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(verifyBundle(join(out, 'absent.zip'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(verifyBundle(join(out, 'writing.zip.part'))).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('parses sha256sum lines in text and binary mode and refuses other lines', () => {
    const h = 'a'.repeat(64);
    expect([...parseManifest(`${h}  a/b.log\n${h} *c.gz\r\n\n`)]).toEqual([
      ['a/b.log', h],
      ['c.gz', h],
    ]);
    expect(() => parseManifest('nonsense\n')).toThrow(/sha256sum/);
    expect(() => summarizeCollectionJson('{')).toThrow(/not JSON/);
    expect(summarizeCollectionJson('{"partial":true}')).toEqual({ partial: true, nodes: [], fileCount: 0, label: undefined });
  });
});
