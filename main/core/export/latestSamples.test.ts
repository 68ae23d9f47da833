import { describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/model/sample.js';
import { LatestSamples } from './latestSamples.js';

const s = (over: Partial<Sample>): Sample => ({
  cluster: 'c1', node: 'n1', object: 'Processor', instance: '', counter: '% CPU Time', value: 1, ts: 1_000, source: 'perfmon', ...over,
});

describe('LatestSamples', () => {
  it('keeps the newest sample per series and drops stale ones', () => {
    const cache = new LatestSamples(60_000);
    cache.update([s({ ts: 2_000, value: 2 }), s({ ts: 1_500, value: 9 }), s({ node: 'n2', ts: 1_000 }), s({ value: Number.NaN, ts: 5_000 })]);
    expect(cache.snapshot(2_000).map((x) => [x.node, x.value])).toEqual([['n1', 2], ['n2', 1]]);
    expect(cache.snapshot(61_500).map((x) => x.node)).toEqual(['n1']);
    expect(cache.size).toBe(1);
  });
});
