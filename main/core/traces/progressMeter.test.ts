import { describe, expect, it } from 'vitest';
import { ProgressMeter } from './progressMeter.js';

describe('progress meter', () => {
  it('gives the rate over its window and the time left at that rate', () => {
    let t = 1_000_000;
    const m = new ProgressMeter(() => t, 10_000);
    expect(m.bytesPerSec()).toBe(0);
    expect(m.etaSec(100)).toBeUndefined();
    for (let i = 0; i < 10; i++) {
      m.add(1000);
      t += 1000;
    }
    expect(m.bytesPerSec()).toBe(1000);
    expect(m.etaSec(5000)).toBe(5);
    expect(m.etaSec(0)).toBe(0);
  });

  it('shows a stall as a falling rate, then none', () => {
    let t = 0;
    const m = new ProgressMeter(() => t, 10_000);
    for (let i = 0; i < 10; i++) {
      m.add(2000);
      t += 1000;
    }
    const before = m.bytesPerSec();
    t += 5000;
    expect(m.bytesPerSec()).toBeLessThan(before);
    t += 10_000;
    expect(m.bytesPerSec()).toBe(0);
    expect(m.etaSec(1)).toBeUndefined();
  });

  it('counts a young transfer over the time since its first byte (at least a second)', () => {
    let t = 5000;
    const m = new ProgressMeter(() => t, 10_000);
    m.add(500);
    t += 200;
    m.add(500);
    expect(m.bytesPerSec()).toBe(1000);
    t += 1800;
    expect(m.bytesPerSec()).toBe(500);
  });
});
