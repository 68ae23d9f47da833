import { describe, expect, it } from 'vitest';
import { seriesKey, type Sample } from '../../../shared/model/sample.js';
import { MemorySampleStore } from '../storage/memory/memorySampleStore.js';
import { exportPerfmonCsv, formatPdhTimestamp, perfmonCounterPath, perfmonCsvLines } from './perfmonCsv.js';

const T0 = Date.UTC(2026, 10, 25, 9, 5, 7, 42);
const s = (over: Partial<Sample>): Sample => ({
  cluster: 'c1', node: 'imp-pub', object: 'Processor', instance: '_Total', counter: '% CPU Time', value: 0, ts: T0, source: 'perfmon', ...over,
});

/** Minimal RFC 4180 reader (quoted cells only, as PDH writes). */
function parseRow(line: string): string[] {
  const cells: string[] = [];
  const re = /"((?:[^"]|"")*)"(?:,|$)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    cells.push(m[1]!.replace(/""/g, '"'));
    if (re.lastIndex >= line.length) break;
  }
  return cells;
}

describe('PerfMonLog CSV export', () => {
  it('writes PDH counter paths with and without instance', () => {
    expect(perfmonCounterPath(s({}))).toBe('\\\\imp-pub\\Processor(_Total)\\% CPU Time');
    expect(perfmonCounterPath(s({ object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions' }))).toBe(
      '\\\\imp-pub\\Cisco Presence Engine\\ActiveJsmSessions',
    );
    expect(formatPdhTimestamp(T0)).toBe('11/25/2026 09:05:07.042');
  });

  it('exports a header row and one row per timestamp, blanks where a counter has no value', () => {
    const store = new MemorySampleStore();
    store.append([
      s({ value: 12.5 }),
      s({ ts: T0 + 5000, value: 13 }),
      s({ object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions', ts: T0 + 5000, value: 250 }),
      s({ object: 'Odd "Object"', instance: 'a,b', counter: 'C', ts: T0 + 10_000, value: 1 / 3 }),
      s({ ts: T0 + 99_000, value: 1 }), // out of range
    ]);
    const keys = store.listSeries().map(seriesKey);
    const csv = exportPerfmonCsv(store, keys, T0, T0 + 10_000);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '"(PDH-CSV 4.0) (Coordinated Universal Time)(0)","\\\\imp-pub\\Cisco Presence Engine\\ActiveJsmSessions",' +
        '"\\\\imp-pub\\Odd ""Object""(a,b)\\C","\\\\imp-pub\\Processor(_Total)\\% CPU Time"',
    );
    expect(lines.slice(1).map(parseRow)).toEqual([
      ['11/25/2026 09:05:07.042', ' ', ' ', '12.5'],
      ['11/25/2026 09:05:12.042', '250', ' ', '13'],
      ['11/25/2026 09:05:17.042', ' ', '0.333333', ' '],
    ]);
    expect(parseRow(lines[0]!)[2]).toBe('\\\\imp-pub\\Odd "Object"(a,b)\\C');
  });

  it('refuses unknown counters and empty selections', () => {
    const store = new MemorySampleStore();
    expect(() => exportPerfmonCsv(store, ['c|n|o||x'], 0, 1)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => exportPerfmonCsv(store, [], 0, 1)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect([...perfmonCsvLines([])]).toEqual(['"(PDH-CSV 4.0) (Coordinated Universal Time)(0)"']);
  });
});
