import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { skipWithoutTools } from '../../../test/helpers/requiredTools.js';
import { manifestText, packBundle } from './bundlePacker.js';

const TOOLS = [
  { path: '/usr/bin/sha256sum', apt: 'coreutils' },
  { path: '/usr/bin/unzip', apt: 'unzip' },
  { path: '/usr/bin/tar', apt: 'tar' },
];
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function staged(): { name: string; localPath: string; gz: boolean }[] {
  dir = mkdtempSync(join(tmpdir(), 'packer-'));
  const files = [
    { name: 'imp-pub/epas/trace/xcp/log/rtr-jsm-1.log', content: Buffer.from('2026-12-06 09:00:00 INFO router up\n'.repeat(5000)) },
    { name: 'imp-pub/epas/trace/xcp/log/rtr-jsm-1.log.gz', content: gzipSync('rotated\n'.repeat(1000)) },
    { name: 'imp-sub1/syslog/messages', content: Buffer.alloc(0) },
  ];
  return files.map((f) => {
    const p = join(dir, 'work', f.name);
    mkdirSync(join(p, '..'), { recursive: true });
    writeFileSync(p, f.content);
    return { name: f.name, localPath: p, gz: f.name.endsWith('.gz') };
  });
}

describe.skipIf(skipWithoutTools(TOOLS))('bundle packer', () => {
  for (const format of ['zip', 'tar.gz'] as const) {
    it(`writes a ${format} whose extracted tree passes sha256sum -c, collection.json included`, async () => {
      const entries = staged();
      const path = join(dir, `b.${format}`);
      let seen: ReadonlyMap<string, { sha256: string; size: number }> | undefined;
      const r = await packBundle({ format, path, entries, collectionJson: (h) => ((seen = new Map(h)), { files: [...h.keys()], partial: false }) });
      expect(r.path).toBe(path);
      expect(existsSync(`${path}.part`)).toBe(false);
      expect([...seen!.keys()]).toEqual(entries.map((e) => e.name));
      for (const e of entries) expect(seen!.get(e.name)!.sha256).toBe(createHash('sha256').update(readFileSync(e.localPath)).digest('hex'));
      const x = join(dir, 'x');
      mkdirSync(x);
      if (format === 'zip') execFileSync('unzip', ['-q', path, '-d', x]);
      else execFileSync('tar', ['-xzf', path, '-C', x]);
      const out = execFileSync('sha256sum', ['-c', '--strict', 'MANIFEST.sha256'], { cwd: x, encoding: 'utf8' });
      expect(out.trim().split('\n')).toHaveLength(entries.length + 1);
      expect(readFileSync(join(x, 'MANIFEST.sha256'), 'utf8')).toContain('  collection.json\n');
      expect(JSON.parse(readFileSync(join(x, 'collection.json'), 'utf8')).files).toHaveLength(3);
      expect(readdirSync(x).sort()).toEqual(['MANIFEST.sha256', 'collection.json', 'imp-pub', 'imp-sub1']);
    });
  }

  it('a full disk (ENOSPC from /dev/full) fails with a clear error and leaves no archive behind', async () => {
    const entries = staged();
    const path = join(dir, 'b.tar.gz');
    symlinkSync('/dev/full', `${path}.part`);
    await expect(packBundle({ format: 'tar.gz', path, entries, collectionJson: () => ({}) })).rejects.toMatchObject({ code: 'DISK_FULL', message: expect.stringMatching(/disk at the destination is full \(ENOSPC/) });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('a file that vanished before packing is an error naming it, not a truncated bundle', async () => {
    const entries = staged();
    rmSync(entries[1]!.localPath);
    const path = join(dir, 'b.zip');
    await expect(packBundle({ format: 'zip', path, entries, collectionJson: () => ({}) })).rejects.toMatchObject({ message: expect.stringContaining(entries[1]!.localPath) });
    expect(existsSync(path)).toBe(false);
  });

  it('streams rewritten entries (the pseudonymiser\'s) through a staging file, hashed as rewritten', async () => {
    const entries = staged().map((e) => ({ ...e, open: () => createReadStream(e.localPath).pipe(new Transform({ transform: (c: Buffer, _e, cb) => cb(null, Buffer.from(c.toString('latin1').toUpperCase(), 'latin1')) })) }));
    const path = join(dir, 'b.tar.gz');
    await packBundle({ format: 'tar.gz', path, entries, collectionJson: () => ({}) });
    expect(readdirSync(dir).sort()).toEqual(['b.tar.gz', 'work']);
    const x = join(dir, 'x');
    mkdirSync(x);
    execFileSync('tar', ['-xzf', path, '-C', x]);
    execFileSync('sha256sum', ['-c', '--strict', 'MANIFEST.sha256'], { cwd: x });
    expect(readFileSync(join(x, entries[0]!.name), 'utf8')).toContain('ROUTER UP');
  });

  it('writes manifest lines in sha256sum format, sorted', () => {
    expect(manifestText(new Map([['b/x', { sha256: 'bb' }], ['a', { sha256: 'aa' }]]))).toBe('aa  a\nbb  b/x\n');
  });
});
