import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutTools } from '../../../test/helpers/requiredTools.js';
import { LogDocuments } from './logDocuments.js';
import { BLOCK_LINES, MAX_LINE_CHARS } from './logLineIndex.js';
import { parseLogTime } from './logTimestamps.js';

const T0 = Date.UTC(2026, 11, 6, 9, 0, 0);
/** 1000 lines a second apart, a severity each, "needle" on every 97th. */
function traceText(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(`${new Date(T0 + i * 1000).toISOString()} ${i % 7 === 0 ? 'ERROR' : 'INFO'} [thread-${i % 5}] line ${i}${i % 97 === 0 ? ' needle' : ''}`);
  return `${out.join('\n')}\n`;
}

describe('log timestamps', () => {
  it('reads ISO, RFC 3164 and CiscoLog stamps; a yearless December stamp read in January is last year', () => {
    const ref = Date.UTC(2026, 11, 6, 12);
    expect(parseLogTime('2026-12-06T09:00:00.123Z INFO x', ref)).toBe(Date.UTC(2026, 11, 6, 9, 0, 0, 123));
    expect(parseLogTime('2026-12-06 09:00:00,5 +01:00 x', ref)).toBe(Date.UTC(2026, 11, 6, 8, 0, 0, 500));
    expect(parseLogTime('Dec  6 09:00:01 imp-pub local7 6 : 1: imp-pub: Dec 06 09:00:01.250 UTC: %X-6-Y: z', ref)).toBe(Date.UTC(2026, 11, 6, 9, 0, 1));
    expect(parseLogTime('92: imp-pub: Mar 18 11:10:52.630 UTC: %IMP-6-Y: z', ref)).toBe(Date.UTC(2026, 2, 18, 11, 10, 52, 630));
    expect(parseLogTime('Dec 31 23:59:59 host x', Date.UTC(2027, 0, 1, 1))).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
    expect(parseLogTime('no stamp here', ref)).toBeUndefined();
  });
});

describe.skipIf(skipWithoutTools({ path: '/usr/bin/zip', apt: 'zip' }))('LogDocuments on local files, .gz and bundle entries', () => {
  let dir: string;
  let cache: string;
  let docs: LogDocuments;
  const text = traceText(1000);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logdocs-'));
    cache = join(dir, 'cache');
    await mkdir(join(dir, 'stage/imp-pub/epas/trace'), { recursive: true });
    await writeFile(join(dir, 'plain.log'), text);
    await writeFile(join(dir, 'zipped.log.gz'), gzipSync(text));
    await writeFile(join(dir, 'stage/imp-pub/epas/trace/a.log.gz'), gzipSync(text));
    await writeFile(join(dir, 'crlf-nofinal.log'), 'first\r\nsecond\r\n' + 'y'.repeat(MAX_LINE_CHARS + 10));
    await writeFile(join(dir, 'bad.log.gz'), 'not gzip at all');
    execFileSync('zip', ['-qr', join(dir, 'b.zip'), 'imp-pub'], { cwd: join(dir, 'stage') });
    await mkdir(cache, { recursive: true });
    await writeFile(join(cache, 'logdoc-stale.log'), 'left by a crash');
    await writeFile(join(cache, 'keep.txt'), 'not ours');
    docs = new LogDocuments({ cacheDir: cache, maxOpen: 3 });
  });

  afterAll(async () => {
    await docs.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('gives the same lines, times, finds and jumps from a file, its .gz and a bundle entry', async () => {
    const sources = [
      { kind: 'file', path: join(dir, 'plain.log') },
      { kind: 'file', path: join(dir, 'zipped.log.gz') },
      { kind: 'bundle', bundlePath: join(dir, 'b.zip'), entry: 'imp-pub/epas/trace/a.log.gz' },
    ] as const;
    for (const source of sources) {
      const doc = await docs.open(source);
      expect(doc, source.kind).toMatchObject({ lineCount: 1000, sizeBytes: Buffer.byteLength(text), firstTimeMs: T0, lastTimeMs: T0 + 999_000 });
      const window = await docs.readLines(doc.id, BLOCK_LINES * 3 - 2, 5);
      expect(window.map((l) => l.n)).toEqual([190, 191, 192, 193, 194]);
      expect(window[0]!.text).toBe(text.split('\n')[190]);
      expect(await docs.readLines(doc.id, 998, 10)).toHaveLength(2);
      expect(await docs.readLines(doc.id, 5000, 10)).toEqual([]);
      expect(await docs.find(doc.id, { pattern: 'needle', regex: false, ignoreCase: false, fromLine: 1 })).toBe(97);
      expect(await docs.find(doc.id, { pattern: 'NEEDLE', regex: false, ignoreCase: true, fromLine: 98 })).toBe(194);
      expect(await docs.find(doc.id, { pattern: 'line 9\\d\\d needle$', regex: true, ignoreCase: false, fromLine: 0 })).toBe(970);
      expect(await docs.find(doc.id, { pattern: 'needle', regex: false, ignoreCase: false, fromLine: 500, backwards: true })).toBe(485);
      expect(await docs.find(doc.id, { pattern: 'absent', regex: false, ignoreCase: false, fromLine: 0 })).toBe(-1);
      expect(await docs.lineAtTime(doc.id, T0 + 300_500)).toBe(301);
      expect(await docs.lineAtTime(doc.id, T0 - 5000)).toBe(0);
      expect(await docs.lineAtTime(doc.id, T0 + 10_000_000)).toBe(999);
      await docs.close(doc.id);
    }
    // Cache files go with their documents; a crash's leftovers are removed, others' files are not touched.
    expect((await readdir(cache)).sort()).toEqual(['keep.txt']);
  });

  it('drops CRs, reads a last line without newline, cuts a huge line', async () => {
    const doc = await docs.open({ kind: 'file', path: join(dir, 'crlf-nofinal.log') });
    const lines = await docs.readLines(doc.id, 0, 10);
    expect(lines.map((l) => l.text.slice(0, 6))).toEqual(['first', 'second', 'yyyyyy']);
    expect(lines[2]!.text.length).toBe(MAX_LINE_CHARS + 1);
    expect(lines[2]!.text.endsWith('…')).toBe(true);
    expect(doc.firstTimeMs).toBeUndefined();
    await docs.close(doc.id);
  });

  it('refuses bad input with a clear error and loses nothing', async () => {
    await expect(docs.open({ kind: 'file', path: join(dir, 'missing.log') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(docs.open({ kind: 'file', path: dir })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(docs.open({ kind: 'file', path: join(dir, 'bad.log.gz') })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(docs.open({ kind: 'bundle', bundlePath: join(dir, 'b.zip'), entry: 'imp-pub/nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(docs.open({ kind: 'remote', cluster: 'c', node: 'n', path: '/x.log' })).rejects.toMatchObject({ code: 'PRECONDITION' });
    const doc = await docs.open({ kind: 'file', path: join(dir, 'plain.log') });
    await expect(docs.find(doc.id, { pattern: '(unclosed', regex: true, ignoreCase: false, fromLine: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(docs.find(doc.id, { pattern: '', regex: false, ignoreCase: false, fromLine: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(docs.readLines('nope', 0, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Least recently used documents are closed beyond maxOpen (3).
    const others = [];
    for (let i = 0; i < 3; i++) others.push(await docs.open({ kind: 'file', path: join(dir, 'zipped.log.gz') }));
    await expect(docs.readLines(doc.id, 0, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(docs.list()).toHaveLength(3);
    for (const o of others) await docs.close(o.id);
    expect(await readdir(cache)).toEqual(['keep.txt']);
  });
});
