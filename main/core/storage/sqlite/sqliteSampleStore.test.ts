import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { seriesKey } from '../../../../shared/model/sample.js';
import { toDisposable } from '../../base/disposable.js';
import { CONTRACT_T0, describeSampleStoreContract, makeSample } from '../sampleStoreContract.js';
import type { RepeatingTimer } from '../repeatingTimer.js';
import { Database } from './database.js';
import { SqliteSampleStore } from './sqliteSampleStore.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const freshPath = (): string => join(dir, `t${fileNo++}.db`);

/** A RepeatingTimer that runs only when told and tracks which timers are still active. */
function fakeTimer(): { timer: RepeatingTimer; active: Set<() => void>; fireAll: () => void } {
  const active = new Set<() => void>();
  return {
    active,
    timer: (fn) => {
      active.add(fn);
      return toDisposable(() => active.delete(fn));
    },
    fireAll: () => [...active].forEach((fn) => fn()),
  };
}

describeSampleStoreContract('SqliteSampleStore', () => {
  const db = Database.open(freshPath());
  const store = new SqliteSampleStore(db, { now: () => CONTRACT_T0 + 86_400_000, flushIntervalMs: 0, rollupIntervalMs: 0 });
  // The contract disposes the store; close the shared handle with it.
  const dispose = store.dispose.bind(store);
  store.dispose = () => {
    dispose();
    db.dispose();
  };
  return store;
});

describe('Database', () => {
  it('opens files in WAL mode and migrates each component by version, once', () => {
    const path = freshPath();
    const db = Database.open(path);
    expect(db.journalMode).toBe('wal');
    let runs = 0;
    const migrations = [
      { version: 1, name: 'a', up: (c: BetterSqlite3.Database) => (runs++, c.exec('CREATE TABLE alert_rule (id TEXT)')) },
      { version: 2, name: 'b', up: (c: BetterSqlite3.Database) => (runs++, c.exec('ALTER TABLE alert_rule ADD x INT')) },
    ];
    expect(db.migrate('alerts', migrations.slice(0, 1))).toBe(1);
    expect(db.migrate('alerts', migrations)).toBe(2);
    expect(db.migrate('alerts', migrations)).toBe(2);
    expect(runs).toBe(2);
    expect(db.schemaVersion('alerts')).toBe(2);
    expect(db.schemaVersion('other')).toBe(0);
    expect(() => db.migrate('alerts', migrations.slice(0, 1))).toThrow(/newer than this program/);
    expect(() => db.migrate('x', [{ version: 2, name: 'gap', up: () => undefined }])).toThrow(/expected 1/);
    // A failing step rolls back with its bookkeeping.
    expect(() => db.migrate('bad', [{ version: 1, name: 'boom', up: (c) => c.exec('CREATE TABLE t1 (a); SELEC') }])).toThrow();
    expect(db.schemaVersion('bad')).toBe(0);
    db.dispose();
    db.dispose();
    expect(() => db.connection).toThrow(/closed/);
  });
});

describe('SqliteSampleStore', () => {
  it('flushes by size in one transaction, by timer, and on dispose; dispose stops its timers', () => {
    const path = freshPath();
    const db = Database.open(path);
    const t = fakeTimer();
    const store = new SqliteSampleStore(db, { maxBatchSamples: 10, timer: t.timer, now: () => CONTRACT_T0 });
    expect(t.active.size).toBe(2); // flush + rollup
    const reader = new BetterSqlite3(path, { readonly: true });
    const count = (): number => (reader.prepare('SELECT COUNT(*) AS n FROM samples').get() as { n: number }).n;
    const flushes: number[] = [];
    store.onDidFlush((e) => flushes.push(e.written));
    for (let i = 0; i < 9; i++) store.append([makeSample({ ts: CONTRACT_T0 + i })]);
    expect(store.pendingCount).toBe(9);
    expect(count()).toBe(0); // another connection sees nothing before the batch commits
    store.append([makeSample({ ts: CONTRACT_T0 + 9 })]);
    expect(count()).toBe(10);
    store.append([makeSample({ ts: CONTRACT_T0 + 10 }), makeSample({ ts: CONTRACT_T0 + 11 })]);
    expect(count()).toBe(10);
    t.fireAll();
    expect(count()).toBe(12);
    store.append([makeSample({ ts: CONTRACT_T0 + 12 })]);
    store.dispose();
    expect(t.active.size).toBe(0);
    expect(count()).toBe(13);
    expect(flushes).toEqual([10, 2, 1]);
    reader.close();
    db.dispose();
  });

  it('keeps data across reopen and reads series ids back from the series table', () => {
    const path = freshPath();
    let db = Database.open(path);
    let store = new SqliteSampleStore(db, { flushIntervalMs: 0, rollupIntervalMs: 0, now: () => CONTRACT_T0 + 1000 });
    store.append([makeSample({ value: 7 }), makeSample({ node: 'imp-sub', value: 8 })]);
    store.dispose();
    db.dispose();
    db = Database.open(path);
    store = new SqliteSampleStore(db, { flushIntervalMs: 0, rollupIntervalMs: 0, now: () => CONTRACT_T0 + 1000 });
    expect(store.listSeries().map((s) => s.node)).toEqual(['imp-pub', 'imp-sub']);
    expect(store.latest(makeSample({ node: 'imp-sub' }))).toEqual({ ts: CONTRACT_T0, value: 8 });
    store.append([makeSample({ node: 'imp-sub', ts: CONTRACT_T0 + 5, value: 9 })]);
    store.flush();
    const ids = db.connection.prepare('SELECT COUNT(*) AS n FROM series').get() as { n: number };
    expect(ids.n).toBe(2);
    store.dispose();
    db.dispose();
  });

  it('rolls up into 1m and 1h buckets, answers old ranges from rollups plus the raw tail, and applies retention', () => {
    const db = Database.open(freshPath());
    const HOUR = 3_600_000;
    let now = CONTRACT_T0;
    const retention = { rawMs: 2 * HOUR, minuteMs: 6 * HOUR, hourMs: 48 * HOUR };
    const store = new SqliteSampleStore(db, { flushIntervalMs: 0, rollupIntervalMs: 0, retention, now: () => now });
    const key = seriesKey(makeSample());
    // 10 hours of one sample every 10 s; value = minute index within the hour, so 1m buckets are constant.
    const N = 10 * 360;
    for (let i = 0; i < N; i++) {
      const ts = CONTRACT_T0 + i * 10_000;
      store.append([makeSample({ ts, value: Math.floor((ts % HOUR) / 60_000) })]);
    }
    now = CONTRACT_T0 + 10 * HOUR;
    const report = store.runRollup();
    const conn = db.connection;
    // Everything older than now - grace (2 min) is in rollup_1m, whole hours in rollup_1h.
    expect(report.watermarks.minute).toBe(now - 2 * 60_000);
    expect(report.watermarks.hour).toBe(CONTRACT_T0 + 9 * HOUR);
    const m = conn.prepare('SELECT * FROM rollup_1m WHERE bucket = ?').get(CONTRACT_T0 + 5 * HOUR + 5 * 60_000) as Record<string, number>;
    expect(m).toMatchObject({ min: 5, max: 5, avg: 5, count: 6 });
    const h = conn.prepare('SELECT * FROM rollup_1h WHERE bucket = ?').get(CONTRACT_T0 + 3 * HOUR) as Record<string, number>;
    expect(h).toMatchObject({ min: 0, max: 59, avg: 29.5, count: 360 });
    // Retention: raw older than 2 h gone, 1m older than 6 h gone, 1h kept.
    const raw = conn.prepare('SELECT MIN(ts) AS t, COUNT(*) AS n FROM samples').get() as { t: number; n: number };
    expect(raw.t).toBe(now - 2 * HOUR);
    expect(report.deletedRaw).toBe(N - raw.n);
    const minMinute = (conn.prepare('SELECT MIN(bucket) AS b FROM rollup_1m').get() as { b: number }).b;
    expect(minMinute).toBe(now - 6 * HOUR);
    // A second run at the same time changes nothing (idempotent).
    const again = store.runRollup();
    expect([again.deletedRaw, again.deletedMinute, again.deletedHour]).toEqual([0, 0, 0]);

    // 4 h back: older than raw retention -> 1m rollups (one point per minute), the last 2 min from raw (10 s).
    const [r1m] = store.query([key], now - 4 * HOUR, now, 10_000);
    expect(r1m!.resolution).toBe('1m');
    expect(r1m!.points.reduce((n, p) => n + p.count, 0)).toBe(4 * 360);
    expect(r1m!.points.length).toBe(4 * 60 - 2 + 12);
    expect(r1m!.points.at(-13)!).toMatchObject({ ts: now - 3 * 60_000, count: 6 });
    expect(r1m!.points.at(-1)!).toMatchObject({ ts: now - 10_000, count: 1 });
    // 10 h back: older than 1m retention -> 1h rollups + 1m + raw tail; totals still add up.
    const [r1h] = store.query([key], CONTRACT_T0, now, 10_000);
    expect(r1h!.resolution).toBe('1h');
    expect(r1h!.points.reduce((n, p) => n + p.count, 0)).toBe(N);
    expect(Math.min(...r1h!.points.map((p) => p.min))).toBe(0);
    expect(Math.max(...r1h!.points.map((p) => p.max))).toBe(59);
    // Downsampled to 5 points: each bucket spans two hours, so min 0 / max 59 / avg 29.5.
    const [five] = store.query([key], CONTRACT_T0, now - 1, 5);
    expect(five!.points).toHaveLength(5);
    for (const p of five!.points) expect([p.min, p.max, p.avg]).toEqual([0, 59, 29.5]);

    // After 2 days everything is past the 1h retention too.
    now += 50 * HOUR;
    store.runRollup();
    expect((conn.prepare('SELECT COUNT(*) AS n FROM rollup_1h').get() as { n: number }).n).toBe(0);
    // latest falls back to whatever is left; nothing now.
    expect(store.latest(key)).toEqual({ ts: CONTRACT_T0 + (N - 1) * 10_000, value: 59 }); // cached from append
    store.dispose();
    db.dispose();
  });

  it('a failed flush keeps the batch and reports INTERNAL retryable', () => {
    const db = Database.open(freshPath());
    const store = new SqliteSampleStore(db, { flushIntervalMs: 0, rollupIntervalMs: 0, now: () => CONTRACT_T0 });
    store.append([makeSample()]);
    db.connection.exec('ALTER TABLE samples RENAME TO samples_gone');
    expect(() => store.flush()).toThrow(expect.objectContaining({ code: 'INTERNAL', retryable: true }));
    expect(store.pendingCount).toBe(1);
    db.connection.exec('ALTER TABLE samples_gone RENAME TO samples');
    expect(store.flush()).toBe(1);
    store.dispose();
    db.dispose();
  });
});
