// `npm run imp -- alarms …` as a process (issue 15 "Command line") on a data folder's history.db: with no app
// running on it the change is applied to the database directly and a restarted engine finds it; with an app
// running (an AlertEngine holding the alarms in memory and the alarm-request poller, as createBackend wires them)
// the change goes through it — its in-memory alarms change, recorded as the OS user who ran the command; a
// presence row of a dead process is ignored; an app that does not answer leaves the request cancelled (exit 1,
// nothing changed); bad usage exits 2 with nothing on stdout; failures exit 1 with one line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord, Silence } from '../../shared/model/alert.js';
import type { AuditEntry } from '../../shared/model/audit.js';
import type { ServiceStatusRow } from '../../shared/model/cluster.js';
import { engineAlarmActions, startAlarmRequestPoller } from '../../main/core/alerts/alarmRequests.js';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import type { Disposable } from '../../main/core/base/disposable.js';
import { SilenceBook } from '../../main/core/notify/silenceBook.js';
import { SqliteAlarmRequests } from '../../main/core/storage/sqlite/alarmRequestsTable.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { SqliteAlertStore } from '../../main/core/storage/sqlite/sqliteAlertStore.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { until } from '../helpers/until.js';
import { imp, type ImpRun } from './impTracesHarness.js';

const ME = userInfo().username;
const STOPPED = ['imp-pub/Cisco XCP Router', 'imp-sub1/Cisco SIP Proxy', 'imp-sub2/Cisco Presence Engine'];
const rows = (): ServiceStatusRow[] =>
  ['imp-pub', 'imp-sub1', 'imp-sub2'].flatMap((node) =>
    ['Cisco XCP Router', 'Cisco Presence Engine', 'Cisco SIP Proxy'].map((name) => ({ cluster: 'c1', node, name, activated: true, status: STOPPED.includes(`${node}/${name}`) ? ('Stopped' as const) : ('Started' as const) })),
  );

/** The app's side in this process: the database, the engine holding the alarms, the silences, and (optionally) the poller. */
interface App {
  readonly db: Database;
  readonly engine: AlertEngine;
  readonly silences: SilenceBook;
  readonly queue: SqliteAlarmRequests;
  poller?: Disposable;
  close(): void;
}

async function openApp(dir: string, poll: boolean): Promise<App> {
  const db = Database.open(join(dir, 'history.db'));
  const engine = new AlertEngine({ store: new SqliteAlertStore(db) });
  const silences = await SilenceBook.open(join(dir, 'silences.json'));
  const queue = new SqliteAlarmRequests(db);
  const app: App = {
    db,
    engine,
    silences,
    queue,
    close: () => {
      app.poller?.dispose();
      engine.flushWrites();
      engine.dispose();
      db.dispose();
    },
  };
  if (poll) app.poller = startAlarmRequestPoller({ queue, alarms: engine, actionsFor: (operator) => engineAlarmActions(engine, silences, operator), intervalMs: 200 });
  return app;
}

describe('imp alarms', () => {
  let dir: string;
  let ids: Record<string, string>;
  const run = (...args: string[]): Promise<ImpRun> => imp(['alarms', ...args, '--data-dir', dir], join(dir, 'unused-state'), { timeoutMs: 60_000 });
  const json = <T>(r: ImpRun): T => {
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  const expectFailure = (r: ImpRun, line: RegExp): void => {
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-alarms-'));
    // The app ran and raised three CriticalServiceDown alarms, then stopped.
    const app = await openApp(dir, false);
    app.engine.updateServiceStatus(rows());
    app.engine.evaluate();
    const active = app.engine.activeAlarms();
    expect(active.map((a) => `${a.node}/${a.instance}`).sort()).toEqual([...STOPPED].sort());
    ids = Object.fromEntries(active.map((a) => [a.node, a.id]));
    app.close();
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists the active alarms in every format; a folder without history.db lists none', async () => {
    const listed = json<AlarmRecord[]>(await run('list', '--json'));
    expect(listed.map((a) => a.id).sort()).toEqual(Object.values(ids).sort());
    expect(listed.every((a) => a.status === 'outstanding' && a.ruleId === 'CriticalServiceDown')).toBe(true);
    const table = await run('list');
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+STATUS\s+SEVERITY\s+CLUSTER\s+NODE\s+RULE/);
    expect(table.stdout).toContain(ids['imp-sub1']);
    const csv = await run('list', '--format', 'csv', '--node', 'imp-sub1');
    expect(csv.stdout.trim().split('\n')).toHaveLength(2);
    const empty = await imp(['alarms', 'list', '--json', '--data-dir', join(dir, 'nothing-here')], join(dir, 'unused-state'));
    expect(empty.code).toBe(0);
    expect(JSON.parse(empty.stdout)).toEqual([]);
    expect(empty.stderr).toMatch(/has no history\.db/);
  }, 60_000);

  it('with no app running: applied to history.db directly, as the OS user; a restarted engine has it', async () => {
    const acked = await run('ack', ids['imp-pub']!, '--comment', 'looking at it', '--until', '2h', '--json');
    const [a] = json<AlarmRecord[]>(acked);
    expect(a).toMatchObject({ id: ids['imp-pub'], status: 'acknowledged', ack: { by: ME, comment: 'looking at it' } });
    expect(a!.ack!.untilMs! - Date.now()).toBeGreaterThan(7_000_000);
    expect(acked.stderr).toMatch(/directly \(no app runs on this data folder\)/);
    const silenced = await run('silence', '--node', 'imp-sub2', '--rule', 'CriticalServiceDown', '--duration', '1h30m', '--comment', 'maintenance', '--json');
    const [s] = json<Silence[]>(silenced);
    expect(s).toMatchObject({ createdBy: ME, comment: 'maintenance', source: 'app' });
    expect(s!.endsAt - s!.startsAt).toBe(90 * 60_000);
    expect(JSON.parse(readFileSync(join(dir, 'silences.json'), 'utf8')).silences.map((x: Silence) => x.id)).toEqual([s!.id]);
    // Issue 16: both changes are in the data folder's audit log as the OS user, source cli (as the app records them).
    const audit = await imp(['audit', 'list', '--json', '--data-dir', dir], join(dir, 'unused-state'));
    expect(audit.code, audit.stderr).toBe(0);
    const entries = (JSON.parse(audit.stdout) as AuditEntry[]).reverse();
    expect(entries.map((e) => `${e.action} ${e.target} ${e.result} ${e.operator} ${e.source}`)).toEqual([
      `alerts.acknowledge ${ids['imp-pub']} ok ${ME} cli`,
      `alerts.silence ${s!.id} ok ${ME} cli`,
    ]);
    expect(entries[0]!.params).toMatchObject({ alarmId: ids['imp-pub'], comment: 'looking at it' });

    const app = await openApp(dir, false);
    try {
      expect(app.engine.activeAlarms().find((x) => x.id === ids['imp-pub'])).toMatchObject({ status: 'acknowledged', ack: { by: ME } });
      expect(app.engine.history({ alarmId: ids['imp-pub'] }).find((e) => e.event === 'acknowledged')).toMatchObject({ by: ME, comment: 'looking at it' });
      expect(app.silences.list().map((x) => x.id)).toEqual([s!.id]);
    } finally {
      app.close();
    }
  }, 60_000);

  it('with an app running: through it (its alarms in memory change), as the OS user who ran the command', async () => {
    const app = await openApp(dir, true);
    try {
      const unacked = await run('unack', ids['imp-pub']!, '--comment', 'not mine after all', '--json');
      expect(json<AlarmRecord[]>(unacked)[0]).toMatchObject({ id: ids['imp-pub'], status: 'outstanding' });
      expect(unacked.stderr).toMatch(new RegExp(`through the app running on this data folder \\(pid ${process.pid} on `));
      expect(app.engine.activeAlarms().find((x) => x.id === ids['imp-pub'])!.status).toBe('outstanding');
      expect(app.engine.history({ alarmId: ids['imp-pub'] })[0]).toMatchObject({ event: 'unacknowledged', by: ME, comment: 'not mine after all' });

      const cleared = await run('clear', ids['imp-sub1']!, '--comment', 'restarted by hand', '--json');
      expect(json<AlarmRecord[]>(cleared)[0]).toMatchObject({ id: ids['imp-sub1'], status: 'cleared', closedBy: ME, closeComment: 'restarted by hand' });
      expect(app.engine.activeAlarms().map((x) => x.id)).not.toContain(ids['imp-sub1']);

      const silenced = await run('silence', '--severity', 'Critical', '--cluster', 'c1', '--duration', '30m', '--json');
      const [s] = json<Silence[]>(silenced);
      expect(app.silences.list().find((x) => x.id === s!.id)).toMatchObject({ createdBy: ME, matchers: expect.arrayContaining([{ field: 'severity', op: '=', value: 'Critical' }, { field: 'cluster', op: '=', value: 'c1' }]) });

      // The app refuses what the engine refuses: the cleared alarm is no longer active (exit 1, one line).
      expectFailure(await run('ack', ids['imp-sub1']!), /^imp: NOT_FOUND: no active alarm /);
      // Listing reads the database beside the app.
      expect(json<AlarmRecord[]>(await run('list', '--json')).map((x) => x.id).sort()).toEqual([ids['imp-pub'], ids['imp-sub2']].sort());
      expect(json<AlarmRecord[]>(await run('list', '--status', 'all', '--json')).map((x) => x.id)).toContain(ids['imp-sub1']);
    } finally {
      app.close();
    }
  }, 90_000);

  it('a presence row of a process that is gone is ignored; an app that does not answer: exit 1, the request cancelled', async () => {
    const app = await openApp(dir, false);
    try {
      const gone = spawnSync(process.execPath, ['-e', 'process.pid']).pid!;
      app.queue.announce({ instance: 'dead-app', pid: gone, host: hostname(), startedAtMs: Date.now(), heartbeatAtMs: Date.now() + 60_000 });
      app.close();
      const direct = await run('ack', ids['imp-sub2']!, '--comment', 'x');
      expect(direct.code, direct.stderr).toBe(0);
      expect(direct.stderr).toMatch(/directly/);
    } finally {
      if (!app.db.isClosed) app.close();
    }
    // An app that announces itself but never takes requests (hung): the command gives up after 15 s.
    const hung = await openApp(dir, false);
    try {
      hung.queue.announce({ instance: 'hung-app', pid: process.pid, host: hostname(), startedAtMs: Date.now(), heartbeatAtMs: Date.now() + 60_000 });
      const r = await run('unack', ids['imp-sub2']!);
      expectFailure(r, new RegExp(`^imp: POLL_TIMEOUT: the app running on .* \\(pid ${process.pid}\\) did not take the request within 15 s; nothing was changed$`));
      expect(hung.db.connection.prepare('SELECT state FROM alarm_requests ORDER BY id DESC LIMIT 1').get()).toEqual({ state: 'cancelled' });
      hung.queue.withdraw('hung-app');
    } finally {
      hung.close();
    }
  }, 90_000);

  it('bad usage exits 2 with the usage and nothing on stdout; unknown alarms and folders exit 1 with one line', async () => {
    for (const args of [
      ['silence', '--duration', '2h'],
      ['silence', '--node', 'imp-pub', '--duration', '2x'],
      ['silence', '--node', 'imp-pub'],
      ['silence', '--severity', 'Loud', '--duration', '1h'],
      ['ack'],
      ['ack', 'x', '--until', '2020-01-01T00:00:00Z'],
      ['ack', 'x', '--until', 'soon'],
      ['list', '--status', 'open'],
      ['list', '--since', 'yesterday'],
    ]) {
      const r = await run(...args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/Usage: imp alarms/);
    }
    expectFailure(await run('ack', 'no-such-alarm'), /^imp: NOT_FOUND: no alarm no-such-alarm /);
    expectFailure(await imp(['alarms', 'clear', 'x', '--data-dir', join(dir, 'nothing-here')], join(dir, 'unused-state')), /^imp: NOT_FOUND: no alarms in .*nothing-here: it has no history\.db/);
    const help = await imp(['alarms', '--help'], join(dir, 'unused-state'));
    expect(help.code).toBe(0);
    for (const verb of ['list', 'ack', 'unack', 'clear', 'silence']) expect(help.stdout).toMatch(new RegExp(`\\n\\s+${verb}\\b`));
  }, 180_000);
});

describe('imp alarms beside the app (createBackend)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imp-alarms-backend-'));
  let backend: Backend | undefined;
  const run = (...args: string[]): Promise<ImpRun> => imp(['alarms', ...args, '--data-dir', dir], join(dir, 'unused-state'), { timeoutMs: 60_000 });

  afterAll(async () => {
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an alarm the backend raised (a service stopped on the embedded cluster) is acknowledged and cleared through it', async () => {
    // Evaluated every 3 s: the service series polled every 5 s stays fresh (stale after 3 evaluation intervals).
    backend = await createBackend({ stateDir: dir, simBasePort: 0, scenario: null, speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 3000 });
    const api = backend.api;
    const service = 'Cisco XCP Web Connection Manager';
    await until('imp-sub2 services polled', async () => ((await api.nodes.services('sim', 'imp-sub2')).some((s) => s.name === service && s.status === 'Started') ? true : undefined));
    const job = await api.nodes.controlService({ cluster: 'sim', node: 'imp-sub2', service, action: 'stop' });
    await until('the stop job', async () => (await api.jobs.list()).find((j) => j.id === job.id && j.state !== 'running'));
    const alarm = await until('CriticalServiceDown on imp-sub2', async () => (await api.alerts.listActive()).find((a) => a.ruleId === 'CriticalServiceDown' && a.node === 'imp-sub2' && a.instance === service));

    const listed = await run('list', '--json', '--node', 'imp-sub2');
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as AlarmRecord[]).map((a) => a.id)).toContain(alarm.id);

    const acked = await run('ack', alarm.id, '--comment', 'restarting it', '--until', '1h', '--json');
    expect(acked.code, acked.stderr).toBe(0);
    expect(acked.stderr).toMatch(new RegExp(`through the app running on this data folder \\(pid ${process.pid} on `));
    expect((await api.alerts.listActive()).find((a) => a.id === alarm.id)).toMatchObject({ status: 'acknowledged', ack: { by: ME, comment: 'restarting it' } });
    expect((await api.alerts.journal(alarm.id)).map((e) => [e.event, e.by])).toContainEqual(['acknowledged', ME]);

    const cleared = await run('clear', alarm.id, '--comment', 'done', '--json');
    expect(cleared.code, cleared.stderr).toBe(0);
    expect((JSON.parse(cleared.stdout) as AlarmRecord[])[0]).toMatchObject({ id: alarm.id, status: 'cleared', closedBy: ME });
    expect((await api.alerts.listActive()).map((a) => a.id)).not.toContain(alarm.id);

    // The backend stopped: its presence row is gone and the command acts on history.db directly.
    await backend.dispose();
    backend = undefined;
    const after = await run('silence', '--node', 'imp-sub2', '--duration', '10m', '--json');
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/directly \(no app runs on this data folder\)/);
  }, 240_000);
});
