/**
 * The alarm workflow behind DesktopApi['alerts'] (issue 15) on the real parts: the engine on a SQLite history file,
 * the silence and maintenance books on files, a manual clock. Who acts is the service's operator, never the
 * request's; an acknowledgement "until" ends on its own (no evaluation needed), also across a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import { FakeAlertScheduler } from '../../../test/kits/fakeAlertScheduler.js';
import { MaintenanceBook } from '../notify/maintenanceBook.js';
import { SilenceBook } from '../notify/silenceBook.js';
import { Database } from '../storage/sqlite/database.js';
import { SqliteAlertStore } from '../storage/sqlite/sqliteAlertStore.js';
import { AlertEngine } from './alertEngine.js';
import { createAlertsService } from './alertsService.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

const MIN = 60_000;
const rows = (stopped: readonly string[]): ServiceStatusRow[] =>
  ['imp-pub', 'imp-sub1'].map((node) => ({ cluster: 'c1', node, name: 'Cisco XCP Router', activated: true, status: stopped.includes(node) ? ('Stopped' as const) : ('Started' as const) }));

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alerts-service-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** One "process lifetime" on a state folder: history.db, silences.json, maintenance.json, the service as `operator`. */
async function boot(dir: string, scheduler: FakeAlertScheduler, operator = 'ann') {
  const db = Database.open(join(dir, 'history.db'));
  let seq = 0;
  const alerts = new AlertEngine({ store: new SqliteAlertStore(db), scheduler, newAlarmId: () => `al-${scheduler.now()}-${++seq}` });
  const silences = await SilenceBook.open(join(dir, 'silences.json'), { now: () => scheduler.now() });
  const maintenance = await MaintenanceBook.open(join(dir, 'maintenance.json'), { now: () => scheduler.now() });
  const service = createAlertsService({ alerts, silences, maintenance, operator: () => operator });
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    alerts.dispose();
    db.dispose();
  };
  cleanups.push(close);
  return { alerts, service, close };
}

/** Raises CriticalServiceDown on the nodes named. */
function raise(alerts: AlertEngine, ...nodes: string[]) {
  alerts.updateServiceStatus(rows(nodes));
  alerts.evaluate();
  return alerts.activeAlarms();
}

async function code(p: Promise<unknown>): Promise<string> {
  return p.then(() => 'resolved', (err: { code?: string }) => err.code ?? String(err));
}

describe('alerts service: the alarm workflow as the backend operator', () => {
  it('acknowledge with a comment until a time: outstanding again at that time by itself, journal says who and when', async () => {
    const scheduler = new FakeAlertScheduler();
    const { alerts, service } = await boot(folder(), scheduler);
    const [a] = raise(alerts, 'imp-pub');
    const t0 = scheduler.now();
    const acked = await service.acknowledge({ alarmId: a!.id, comment: 'restarting the router', untilMs: t0 + 10 * MIN });
    expect(acked).toMatchObject({ status: 'acknowledged', ack: { by: 'ann', comment: 'restarting the router', atMs: t0, untilMs: t0 + 10 * MIN } });
    scheduler.advance(10 * MIN - 1);
    expect((await service.listActive())[0]!.status).toBe('acknowledged');
    // No evaluation runs: the acknowledgement's own timer ends it.
    scheduler.advance(1);
    expect((await service.listActive())[0]).toMatchObject({ status: 'outstanding' });
    expect((await service.listActive())[0]!.ack).toBeUndefined();
    expect((await service.journal(a!.id)).map((e) => [e.event, e.atMs - t0, e.by, e.comment])).toEqual([
      ['raised', 0, undefined, undefined],
      ['acknowledged', 0, 'ann', 'restarting the router'],
      ['unacknowledged', 10 * MIN, undefined, 'acknowledgement by ann expired'],
    ]);
    expect(await code(service.acknowledge({ alarmId: a!.id, untilMs: scheduler.now() }))).toBe('PRECONDITION');
    expect(await code(service.acknowledge({ alarmId: 'nope' }))).toBe('NOT_FOUND');
  });

  it('an acknowledgement until a time ends after a restart: at its time, or at once when it passed while stopped', async () => {
    const dir = folder();
    const scheduler = new FakeAlertScheduler();
    const first = await boot(dir, scheduler);
    const [a, b] = raise(first.alerts, 'imp-pub', 'imp-sub1');
    const t0 = scheduler.now();
    await first.service.acknowledge({ alarmId: a!.id, comment: 'short', untilMs: t0 + 5 * MIN });
    await first.service.acknowledge({ alarmId: b!.id, comment: 'long', untilMs: t0 + 60 * MIN });
    expect(scheduler.pending).toBe(1); // one timer, for the earliest end
    first.close();
    expect(scheduler.pending).toBe(0);

    // Stopped for 20 minutes: the short one passed meanwhile, the long one has 40 minutes to go.
    scheduler.advance(20 * MIN);
    const second = await boot(dir, scheduler, 'bob');
    expect(Object.fromEntries((await second.service.listActive()).map((x) => [x.id, x.status]))).toEqual({ [a!.id]: 'acknowledged', [b!.id]: 'acknowledged' });
    scheduler.advance(0);
    expect(Object.fromEntries((await second.service.listActive()).map((x) => [x.id, x.status]))).toEqual({ [a!.id]: 'outstanding', [b!.id]: 'acknowledged' });
    scheduler.advance(40 * MIN - 1);
    expect((await second.service.listActive()).find((x) => x.id === b!.id)!.status).toBe('acknowledged');
    scheduler.advance(1);
    expect((await second.service.listActive()).find((x) => x.id === b!.id)!.status).toBe('outstanding');
    second.close();
    // Stored: a third start reads both as outstanding.
    const third = await boot(dir, scheduler);
    expect((await third.service.listActive()).map((x) => x.status)).toEqual(['outstanding', 'outstanding']);
  });

  it('unacknowledge and clear carry a comment; notes go into the journal of an active or a closed alarm, oldest first', async () => {
    const scheduler = new FakeAlertScheduler();
    const { alerts, service } = await boot(folder(), scheduler, 'carol');
    const [a] = raise(alerts, 'imp-pub');
    await service.acknowledge({ alarmId: a!.id, comment: 'mine' });
    scheduler.advance(MIN);
    expect(await service.unacknowledge(a!.id, 'handing over to night shift')).toMatchObject({ status: 'outstanding' });
    expect(await code(service.unacknowledge(a!.id))).toBe('PRECONDITION');
    scheduler.advance(MIN);
    const note = await service.addNote(a!.id, '  router core dumped, TAC case 123  ');
    expect(note).toEqual({ alarmId: a!.id, key: a!.key, atMs: scheduler.now(), event: 'note', by: 'carol', comment: 'router core dumped, TAC case 123', status: 'outstanding' });
    // Occurrences are counted on the alarm, not written into its journal.
    raise(alerts, 'imp-pub');
    scheduler.advance(MIN);
    await service.clear(a!.id, 'restarted by hand');
    expect((await service.history({ limit: 10 }))[0]).toMatchObject({ id: a!.id, status: 'cleared', closedBy: 'carol', closeComment: 'restarted by hand', occurrences: 2 });
    await service.addNote(a!.id, 'root cause: disk full');
    expect((await service.journal(a!.id)).map((e) => `${e.event}/${e.by ?? ''}/${e.comment ?? ''}/${e.status}`)).toEqual([
      'raised///outstanding',
      'acknowledged/carol/mine/acknowledged',
      'unacknowledged/carol/handing over to night shift/outstanding',
      'note/carol/router core dumped, TAC case 123/outstanding',
      'cleared/carol/restarted by hand/cleared',
      'note/carol/root cause: disk full/cleared',
    ]);
    expect(await code(service.addNote(a!.id, '   '))).toBe('VALIDATION');
    expect(await code(service.addNote('nope', 'x'))).toBe('NOT_FOUND');
    expect(await code(service.journal('nope'))).toBe('NOT_FOUND');
  });

  it('clearAll clears the alarms named (not one raised since) as the operator', async () => {
    const scheduler = new FakeAlertScheduler();
    const { alerts, service } = await boot(folder(), scheduler, 'dave');
    const named = raise(alerts, 'imp-pub', 'imp-sub1').map((a) => a.id);
    expect(await service.clearAll([named[0]!, 'gone'])).toBe(1);
    expect(await service.clearAll(named)).toBe(1);
    expect(await service.listActive()).toEqual([]);
    expect((await service.history({})).map((a) => [a.status, a.closedBy, a.closeComment])).toEqual([
      ['cleared', 'dave', 'Clear All'],
      ['cleared', 'dave', 'Clear All'],
    ]);
  });

  it('silences and maintenance windows are made and changed as the operator', async () => {
    const scheduler = new FakeAlertScheduler();
    const { service } = await boot(folder(), scheduler, 'erin');
    const now = scheduler.now();
    const id = await service.silence({ matchers: { node: 'imp-sub1' }, startsAtMs: now, endsAtMs: now + 60 * MIN, comment: 'patch' });
    expect((await service.listSilences())[0]).toMatchObject({ id, createdBy: 'erin', source: 'app' });
    const changed = await service.updateSilence(id, { matchers: { node: 'imp-sub2', ruleId: 'CriticalServiceDown' }, startsAtMs: now, endsAtMs: now + 120 * MIN, comment: 'longer' });
    expect(changed).toMatchObject({ id, createdBy: 'erin', endsAt: now + 120 * MIN, comment: 'longer' });
    expect(changed.matchers).toEqual([{ field: 'node', op: '=', value: 'imp-sub2' }, { field: 'ruleId', op: '=', value: 'CriticalServiceDown' }]);
    expect((await service.expireSilence(id)).endsAt).toBe(now);

    const w = await service.saveMaintenance({ cluster: 'c1', node: 'imp-sub1', schedule: { kind: 'weekly', days: [0, 6], startMinute: 0, durationMinutes: 240, timeZone: 'Asia/Shanghai' }, comment: 'weekend patching' });
    expect(w).toMatchObject({ createdBy: 'erin', createdAtMs: now, source: 'app' });
    expect(await service.listMaintenance()).toEqual([w]);
    await service.deleteMaintenance(w.id);
    expect(await service.listMaintenance()).toEqual([]);
  });
});
