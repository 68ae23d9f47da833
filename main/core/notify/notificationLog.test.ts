import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../../shared/model/alert.js';
import { FakeAlertScheduler } from '../../../test/kits/fakeAlertScheduler.js';
import { Database } from '../storage/sqlite/database.js';
import { NotificationLog, NOTIFICATION_LOG_RETENTION_MS } from './notificationLog.js';
import { NotificationPipeline } from './notificationPipeline.js';
import type { Notification, NotifiedAlarm, NotifyResult } from './notifier.js';

const T0 = Date.UTC(2026, 0, 5, 8);
const HOUR = 3_600_000;
const alarm = (id: string, o: Partial<AlarmRecord> = {}): NotifiedAlarm => ({
  id, key: `k${id}`, ruleId: 'CriticalServiceDown', ruleName: 'CriticalServiceDown', group: 'System', severity: 'Critical', cluster: 'c1', node: 'imp-pub', instance: `svc${id}`,
  status: 'outstanding', message: 'm', origin: 'poll', raisedAt: T0, lastOccurrenceAt: T0, occurrences: 1, flapping: false, emailEnabled: true, alertAction: 'Default', ...o,
});

const dirs: string[] = [];
const open: Array<{ dispose(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0).reverse()) o.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tick = () => new Promise((r) => setImmediate(r));

/** One "process lifetime" on the same history.db: the log and a pipeline with two recording notifiers. */
function life(path: string, clock: FakeAlertScheduler, names: readonly string[] = ['email', 'alertmanager'], fail: Partial<Record<string, NotifyResult>> = {}) {
  const db = Database.open(path);
  const log = NotificationLog.open(db, { now: () => clock.now() });
  const sent: Array<{ notifier: string; n: Notification }> = [];
  const notifiers = names.map((name) => ({ name, notify: async (n: Notification): Promise<NotifyResult> => fail[name] ?? (sent.push({ notifier: name, n }), { ok: true }) }));
  const p = new NotificationPipeline(clock, notifiers, [], { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 4 * HOUR, maxRetries: 0 }, () => undefined, log);
  const close = () => (p.dispose(), log.dispose(), db.dispose());
  open.push({ dispose: () => (db.isClosed ? undefined : close()) });
  return { db, log, p, sent, close };
}
function tmpDb(): string {
  const d = mkdtempSync(join(tmpdir(), 'nflog-'));
  dirs.push(d);
  return join(d, 'history.db');
}

describe('NotificationLog (persisted nflog)', () => {
  it('keeps what was sent per group × notifier across a reopen, newest first, with failures and attempts', async () => {
    const path = tmpDb();
    const clock = new FakeAlertScheduler(T0);
    const a = life(path, clock, ['email', 'webhook'], { webhook: { ok: false, retryable: false, error: 'HTTP 400: bad' } });
    a.p.push({ kind: 'raised', alarm: alarm('1') });
    clock.advance(30_000);
    await tick();
    a.close();
    const db = Database.open(path);
    open.push(db);
    const log = NotificationLog.open(db, { now: () => clock.now() });
    const entries = log.list(10);
    expect(entries.map((e) => [e.notifier, e.reason, e.firing, e.ok, e.attempts, e.error])).toEqual(
      expect.arrayContaining([['email', 'new', ['1'], true, 1, undefined], ['webhook', 'new', ['1'], false, 1, 'HTTP 400: bad']]),
    );
    expect(entries[0]!.groupLabels).toEqual({ alertAction: 'Default', cluster: 'c1', ruleId: 'CriticalServiceDown' });
    // Only successes count as "told".
    const last = log.lastSent();
    expect([...last.values()].flatMap((m) => [...m.keys()])).toEqual(['email']);
    expect([...[...last.values()][0]!.get('email')!.firing]).toEqual(['1']);
  });

  it('prunes past the retention but keeps the last success of every group × notifier', () => {
    const path = tmpDb();
    let now = T0;
    const db = Database.open(path);
    open.push(db);
    const log = NotificationLog.open(db, { now: () => now });
    const e = (at: number, reason: 'new' | 'repeat' | 'test', ok = true) => ({ atMs: at, groupKey: 'g', groupLabels: {}, notifier: 'email', reason, firing: ['1'], resolved: [], ok, attempts: 1 });
    log.append(e(T0, 'new'));
    log.append(e(T0 + HOUR, 'repeat'));
    log.append(e(T0 + 2 * HOUR, 'test'));
    now = T0 + NOTIFICATION_LOG_RETENTION_MS + 3 * HOUR;
    log.prune();
    expect(log.list(10).map((x) => x.reason)).toEqual(['repeat']);
  });
});

describe('NotificationPipeline seeded from the log after a restart', () => {
  it('an alarm open across a restart: no second "new", the reminder at lastSent + repeat, the resolution once', async () => {
    const path = tmpDb();
    const clock = new FakeAlertScheduler(T0);
    const first = life(path, clock);
    first.p.push({ kind: 'raised', alarm: alarm('1') });
    clock.advance(30_000);
    await tick();
    expect(first.sent.map((s) => s.n.reason)).toEqual(['new', 'new']);
    const sentAt = clock.now();
    first.close();

    clock.advance(HOUR);
    const second = life(path, clock);
    second.p.seed([alarm('1')], () => undefined);
    clock.advance(sentAt + 4 * HOUR - 1 - clock.now());
    await tick();
    expect(second.sent).toEqual([]);
    clock.advance(1);
    await tick();
    expect(second.sent.map((s) => [s.notifier, s.n.reason, s.n.firing.map((a) => a.id)])).toEqual([['email', 'repeat', ['1']], ['alertmanager', 'repeat', ['1']]]);
    second.p.push({ kind: 'resolved', alarm: alarm('1', { status: 'resolved', resolvedAt: clock.now() }) });
    clock.advance(300_000);
    await tick();
    expect(second.sent.slice(2).map((s) => [s.n.reason, s.n.firing.length, s.n.resolved.map((a) => a.id)])).toEqual([['update', 0, ['1']], ['update', 0, ['1']]]);
    expect(second.p.groupCount).toBe(0);
    second.close();

    const third = life(path, clock);
    third.p.seed([], (id) => alarm(id, { status: 'resolved', resolvedAt: T0 }));
    clock.advance(10 * HOUR);
    await tick();
    expect(third.sent).toEqual([]);
  });

  it('an alarm that closed while the backend was down gets its resolved notification once, from the closed record', async () => {
    const path = tmpDb();
    const clock = new FakeAlertScheduler(T0);
    const first = life(path, clock);
    first.p.push({ kind: 'raised', alarm: alarm('1') });
    first.p.push({ kind: 'raised', alarm: alarm('2') });
    clock.advance(30_000);
    await tick();
    first.close();

    clock.advance(HOUR);
    const second = life(path, clock);
    // Alarm 1 is still active; 2 was cleared (its record from the store).
    second.p.seed([alarm('1')], (id) => (id === '2' ? alarm('2', { status: 'cleared', closedAt: T0 + 60_000 }) : undefined));
    clock.advance(0);
    await tick();
    expect(second.sent.map((s) => [s.n.reason, s.n.firing.map((a) => a.id), s.n.resolved.map((a) => a.id)])).toEqual([['update', ['1'], ['2']], ['update', ['1'], ['2']]]);
    clock.advance(HOUR);
    await tick();
    expect(second.sent).toHaveLength(2);
  });

  it('a notifier added by a settings change gets the open alarm as new; the others are not told again', async () => {
    const path = tmpDb();
    const clock = new FakeAlertScheduler(T0);
    const first = life(path, clock, ['email']);
    first.p.push({ kind: 'raised', alarm: alarm('1') });
    clock.advance(30_000);
    await tick();
    first.close();
    const second = life(path, clock, ['email', 'webhook']);
    second.p.seed([alarm('1')], () => undefined);
    // The group was notified: a change in it goes out after the group interval (5 min).
    clock.advance(300_000);
    await tick();
    expect(second.sent.map((s) => [s.notifier, s.n.reason])).toEqual([['webhook', 'new']]);
  });

  it('a notification that failed for good is not taken as told: it is sent again after the restart', async () => {
    const path = tmpDb();
    const clock = new FakeAlertScheduler(T0);
    const first = life(path, clock, ['email'], { email: { ok: false, retryable: false, error: '550 no' } });
    first.p.push({ kind: 'raised', alarm: alarm('1') });
    clock.advance(30_000);
    await tick();
    first.close();
    const second = life(path, clock, ['email']);
    second.p.seed([alarm('1')], () => undefined);
    clock.advance(30_000);
    await tick();
    expect(second.sent.map((s) => [s.notifier, s.n.reason])).toEqual([['email', 'new']]);
  });
});
