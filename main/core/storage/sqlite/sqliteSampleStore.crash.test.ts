import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'imp-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SqliteSampleStore crash safety', () => {
  it('a SIGKILLed writer loses at most the unflushed batch and leaves a consistent database', async () => {
    const BATCH = 500;
    const STEP = 50; // divides BATCH, so size-triggered flushes write exactly BATCH samples
    const dbPath = join(dir, 'crash.db');
    const progressPath = join(dir, 'progress');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('../../../../test/kits/sqliteCrashChild.ts', import.meta.url)), dbPath, progressPath, String(BATCH), String(STEP)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let lastFlushed = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buf += chunk.toString();
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const l of lines) {
          const m = /^flushed (\d+)$/.exec(l);
          if (m) lastFlushed = Number(m[1]);
        }
        // Kill while it is writing, after a good number of committed batches.
        if (lastFlushed >= 40 * BATCH) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child exited ${code}`))));
    });
    expect(await exited).toBe('SIGKILL');
    const appended = Number(readFileSync(progressPath, 'utf8'));

    // Reopen as a fresh process would: the WAL is replayed.
    const db = new BetterSqlite3(dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM samples').get() as { n: number }).n;
    const maxValue = (db.prepare('SELECT MAX(value) AS v FROM samples').get() as { v: number }).v;
    db.close();

    // Every batch the child saw committed is there.
    expect(rows).toBeGreaterThanOrEqual(lastFlushed);
    // Whole batches only: transactions are atomic.
    expect(rows % BATCH).toBe(0);
    // The stored rows are exactly the first `rows` samples (values 0..rows-1, one row each).
    expect(maxValue).toBe(rows - 1);
    // At most the last batch is lost: appended (a lower bound of what the child had appended) - rows < BATCH.
    expect(appended).toBeGreaterThanOrEqual(rows - BATCH);
    expect(appended - rows).toBeLessThan(BATCH);
  });
});
