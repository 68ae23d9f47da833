import { afterEach, describe, expect, it } from 'vitest';
import { Database } from './database.js';
import { SqliteAlarmRequests } from './alarmRequestsTable.js';

describe('alarm_requests table', () => {
  let db: Database | undefined;
  afterEach(() => db?.dispose());

  it('claims pending requests once, oldest first; expires those their command gave up on; keeps outcomes', () => {
    db = Database.open(':memory:');
    const q = new SqliteAlarmRequests(db);
    const old = q.submit('ann', { kind: 'clear', alarmId: 'a1' }, 1_000);
    const a = q.submit('ann', { kind: 'acknowledge', alarmId: 'a2', comment: 'x' }, 50_000);
    const b = q.submit('bob', { kind: 'unacknowledge', alarmId: 'a3' }, 51_000);
    const claimed = q.claim(77, 30_000, 0, 52_000);
    expect(claimed.map((r) => [r.id, r.operator])).toEqual([[a, 'ann'], [b, 'bob']]);
    expect(claimed[0]!.body).toEqual({ kind: 'acknowledge', alarmId: 'a2', comment: 'x' });
    expect(q.outcome(old)).toEqual({ state: 'expired' });
    expect(q.outcome(a)).toEqual({ state: 'working', handledBy: 77 });
    // A second poller (or a second tick) takes nothing twice; a taken request is no longer cancelled.
    expect(q.claim(78, 30_000, 0, 52_500)).toEqual([]);
    expect(q.cancelIfPending(a, 53_000)).toBe(false);
    q.complete(a, { error: { code: 'NOT_FOUND', message: 'no active alarm a2', retryable: false } }, 53_000);
    expect(q.outcome(a)).toEqual({ state: 'failed', handledBy: 77, error: { code: 'NOT_FOUND', message: 'no active alarm a2', retryable: false } });
    const c = q.submit('ann', { kind: 'clear', alarmId: 'a4' }, 54_000);
    expect(q.cancelIfPending(c, 55_000)).toBe(true);
    expect(q.claim(77, 30_000, 0, 55_000)).toEqual([]);
    // Requests older than the retention are deleted (finished, or taken by an app that stopped before answering).
    q.claim(77, 30_000, 52_000, 60_000);
    expect([q.outcome(old), q.outcome(a), q.outcome(b)]).toEqual([undefined, undefined, undefined]);
    expect(q.outcome(c)).toEqual({ state: 'cancelled' });
  });

  it('presence rows: announced with a heartbeat, only fresh ones listed, withdrawn on a clean stop', () => {
    db = Database.open(':memory:');
    const q = new SqliteAlarmRequests(db);
    q.announce({ instance: 'i1', pid: 10, host: 'h', startedAtMs: 1, heartbeatAtMs: 1_000 });
    q.announce({ instance: 'i1', pid: 10, host: 'h', startedAtMs: 1, heartbeatAtMs: 9_000 });
    q.announce({ instance: 'i2', pid: 11, host: 'h', startedAtMs: 1, heartbeatAtMs: 2_000 });
    expect(q.presences(5_000)).toEqual([{ instance: 'i1', pid: 10, host: 'h', startedAtMs: 1, heartbeatAtMs: 9_000 }]);
    q.withdraw('i1');
    expect(q.presences(0).map((p) => p.instance)).toEqual(['i2']);
  });
});
