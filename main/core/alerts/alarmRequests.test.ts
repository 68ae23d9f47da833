import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SilenceBook } from '../notify/silenceBook.js';
import { Database } from '../storage/sqlite/database.js';
import { SqliteAlarmRequests } from '../storage/sqlite/alarmRequestsTable.js';
import { MemoryAlertStore } from './memoryAlertStore.js';
import { AlertEngine } from './alertEngine.js';
import { alarmRequestAuditEntry, engineAlarmActions, parseAlarmRequestBody, startAlarmRequestPoller } from './alarmRequests.js';
import { until } from '../../../test/helpers/until.js';

const DAY = 24 * 3_600_000;

describe('alarm requests', () => {
  const cleanup: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanup.splice(0).reverse()) c();
  });

  it('a silence asked for from the command line is the contract\'s: a window of at most a year, at most 20 matchers', () => {
    const input = { matchers: { node: 'imp-sub1' }, startsAtMs: 0, endsAtMs: 2 * 3_600_000, comment: 'patching' };
    expect(parseAlarmRequestBody({ kind: 'silence', input })).toEqual({ kind: 'silence', input });
    expect(() => parseAlarmRequestBody({ kind: 'silence', input: { ...input, endsAtMs: 400 * DAY } })).toThrow(/input\.endsAtMs must be at most a year/);
    expect(() => parseAlarmRequestBody({ kind: 'silence', input: { ...input, endsAtMs: 0 } })).toThrow(/input\.endsAtMs must be after startsAtMs/);
    expect(() => parseAlarmRequestBody({ kind: 'silence', input: { ...input, createdBy: 'mallory' } })).toThrow(/createdBy/);
  });

  it('requests claimed when the app stops are answered at once (nothing applied, run again), an applied one as applied', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alarm-requests-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const db = Database.open(join(dir, 'history.db'));
    cleanup.push(() => db.dispose());
    const engine = new AlertEngine({ store: new MemoryAlertStore() });
    cleanup.push(() => engine.dispose());
    const silences = await SilenceBook.open(join(dir, 'silences.json'));
    const queue = new SqliteAlarmRequests(db);
    const input = { matchers: { node: 'imp-sub1' }, startsAtMs: Date.now(), endsAtMs: Date.now() + 3_600_000, comment: 'patching' };
    // The app stops while it applies the first request it claimed.
    const poller = startAlarmRequestPoller({
      queue,
      alarms: engine,
      actionsFor: (operator) => {
        poller.dispose();
        return engineAlarmActions(engine, silences, operator);
      },
      intervalMs: 20,
      warn: () => undefined,
    });
    // Queued after the poller's first look, so that its next tick claims both at once.
    await until('the poller present', () => (queue.presences(0).length === 1 ? true : undefined), 10_000, 20);
    const first = queue.submit('ann', { kind: 'silence', input }, Date.now());
    const second = queue.submit('ann', { kind: 'silence', input: { ...input, comment: 'second' } }, Date.now());
    await until('both outcomes written', () => (queue.outcome(first)?.state !== 'working' && queue.outcome(second)?.state !== 'working' && queue.outcome(second)?.state !== 'pending' ? true : undefined), 10_000, 20);
    expect(queue.outcome(first)).toMatchObject({ state: 'done', result: { kind: 'silence', silence: { createdBy: 'ann', comment: 'patching' } } });
    expect(queue.outcome(second)).toMatchObject({ state: 'failed', error: { code: 'PRECONDITION', message: expect.stringMatching(/app stopped before applying .*nothing was changed/) } });
    expect(silences.list().map((s) => s.comment)).toEqual(['patching']);
    poller.dispose();
  });

  it('a request the app applied is audited as the user who ran imp alarms, from the command line, with its outcome', () => {
    const ok = alarmRequestAuditEntry('ann', { kind: 'acknowledge', alarmId: 'a-1', comment: 'on it' }, { result: { kind: 'alarm', alarm: {} as never } });
    expect(ok).toEqual({ operator: 'ann', role: 'admin', source: 'cli', action: 'alerts.acknowledge', target: 'a-1', params: { alarmId: 'a-1', comment: 'on it' }, result: 'ok' });
    const failed = alarmRequestAuditEntry('bob', { kind: 'clear', alarmId: 'a-2' }, { error: { code: 'NOT_FOUND', message: 'no alarm a-2', retryable: false } });
    expect(failed).toMatchObject({ operator: 'bob', action: 'alerts.clear', target: 'a-2', result: 'failed', errorCode: 'NOT_FOUND', message: 'no alarm a-2' });
    // A body that is not a request is still recorded (as what it was: unknown), never dropped.
    expect(alarmRequestAuditEntry('eve', { kind: 'purge' }, { error: { code: 'VALIDATION', message: 'bad', retryable: false } })).toMatchObject({ action: 'alerts.unknown', result: 'failed' });
  });
});
