import { seriesKey } from '../../../../shared/model/sample.js';
import type { SeriesFilter, SeriesRef } from '../storage.js';
import { matchesFilter } from '../seriesFilter.js';
import type { SqliteConnection } from './database.js';
import type BetterSqlite3 from 'better-sqlite3';

/** A known series: its id in the series table and its identity. */
export interface SeriesEntry {
  readonly id: number;
  readonly ref: SeriesRef;
}

interface SeriesRow extends SeriesRef {
  readonly id: number;
}

/**
 * The series table (series id ↔ cluster/node/object/instance/counter) with an in-memory cache by series key,
 * so a batch insert resolves ids without a query per sample.
 */
export class SeriesRegistry {
  readonly #byKey = new Map<string, SeriesEntry>();
  readonly #insert: BetterSqlite3.Statement;
  readonly #all: BetterSqlite3.Statement;

  constructor(db: SqliteConnection) {
    this.#insert = db.prepare(
      `INSERT INTO series (cluster, node, object, instance, counter) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (cluster, node, object, instance, counter) DO UPDATE SET cluster = excluded.cluster
       RETURNING id`,
    );
    this.#all = db.prepare('SELECT id, cluster, node, object, instance, counter FROM series');
    this.reload();
  }

  /** Re-reads the table (after a rolled-back transaction that may have cached ids that do not exist). */
  reload(): void {
    this.#byKey.clear();
    for (const row of this.#all.all() as SeriesRow[]) {
      const ref: SeriesRef = {
        cluster: row.cluster,
        node: row.node,
        object: row.object,
        instance: row.instance,
        counter: row.counter,
      };
      this.#byKey.set(seriesKey(ref), { id: row.id, ref });
    }
  }

  /** The id of a series, inserting it when new. Call inside the write transaction. */
  idFor(ref: SeriesRef, key = seriesKey(ref)): number {
    const hit = this.#byKey.get(key);
    if (hit) return hit.id;
    const clean: SeriesRef = {
      cluster: ref.cluster,
      node: ref.node,
      object: ref.object,
      instance: ref.instance,
      counter: ref.counter,
    };
    const row = this.#insert.get(clean.cluster, clean.node, clean.object, clean.instance, clean.counter) as { id: number };
    this.#byKey.set(key, { id: row.id, ref: clean });
    return row.id;
  }

  /** The entry of a known series key, or undefined. */
  get(key: string): SeriesEntry | undefined {
    return this.#byKey.get(key);
  }

  /** Known series matching the filter, sorted by key. */
  list(filter: SeriesFilter = {}): SeriesRef[] {
    const out: Array<[string, SeriesRef]> = [];
    for (const [key, { ref }] of this.#byKey) if (matchesFilter(ref, filter)) out.push([key, ref]);
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.map(([, ref]) => ref);
  }
}
