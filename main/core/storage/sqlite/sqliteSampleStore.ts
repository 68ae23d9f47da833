import type BetterSqlite3 from 'better-sqlite3';
import { backoffMs, STORAGE_RETRY } from '../../../../shared/backoff.js';
import { seriesKey, type Sample } from '../../../../shared/model/sample.js';
import { DisposableStore } from '../../base/disposable.js';
import { Emitter, type Event } from '../../base/emitter.js';
import type { ErrorPayload } from '../../../../shared/errors.js';
import { AppError, toErrorPayload } from '../../base/errors.js';
import { bucketWidthMs, isStorableSample, pickResolution, validateQuery } from '../queryPlan.js';
import { realRepeatingTimer, type RepeatingTimer } from '../repeatingTimer.js';
import {
  DEFAULT_RETENTION,
  type AppendResult,
  type LatestValue,
  type RetentionPolicy,
  type SampleStore,
  type SeriesFilter,
  type SeriesPoint,
  type SeriesQueryResult,
  type SeriesRef,
} from '../storage.js';
import type { Database } from './database.js';
import { RollupJob, type RollupReport } from './rollupJob.js';
import { SAMPLES_COMPONENT, SAMPLE_MIGRATIONS } from './sampleSchema.js';
import { SeriesRegistry } from './seriesRegistry.js';

/** Options of the SQLite sample store; every field has a default. */
export interface SqliteSampleStoreOptions {
  /** Flush the batch when it holds this many samples (default 20,000: a batch rewrites every touched series page, so bigger batches amortize it). */
  readonly maxBatchSamples?: number;
  /** Flush the batch at least this often (default 1,000 ms; 0 = only by size or explicit flush). */
  readonly flushIntervalMs?: number;
  /** Run rollup + retention this often (default 60,000 ms; 0 = only when `runRollup` is called). */
  readonly rollupIntervalMs?: number;
  readonly retention?: RetentionPolicy;
  /** Wall clock for retention and resolution choice (default Date.now). */
  readonly now?: () => number;
  /** Timer factory (default setInterval, unref'd); tests inject one that records disposal. */
  readonly timer?: RepeatingTimer;
  /** Soft-failure log (a failed timed flush or rollup); messages never hold sample values. */
  readonly log?: (message: string) => void;
}

/** How the store's writes are doing (for /metrics and the UI): a locked database shows here, nothing is lost. */
export interface StorageHealth {
  /** Samples waiting to be written. */
  readonly pending: number;
  /** Failed write attempts in a row (0 when the last one succeeded). */
  readonly consecutiveFailures: number;
  /** Why the latest write failed, while it keeps failing (STORAGE_BUSY: another connection holds the lock). */
  readonly lastError?: ErrorPayload;
  /** When the next timed write is tried (performance.now() time), while failing. */
  readonly retryAtMs?: number;
}

/** Emitted after each committed batch. */
export interface FlushEvent {
  /** Samples written by this batch. */
  readonly written: number;
  /** Samples written by this store since it was opened. */
  readonly totalWritten: number;
}

/** Backoff of writes after a failure: the first retry after 1 s, doubling up to 30 s. */

/** Whether SQLite refused because another connection holds a lock (SQLITE_BUSY*, SQLITE_LOCKED*). */
function isLocked(err: unknown): boolean {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** Samples per multi-row INSERT (3 parameters each, well under SQLite's 32,766 parameter limit). */
const ROWS_PER_INSERT = 200;

interface BufferedRow {
  readonly sample: Sample;
  readonly key: string;
}

interface AggRow {
  ts: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

/**
 * The SQLite SampleStore: an in-memory batch flushed every `flushIntervalMs` or `maxBatchSamples` inside one
 * transaction (WAL, so a killed process loses at most the unflushed batch), a series table, compact raw
 * samples and 1m/1h rollups maintained by a `RollupJob` on a disposable timer.
 */
export class SqliteSampleStore implements SampleStore {
  readonly #db: Database;
  readonly #conn: BetterSqlite3.Database;
  readonly #series: SeriesRegistry;
  readonly #rollup: RollupJob;
  readonly #disposables = new DisposableStore();
  readonly #onDidFlush = new Emitter<FlushEvent>();
  readonly #maxBatch: number;
  readonly #retention: RetentionPolicy;
  readonly #now: () => number;
  readonly #log: (message: string) => void;
  readonly #insert: BetterSqlite3.Statement;
  readonly #insertMany: BetterSqlite3.Statement;
  readonly #rawQuery: BetterSqlite3.Statement;
  readonly #mixedQuery: BetterSqlite3.Statement;
  readonly #latestQuery: BetterSqlite3.Statement;
  readonly #latestByKey = new Map<string, LatestValue>();
  readonly #onDidFailWrite = new Emitter<AppError>();
  #buffer: BufferedRow[] = [];
  #totalWritten = 0;
  #disposed = false;
  #failures = 0;
  #lastError: AppError | undefined;
  #retryAt = 0;

  /** Fires after each committed batch. */
  readonly onDidFlush: Event<FlushEvent> = this.#onDidFlush.event;
  /** Fires when a write fails (the batch is kept and retried with backoff). */
  readonly onDidFailWrite: Event<AppError> = this.#onDidFailWrite.event;

  /** Creates the store on a shared Database, migrating the sample tables to the current version. */
  constructor(db: Database, options: SqliteSampleStoreOptions = {}) {
    this.#db = db;
    db.migrate(SAMPLES_COMPONENT, SAMPLE_MIGRATIONS);
    this.#conn = db.connection;
    this.#maxBatch = positiveInt(options.maxBatchSamples ?? 20_000, 'maxBatchSamples');
    this.#retention = options.retention ?? DEFAULT_RETENTION;
    this.#now = options.now ?? Date.now;
    this.#log = options.log ?? ((m) => console.warn(`[SqliteSampleStore] ${m}`));
    this.#series = new SeriesRegistry(this.#conn);
    this.#rollup = new RollupJob(this.#conn, this.#retention);
    this.#insert = this.#conn.prepare('INSERT OR REPLACE INTO samples (series_id, ts, value) VALUES (?, ?, ?)');
    // Multi-row INSERT: one statement step per ROWS_PER_INSERT samples (the per-statement cost dominates).
    this.#insertMany = this.#conn.prepare(
      `INSERT OR REPLACE INTO samples (series_id, ts, value) VALUES ${Array(ROWS_PER_INSERT).fill('(?, ?, ?)').join(', ')}`,
    );
    this.#rawQuery = this.#conn.prepare(`
      SELECT MIN(ts) AS ts, MIN(value) AS min, MAX(value) AS max, AVG(value) AS avg, COUNT(*) AS count
      FROM samples WHERE series_id = @id AND ts >= @from AND ts <= @to
      GROUP BY CAST((ts - @from) / @bucket AS INTEGER) ORDER BY 1`);
    // Rollup rows below the watermarks, finer rows above them; buckets merge both (count-weighted avg).
    this.#mixedQuery = this.#conn.prepare(`
      SELECT MIN(ts) AS ts, MIN(mn) AS min, MAX(mx) AS max, SUM(av * cnt) / SUM(cnt) AS avg, SUM(cnt) AS count FROM (
        SELECT ts, value AS mn, value AS mx, value AS av, 1 AS cnt FROM samples
          WHERE series_id = @id AND ts >= @rawFrom AND ts <= @to
        UNION ALL SELECT bucket, min, max, avg, count FROM rollup_1m
          WHERE series_id = @id AND bucket >= @minuteFrom AND bucket < @minuteTo
        UNION ALL SELECT bucket, min, max, avg, count FROM rollup_1h
          WHERE series_id = @id AND bucket >= @from AND bucket < @hourTo
      ) GROUP BY CAST((ts - @from) / @bucket AS INTEGER) ORDER BY 1`);
    this.#latestQuery = this.#conn.prepare(`
      SELECT ts, value FROM (
        SELECT ts, value, 0 AS p FROM (SELECT ts, value FROM samples WHERE series_id = @id ORDER BY ts DESC LIMIT 1)
        UNION ALL SELECT * FROM (SELECT bucket, avg, 1 FROM rollup_1m WHERE series_id = @id ORDER BY bucket DESC LIMIT 1)
        UNION ALL SELECT * FROM (SELECT bucket, avg, 2 FROM rollup_1h WHERE series_id = @id ORDER BY bucket DESC LIMIT 1)
      ) ORDER BY p LIMIT 1`);

    const timer = options.timer ?? realRepeatingTimer;
    const flushMs = options.flushIntervalMs ?? 1_000;
    if (flushMs > 0) this.#disposables.add(timer(() => this.#timedFlush(), flushMs));
    const rollupMs = options.rollupIntervalMs ?? 60_000;
    if (rollupMs > 0) this.#disposables.add(timer(() => this.#softly('rollup', () => this.runRollup()), rollupMs));
  }

  /** Samples waiting for the next flush. */
  get pendingCount(): number {
    return this.#buffer.length;
  }

  /** Queues samples; flushes synchronously once the batch reaches `maxBatchSamples`. */
  append(samples: readonly Sample[]): AppendResult {
    this.#assertOpen();
    let accepted = 0;
    let rejected = 0;
    for (const s of samples) {
      if (!isStorableSample(s)) {
        rejected++;
        continue;
      }
      const key = seriesKey(s);
      this.#buffer.push({ sample: s, key });
      const prev = this.#latestByKey.get(key);
      if (!prev || s.ts >= prev.ts) this.#latestByKey.set(key, { ts: s.ts, value: s.value });
      accepted++;
    }
    if (this.#buffer.length >= this.#maxBatch) this.#timedFlush();
    return { accepted, rejected };
  }

  /** How writes are doing: pending samples and, while writes fail, why and when they are tried again. */
  health(): StorageHealth {
    return {
      pending: this.#buffer.length,
      consecutiveFailures: this.#failures,
      ...(this.#lastError ? { lastError: toErrorPayload(this.#lastError), retryAtMs: this.#retryAt } : {}),
    };
  }

  /** Writes the batch in one transaction; on failure the batch is kept for the next try and the error thrown. */
  flush(): number {
    if (this.#buffer.length === 0 || this.#db.isClosed) return 0;
    const batch = this.#buffer;
    this.#buffer = [];
    try {
      this.#db.transaction(() => {
        const rows: Array<[number, number, number]> = batch.map(({ sample, key }) => [
          this.#series.idFor(sample, key),
          Math.round(sample.ts),
          sample.value,
        ]);
        // In primary-key order, so consecutive inserts land on neighbouring B-tree pages. The sort is stable and
        // a later duplicate (same series and ts) still replaces an earlier one.
        rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        let i = 0;
        for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
          this.#insertMany.run(rows.slice(i, i + ROWS_PER_INSERT).flat());
        }
        for (; i < rows.length; i++) this.#insert.run(rows[i]);
      });
    } catch (err) {
      this.#series.reload();
      this.#buffer = batch.concat(this.#buffer);
      const error = isLocked(err)
        ? new AppError('STORAGE_BUSY', `history database is locked by another connection; ${this.#buffer.length} samples kept for the next write`, { cause: err })
        : new AppError('INTERNAL', `sample batch of ${batch.length} not written: ${(err as Error).message}`, { cause: err, retryable: true });
      this.#failed(error);
      throw error;
    }
    if (this.#failures > 0) this.#log(`writes resumed after ${this.#failures} failed attempts; ${batch.length} samples written`);
    this.#failures = 0;
    this.#lastError = undefined;
    this.#retryAt = 0;
    this.#totalWritten += batch.length;
    this.#onDidFlush.fire({ written: batch.length, totalWritten: this.#totalWritten });
    return batch.length;
  }

  /** Flushes, then rolls up and applies retention as of now. */
  runRollup(): RollupReport {
    this.#assertOpen();
    this.flush();
    return this.#rollup.run(this.#now());
  }

  query(seriesKeys: readonly string[], fromMs: number, toMs: number, maxPoints: number): SeriesQueryResult[] {
    this.#assertOpen();
    validateQuery(fromMs, toMs, maxPoints);
    this.#flushIfWritable();
    const from = Math.floor(fromMs);
    const to = Math.floor(toMs);
    const bucket = bucketWidthMs(from, to, maxPoints);
    const resolution = pickResolution(from, this.#now(), this.#retention);
    const marks = resolution === 'raw' ? undefined : this.#rollup.watermarks();
    return seriesKeys.map((key) => {
      const entry = this.#series.get(key);
      if (!entry) return { key, resolution, bucketMs: bucket, points: [] };
      let rows: AggRow[];
      if (!marks) {
        rows = this.#rawQuery.all({ id: entry.id, from, to, bucket }) as AggRow[];
      } else {
        const hourTo = resolution === '1h' ? Math.min(marks.hour, to + 1) : from;
        const minuteFrom = Math.max(from, hourTo);
        rows = this.#mixedQuery.all({
          id: entry.id,
          from,
          to,
          bucket,
          hourTo,
          minuteFrom,
          minuteTo: Math.max(minuteFrom, Math.min(marks.minute, to + 1)),
          rawFrom: Math.max(from, marks.minute),
        }) as AggRow[];
      }
      const points: SeriesPoint[] = rows;
      return { key, resolution, bucketMs: bucket, points };
    });
  }

  latest(series: string | SeriesRef): LatestValue | undefined {
    this.#assertOpen();
    const key = typeof series === 'string' ? series : seriesKey(series);
    const cached = this.#latestByKey.get(key);
    if (cached) return cached;
    const entry = this.#series.get(key);
    if (!entry) return undefined;
    const row = this.#latestQuery.get({ id: entry.id }) as LatestValue | undefined;
    if (row) this.#latestByKey.set(key, { ts: row.ts, value: row.value });
    return row ? { ts: row.ts, value: row.value } : undefined;
  }

  listSeries(filter?: SeriesFilter): SeriesRef[] {
    this.#assertOpen();
    this.#flushIfWritable();
    return this.#series.list(filter);
  }

  /** Stops the timers and writes the last batch. Does not close the shared Database. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#disposables.dispose();
    // At shutdown nothing else answers: wait a little for another writer's lock rather than lose the last batch.
    this.#softly('final flush', () => (this.#db.isClosed ? 0 : this.#db.withBusyTimeout(5_000, () => this.flush())));
    this.#onDidFlush.dispose();
    this.#onDidFailWrite.dispose();
  }

  /**
   * The timer's (and a full batch's) write: skipped while backing off after a failure (1 s doubling to 30 s), so
   * a locked database costs one failed BEGIN per attempt and never blocks the event loop.
   */
  #timedFlush(): void {
    if (performance.now() < this.#retryAt) return;
    try {
      this.flush();
    } catch {
      // Recorded by flush (health, onDidFailWrite, one log line per failing episode); the batch is kept.
    }
  }

  /** Reads write the batch first when they can; a locked or backing-off database answers from what is stored. */
  #flushIfWritable(): void {
    if (this.#failures > 0 && performance.now() < this.#retryAt) return;
    try {
      this.flush();
    } catch {
      // As in #timedFlush.
    }
  }

  #failed(error: AppError): void {
    this.#failures++;
    this.#lastError = error;
    this.#retryAt = performance.now() + backoffMs(this.#failures, STORAGE_RETRY.firstMs, STORAGE_RETRY.maxMs);
    if (this.#failures === 1) this.#log(`write delayed: ${error.code}: ${error.message}`);
    this.#onDidFailWrite.fire(error);
  }

  #softly(what: string, fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      this.#log(`${what} failed: ${(err as Error).message}`);
    }
  }

  #assertOpen(): void {
    if (this.#disposed) throw new AppError('PRECONDITION', 'sample store is disposed', { retryable: false });
  }
}

function positiveInt(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1) throw new AppError('VALIDATION', `${name} must be a positive integer (got ${n})`);
  return n;
}
