import { describe, expect, it } from 'vitest';
import type { MaintenanceSchedule, MaintenanceWindow } from './alert.js';
import { isKnownTimeZone, maintenanceCovers, maintenanceState, scheduleHasFuture, scheduleState } from './maintenanceSchedule.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const SUN = 0, MON = 1, TUE = 2, WED = 3, THU = 4, FRI = 5, SAT = 6;

function weekly(days: number[], startMinute: number, durationMinutes: number, timeZone: string, extra: Partial<Extract<MaintenanceSchedule, { kind: 'weekly' }>> = {}): MaintenanceSchedule {
  return { kind: 'weekly', days, startMinute, durationMinutes, timeZone, ...extra };
}

function win(schedule: MaintenanceSchedule, node?: string): MaintenanceWindow {
  return { id: 'w', cluster: 'lab', ...(node !== undefined ? { node } : {}), schedule, comment: '', createdBy: 'ann', createdAtMs: 0, source: 'app' };
}

describe('maintenanceState: one-off windows', () => {
  const s: MaintenanceSchedule = { kind: 'once', startsAt: Date.UTC(2026, 5, 1, 10), endsAt: Date.UTC(2026, 5, 1, 12) };
  it('is pending, then in force until its end (end excluded), then over', () => {
    expect(scheduleState(s, Date.UTC(2026, 5, 1, 9))).toEqual({ active: false, nextStartMs: Date.UTC(2026, 5, 1, 10) });
    expect(scheduleState(s, Date.UTC(2026, 5, 1, 10))).toEqual({ active: true, endsAtMs: Date.UTC(2026, 5, 1, 12) });
    expect(scheduleState(s, Date.UTC(2026, 5, 1, 12))).toEqual({ active: false });
    expect(scheduleHasFuture(s, Date.UTC(2026, 5, 1, 11))).toBe(true);
    expect(scheduleHasFuture(s, Date.UTC(2026, 5, 1, 12))).toBe(false);
  });
});

describe('maintenanceState: weekly windows in a time zone', () => {
  it('holds on the chosen weekdays only, at the local wall-clock time', () => {
    // Tuesdays and Thursdays 09:00-10:00 in Shanghai (UTC+8, no DST): 01:00-02:00 UTC.
    const s = weekly([TUE, THU], 9 * 60, 60, 'Asia/Shanghai');
    const tue = Date.UTC(2026, 5, 2, 1, 30); // Tuesday 2 June 2026, 09:30 in Shanghai
    expect(new Date(tue).getUTCDay()).toBe(TUE);
    expect(scheduleState(s, tue)).toEqual({ active: true, endsAtMs: Date.UTC(2026, 5, 2, 2), nextStartMs: Date.UTC(2026, 5, 4, 1) });
    expect(scheduleState(s, Date.UTC(2026, 5, 3, 1, 30))).toEqual({ active: false, nextStartMs: Date.UTC(2026, 5, 4, 1) });
    // Thursday's window ends at 10:00; the next is the Tuesday after.
    expect(scheduleState(s, Date.UTC(2026, 5, 4, 2))).toEqual({ active: false, nextStartMs: Date.UTC(2026, 5, 9, 1) });
  });

  it('a local weekday is not the UTC weekday: Monday 06:00 in Auckland is Sunday in UTC', () => {
    const s = weekly([MON], 6 * 60, 30, 'Pacific/Auckland'); // NZST UTC+12 in June
    const mondayLocal = Date.UTC(2026, 5, 7, 18, 10); // Sunday 7 June 18:10 UTC = Monday 8 June 06:10 NZST
    expect(new Date(mondayLocal).getUTCDay()).toBe(SUN);
    expect(scheduleState(s, mondayLocal).active).toBe(true);
    expect(scheduleState(s, Date.UTC(2026, 5, 8, 18, 10)).active).toBe(false);
  });

  it('runs past midnight: Friday 22:00 for 4 hours holds into Saturday 02:00 and is Friday\'s window', () => {
    const s = weekly([FRI], 22 * 60, 240, 'UTC');
    expect(scheduleState(s, Date.UTC(2026, 5, 6, 1, 59))).toEqual({ active: true, endsAtMs: Date.UTC(2026, 5, 6, 2), nextStartMs: Date.UTC(2026, 5, 12, 22) });
    expect(new Date(Date.UTC(2026, 5, 6)).getUTCDay()).toBe(SAT);
    expect(scheduleState(s, Date.UTC(2026, 5, 6, 2)).active).toBe(false);
    // Saturday itself is not a chosen day: 23:00 on Saturday is outside.
    expect(scheduleState(s, Date.UTC(2026, 5, 6, 23)).active).toBe(false);
  });

  it('every day for 23:00-01:00 and a daily window longer than a day join into one stretch', () => {
    const all = [SUN, MON, TUE, WED, THU, FRI, SAT];
    const nightly = weekly(all, 23 * 60, 120, 'UTC');
    expect(scheduleState(nightly, Date.UTC(2026, 5, 3, 0, 30))).toEqual({ active: true, endsAtMs: Date.UTC(2026, 5, 3, 1), nextStartMs: Date.UTC(2026, 5, 3, 23) });
    // 25 hours starting at 00:00 every day: in force without a break; the end is joined across 8 occurrences at most.
    const long = weekly([MON, TUE], 0, 25 * 60, 'UTC');
    const mon = Date.UTC(2026, 5, 1, 12); // Monday
    expect(scheduleState(long, mon)).toEqual({ active: true, endsAtMs: Date.UTC(2026, 5, 3, 1), nextStartMs: Date.UTC(2026, 5, 2) });
  });

  it('DST spring forward (Paris, 29 March 2026): 01:30 is UTC+1, 03:30 is UTC+2, a 02:30 start moves to 03:30', () => {
    const at0130 = weekly([SUN], 90, 60, 'Europe/Paris');
    expect(scheduleState(at0130, Date.UTC(2026, 2, 29, 0, 45))).toEqual({ active: true, endsAtMs: Date.UTC(2026, 2, 29, 1, 30), nextStartMs: Date.UTC(2026, 3, 4, 23, 30) }); // 5 April 01:30 CEST
    const at0330 = weekly([SUN], 210, 60, 'Europe/Paris');
    expect(scheduleState(at0330, Date.UTC(2026, 2, 29, 1, 0))).toEqual({ active: false, nextStartMs: Date.UTC(2026, 2, 29, 1, 30) });
    // 02:30 does not exist that night: the window starts at 03:30 local (01:30 UTC) and lasts its 60 minutes.
    const at0230 = weekly([SUN], 150, 60, 'Europe/Paris');
    expect(scheduleState(at0230, Date.UTC(2026, 2, 29, 0, 0))).toEqual({ active: false, nextStartMs: Date.UTC(2026, 2, 29, 1, 30) });
    expect(scheduleState(at0230, Date.UTC(2026, 2, 29, 2, 0))).toMatchObject({ active: true, endsAtMs: Date.UTC(2026, 2, 29, 2, 30) });
    // The Sunday before (winter time) and after (summer time): 02:30 local both times, at different UTC hours.
    expect(scheduleState(at0230, Date.UTC(2026, 2, 22, 1, 45))).toMatchObject({ active: true, endsAtMs: Date.UTC(2026, 2, 22, 2, 30) });
    expect(scheduleState(at0230, Date.UTC(2026, 3, 5, 0, 45))).toMatchObject({ active: true, endsAtMs: Date.UTC(2026, 3, 5, 1, 30) });
  });

  it('DST fall back (New York, 1 November 2026): 01:30 happens twice, the window starts at the first and lasts real minutes', () => {
    // 01:30 EDT (UTC-4) = 05:30 UTC; the second 01:30 is EST (UTC-5) = 06:30 UTC.
    const s = weekly([SUN], 90, 120, 'America/New_York');
    expect(scheduleState(s, Date.UTC(2026, 10, 1, 5, 29)).active).toBe(false);
    expect(scheduleState(s, Date.UTC(2026, 10, 1, 5, 30))).toEqual({ active: true, endsAtMs: Date.UTC(2026, 10, 1, 7, 30), nextStartMs: Date.UTC(2026, 10, 8, 6, 30) });
    expect(scheduleState(s, Date.UTC(2026, 10, 1, 7, 29)).active).toBe(true);
    expect(scheduleState(s, Date.UTC(2026, 10, 1, 7, 30)).active).toBe(false);
  });

  it('a window over midnight across the spring forward ends after its real duration', () => {
    // Saturday 23:00 Paris (UTC+1) for 4 hours: 22:00 UTC Saturday to 02:00 UTC Sunday, which is 04:00 CEST.
    const s = weekly([SAT], 23 * 60, 240, 'Europe/Paris');
    expect(scheduleState(s, Date.UTC(2026, 2, 29, 1, 0))).toMatchObject({ active: true, endsAtMs: Date.UTC(2026, 2, 29, 2, 0) });
  });

  it('validFrom and validUntil clip the occurrences', () => {
    const s = weekly([MON], 10 * 60, 120, 'UTC', { validFrom: Date.UTC(2026, 5, 1, 11), validUntil: Date.UTC(2026, 5, 15, 11) });
    // Before validFrom: the first start is validFrom itself, inside Monday 1 June's occurrence.
    expect(scheduleState(s, Date.UTC(2026, 5, 1, 10, 30))).toEqual({ active: false, nextStartMs: Date.UTC(2026, 5, 1, 11) });
    expect(scheduleState(s, Date.UTC(2026, 5, 1, 11, 30))).toEqual({ active: true, endsAtMs: Date.UTC(2026, 5, 1, 12), nextStartMs: Date.UTC(2026, 5, 8, 10) });
    // The last occurrence is cut at validUntil; after it nothing is left.
    expect(scheduleState(s, Date.UTC(2026, 5, 15, 10, 30))).toEqual({ active: true, endsAtMs: Date.UTC(2026, 5, 15, 11) });
    expect(scheduleState(s, Date.UTC(2026, 5, 15, 11))).toEqual({ active: false });
    expect(scheduleHasFuture(s, Date.UTC(2026, 5, 15, 11))).toBe(false);
  });
});

describe('maintenanceCovers', () => {
  const s = weekly([SUN, MON, TUE, WED, THU, FRI, SAT], 0, 24 * 60, 'UTC');
  it('a node window covers that node of that cluster only; a cluster window every node of it', () => {
    const t = Date.UTC(2026, 5, 1);
    expect(maintenanceCovers(win(s, 'imp-sub1'), 'lab', 'imp-sub1', t)).toBe(true);
    expect(maintenanceCovers(win(s, 'imp-sub1'), 'lab', 'imp-sub2', t)).toBe(false);
    expect(maintenanceCovers(win(s, 'imp-sub1'), 'other', 'imp-sub1', t)).toBe(false);
    expect(maintenanceCovers(win(s), 'lab', 'imp-sub2', t)).toBe(true);
    expect(maintenanceCovers(win({ kind: 'once', startsAt: t + HOUR, endsAt: t + 2 * HOUR }), 'lab', 'imp-sub2', t)).toBe(false);
    expect(maintenanceState(win({ kind: 'once', startsAt: t + HOUR, endsAt: t + 2 * HOUR }), t)).toEqual({ active: false, nextStartMs: t + HOUR });
  });

  it('knows IANA zone names and refuses others', () => {
    expect(isKnownTimeZone('Europe/Paris')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
