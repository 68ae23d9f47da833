import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../base/errors.js';
import { CONTRACT_T0, makeSample } from '../sampleStoreContract.js';
import { Database } from './database.js';
import { SqliteSampleStore } from './sqliteSampleStore.js';

// Issue 10: a write lock held by another connection made each flush wait busy_timeout (5 s) on the event loop.
describe('SqliteSampleStore while another connection holds the write lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sample-lock-'));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails the write at once with STORAGE_BUSY (retryable), keeps the batch, and writes it after the lock is gone', () => {
    const path = join(dir, 'h.db');
    const db = Database.open(path);
    const logs: string[] = [];
    const store = new SqliteSampleStore(db, { flushIntervalMs: 0, rollupIntervalMs: 0, now: () => CONTRACT_T0 + 1000, log: (m) => logs.push(m) });
    const other = new BetterSqlite3(path);
    other.exec('BEGIN IMMEDIATE');
    store.append([0, 1, 2].map((i) => makeSample({ ts: CONTRACT_T0 + i * 1000, value: i })));
    const t0 = performance.now();
    let error: unknown;
    try {
      store.flush();
    } catch (err) {
      error = err;
    }
    expect(performance.now() - t0).toBeLessThan(500); // was 5 s per statement
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORAGE_BUSY');
    expect((error as AppError).retryable).toBe(true);
    expect(store.health()).toMatchObject({ pending: 3, consecutiveFailures: 1, lastError: { code: 'STORAGE_BUSY', retryable: true } });
    expect(logs.join('\n')).toMatch(/write delayed: STORAGE_BUSY/);
    // Reads answer meanwhile (WAL readers do not wait for a writer).
    expect(store.listSeries()).toEqual([]);

    other.exec('COMMIT');
    expect(store.flush()).toBe(3);
    expect(store.health()).toEqual({ pending: 0, consecutiveFailures: 0 });
    expect(other.prepare('SELECT COUNT(*) AS n FROM samples').get()).toEqual({ n: 3 });
    other.close();
    store.dispose();
    db.dispose();
  });
});
