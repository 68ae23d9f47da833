import { describe, expect, it } from 'vitest';
import type { Event } from '../base/emitter.js';
import { Emitter } from '../base/emitter.js';
import type { HaSubclusterStatus } from '../polling/ssh/parsers/haStatus.js';
import { lastSyncMs } from './dashboardReport.js';
import { sqlTimeMs } from './findUser.js';
import { HaChangeWatch, haEnabledInStatus } from './haChangeWatch.js';
import { sessionItems, worst } from './haReadinessReport.js';
import { reportDeviceType } from './sessionReport.js';
import { imbalancePercent, nodeCapacity } from './topologyReport.js';

const group = (reason: string): HaSubclusterStatus => ({ name: 'Subcluster-2', nodes: [{ name: 'imp-sub2', state: 'Normal', reason }, { name: 'imp-sub3', state: 'Normal', reason }] });

describe('report rules', () => {
  it('counts an Android tablet (and anything not an iPhone/iPad) as Desktop (guide L7039)', () => {
    expect(['Desktop', 'Android', 'iPhone', 'IPAD', '', null].map(reportDeviceType)).toEqual(['Desktop', 'Desktop', 'iPhone', 'iPad', 'Desktop', 'Desktop']);
  });

  it('capacity is 1.5 × the OVA, half in active/active; imbalance is (most − fewest) / most', () => {
    expect(nodeCapacity(15000, false)).toBe(22500);
    expect(nodeCapacity(5000, true)).toBe(3750);
    expect(imbalancePercent([1500, 1500])).toBe(0);
    expect(imbalancePercent([2000, 1500])).toBe(25);
    expect(imbalancePercent([0, 0])).toBe(0);
    expect(imbalancePercent([100])).toBe(0);
  });

  it('a checklist is as bad as its worst item', () => {
    expect(worst(['ok', 'ok'])).toBe('ok');
    expect(worst(['ok', 'unknown', 'wait'])).toBe('wait');
    expect(worst(['wait', 'act', 'unknown'])).toBe('act');
    expect(worst([])).toBe('ok');
  });

  it('sessions and restart age: the 15/30-minute rule acts only on sessions short of the users assigned (L9958-9964)', () => {
    const states = (assigned: number | undefined, active: number | undefined, minutes: number | undefined): string[] => sessionItems(assigned, active, minutes).map((i) => i.state);
    expect(states(100, 100, 5000)).toEqual(['ok', 'ok']);
    expect(states(100, 60, 10)).toEqual(['wait', 'wait']); // still within the time sessions take to come back
    expect(states(100, 60, 30)).toEqual(['act', 'act']); // 30 minutes and not back: restart Presence Engine
    // A node up for days whose ActiveJsmSessions could not be read is not told to restart anything: unknown.
    expect(states(100, undefined, 5000)).toEqual(['unknown', 'unknown']);
    expect(states(undefined, 80, 5000)).toEqual(['unknown', 'unknown']);
    // The backup node carrying its failed-over peer's users has more than assigned: wait for fallback, no restart.
    expect(states(100, 180, 5000)).toEqual(['wait', 'ok']);
    expect(states(100, 60, undefined)).toEqual(['wait', 'unknown']);
  });

  it('reads the node times as UTC', () => {
    expect(sqlTimeMs('2026-12-06 10:00:05')).toBe(Date.UTC(2026, 11, 6, 10, 0, 5));
    expect(sqlTimeMs('NULL')).toBeUndefined();
    expect(lastSyncMs('last sync 2026-12-06 09:30:00 UTC, 6000 users')).toBe(Date.UTC(2026, 11, 6, 9, 30, 0));
    expect(lastSyncMs('Cisco Sync Agent is stopped')).toBeUndefined();
  });
});

describe('HaChangeWatch', () => {
  it('records when a group\'s HA was seen turned off or on, not its first reading', () => {
    let now = 1000;
    let groups: HaSubclusterStatus[] = [group('')];
    const emitter = new Emitter<readonly { id: string }[]>();
    const watch = new HaChangeWatch({ onDidChangeNodes: emitter.event as Event<readonly { id: string }[]>, haGroups: () => groups }, () => now);
    emitter.fire([{ id: 'sim' }]);
    expect(watch.changedAtMs('sim', 'Subcluster-2')).toBeUndefined();
    now = 5000;
    groups = [group('High Availability Not Enabled')];
    expect(haEnabledInStatus(groups[0]!)).toBe(false);
    emitter.fire([{ id: 'sim' }]);
    expect(watch.changedAtMs('sim', 'Subcluster-2')).toBe(5000);
    now = 9000;
    emitter.fire([{ id: 'sim' }]); // unchanged: the time stays
    expect(watch.changedAtMs('sim', 'Subcluster-2')).toBe(5000);
    groups = [group('')];
    emitter.fire([{ id: 'sim' }]);
    expect(watch.changedAtMs('sim', 'Subcluster-2')).toBe(9000);
    watch.dispose();
    emitter.dispose();
  });
});
