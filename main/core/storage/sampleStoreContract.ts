import { describe, expect, it } from 'vitest';
import { seriesKey, type Sample } from '../../../shared/model/sample.js';
import { AppError } from '../base/errors.js';
import { bucketRows } from './queryPlan.js';
import type { SampleStore } from './storage.js';

/** Base time of the contract's data: a fixed instant, so a store's "now" can be set right after it. */
export const CONTRACT_T0 = Date.UTC(2026, 0, 15, 0, 0, 0);

/** Builds a Sample of the contract's default series with overrides. */
export function makeSample(over: Partial<Sample> = {}): Sample {
  return {
    cluster: 'c1',
    node: 'imp-pub',
    object: 'Cisco Presence Engine',
    instance: '',
    counter: 'ActiveJsmSessions',
    value: 1,
    ts: CONTRACT_T0,
    source: 'perfmon',
    ...over,
  };
}

/**
 * The behaviour every SampleStore must have at raw resolution (SQLite and memory run the same cases).
 * `open` must give a store whose clock is shortly after CONTRACT_T0 + 1 day, so the data is still raw.
 */
export function describeSampleStoreContract(name: string, open: () => SampleStore): void {
  describe(`${name}: SampleStore contract`, () => {
    it('lists series by filter, sorted by key, and counts invalid samples as rejected', () => {
      const store = open();
      const res = store.append([
        makeSample({ node: 'b' }),
        makeSample({ node: 'a', instance: 'x' }),
        makeSample({ node: 'a', counter: 'Other' }),
        makeSample({ value: Number.NaN }),
        makeSample({ ts: Number.POSITIVE_INFINITY }),
        makeSample({ counter: '' }),
        { ...makeSample(), cluster: undefined } as unknown as Sample,
      ]);
      expect(res).toEqual({ accepted: 3, rejected: 4 });
      expect(store.listSeries().map((r) => `${r.node}/${r.instance}/${r.counter}`)).toEqual([
        'a/x/ActiveJsmSessions', // keys compare 'x|' < '|O' ('x' is 0x78, '|' is 0x7c)
        'a//Other',
        'b//ActiveJsmSessions',
      ]);
      expect(store.listSeries({ node: 'a', counter: 'Other' })).toHaveLength(1);
      expect(store.listSeries({ cluster: 'nope' })).toEqual([]);
      store.dispose();
    });

    it('returns raw points exactly when they fit, bounds inclusive, later duplicates replacing earlier ones', () => {
      const store = open();
      const samples = [0, 5, 10, 15, 20].map((s, i) => makeSample({ ts: CONTRACT_T0 + s * 1000, value: i * 10 }));
      store.append(samples);
      store.append([makeSample({ ts: CONTRACT_T0 + 10_000, value: 99 })]);
      const key = seriesKey(makeSample());
      const [r] = store.query([key], CONTRACT_T0 + 5_000, CONTRACT_T0 + 15_000, 100);
      expect(r!.resolution).toBe('raw');
      expect(r!.points.map((p) => [p.ts - CONTRACT_T0, p.min, p.max, p.avg, p.count])).toEqual([
        [5_000, 10, 10, 10, 1],
        [10_000, 99, 99, 99, 1],
        [15_000, 30, 30, 30, 1],
      ]);
      expect(store.latest(key)).toEqual({ ts: CONTRACT_T0 + 20_000, value: 40 });
      expect(store.latest(makeSample())).toEqual({ ts: CONTRACT_T0 + 20_000, value: 40 });
      expect(store.latest('c1|none|x||y')).toBeUndefined();
      store.dispose();
    });

    it('downsamples 24 h at 5 s (17,280 points) to at most N min/max/avg buckets', () => {
      const store = open();
      const data: Sample[] = [];
      for (let i = 0; i < 17_280; i++) {
        data.push(makeSample({ ts: CONTRACT_T0 + i * 5_000, value: Math.round(50 + 40 * Math.sin(i / 300) + (i % 7)) }));
      }
      store.append(data);
      const key = seriesKey(makeSample());
      const to = CONTRACT_T0 + 86_400_000 - 1;
      for (const maxPoints of [1_000, 997, 17_280]) {
        const [r] = store.query([key], CONTRACT_T0, to, maxPoints);
        expect(r!.points.length).toBeLessThanOrEqual(maxPoints);
        const expected = bucketRows(
          data.map((s) => ({ ts: s.ts, min: s.value, max: s.value, avg: s.value, count: 1 })),
          CONTRACT_T0,
          r!.bucketMs,
        );
        expect(r!.points.length).toBe(expected.length);
        r!.points.forEach((p, i) => {
          const e = expected[i]!;
          expect([p.ts, p.min, p.max, p.count]).toEqual([e.ts, e.min, e.max, e.count]);
          expect(p.avg).toBeCloseTo(e.avg, 9);
        });
        expect(r!.points.reduce((n, p) => n + p.count, 0)).toBe(17_280);
      }
      const [thousand] = store.query([key], CONTRACT_T0, to, 1_000);
      expect(thousand!.points.length).toBeGreaterThan(900);
      store.dispose();
    });

    it('answers an unknown series with no points and rejects bad ranges with VALIDATION', () => {
      const store = open();
      const [r] = store.query(['c9|n|o||c'], CONTRACT_T0, CONTRACT_T0 + 1000, 10);
      expect(r!.points).toEqual([]);
      for (const [f, t, n] of [
        [CONTRACT_T0 + 1, CONTRACT_T0, 10],
        [Number.NaN, CONTRACT_T0, 10],
        [CONTRACT_T0, CONTRACT_T0 + 1, 0],
        [CONTRACT_T0, CONTRACT_T0 + 1, 1.5],
      ] as const) {
        expect(() => store.query(['x'], f, t, n)).toThrow(AppError);
        try {
          store.query(['x'], f, t, n);
        } catch (err) {
          expect((err as AppError).code).toBe('VALIDATION');
        }
      }
      store.dispose();
    });

    it('refuses use after dispose with PRECONDITION', () => {
      const store = open();
      store.dispose();
      expect(() => store.append([makeSample()])).toThrow(/disposed/);
    });
  });
}
