import { describe, expect, it } from 'vitest';
import { logTimeSelection, resolveRange } from './collectionPlan.js';

describe('collection plan time range', () => {
  const now = Date.UTC(2026, 11, 6, 10, 0, 0);

  it('resolves a relative range back from now, an absolute one as given', () => {
    expect(resolveRange({ kind: 'relative', amount: 90, unit: 'minutes' }, now)).toEqual({ fromMs: now - 90 * 60_000, toMs: now });
    expect(resolveRange({ kind: 'relative', amount: 2, unit: 'weeks' }, now)).toEqual({ fromMs: now - 14 * 86_400_000, toMs: now });
    expect(resolveRange({ kind: 'absolute', fromMs: 1, toMs: 2, timeZone: 'UTC' }, now)).toEqual({ fromMs: 1, toMs: 2 });
  });

  it('asks the node in its own terms the first time, and for the fixed instants on resume', () => {
    expect(logTimeSelection({ kind: 'relative', amount: 3, unit: 'hours' })).toEqual({ kind: 'relative', unit: 'Hours', count: 3 });
    expect(logTimeSelection({ kind: 'relative', amount: 1, unit: 'months' })).toEqual({ kind: 'relative', unit: 'Months', count: 1 });
    expect(logTimeSelection({ kind: 'absolute', fromMs: 5, toMs: 9, timeZone: 'Asia/Shanghai' })).toEqual({ kind: 'absolute', fromMs: 5, toMs: 9 });
    expect(logTimeSelection({ kind: 'relative', amount: 3, unit: 'hours' }, { fromMs: 10, toMs: 20 })).toEqual({ kind: 'absolute', fromMs: 10, toMs: 20 });
  });
});
