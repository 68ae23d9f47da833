import { describe, expect, it } from 'vitest';
import { describeIssues, formatIssuePath } from './issues.js';
import { MAX_SILENCE_DURATION_MS, settingsSilenceSchema, silenceRequestSchema, storedSilenceSchema } from './silence.js';

const issues = (r: { success: boolean; error?: Parameters<typeof describeIssues>[0] }): string[] => (r.success ? [] : describeIssues(r.error!));

describe('the silence shape, one schema for the contract, silences.json and notifications.json', () => {
  it('formats paths as a person reads them', () => {
    expect(formatIssuePath(['silences', 0, 'matchers', 2, 'field'])).toBe('silences[0].matchers[2].field');
    expect(formatIssuePath([0, 'endsAtMs'])).toBe('[0].endsAtMs');
    expect(formatIssuePath([], 'settings')).toBe('settings');
  });

  it('the contract argument: equality matchers by field, a window that ends after it starts within a year; no author', () => {
    const ok = { matchers: { node: 'imp-sub1', ruleId: 'CpuPegging' }, startsAtMs: 10, endsAtMs: 20, comment: '' };
    expect(silenceRequestSchema.safeParse(ok).success).toBe(true);
    expect(issues(silenceRequestSchema.safeParse({ ...ok, matchers: {} }))).toEqual(['matchers give at least one matcher']);
    expect(issues(silenceRequestSchema.safeParse({ ...ok, endsAtMs: 10 }))).toEqual(['endsAtMs must be after startsAtMs']);
    expect(issues(silenceRequestSchema.safeParse({ ...ok, matchers: { colour: 'red' } }))[0]).toMatch(/^matchers/);
    expect(issues(silenceRequestSchema.safeParse({ ...ok, matchers: { node: '  ' } }))).toEqual(['matchers.node must be a non-empty string']);
    expect(silenceRequestSchema.safeParse({ ...ok, endsAtMs: 10 + MAX_SILENCE_DURATION_MS }).success).toBe(true);
    expect(issues(silenceRequestSchema.safeParse({ ...ok, endsAtMs: 11 + MAX_SILENCE_DURATION_MS }))).toEqual(['endsAtMs must be at most a year after startsAtMs']);
    // Who made it comes from the backend (issue 15): a forged author is an unknown field, refused.
    expect(issues(silenceRequestSchema.safeParse({ ...ok, createdBy: 'mallory' }))).toEqual(['(root) has unknown field(s) createdBy']);
  });

  it('a silence kept by the app: every field, source app, no unknown keys; an ended pending silence may end where it starts', () => {
    const kept = { id: 'a', matchers: [{ field: 'node', op: '=~', value: 'imp-.*' }], startsAt: 5, endsAt: 5, createdBy: 'ann', comment: 'patch', source: 'app' };
    expect(storedSilenceSchema.safeParse(kept).success).toBe(true);
    expect(issues(storedSilenceSchema.safeParse({ ...kept, source: 'settings', extra: 1 }))).toEqual(['source must be "app"', '(root) has unknown field(s) extra']);
    expect(issues(storedSilenceSchema.safeParse({ ...kept, matchers: Array.from({ length: 21 }, () => kept.matchers[0]) }))).toEqual(['matchers must hold at most 20 matchers']);
    expect(issues(storedSilenceSchema.safeParse({ ...kept, startsAt: 1.5 }))).toEqual(['startsAt must be epoch milliseconds']);
  });

  it('a silence written by hand: ISO or epoch times, op defaults to =, the window is checked', () => {
    const r = settingsSilenceSchema.safeParse({ matchers: [{ field: 'severity', value: 'Critical' }], startsAt: '2026-01-01T00:00:00Z', endsAt: Date.UTC(2026, 0, 2) });
    expect(r.success && r.data).toEqual({ matchers: [{ field: 'severity', op: '=', value: 'Critical' }], startsAt: Date.UTC(2026, 0, 1), endsAt: Date.UTC(2026, 0, 2) });
    expect(issues(settingsSilenceSchema.safeParse({ matchers: [{ field: 'node', op: '==', value: 'x' }], startsAt: 'tomorrow', endsAt: 0 }))).toEqual([
      'matchers[0].op must be =, !=, =~ or !~',
      'startsAt must be an ISO date-time or epoch milliseconds',
    ]);
    expect(issues(settingsSilenceSchema.safeParse({ matchers: [{ field: 'node', value: 'x' }], startsAt: 9, endsAt: 3 }))).toEqual(['endsAt must be after startsAt']);
  });
});
