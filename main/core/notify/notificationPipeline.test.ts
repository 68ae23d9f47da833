import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../../shared/model/alert.js';
import type { AlarmEvent } from '../alerts/alertEngine.js';
import { FakeAlertScheduler } from '../../../test/kits/fakeAlertScheduler.js';
import type { Silence } from '../../../shared/model/alert.js';
import type { MaintenanceWindow } from '../../../shared/model/alert.js';
import { InhibitMuter, MaintenanceMuter, SilenceMuter } from './muting.js';
import { NotificationPipeline } from './notificationPipeline.js';
import type { Notification, NotifyResult } from './notifier.js';
import type { Disposable } from '../base/disposable.js';
import type { AlertScheduler } from '../alerts/alertScheduler.js';

const T0 = Date.UTC(2025, 0, 6, 8);
const alarm = (id: string, o: Partial<AlarmRecord> = {}): AlarmRecord => ({
  id, key: `k${id}`, ruleId: 'LogPartitionLowWaterMarkExceeded', ruleName: 'LogPartitionLowWaterMarkExceeded', group: 'System', severity: 'Warning',
  cluster: 'c1', node: `n${id}`, instance: 'Common', status: 'outstanding', message: 'm', origin: 'poll', raisedAt: T0, lastOccurrenceAt: T0, occurrences: 1, flapping: false, ...o,
});
const ev = (kind: AlarmEvent['kind'], a: AlarmRecord): AlarmEvent => ({ kind, alarm: a });

let pipes: NotificationPipeline[] = [];
function setup(opts: { silences?: Silence[]; windows?: MaintenanceWindow[]; fail?: NotifyResult[] } = {}) {
  const s = new FakeAlertScheduler(T0);
  const sent: Notification[] = [];
  const fail = [...(opts.fail ?? [])];
  const notifier = { name: 'rec', notify: async (n: Notification): Promise<NotifyResult> => fail.shift() ?? (sent.push(n), { ok: true }) };
  const p = new NotificationPipeline(s, [notifier], [new SilenceMuter(() => opts.silences ?? []), new MaintenanceMuter(() => opts.windows ?? []), new InhibitMuter()], {}, () => undefined);
  pipes.push(p);
  return { s, sent, p };
}
afterEach(() => {
  for (const p of pipes) p.dispose();
  pipes = [];
});
const tick = () => new Promise((r) => setImmediate(r));

describe('NotificationPipeline', () => {
  it('a storm of 200 alarms and 2000 occurrences sends one digest, then a reminder after the repeat interval', async () => {
    const { s, sent, p } = setup();
    for (let i = 0; i < 200; i++) p.push(ev('raised', alarm(String(i))));
    for (let i = 0; i < 2000; i++) p.push(ev('occurred', alarm(String(i % 200), { occurrences: 2 })));
    s.advance(30_000);
    await tick();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.firing).toHaveLength(200);
    s.advance(3_600_000);
    await tick();
    expect(sent).toHaveLength(1);
    s.advance(3 * 3_600_000);
    await tick();
    expect(sent.map((n) => n.reason)).toEqual(['new', 'repeat']);
    expect(p.stats.deduplicated).toBe(2000);
  });

  it('resolved alarms are sent after the group interval', async () => {
    const { s, sent, p } = setup();
    const a = alarm('1');
    p.push(ev('raised', a));
    s.advance(30_000);
    p.push(ev('resolved', { ...a, status: 'resolved', resolvedAt: s.now() }));
    s.advance(299_000);
    await tick();
    expect(sent).toHaveLength(1);
    s.advance(1_000);
    await tick();
    expect(sent[1]).toMatchObject({ reason: 'update', firing: [], resolved: [{ id: '1' }] });
    expect(p.groupCount).toBe(0);
  });

  it('silences, maintenance windows and inhibition mute', async () => {
    const silence: Silence = { id: 's', matchers: [{ field: 'node', op: '=~', value: 'n1|n2' }], startsAt: T0, endsAt: T0 + 3_600_000, createdBy: 'a', comment: '' };
    const win: MaintenanceWindow = { id: 'w', cluster: 'c1', node: 'n3', schedule: { kind: 'once', startsAt: T0, endsAt: T0 + 3_600_000 }, comment: '', createdBy: 'a', createdAtMs: T0, source: 'app' };
    const { s, sent, p } = setup({ silences: [silence], windows: [win] });
    for (const id of ['1', '2', '3', '4']) p.push(ev('raised', alarm(id)));
    p.push(ev('raised', alarm('5', { ruleId: 'ServerDown', ruleName: 'ServerDown', node: 'n5', instance: '' })));
    p.push(ev('raised', alarm('6', { ruleId: 'CriticalServiceDown', node: 'n5', instance: 'Cisco XCP Router' })));
    s.advance(30_000);
    await tick();
    expect(sent.flatMap((n) => n.firing.map((a) => a.id)).sort()).toEqual(['4', '5']);
    expect(p.stats.muted).toBe(4);
  });

  it('a cluster-wide weekly maintenance window (maintenanceCovers) mutes every node of the cluster while in force, not another cluster', async () => {
    // T0 is Monday 2025-01-06 08:00 UTC: a weekly Monday 07:00-10:00 UTC window is in force.
    const win: MaintenanceWindow = { id: 'w', cluster: 'c1', schedule: { kind: 'weekly', days: [1], startMinute: 7 * 60, durationMinutes: 180, timeZone: 'UTC' }, comment: '', createdBy: 'a', createdAtMs: T0, source: 'app' };
    const { s, sent, p } = setup({ windows: [win] });
    p.push(ev('raised', alarm('1')));
    p.push(ev('raised', alarm('2', { cluster: 'c2' })));
    s.advance(30_000);
    await tick();
    expect(sent.flatMap((n) => n.firing.map((a) => a.cluster))).toEqual(['c2']);
    expect(p.stats.muted).toBe(1);
  });

  it('retries a retryable failure and gives up on a permanent one', async () => {
    const { s, sent, p } = setup({ fail: [{ ok: false, retryable: true, error: 'ECONNREFUSED' }] });
    p.push(ev('raised', alarm('1')));
    s.advance(30_000);
    await tick();
    expect(sent).toHaveLength(0);
    s.advance(10_000);
    await tick();
    expect(sent).toHaveLength(1);
    expect(p.stats).toMatchObject({ retried: 1, sent: 1, failed: 0 });
  });

  it('releases a retry timer as soon as it fires: over 300 retried deliveries nothing is held until the pipeline is disposed', async () => {
    // Counts the timers the pipeline still holds: a handle that fired long ago and that the pipeline's disposal
    // disposes again was kept all along.
    const clock = new FakeAlertScheduler(T0);
    const fired = new Set<Disposable>();
    let disposingPipeline = false;
    let heldAfterFiring = 0;
    const scheduler: AlertScheduler = {
      now: () => clock.now(),
      setInterval: (ms, fn) => clock.setInterval(ms, fn),
      setTimeout(ms, fn) {
        const inner = clock.setTimeout(ms, (now) => {
          fired.add(handle);
          fn(now);
        });
        const handle: Disposable = {
          dispose: () => {
            if (disposingPipeline && fired.has(handle)) heldAfterFiring++;
            inner.dispose();
          },
        };
        return handle;
      },
    };
    const attempts = new Map<string, number>();
    const sent: Notification[] = [];
    const notifier = {
      name: 'flaky',
      // Each notification fails twice (retryable: the SMTP server restarts), then goes through.
      notify: async (n: Notification): Promise<NotifyResult> => {
        const k = `${n.groupKey}/${n.reason}`;
        const a = (attempts.get(k) ?? 0) + 1;
        attempts.set(k, a);
        if (a <= 2) return { ok: false, retryable: true, error: 'ECONNRESET' };
        sent.push(n);
        return { ok: true };
      },
    };
    const p = new NotificationPipeline(scheduler, [notifier], [], { maxRetries: 3 }, () => undefined);
    pipes.push(p);
    const groups = 150;
    for (let i = 0; i < groups; i++) p.push(ev('raised', alarm(String(i), { ruleId: `Rule${i}` })));
    clock.advance(30_000);
    await tick();
    expect(p.pendingRetries).toBe(groups);
    for (let step = 0; step < 8; step++) {
      clock.advance(10_000);
      await tick();
    }
    expect(sent).toHaveLength(groups);
    expect(p.stats).toMatchObject({ retried: 2 * groups, sent: groups, failed: 0 });
    // Only the groups' repeat timers are left: every retry timer that fired was let go.
    expect(p.pendingRetries).toBe(0);
    expect(clock.pending).toBe(groups);
    disposingPipeline = true;
    p.dispose();
    expect(heldAfterFiring).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('retries with a doubling, jittered delay: each retry comes no later than 10 s, 20 s, 40 s after the last', async () => {
    const { s, sent, p } = setup({ fail: Array.from({ length: 3 }, () => ({ ok: false as const, retryable: true, error: 'ETIMEDOUT' })) });
    p.push(ev('raised', alarm('1')));
    s.advance(30_000);
    await tick();
    for (const nominal of [10_000, 20_000, 40_000]) {
      expect(p.pendingRetries).toBe(1);
      s.advance(nominal);
      await tick();
    }
    expect(sent).toHaveLength(1);
    expect(p.stats).toMatchObject({ retried: 3, sent: 1 });
    expect(p.pendingRetries).toBe(0);
  });
});
