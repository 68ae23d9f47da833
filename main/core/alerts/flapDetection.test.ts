import { describe, expect, it } from 'vitest';
import { FLAP_WINDOW, nextFlapping, percentStateChange, pushHistoryBits } from './flapDetection.js';

/** History bits and length after these evaluations (true = breached), oldest first. */
function historyOf(evaluations: readonly boolean[]): [number, number] {
  let h = 0;
  for (const b of evaluations) h = pushHistoryBits(h, b);
  return [h, Math.min(evaluations.length, FLAP_WINDOW)];
}

describe('flap detection (Nagios weighted state change over 21 evaluations)', () => {
  it('a condition that started once, soon after a start, is not flapping', () => {
    // Normal once, then breached: one change. Before, a 3-evaluation history counted it as 50 %.
    for (const n of [2, 3, 5, 8]) {
      const [h, len] = historyOf([false, ...Array<boolean>(n).fill(true)]);
      expect(percentStateChange(h, len), `${n} breaches`).toBeLessThan(10);
      expect(nextFlapping(false, h, len), `${n} breaches`).toBe(false);
    }
  });
  it('counts one change in a full window as about 5 %', () => {
    const [h, len] = historyOf([...Array<boolean>(10).fill(false), ...Array<boolean>(11).fill(true)]);
    expect(percentStateChange(h, len)).toBeCloseTo(100 / (FLAP_WINDOW - 1), 0);
  });
  it('a condition going on and off every evaluation is flapping within a few evaluations', () => {
    const [h, len] = historyOf([false, true, false, true, false, true, false, true]);
    expect(nextFlapping(false, h, len)).toBe(true);
  });
  it('a full window of alternation is 100 %', () => {
    const [h, len] = historyOf(Array.from({ length: 30 }, (_, i) => i % 2 === 0));
    expect(percentStateChange(h, len)).toBeCloseTo(100, 5);
  });
});
