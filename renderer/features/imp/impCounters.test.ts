import { describe, expect, it } from 'vitest';
import { capacityPercent, supportedJsmSessions } from './impCounters.js';

describe('JSM session capacity (guide L6977-7017)', () => {
  it.each([
    [5000, false, 7500],
    [15000, false, 22500],
    [25000, false, 37500],
    [15000, true, 11250],
  ])('OVA %i, active/active %s → %i sessions', (ova, aa, expected) => {
    expect(supportedJsmSessions(ova, aa)).toBe(expected);
  });
  it('computes the percentage and refuses unknown inputs', () => {
    expect(capacityPercent(18000, 22500)).toBeCloseTo(80);
    expect(capacityPercent(undefined, 22500)).toBeUndefined();
    expect(capacityPercent(10, 0)).toBeUndefined();
  });
});
