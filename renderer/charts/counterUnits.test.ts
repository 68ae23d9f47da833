import { describe, expect, it } from 'vitest';
import { counterUnit, unitAxes } from './counterUnits.js';

describe('counter units and chart axes (one Y axis per unit)', () => {
  it.each([
    ['% CPU Time', '%'],
    ['% Mem Used', '%'],
    ['IOwait Percentage', '%'],
    ['Total KBytes', 'KB'],
    ['Total Mbytes', 'MB'],
    ['Read Bytes Per Sec', 'B/s'],
    ['MFTBytesDownloadedLastTimeslice', 'B'],
    ['MDMBufferAvgQueuedTime', 's'],
    ['ActiveJsmSessions', ''],
    ['NumIdleSipdWorkers', ''],
  ] as const)('%s → "%s"', (counter, unit) => {
    expect(counterUnit(counter)).toBe(unit);
  });

  it('gives CPU % and sessions two axes, and two percentages one', () => {
    const { axes, axisOf } = unitAxes(['%', '', '%', 'KB']);
    expect(axes).toEqual(['%', '', 'KB']);
    expect(axisOf).toEqual([0, 1, 0, 2]);
    expect(unitAxes(['%', '%']).axes).toEqual(['%']);
  });
});
