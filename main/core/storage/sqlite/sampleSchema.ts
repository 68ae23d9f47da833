import type { Migration } from './database.js';

/** Component name of the sample tables in schema_migrations. */
export const SAMPLES_COMPONENT = 'samples';

/**
 * Schema of the sample history. Samples are compact (series id, integer ms, REAL) in WITHOUT ROWID tables
 * clustered by (series_id, ts), so a range query of one series is one index range scan.
 */
export const SAMPLE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'series, raw samples, 1m/1h rollups, rollup watermarks',
    up: (db) => {
      db.exec(`
        CREATE TABLE series (
          id INTEGER PRIMARY KEY,
          cluster TEXT NOT NULL, node TEXT NOT NULL, object TEXT NOT NULL, instance TEXT NOT NULL, counter TEXT NOT NULL,
          UNIQUE (cluster, node, object, instance, counter));
        CREATE TABLE samples (
          series_id INTEGER NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL,
          PRIMARY KEY (series_id, ts)) WITHOUT ROWID;
        CREATE TABLE rollup_1m (
          series_id INTEGER NOT NULL, bucket INTEGER NOT NULL,
          min REAL NOT NULL, max REAL NOT NULL, avg REAL NOT NULL, count INTEGER NOT NULL,
          PRIMARY KEY (series_id, bucket)) WITHOUT ROWID;
        CREATE TABLE rollup_1h (
          series_id INTEGER NOT NULL, bucket INTEGER NOT NULL,
          min REAL NOT NULL, max REAL NOT NULL, avg REAL NOT NULL, count INTEGER NOT NULL,
          PRIMARY KEY (series_id, bucket)) WITHOUT ROWID;
        CREATE TABLE rollup_state (name TEXT PRIMARY KEY, watermark INTEGER NOT NULL);
      `);
    },
  },
];
