import { describe, expect, it } from 'vitest';
import { describeIssues } from './issues.js';
import { MAX_ONCE_DURATION_MS, maintenanceWindowInputSchema, storedMaintenanceWindowSchema } from './maintenance.js';

const issues = (r: { success: boolean; error?: Parameters<typeof describeIssues>[0] }): string[] => (r.success ? [] : describeIssues(r.error!));

const weekly = { kind: 'weekly', days: [1, 3], startMinute: 22 * 60, durationMinutes: 240, timeZone: 'Europe/Paris' };

describe('the maintenance window shape', () => {
  it('the contract argument: a node or a whole cluster, once or weekly, a comment; no author', () => {
    const once = { cluster: 'lab', node: 'imp-sub1', schedule: { kind: 'once', startsAt: 10, endsAt: 20 }, comment: 'patch' };
    expect(maintenanceWindowInputSchema.safeParse(once).success).toBe(true);
    expect(maintenanceWindowInputSchema.safeParse({ cluster: 'lab', schedule: weekly, comment: '' }).success).toBe(true);
    expect(maintenanceWindowInputSchema.safeParse({ id: 'w1', cluster: 'lab', schedule: weekly, comment: '' }).success).toBe(true);
    expect(issues(maintenanceWindowInputSchema.safeParse({ ...once, createdBy: 'mallory' }))).toEqual(['(root) has unknown field(s) createdBy']);
    expect(issues(maintenanceWindowInputSchema.safeParse({ ...once, cluster: ' ', node: '' }))).toEqual(['cluster must be a non-empty string', 'node must be a non-empty string']);
  });

  it('a one-off window ends after it starts, within a year', () => {
    const w = (startsAt: number, endsAt: number) => ({ cluster: 'lab', schedule: { kind: 'once', startsAt, endsAt }, comment: '' });
    expect(issues(maintenanceWindowInputSchema.safeParse(w(20, 20)))).toEqual(['schedule.endsAt must be after startsAt']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w(0, MAX_ONCE_DURATION_MS + 1)))).toEqual(['schedule.endsAt must be at most a year after startsAt']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w(1.5, 20)))).toEqual(['schedule.startsAt must be epoch milliseconds']);
  });

  it('a weekly window: distinct weekdays 0-6, a start minute of the day, a duration up to a week, an IANA zone, a validity span', () => {
    const w = (schedule: object) => ({ cluster: 'lab', schedule: { ...weekly, ...schedule }, comment: '' });
    expect(issues(maintenanceWindowInputSchema.safeParse(w({ days: [] })))).toEqual(['schedule.days must hold at least one weekday']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w({ days: [1, 1] })))).toEqual(['schedule.days must not repeat a weekday']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w({ days: [7] })))).toEqual(['schedule.days[0] must be a weekday number 0 (Sunday) to 6 (Saturday)']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w({ startMinute: 1440 })))).toEqual(['schedule.startMinute must be minutes after midnight (0-1439)']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w({ durationMinutes: 0 })))).toEqual(['schedule.durationMinutes must be minutes from 1 to 10080']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w({ timeZone: 'CEST+2' })))).toEqual(['schedule.timeZone must be an IANA time zone name such as Europe/Paris']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w({ validFrom: 50, validUntil: 50 })))).toEqual(['schedule.validUntil must be after validFrom']);
    expect(issues(maintenanceWindowInputSchema.safeParse(w({ kind: 'monthly' })))[0]).toMatch(/^schedule/);
  });

  it('a window kept by the app carries who made and changed it, source app', () => {
    const kept = { id: 'w1', cluster: 'lab', schedule: weekly, comment: '', createdBy: 'ann', createdAtMs: 5, updatedBy: 'bob', updatedAtMs: 6, source: 'app' };
    expect(storedMaintenanceWindowSchema.safeParse(kept).success).toBe(true);
    expect(issues(storedMaintenanceWindowSchema.safeParse({ ...kept, source: 'settings' }))).toEqual(['source must be "app"']);
  });
});
