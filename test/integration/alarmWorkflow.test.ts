/**
 * The alarm workflow in web mode (issue 15), end to end: the real backend (createBackend on the embedded simulated
 * cluster, reached over its sockets), the real web server and router, curl as the client. A CriticalServiceDown
 * raised by a service stopped through Control Center is acknowledged, noted, silenced and cleared over HTTP. Who
 * acted is the OS user who started the backend: a request naming someone (`by`, `createdBy`) is refused by
 * validation and changes nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmHistoryEntry, AlarmRecord, MaintenanceWindow, Silence } from '../../shared/model/alert.js';
import type { AppInfo } from '../../shared/model/views.js';
import { osOperator } from '../../main/core/audit/actionRecords.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import { startWebMode, type WebMode } from '../../main/core/transport/webMode.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { until } from '../helpers/until.js';

const run = promisify(execFile);
const SERVICE = 'Cisco XCP Web Connection Manager';
const NODE = 'imp-sub2';

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

describe.skipIf(skipWithoutTools({ path: '/usr/bin/curl', apt: 'curl' }))('alarm workflow over web mode: the operator comes from the server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imp-alarm-workflow-'));
  let web: WebMode | undefined;

  /** POSTs one API call with curl, as the web renderer does (token, same origin). */
  async function call<T>(service: string, method: string, args: unknown[]): Promise<Reply<T>> {
    const s = web!.server;
    const { stdout } = await run('curl', ['-sS', '--max-time', '30', '-X', 'POST', '-H', 'Content-Type: application/json', '-H', `Authorization: Bearer ${s.token}`, '-H', `Origin: ${s.origin}`, '--data-binary', JSON.stringify(args), `${s.origin}/api/${service}/${method}`]);
    return JSON.parse(stdout) as Reply<T>;
  }
  async function ok<T>(service: string, method: string, args: unknown[]): Promise<T> {
    const r = await call<T>(service, method, args);
    if (!r.ok) throw new Error(`${service}.${method}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  const active = async (id?: string): Promise<AlarmRecord | undefined> =>
    (await ok<AlarmRecord[]>('alerts', 'listActive', [])).find((a) => (id === undefined ? a.ruleId === 'CriticalServiceDown' && a.node === NODE && a.instance === SERVICE : a.id === id));

  beforeAll(async () => {
    const renderer = join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>IMP Monitor</title>');
    // Evaluated every 3 s: a service series polled every 5 s stays fresh (stale after 3 evaluation intervals), so the
    // alarm holds while the service is stopped.
    const backend = await createBackend({ stateDir: join(dir, 'state'), simBasePort: 0, scenario: null, speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 3000 });
    web = await startWebMode({ backend, rendererDir: renderer });
  }, 120_000);

  afterAll(async () => {
    await web?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a forged operator and records the OS user on every act', async () => {
    const me = osOperator();
    expect((await ok<AppInfo>('app', 'info', [])).operator).toBe(me);

    await until(`${NODE} services polled`, async () => ((await ok<Array<{ name: string; status: string }>>('nodes', 'services', ['sim', NODE])).some((s) => s.name === SERVICE && s.status === 'Started') ? true : undefined));
    const job = await ok<{ id: string }>('nodes', 'controlService', [{ cluster: 'sim', node: NODE, service: SERVICE, action: 'stop' }]);
    await until('the stop job', async () => (await ok<Array<{ id: string; state: string }>>('jobs', 'list', [])).find((j) => j.id === job.id && j.state !== 'running'));
    const alarm = await until('CriticalServiceDown on the stopped service', () => active());
    expect(alarm.status).toBe('outstanding');

    // Forged: `by` in the acknowledgement, a third argument to clear, `createdBy` in a silence or a window.
    const forged = [
      await call('alerts', 'acknowledge', [{ alarmId: alarm.id, by: 'mallory', comment: 'not me' }]),
      await call('alerts', 'clear', [alarm.id, 'mallory', 'gone']),
      await call('alerts', 'clearAll', ['mallory', [alarm.id]]),
      await call('alerts', 'silence', [{ matchers: { node: NODE }, startsAtMs: Date.now(), endsAtMs: Date.now() + 3_600_000, comment: '', createdBy: 'mallory' }]),
      await call('alerts', 'saveMaintenance', [{ cluster: 'sim', node: NODE, schedule: { kind: 'once', startsAt: Date.now(), endsAt: Date.now() + 3_600_000 }, comment: '', createdBy: 'mallory' }]),
    ];
    for (const r of forged) expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(forged[0]!.ok === false && forged[0]!.error.message).toMatch(/by/);
    expect((await active(alarm.id))!.status).toBe('outstanding');
    expect(await ok<Silence[]>('alerts', 'listSilences', [])).toEqual([]);
    expect(await ok<MaintenanceWindow[]>('alerts', 'listMaintenance', [])).toEqual([]);

    // The same acts without a name: recorded as the OS user who started the backend.
    const untilMs = Date.now() + 4_000;
    const acked = await ok<AlarmRecord>('alerts', 'acknowledge', [{ alarmId: alarm.id, comment: 'looking', untilMs }]);
    expect(acked.ack).toMatchObject({ by: me, comment: 'looking', untilMs });
    const note = await ok<AlarmHistoryEntry>('alerts', 'addNote', [alarm.id, 'the web connection manager was stopped on purpose']);
    expect(note).toMatchObject({ event: 'note', by: me, status: 'acknowledged' });
    const silenceId = await ok<string>('alerts', 'silence', [{ matchers: { node: NODE }, startsAtMs: Date.now(), endsAtMs: Date.now() + 3_600_000, comment: 'patch' }]);
    expect((await ok<Silence[]>('alerts', 'listSilences', [])).find((s) => s.id === silenceId)).toMatchObject({ createdBy: me, source: 'app' });
    const window = await ok<MaintenanceWindow>('alerts', 'saveMaintenance', [{ cluster: 'sim', schedule: { kind: 'weekly', days: [0, 1, 2, 3, 4, 5, 6], startMinute: 0, durationMinutes: 1440, timeZone: 'UTC' }, comment: 'whole cluster' }]);
    expect(window).toMatchObject({ createdBy: me, source: 'app', cluster: 'sim' });

    // The acknowledgement ends at its time by itself (the service is still stopped): outstanding again.
    await until('the acknowledgement to end', async () => ((await active(alarm.id))?.status === 'outstanding' ? true : undefined), 60_000);
    await ok('alerts', 'clear', [alarm.id, 'stopped on purpose']);
    const [cleared] = await ok<AlarmRecord[]>('alerts', 'history', [{ node: NODE, ruleId: 'CriticalServiceDown', limit: 1 }]);
    expect(cleared).toMatchObject({ id: alarm.id, status: 'cleared', closedBy: me, closeComment: 'stopped on purpose' });
    const journal = await ok<AlarmHistoryEntry[]>('alerts', 'journal', [alarm.id]);
    expect(journal.map((e) => [e.event, e.by, e.comment])).toEqual([
      ['raised', undefined, undefined],
      ['acknowledged', me, 'looking'],
      ['note', me, 'the web connection manager was stopped on purpose'],
      ['unacknowledged', undefined, `acknowledgement by ${me} expired`],
      ['cleared', me, 'stopped on purpose'],
    ]);
    expect(journal.every((e, i) => i === 0 || e.atMs >= journal[i - 1]!.atMs)).toBe(true);
  }, 180_000);
});
