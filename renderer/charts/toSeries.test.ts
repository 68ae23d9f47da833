import { describe, expect, it } from 'vitest';
import type { Sample } from '../../shared/model/sample.js';
import type { SeriesRef } from '../../shared/model/views.js';
import { appendSamples, fromSeriesData, latestValue, refKey, toChartRows, type LiveSeries } from './toSeries.js';

const ref = (node: string, counter = '% CPU Time'): SeriesRef => ({ cluster: 'c1', node, object: 'Processor', instance: '_Total', counter });
const sample = (node: string, ts: number, value: number): Sample => ({ ...ref(node), ts, value, source: 'perfmon' });
const live = (r: SeriesRef, points: [number, number][]): LiveSeries => ({ ref: r, key: refKey(r), points });

describe('fromSeriesData', () => {
  it('orders series as the refs and sorts points; a missing answer gives an empty series', () => {
    const refs = [ref('a'), ref('b')];
    const out = fromSeriesData(refs, [{ series: ref('a'), points: [[20, 2], [10, 1]], resolution: 'raw' }]);
    expect(out.map((s) => s.ref.node)).toEqual(['a', 'b']);
    expect(out[0]?.points).toEqual([[10, 1], [20, 2]]);
    expect(out[1]?.points).toEqual([]);
  });
});

describe('appendSamples', () => {
  it('appends newer samples of matching series only and drops late ones', () => {
    const series = [live(ref('a'), [[100, 1]]), live(ref('b'), [])];
    const out = appendSamples(series, [sample('a', 90, 9), sample('a', 110, 2), sample('b', 105, 5), sample('z', 120, 7)], 0);
    expect(out[0]?.points).toEqual([[100, 1], [110, 2]]);
    expect(out[1]?.points).toEqual([[105, 5]]);
  });
  it('returns the same array when no sample matches (no re-render)', () => {
    const series = [live(ref('a'), [[100, 1]])];
    expect(appendSamples(series, [sample('z', 200, 1)], 0)).toBe(series);
  });
  it('drops points older than the window', () => {
    const out = appendSamples([live(ref('a'), [[10, 1], [50, 2]])], [sample('a', 60, 3)], 40);
    expect(out[0]?.points).toEqual([[50, 2], [60, 3]]);
  });
  it('ignores non-finite values', () => {
    const out = appendSamples([live(ref('a'), [])], [sample('a', 60, Number.NaN)], 0);
    expect(out[0]?.points).toEqual([]);
  });
});

describe('toChartRows', () => {
  it('never returns more rows than maxPoints: 24 h at 5 s into 800 buckets', () => {
    const day = 86_400_000;
    const points: [number, number][] = [];
    for (let t = 0; t < day; t += 5000) points.push([t, t % 97]);
    const rows = toChartRows([live(ref('a'), points)], 0, day, 800);
    expect(points.length).toBe(17_280);
    expect(rows.length).toBe(800);
  });
  it('averages the points of a bucket per series and leaves gaps undefined', () => {
    const rows = toChartRows([live(ref('a'), [[0, 2], [1, 4], [60, 10]]), live(ref('b'), [[61, 8]])], 0, 100, 2);
    expect(rows).toEqual([
      { t: 25, s0: 3, s1: undefined },
      { t: 75, s0: 10, s1: 8 },
    ]);
  });
  it('skips points outside the window and returns nothing for an empty window', () => {
    expect(toChartRows([live(ref('a'), [[-5, 1], [500, 1]])], 0, 100, 10)).toEqual([]);
    expect(toChartRows([live(ref('a'), [[0, 1]])], 100, 100, 10)).toEqual([]);
  });
});

describe('latestValue', () => {
  it('is the last point value or undefined', () => {
    expect(latestValue(live(ref('a'), [[1, 5], [2, 6]]))).toBe(6);
    expect(latestValue(live(ref('a'), []))).toBeUndefined();
    expect(latestValue(undefined)).toBeUndefined();
  });
});
