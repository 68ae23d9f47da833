/**
 * Storage benchmark (issue 4): SQLite ingest rate batched vs a naive one-transaction-per-sample insert, and the
 * query time for 24 h of one counter at 5 s (17,280 raw points) downsampled to 1,000 points.
 * Targets: ≥100,000 samples/s batched; <20 ms per query. Prints figures; asserts nothing.
 * Run: npx tsx test/bench/storageBench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seriesKey, type Sample } from '../../shared/model/sample.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { SqliteSampleStore } from '../../main/core/storage/sqlite/sqliteSampleStore.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-storage-bench-'));
const T0 = Date.UTC(2026, 0, 1);
const NODES = 50;
const COUNTERS = 40;

/** Samples of a poll round: 50 nodes x 40 counters at time t. */
function round(t: number, seq: number): Sample[] {
  const out: Sample[] = [];
  for (let n = 0; n < NODES; n++) {
    for (let c = 0; c < COUNTERS; c++) {
      out.push({
        cluster: 'bench', node: `imp-${n}`, object: 'Cisco Presence Engine', instance: '', counter: `C${c}`,
        value: (seq * 7 + n * 13 + c) % 1000, ts: t, source: 'perfmon',
      });
    }
  }
  return out;
}

function ingestBatched(total: number): { rate: number; ms: number } {
  const db = Database.open(join(dir, 'batched.db'));
  const store = new SqliteSampleStore(db, { maxBatchSamples: 20_000, flushIntervalMs: 0, rollupIntervalMs: 0, now: () => T0 });
  const rounds = Math.ceil(total / (NODES * COUNTERS));
  const data = Array.from({ length: rounds }, (_, i) => round(T0 + i * 5_000, i));
  const t = performance.now();
  for (const r of data) store.append(r);
  store.flush();
  const ms = performance.now() - t;
  store.dispose();
  db.dispose();
  return { rate: (rounds * NODES * COUNTERS) / (ms / 1000), ms };
}

function ingestNaive(total: number): { rate: number; ms: number } {
  // One transaction per sample: what a store without batching does (maxBatchSamples 1).
  const db = Database.open(join(dir, 'naive.db'));
  const store = new SqliteSampleStore(db, { maxBatchSamples: 1, flushIntervalMs: 0, rollupIntervalMs: 0, now: () => T0 });
  const data = round(T0, 0).concat(round(T0 + 5_000, 1)).slice(0, total);
  const t = performance.now();
  for (const s of data) store.append([s]);
  const ms = performance.now() - t;
  store.dispose();
  db.dispose();
  return { rate: data.length / (ms / 1000), ms };
}

function queryDay(): { medianMs: number; p95Ms: number; points: number; rows: number } {
  const db = Database.open(join(dir, 'query.db'));
  const now = T0 + 86_400_000;
  const store = new SqliteSampleStore(db, { flushIntervalMs: 0, rollupIntervalMs: 0, now: () => now });
  // The counter under test plus 199 neighbours, so the table is not trivially small.
  for (let i = 0; i < 17_280; i++) {
    const ts = T0 + i * 5_000;
    const batch: Sample[] = [];
    for (let c = 0; c < 200; c++) {
      batch.push({ cluster: 'bench', node: 'imp-0', object: 'Processor', instance: String(c), counter: '% CPU Time', value: (i + c) % 100, ts, source: 'perfmon' });
    }
    store.append(batch);
  }
  store.flush();
  const key = seriesKey({ cluster: 'bench', node: 'imp-0', object: 'Processor', instance: '7', counter: '% CPU Time' });
  const times: number[] = [];
  let points = 0;
  let rows = 0;
  for (let k = 0; k < 50; k++) {
    const t = performance.now();
    const [r] = store.query([key], T0, now - 1, 1_000);
    times.push(performance.now() - t);
    points = r!.points.length;
    rows = r!.points.reduce((n, p) => n + p.count, 0);
  }
  store.dispose();
  db.dispose();
  times.sort((a, b) => a - b);
  return { medianMs: times[25]!, p95Ms: times[47]!, points, rows };
}

try {
  const batched = ingestBatched(400_000);
  const naive = ingestNaive(4_000);
  const q = queryDay();
  const f = (n: number): string => Math.round(n).toLocaleString('en-US');
  console.log('SQLite sample store (better-sqlite3, WAL, synchronous=NORMAL), file under', tmpdir(), '- load average', (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' '));
  console.log('| measure | figure | target |');
  console.log('| --- | --- | --- |');
  console.log(`| ingest batched (20,000/transaction), 400,000 samples | ${f(batched.rate)} samples/s (${batched.ms.toFixed(0)} ms) | >= 100,000/s |`);
  console.log(`| ingest naive (1/transaction), 4,000 samples | ${f(naive.rate)} samples/s (${naive.ms.toFixed(0)} ms) | - |`);
  console.log(`| batched / naive | ${(batched.rate / naive.rate).toFixed(1)}x | - |`);
  console.log(`| query 24 h @5 s (${f(q.rows)} raw) -> ${q.points} points, median of 50 | ${q.medianMs.toFixed(2)} ms (p95 ${q.p95Ms.toFixed(2)} ms) | < 20 ms |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
