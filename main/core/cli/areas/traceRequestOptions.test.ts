import { describe, expect, it } from 'vitest';
import { listArg, nodesArg, parseInstant, parseLast, rangeOf } from './traceRequestOptions.js';

describe('imp traces time ranges', () => {
  it('reads --last as a count and a unit', () => {
    expect(parseLast('60m')).toEqual({ kind: 'relative', amount: 60, unit: 'minutes' });
    expect(parseLast('2h')).toEqual({ kind: 'relative', amount: 2, unit: 'hours' });
    expect(parseLast('7 days')).toEqual({ kind: 'relative', amount: 7, unit: 'days' });
    expect(parseLast('1w')).toEqual({ kind: 'relative', amount: 1, unit: 'weeks' });
    expect(parseLast('3mo')).toEqual({ kind: 'relative', amount: 3, unit: 'months' });
    expect(() => parseLast('60')).toThrow(/needs a count and a unit .* got 60/);
    expect(() => parseLast('0h')).toThrow(/needs 1-8760 hours, got 0h/);
    expect(() => parseLast('-1h')).toThrow(/needs a count and a unit/);
    expect(() => parseLast('13mo')).toThrow(/needs 1-12 months/);
  });

  it('reads ISO instants with an offset as given and without one in the zone named', () => {
    expect(parseInstant('2026-12-06T09:00:00Z', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 6, 9));
    expect(parseInstant('2026-12-06T10:30+01:00', 'UTC')).toBe(Date.UTC(2026, 11, 6, 9, 30));
    expect(parseInstant('2026-12-06 17:00', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 6, 9));
    // New York in summer (EDT, -4) and winter (EST, -5).
    expect(parseInstant('2026-07-01T08:00', 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 12));
    expect(parseInstant('2026-12-01T08:00', 'America/New_York')).toBe(Date.UTC(2026, 11, 1, 13));
    expect(() => parseInstant('2026-02-30T00:00Z', 'UTC')).toThrow(/not a date and time that exists/);
    expect(() => parseInstant('yesterday', 'UTC')).toThrow(/ISO 8601/);
  });

  it('takes --last or --from/--to, and refuses an empty, reversed or future range', () => {
    const now = Date.UTC(2026, 11, 6, 12);
    expect(rangeOf({ last: parseLast('1h') }, now)).toEqual({ ok: true, range: { kind: 'relative', amount: 1, unit: 'hours' } });
    expect(rangeOf({ from: '2026-12-06T09:00Z', to: '2026-12-06T10:00Z', timeZone: 'UTC' }, now)).toEqual({
      ok: true,
      range: { kind: 'absolute', fromMs: Date.UTC(2026, 11, 6, 9), toMs: Date.UTC(2026, 11, 6, 10), timeZone: 'UTC' },
    });
    expect(rangeOf({}, now)).toMatchObject({ ok: false, message: expect.stringMatching(/give the time range/) });
    expect(rangeOf({ last: parseLast('1h'), from: '2026-12-06T09:00Z' }, now)).toMatchObject({ ok: false, message: 'give --last, or --from and --to, not both' });
    expect(rangeOf({ from: '2026-12-06T09:00Z' }, now)).toMatchObject({ ok: false, message: '--from and --to go together' });
    expect(rangeOf({ from: '2026-12-06T10:00Z', to: '2026-12-06T10:00Z' }, now)).toMatchObject({ ok: false, message: expect.stringMatching(/the time range is empty/) });
    expect(rangeOf({ from: '2026-12-07T10:00Z', to: '2026-12-07T11:00Z' }, now)).toMatchObject({ ok: false, message: expect.stringMatching(/starts in the future/) });
    expect(rangeOf({ from: '2026-12-06T09:00', to: '2026-12-06T10:00', timeZone: 'Mars/Olympus' }, now)).toMatchObject({ ok: false, message: expect.stringMatching(/not a time zone name/) });
  });
});

describe('imp traces name lists', () => {
  it('splits on commas, trims, drops repeats and empties', () => {
    expect(listArg('Cisco XCP Router, Cisco Presence Engine,,Cisco XCP Router')).toEqual(['Cisco XCP Router', 'Cisco Presence Engine']);
    expect(() => listArg(' , ')).toThrow(/at least one name/);
  });

  it('reads nodes as node or cluster/node', () => {
    expect(nodesArg('imp-pub,lab/imp-sub1')).toEqual([{ node: 'imp-pub' }, { cluster: 'lab', node: 'imp-sub1' }]);
    expect(() => nodesArg('/imp-pub')).toThrow(/cluster\/node/);
    expect(() => nodesArg('a/b/c')).toThrow(/cluster\/node/);
  });
});
