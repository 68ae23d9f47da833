/**
 * Child process of the crash-safety test (sqliteSampleStore.crash.test.ts): appends samples in steps of
 * STEP forever with batches of BATCH, timer flush off, and after every append writes the appended total
 * to the progress file with a synchronous write. The parent SIGKILLs it at some point.
 * argv: dbPath progressPath batch step
 */
import { writeSync, openSync } from 'node:fs';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { SqliteSampleStore } from '../../main/core/storage/sqlite/sqliteSampleStore.js';

const [dbPath, progressPath, batchArg, stepArg] = process.argv.slice(2);
const batch = Number(batchArg);
const step = Number(stepArg);
const db = Database.open(dbPath!);
const store = new SqliteSampleStore(db, { maxBatchSamples: batch, flushIntervalMs: 0, rollupIntervalMs: 0 });
const fd = openSync(progressPath!, 'w');
store.onDidFlush((e) => process.stdout.write(`flushed ${e.totalWritten}\n`));
let appended = 0;
const t0 = Date.UTC(2026, 0, 1);
function tick(): void {
  const samples = [];
  for (let i = 0; i < step; i++) {
    samples.push({
      cluster: 'c1', node: 'n1', object: 'Processor', instance: String(appended % 4), counter: '% CPU Time',
      value: appended, ts: t0 + appended, source: 'perfmon' as const,
    });
    appended++;
  }
  store.append(samples);
  // Fixed width so a write is one pwrite at offset 0 and the file never holds a torn number.
  writeSync(fd, String(appended).padStart(12, '0'), 0);
  setImmediate(tick);
}
tick();
