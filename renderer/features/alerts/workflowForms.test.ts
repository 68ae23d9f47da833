import { describe, expect, it } from 'vitest';
import type { AlarmRecord, MaintenanceWindow, Silence } from '../../../shared/model/alert.js';
import { ackUntilMs, parseLocalDateTime, toLocalDateTime } from './ackUntil.js';
import { draftFromWindow, maintenanceInputOf, newMaintenanceDraft, validTimeZone } from './maintenanceForm.js';
import { draftFromAlarm, draftFromSilence, silenceEditable, silenceInputOf } from './silenceForm.js';

const NOW = new Date(2026, 11, 6, 18, 30).getTime();
const H = 3_600_000;

describe('acknowledge until', () => {
  it('none, a preset from now, or a later custom time; a missing or past custom time is refused', () => {
    expect(ackUntilMs('none', '', NOW)).toEqual({});
    expect(ackUntilMs('4h', '', NOW)).toEqual({ untilMs: NOW + 4 * H });
    expect(ackUntilMs('24h', '', NOW)).toEqual({ untilMs: NOW + 24 * H });
    expect(ackUntilMs('custom', '2026-12-07T08:00', NOW)).toEqual({ untilMs: new Date(2026, 11, 7, 8, 0).getTime() });
    expect(ackUntilMs('custom', '', NOW)).toEqual({ error: 'alerts.ack.untilMissing' });
    expect(ackUntilMs('custom', '2026-12-06T18:00', NOW)).toEqual({ error: 'alerts.ack.untilPast' });
  });
  it('reads and writes datetime-local values in local time', () => {
    expect(toLocalDateTime(NOW)).toBe('2026-12-06T18:30');
    expect(parseLocalDateTime(toLocalDateTime(NOW))).toBe(NOW);
    expect(parseLocalDateTime('tomorrow')).toBeUndefined();
  });
});

const alarm = { ruleId: 'CriticalServiceDown', ruleName: 'CriticalServiceDown', cluster: 'sim', node: 'imp-sub1' } as AlarmRecord;

describe('silence form', () => {
  it('from an alarm: its rule on its node of its cluster, starting now for the duration chosen', () => {
    const d = { ...draftFromAlarm(alarm, 'silenced'), durationMinutes: 90 };
    expect(silenceInputOf(d, NOW)).toEqual({ input: { matchers: { ruleId: 'CriticalServiceDown', cluster: 'sim', node: 'imp-sub1' }, startsAtMs: NOW, endsAtMs: NOW + 90 * 60_000, comment: 'silenced' } });
  });
  it('drops empty matchers, starts later when asked, refuses no matcher, a bad duration or no comment', () => {
    const d = { matchers: { ruleId: ' ', node: 'imp-pub' }, startsAt: '2026-12-06T20:00', durationMinutes: 60, comment: 'x' };
    const start = new Date(2026, 11, 6, 20, 0).getTime();
    expect(silenceInputOf(d, NOW).input).toEqual({ matchers: { node: 'imp-pub' }, startsAtMs: start, endsAtMs: start + H, comment: 'x' });
    expect(silenceInputOf({ ...d, matchers: {} }, NOW).error).toBe('alerts.silenceForm.noMatcher');
    expect(silenceInputOf({ ...d, durationMinutes: 0 }, NOW).error).toBe('alerts.silenceForm.badDuration');
    expect(silenceInputOf({ ...d, durationMinutes: 400 * 24 * 60 }, NOW).error).toBe('alerts.silenceForm.badDuration');
    expect(silenceInputOf({ ...d, durationMinutes: NaN }, NOW).error).toBe('alerts.silenceForm.badDuration');
    expect(silenceInputOf({ ...d, comment: '  ' }, NOW).error).toBe('alerts.silenceForm.noComment');
    expect(silenceInputOf({ ...d, startsAt: 'soon' }, NOW).error).toBe('alerts.silenceForm.badStart');
  });
  it('editing: a running silence keeps its matchers and the time left; settings or regex silences are not editable', () => {
    const s: Silence = { id: 's1', matchers: [{ field: 'node', op: '=', value: 'imp-sub1' }], startsAt: NOW - H, endsAt: NOW + 2 * H, createdBy: 'alice', comment: 'c', source: 'app' };
    expect(draftFromSilence(s, NOW)).toEqual({ id: 's1', matchers: { node: 'imp-sub1' }, startsAt: '', durationMinutes: 120, comment: 'c' });
    expect(silenceEditable(s, NOW)).toBe(true);
    expect(silenceEditable({ ...s, source: 'settings' }, NOW)).toBe(false);
    expect(silenceEditable({ ...s, matchers: [{ field: 'node', op: '=~', value: 'imp-.*' }] }, NOW)).toBe(false);
    expect(silenceEditable({ ...s, endsAt: NOW - 1 }, NOW)).toBe(false);
  });
});

describe('maintenance form', () => {
  it('once: a node window from start to end; the end must be after the start', () => {
    const d = { ...newMaintenanceDraft('sim', NOW), node: 'imp-sub1', comment: 'upgrade', startsAt: '2026-12-06T22:00', endsAt: '2026-12-07T01:00' };
    expect(maintenanceInputOf(d).input).toEqual({ cluster: 'sim', node: 'imp-sub1', comment: 'upgrade', schedule: { kind: 'once', startsAt: new Date(2026, 11, 6, 22).getTime(), endsAt: new Date(2026, 11, 7, 1).getTime() } });
    expect(maintenanceInputOf({ ...d, endsAt: '2026-12-06T21:00' }).error).toBe('alerts.maint.error.endBeforeStart');
    expect(maintenanceInputOf({ ...d, comment: '' }).error).toBe('alerts.maint.error.comment');
  });
  it('weekly: the whole cluster on sorted days from a start time for a duration in a time zone; bad parts refused', () => {
    const d = { ...newMaintenanceDraft('sim', NOW), kind: 'weekly' as const, days: [6, 0, 6], startTime: '23:30', durationMinutes: 120, timeZone: 'Asia/Shanghai', comment: 'weekly patch' };
    expect(maintenanceInputOf(d).input).toEqual({ cluster: 'sim', comment: 'weekly patch', schedule: { kind: 'weekly', days: [0, 6], startMinute: 23 * 60 + 30, durationMinutes: 120, timeZone: 'Asia/Shanghai' } });
    expect(maintenanceInputOf({ ...d, days: [] }).error).toBe('alerts.maint.error.days');
    expect(maintenanceInputOf({ ...d, startTime: '25:00' }).error).toBe('alerts.maint.error.time');
    expect(maintenanceInputOf({ ...d, durationMinutes: 0 }).error).toBe('alerts.maint.error.duration');
    expect(maintenanceInputOf({ ...d, timeZone: 'Mars/Olympus' }).error).toBe('alerts.maint.error.timeZone');
    expect(validTimeZone('Europe/Paris')).toBe(true);
  });
  it('editing a saved weekly window gives back the same input', () => {
    const w: MaintenanceWindow = { id: 'm1', cluster: 'sim', node: 'imp-pub', comment: 'c', createdBy: 'alice', createdAtMs: 1, source: 'app', schedule: { kind: 'weekly', days: [1, 3], startMinute: 125, durationMinutes: 45, timeZone: 'UTC' } };
    expect(maintenanceInputOf(draftFromWindow(w, NOW)).input).toEqual({ id: 'm1', cluster: 'sim', node: 'imp-pub', comment: 'c', schedule: w.schedule });
  });
});
