/**
 * perf.exportCsv over a long range (issue 10: the page asked for 100,000 points and the contract capped them at
 * 20,000; before that the export read the whole range at the resolution of its start, so a range reaching past
 * the raw retention came back as 1-minute rollups even where raw samples were kept). The export reads storage
 * page by page: every raw sample where raw samples exist, rollup buckets before, no cap.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seriesKey, type Sample } from '../../../shared/model/sample.js';
import { IPC_ARGUMENT_PARSERS } from '../../../shared/validation/ipcArguments.js';
import { Database } from '../storage/sqlite/database.js';
import { SqliteSampleStore } from '../storage/sqlite/sqliteSampleStore.js';
import { DEFAULT_RETENTION } from '../storage/storage.js';
import { exportPerfmonCsv } from './perfmonCsv.js';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const DAY = 86_400_000;
const STEP = 5000;
const disposables: { dispose(): void }[] = [];
afterEach(() => {
  for (const d of disposables.splice(0).reverse()) d.dispose();
});

const cpu = (ts: number, value: number): Sample => ({ cluster: 'c1', node: 'imp-pub', object: 'Processor', instance: '_Total', counter: '% CPU Time', value, ts, source: 'perfmon' });
const jsm = (ts: number, value: number): Sample => ({ cluster: 'c1', node: 'imp-sub1', object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions', value, ts, source: 'perfmon' });

describe('PerfMonLog CSV export of a long range', () => {
  it('exports three days: every raw sample of the last 24 h, 1-minute rollups before, in time order', () => {
    const db = Database.open(':memory:');
    disposables.push(db);
    const store = new SqliteSampleStore(db, { now: () => NOW, flushIntervalMs: 0, rollupIntervalMs: 0 });
    disposables.push(store);
    const from = NOW - 3 * DAY;
    const batch: Sample[] = [];
    for (let ts = from; ts <= NOW; ts += STEP) {
      batch.push(cpu(ts, (ts / STEP) % 100));
      // The second counter is polled every 10 s, 2 s after the first: its own rows, blanks in the other column.
      if ((ts - from) % 10_000 === 0) batch.push(jsm(ts + 2000, 1000 + ((ts / 10_000) % 50)));
      if (batch.length >= 20_000) store.append(batch.splice(0));
    }
    store.append(batch);
    store.runRollup(); // rolls up, then drops raw samples older than 24 h
    const keys = store.listSeries().map(seriesKey);

    const csv = exportPerfmonCsv(store, keys, from, NOW);
    const rows = csv.trimEnd().split('\r\n').slice(1);
    const times = rows.map((r) => Date.parse(`${r.slice(1, 24).replace(/^(\d\d)\/(\d\d)\/(\d{4}) /, '$3-$1-$2T')}Z`));
    // Strictly increasing: one row per timestamp, pages in order.
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);

    const rawFrom = NOW - DEFAULT_RETENTION.rawMs;
    const rawTimes = times.filter((t) => t >= rawFrom);
    const oldTimes = times.filter((t) => t < rawFrom);
    // Last 24 h: every sample of both counters at its own time (5 s and 10 s + 2 s), none merged.
    const expectedRaw = new Set<number>();
    for (let ts = from; ts <= NOW; ts += STEP) {
      if (ts >= rawFrom) expectedRaw.add(ts);
      if ((ts - from) % 10_000 === 0 && ts + 2000 >= rawFrom && ts + 2000 <= NOW) expectedRaw.add(ts + 2000);
    }
    expect(rawTimes).toEqual([...expectedRaw].sort((a, b) => a - b));
    expect(rawTimes.length).toBeGreaterThan(17_280 + 8_000);
    // Before: one row per minute (the 1-minute rollups), two days of them.
    expect(oldTimes.every((t) => t % 60_000 === 0)).toBe(true);
    expect(oldTimes.length).toBeGreaterThanOrEqual(2 * 1440 - 2);
    expect(oldTimes.length).toBeLessThanOrEqual(2 * 1440 + 2);
    // A raw row carries the sample's own value, in the column of its counter.
    const header = csv.split('\r\n')[0]!.split(',');
    const cpuColumn = header.findIndex((h) => h.includes('Processor'));
    const row = rows.find((r) => r.startsWith('"12/06/2026 11:00:00.000"'))!.split(',');
    expect(row[cpuColumn]).toBe(`"${((NOW - 3_600_000) / STEP) % 100}"`);
    expect(row[3 - cpuColumn]).toBe('" "');
  });

  it('the contract accepts an export of any range without a point count', () => {
    const series = [{ cluster: 'c1', node: 'imp-pub', object: 'Processor', instance: '_Total', counter: '% CPU Time' }];
    expect(IPC_ARGUMENT_PARSERS.perf.exportCsv([{ series, fromMs: NOW - 365 * DAY, toMs: NOW }]).ok).toBe(true);
    expect(IPC_ARGUMENT_PARSERS.perf.exportCsv([{ series, fromMs: NOW, toMs: NOW - 1 }]).ok).toBe(false);
  });
  it('a range from 1970 reads no further back than the longest retention (a year of day pages, not 20,000)', () => {
    const db = Database.open(':memory:');
    disposables.push(db);
    const store = new SqliteSampleStore(db, { now: () => NOW, flushIntervalMs: 0, rollupIntervalMs: 0 });
    disposables.push(store);
    store.append([cpu(NOW - 60_000, 7), cpu(NOW, 8)]);
    store.flush();
    let queries = 0;
    // The store as the export uses it (listSeries, query), counting the queries.
    const counting = { listSeries: () => store.listSeries(), query: (...a: Parameters<typeof store.query>) => (queries++, store.query(...a)) } as unknown as typeof store;
    const csv = exportPerfmonCsv(counting, [seriesKey(cpu(0, 0))], 0, NOW, { eol: '\n', nowMs: NOW });
    expect(csv.trimEnd().split('\n')).toHaveLength(3);
    // Day pages over the year of hourly rollups, hour pages over the raw day, and the binary search for raw.
    expect(queries).toBeLessThan(366 + 1 + 24 + 1 + 64);
    expect(DEFAULT_RETENTION.hourMs).toBe(365 * DAY);
  });
});
