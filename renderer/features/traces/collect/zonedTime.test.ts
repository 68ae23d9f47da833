import { describe, expect, it } from 'vitest';
import { zonedWallTimeToMs, zoneOffsetMinutes } from './zonedTime.js';

describe('zonedWallTimeToMs', () => {
  it('reads a wall-clock time in UTC, Shanghai and New York', () => {
    expect(zonedWallTimeToMs('2026-12-06T09:30', 'UTC')).toBe(Date.UTC(2026, 11, 6, 9, 30));
    expect(zonedWallTimeToMs('2026-12-06T17:30', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 6, 9, 30));
    // Winter: UTC-5; summer: UTC-4.
    expect(zonedWallTimeToMs('2026-12-06T04:30', 'America/New_York')).toBe(Date.UTC(2026, 11, 6, 9, 30));
    expect(zonedWallTimeToMs('2026-07-06T05:30', 'America/New_York')).toBe(Date.UTC(2026, 6, 6, 9, 30));
  });

  it('handles the DST changes of Europe/Paris', () => {
    // 2026-03-29 02:30 does not exist in Paris (clocks jump 02:00 → 03:00): read with the offset before (+1).
    expect(zonedWallTimeToMs('2026-03-29T02:30', 'Europe/Paris')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 2026-10-25 02:30 happens twice: the earlier one (+2) wins.
    expect(zonedWallTimeToMs('2026-10-25T02:30', 'Europe/Paris')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(zoneOffsetMinutes(Date.UTC(2026, 9, 25, 0, 30), 'Europe/Paris')).toBe(120);
  });

  it('refuses what is not a time or not a zone', () => {
    expect(zonedWallTimeToMs('2026-02-30T10:00', 'UTC')).toBeUndefined();
    expect(zonedWallTimeToMs('2026-12-06 10:00', 'UTC')).toBeUndefined();
    expect(zonedWallTimeToMs('2026-12-06T24:00', 'UTC')).toBeUndefined();
    expect(zonedWallTimeToMs('2026-12-06T10:00', 'Mars/Olympus')).toBeUndefined();
  });
});
