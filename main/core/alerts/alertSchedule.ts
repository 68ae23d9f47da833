import type { AlertSchedule } from '../../../shared/model/alert.js';

const DAY_MS = 86_400_000;

/**
 * Returns whether RTMT's alert schedule is active at `now` ("24 hours daily" or a daily start/stop window;
 * serviceability-reference.md A.3). The window is read in the time zone `utcOffsetMinutes`; an end before the
 * start spans midnight. The start minute is inside the window, the end minute is not.
 */
export function isScheduleActive(schedule: AlertSchedule, now: number): boolean {
  if (schedule.kind === 'always') return true;
  const local = now + schedule.utcOffsetMinutes * 60_000;
  const minute = Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  const { startMinute: s, endMinute: e } = schedule;
  return s < e ? minute >= s && minute < e : minute >= s || minute < e;
}
