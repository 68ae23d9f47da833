import type BetterSqlite3 from 'better-sqlite3';
import type { RetentionPolicy } from '../storage.js';
import type { SqliteConnection } from './database.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Default time a minute stays open for late samples before it is rolled up (and re-rolled once more). */
export const DEFAULT_ROLLUP_GRACE_MS = 2 * MINUTE_MS;

/** Rollup watermarks: everything older than a watermark is in that rollup table. */
export interface RollupWatermarks {
  /** Raw samples with ts < minute are summarized in rollup_1m. */
  readonly minute: number;
  /** 1-minute buckets < hour are summarized in rollup_1h. */
  readonly hour: number;
}

/** What one run of the job did. */
export interface RollupReport {
  readonly minuteBuckets: number;
  readonly hourBuckets: number;
  readonly deletedRaw: number;
  readonly deletedMinute: number;
  readonly deletedHour: number;
  readonly watermarks: RollupWatermarks;
}

/**
 * Rolls raw samples into 1-minute (min, max, avg, count) buckets and those into 1-hour buckets, then applies
 * retention. Each run recomputes the last `graceMs` before the previous watermark from the finer table with
 * INSERT OR REPLACE, so a run is idempotent and samples up to `graceMs` late still count. Raw rows are only
 * deleted once rolled up (never past the minute watermark), 1-minute rows only once in rollup_1h.
 */
export class RollupJob {
  readonly #db: SqliteConnection;
  readonly #retention: RetentionPolicy;
  readonly #graceMs: number;
  readonly #rollMinute: BetterSqlite3.Statement;
  readonly #rollHour: BetterSqlite3.Statement;
  readonly #deleteRaw: BetterSqlite3.Statement;
  readonly #deleteMinute: BetterSqlite3.Statement;
  readonly #deleteHour: BetterSqlite3.Statement;
  readonly #getMark: BetterSqlite3.Statement;
  readonly #setMark: BetterSqlite3.Statement;

  constructor(db: SqliteConnection, retention: RetentionPolicy, graceMs = DEFAULT_ROLLUP_GRACE_MS) {
    this.#db = db;
    this.#retention = retention;
    this.#graceMs = graceMs;
    // `series_id IN (SELECT id FROM series)` lets SQLite walk the (series_id, ts) primary key per series instead
    // of scanning the whole table for a time range.
    this.#rollMinute = db.prepare(`
      INSERT OR REPLACE INTO rollup_1m (series_id, bucket, min, max, avg, count)
      SELECT series_id, (ts / ${MINUTE_MS}) * ${MINUTE_MS}, MIN(value), MAX(value), AVG(value), COUNT(*)
      FROM samples WHERE series_id IN (SELECT id FROM series) AND ts >= ? AND ts < ?
      GROUP BY series_id, ts / ${MINUTE_MS}`);
    this.#rollHour = db.prepare(`
      INSERT OR REPLACE INTO rollup_1h (series_id, bucket, min, max, avg, count)
      SELECT series_id, (bucket / ${HOUR_MS}) * ${HOUR_MS}, MIN(min), MAX(max), SUM(avg * count) / SUM(count), SUM(count)
      FROM rollup_1m WHERE series_id IN (SELECT id FROM series) AND bucket >= ? AND bucket < ?
      GROUP BY series_id, bucket / ${HOUR_MS}`);
    this.#deleteRaw = db.prepare('DELETE FROM samples WHERE series_id IN (SELECT id FROM series) AND ts < ?');
    this.#deleteMinute = db.prepare('DELETE FROM rollup_1m WHERE series_id IN (SELECT id FROM series) AND bucket < ?');
    this.#deleteHour = db.prepare('DELETE FROM rollup_1h WHERE series_id IN (SELECT id FROM series) AND bucket < ?');
    this.#getMark = db.prepare('SELECT watermark FROM rollup_state WHERE name = ?');
    this.#setMark = db.prepare('INSERT OR REPLACE INTO rollup_state (name, watermark) VALUES (?, ?)');
  }

  /** The current watermarks (0 before the first run). */
  watermarks(): RollupWatermarks {
    return { minute: this.#mark('1m'), hour: this.#mark('1h') };
  }

  /** Rolls up and applies retention as of `nowMs`, in one transaction. */
  run(nowMs: number): RollupReport {
    return this.#db.transaction((): RollupReport => {
      const prev = this.watermarks();
      const minuteCut = floorTo(nowMs - this.#graceMs, MINUTE_MS);
      let minuteBuckets = 0;
      let minute = prev.minute;
      if (minuteCut > prev.minute) {
        const from = Math.max(0, floorTo(prev.minute - this.#graceMs, MINUTE_MS));
        minuteBuckets = this.#rollMinute.run(from, minuteCut).changes;
        minute = minuteCut;
        this.#setMark.run('1m', minute);
      }
      const hourCut = floorTo(minute, HOUR_MS);
      let hourBuckets = 0;
      let hour = prev.hour;
      if (hourCut > prev.hour) {
        const from = Math.max(0, floorTo(prev.hour - this.#graceMs, HOUR_MS));
        hourBuckets = this.#rollHour.run(from, hourCut).changes;
        hour = hourCut;
        this.#setMark.run('1h', hour);
      }
      const deletedRaw = this.#deleteRaw.run(Math.min(nowMs - this.#retention.rawMs, minute)).changes;
      const deletedMinute = this.#deleteMinute.run(Math.min(nowMs - this.#retention.minuteMs, hour)).changes;
      const deletedHour = this.#deleteHour.run(nowMs - this.#retention.hourMs).changes;
      return { minuteBuckets, hourBuckets, deletedRaw, deletedMinute, deletedHour, watermarks: { minute, hour } };
    })();
  }

  #mark(name: string): number {
    const row = this.#getMark.get(name) as { watermark: number } | undefined;
    return row?.watermark ?? 0;
  }
}

function floorTo(ms: number, step: number): number {
  return Math.floor(ms / step) * step;
}
