import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonStateFile, JsonStateWriter, writeFileAtomic } from './jsonStateFile.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'json-state-'));
  dirs.push(d);
  return d;
}
const parseCount = (data: unknown): { ok: true; value: number } | { ok: false; problem: string } =>
  typeof (data as { n?: unknown })?.n === 'number' ? { ok: true, value: (data as { n: number }).n } : { ok: false, problem: 'has no number "n"' };

describe('JSON state files', () => {
  it('writes atomically, owner-only, into a folder it makes; leaves no temp file', async () => {
    const path = join(tempDir(), 'sub', 'state.json');
    await writeFileAtomic(path, '{"n":1}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(path, '..')).mode & 0o777).toBe(0o700);
    await writeFileAtomic(path, 'other', 0o644);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(readdirSync(join(path, '..'))).toEqual(['state.json']);
  });

  it('concurrent saves never interleave and the last state asked for is the one on disk', async () => {
    const path = join(tempDir(), 'state.json');
    const writer = new JsonStateWriter(path);
    let state = 0;
    const saves: Promise<void>[] = [];
    for (let i = 1; i <= 200; i++) {
      state = i;
      const asked = i;
      // Each save resolves once its state, or a later one, is on disk.
      saves.push(writer.write(() => ({ n: state, pad: 'y'.repeat(10_000) })).then(() => expect(JSON.parse(readFileSync(path, 'utf8')).n).toBeGreaterThanOrEqual(asked)));
      // A reader at any moment sees a whole file: the one before or the one after a save.
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
      try {
        expect(JSON.parse(readFileSync(path, 'utf8')).pad).toHaveLength(10_000);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    await Promise.all(saves);
    expect(JSON.parse(readFileSync(path, 'utf8')).n).toBe(200);
    expect(readdirSync(join(path, '..'))).toEqual(['state.json']);
  });

  it('a failed write rejects its callers and the next write still lands', async () => {
    const dir = tempDir();
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const bad = new JsonStateWriter(join(blocker, 'state.json'));
    await expect(bad.write(() => ({ n: 1 }))).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    rmSync(blocker);
    await bad.write(() => ({ n: 2 }));
    expect(JSON.parse(readFileSync(join(blocker, 'state.json'), 'utf8'))).toEqual({ n: 2 });
  });

  it('reads what it wrote; keeps an unusable file aside and says why', async () => {
    const path = join(tempDir(), 'state.json');
    const file = new JsonStateFile(path, parseCount);
    const problems: string[] = [];
    expect(await file.read((m) => problems.push(m))).toBeUndefined();
    await file.write(() => ({ n: 7 }));
    expect(await file.read((m) => problems.push(m))).toBe(7);
    writeFileSync(path, '{"n":');
    expect(await file.read((m) => problems.push(m))).toBeUndefined();
    writeFileSync(path, '{"m":1}');
    expect(await file.read((m) => problems.push(m))).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/is not JSON .*kept as .*unreadable-/), expect.stringMatching(/has no number "n"; kept as/)]);
    expect(readdirSync(join(path, '..')).filter((f) => f.startsWith('state.json.unreadable-'))).not.toHaveLength(0);
  });

  it('a process killed while saving leaves a whole file holding at least the last save it finished', async () => {
    const path = join(tempDir(), 'state.json');
    const PAD = 2_000_000;
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../../test/kits/jsonStateCrashChild.ts', import.meta.url)), path, String(PAD)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acknowledged = 0;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const lines = out.split('\n');
        out = lines.pop()!;
        for (const l of lines) acknowledged = Number(l);
        // Kill it at an arbitrary point in the middle of its saves.
        if (acknowledged >= 5 + Math.floor(Math.random() * 5)) resolve();
      });
    });
    child.removeAllListeners('exit');
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const state = JSON.parse(readFileSync(path, 'utf8')) as { seq: number; pad: string; check: number };
    expect(state.pad).toHaveLength(state.check);
    expect(state.check).toBe(PAD);
    expect(state.seq).toBeGreaterThanOrEqual(acknowledged);
  }, 60_000);
});
