/**
 * Writes a day of history into an app state folder's history.db before the app starts, through the app's own
 * SqliteSampleStore (batched appends, then the rollup job once, as a day of the app running would have left it:
 * raw 5 s samples plus their 1 minute and 1 hour rollups). Values follow a daily wave with noise, per series.
 */
import { join } from 'node:path';
import type { Sample } from '../../shared/model/sample.js';
import type { SeriesRef } from '../../shared/model/views.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { SqliteSampleStore } from '../../main/core/storage/sqlite/sqliteSampleStore.js';
import { mulberry32 as random } from '../helpers/mulberry32.js';

/** How much history and at which step. */
export interface HistoryFillOptions {
  readonly stateDir: string;
  readonly series: readonly SeriesRef[];
  /** Last sample's time (default now). */
  readonly endMs?: number;
  /** Span written (default 24 h). */
  readonly spanMs?: number;
  /** Step between samples (default 5 s). */
  readonly stepMs?: number;
}

/** What was written. */
export interface HistoryFillResult {
  readonly samplesPerSeries: number;
  readonly totalSamples: number;
  readonly elapsedMs: number;
}


/** Writes `spanMs` of samples every `stepMs` for every series into `<stateDir>/history.db`, then rolls up. */
export function fillHistory(options: HistoryFillOptions): HistoryFillResult {
  const t0 = performance.now();
  const step = options.stepMs ?? 5_000;
  const end = options.endMs ?? Date.now();
  const count = Math.floor((options.spanMs ?? 86_400_000) / step);
  const db = Database.open(join(options.stateDir, 'history.db'));
  const store = new SqliteSampleStore(db, { flushIntervalMs: 0, rollupIntervalMs: 0 });
  try {
    options.series.forEach((ref, index) => {
      const next = random(index + 1);
      const base = 30 + 40 * next();
      const batch: Sample[] = [];
      for (let i = 0; i < count; i++) {
        const ts = end - (count - 1 - i) * step;
        const day = Math.sin((2 * Math.PI * ts) / 86_400_000);
        const value = Math.max(0, Math.min(100, base + 15 * day + 5 * (next() - 0.5)));
        batch.push({ ...ref, value, ts, source: 'perfmon' });
        if (batch.length === 10_000) store.append(batch.splice(0));
      }
      store.append(batch);
    });
    store.runRollup();
  } finally {
    store.dispose();
    db.dispose();
  }
  return { samplesPerSeries: count, totalSamples: count * options.series.length, elapsedMs: performance.now() - t0 };
}
