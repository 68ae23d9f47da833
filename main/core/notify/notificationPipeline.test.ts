import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../../shared/model/alert.js';
import type { AlarmEvent } from '../alerts/alertEngine.js';
import { FakeAlertScheduler } from '../alerts/fakeAlertScheduler.js';
import type { Silence } from '../../../shared/model/alert.js';
import { InhibitMuter, MaintenanceMuter, SilenceMuter, type MaintenanceWindow } from './muting.js';
import { NotificationPipeline } from './notificationPipeline.js';
import type { Notification, NotifyResult } from './notifier.js';

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
    const win: MaintenanceWindow = { id: 'w', cluster: 'c1', node: 'n3', startsAt: T0, endsAt: T0 + 3_600_000 };
    const { s, sent, p } = setup({ silences: [silence], windows: [win] });
    for (const id of ['1', '2', '3', '4']) p.push(ev('raised', alarm(id)));
    p.push(ev('raised', alarm('5', { ruleId: 'ServerDown', ruleName: 'ServerDown', node: 'n5', instance: '' })));
    p.push(ev('raised', alarm('6', { ruleId: 'CriticalServiceDown', node: 'n5', instance: 'Cisco XCP Router' })));
    s.advance(30_000);
    await tick();
    expect(sent.flatMap((n) => n.firing.map((a) => a.id)).sort()).toEqual(['4', '5']);
    expect(p.stats.muted).toBe(4);
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
});
