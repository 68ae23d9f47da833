import { describe, expect, it } from 'vitest';
import { clampPollSec } from './perfLimits.js';

describe('polling rate (RTMT: chart ≥ 5 s, table ≥ 1 s, default 10 s)', () => {
  it.each([
    [1, 'chart', 5],
    [4.6, 'chart', 5],
    [7, 'chart', 7],
    [1, 'table', 1],
    [0, 'table', 1],
    [Number.NaN, 'chart', 10],
    [99_999, 'chart', 3600],
  ] as const)('%s s for a %s → %s s', (value, kind, expected) => {
    expect(clampPollSec(value, kind)).toBe(expected);
  });
});
