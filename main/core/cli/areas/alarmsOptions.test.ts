import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { durationArg, MAX_DURATION_MS, sinceMs, timeArg, untilMs } from './alarmsOptions.js';
import { nodeOverrideArg, ovaArg } from './clustersVerbs.js';

describe('imp alarms option values', () => {
  it('reads durations as amtool does (s, m, h, d, w, combined), 1 s to a year', () => {
    expect(durationArg('2h')).toBe(7_200_000);
    expect(durationArg('1h30m')).toBe(5_400_000);
    expect(durationArg('7d')).toBe(7 * 86_400_000);
    expect(durationArg('1w')).toBe(7 * 86_400_000);
    expect(durationArg('366d')).toBe(MAX_DURATION_MS);
    for (const bad of ['', '2', 'h', '2x', '-1h', '1.5h', '367d', '0s', '2 h 3']) expect(() => durationArg(bad), bad).toThrow(InvalidArgumentError);
  });

  it('reads --until and --since as a duration from now or an ISO time; --until must be ahead, within a year', () => {
    const now = Date.UTC(2026, 11, 6, 12, 0, 0);
    expect(untilMs(timeArg('4h'), now)).toEqual({ ok: true, ms: now + 4 * 3_600_000 });
    expect(untilMs(timeArg('2026-12-06T13:00:00Z'), now)).toEqual({ ok: true, ms: now + 3_600_000 });
    expect(untilMs(timeArg('2026-12-06T11:00:00Z'), now)).toEqual({ ok: false, message: '--until must be in the future' });
    expect(untilMs(timeArg('2028-01-01T00:00:00Z'), now)).toEqual({ ok: false, message: '--until must be within a year' });
    expect(sinceMs(timeArg('24h'), now)).toBe(now - 86_400_000);
    expect(sinceMs(timeArg('2026-12-01T00:00:00+01:00'), now)).toBe(Date.UTC(2026, 10, 30, 23, 0, 0));
    for (const bad of ['soon', 'yesterday', '2026-13-01T00:00Z', '']) expect(() => timeArg(bad), bad).toThrow(InvalidArgumentError);
  });
});

describe('imp clusters add option values', () => {
  it('--node NAME=HOST[:SSH,SOAP,SNMP] (an empty port is the cluster\'s), each node once', () => {
    expect(nodeOverrideArg('imp-sub1=10.0.0.5')).toEqual([{ name: 'imp-sub1', host: '10.0.0.5', ports: {} }]);
    expect(nodeOverrideArg('imp-sub2=nat.example.com:2222,,1161', [{ name: 'imp-sub1', host: 'h', ports: {} }])).toEqual([
      { name: 'imp-sub1', host: 'h', ports: {} },
      { name: 'imp-sub2', host: 'nat.example.com', ports: { ssh: 2222, snmp: 1161 } },
    ]);
    for (const bad of ['imp-sub1', '=h', 'imp-sub1=h:22', 'imp-sub1=h:0,1,2', 'imp-sub1=h:70000,,']) expect(() => nodeOverrideArg(bad), bad).toThrow(InvalidArgumentError);
    expect(() => nodeOverrideArg('IMP-SUB1=x', [{ name: 'imp-sub1', host: 'h', ports: {} }])).toThrow(/twice/);
  });

  it('--ova NODE=USERS', () => {
    expect(ovaArg('imp-sub1=15000')).toEqual([{ node: 'imp-sub1', users: 15000 }]);
    for (const bad of ['imp-sub1', 'imp-sub1=lots', '=500']) expect(() => ovaArg(bad), bad).toThrow(InvalidArgumentError);
  });
});
