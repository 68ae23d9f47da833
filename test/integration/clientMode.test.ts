/**
 * The app as a client of a server (issue 16), end to end: a real server (main/core/server/serverMode.ts via
 * test/helpers/serverHarness.ts: the backend on the embedded simulated cluster, sessions, audit log), the client
 * (connectToServer) behind the local web mode (what `npm start -- --web --connect URL` runs), and curl as the
 * browser of that local page. Who acts is the operator logged in through the client — never the local OS user —
 * and the server records it; a viewer is refused; after logout the server wants a login again. A last test runs
 * the real launcher (`main/app/launch.ts --web --connect`) as a process.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../shared/model/alert.js';
import type { SessionState } from '../../shared/model/access.js';
import type { PushEvent } from '../../main/core/transport/eventHub.js';
import { connectToServer, type RemoteBackend } from '../../main/core/transport/remoteBackend.js';
import { startWebMode, type WebMode } from '../../main/core/transport/webMode.js';
import { closedPort } from '../helpers/closedPort.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { AppError } from '../../main/core/base/errors.js';
import { addOperator, CURL_TOOL, makeTestCertificate, OPENSSL_TOOL, REPO_ROOT, startTestServer, writeMinimalRenderer, type TestServer } from '../helpers/serverHarness.js';
import { until } from '../helpers/until.js';

const run = promisify(execFile);
const SERVICE = 'Cisco XCP Web Connection Manager';
const NODE = 'imp-sub2';
const PASSWORDS = { ada: 'ada-admin-pw-1', olivia: 'olivia-operator-pw', victor: 'victor-viewer-pw' } as const;

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; retryable: boolean } };

describe.skipIf(skipWithoutTools(CURL_TOOL))('the app as a client of a server (npm start -- --web --connect)', () => {
  let server: TestServer | undefined;
  let client: RemoteBackend | undefined;
  let web: WebMode | undefined;
  let uiDir: string | undefined;
  const events: PushEvent[] = [];

  /** A call to the local web mode with curl, as its page does (per-run token, same origin). */
  async function local<T>(service: string, method: string, args: unknown[] = []): Promise<Reply<T>> {
    const s = web!.server;
    const { stdout } = await run('curl', ['-sS', '--max-time', '60', '-X', 'POST', '-H', 'Content-Type: application/json', '-H', `Authorization: Bearer ${s.token}`, '-H', `Origin: ${s.origin}`, '--data-binary', JSON.stringify(args), `${s.origin}/api/${service}/${method}`]);
    return JSON.parse(stdout) as Reply<T>;
  }
  async function ok<T>(service: string, method: string, args: unknown[] = []): Promise<T> {
    const r = await local<T>(service, method, args);
    if (!r.ok) throw new Error(`${service}.${method}: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
  const login = (name: keyof typeof PASSWORDS) => ok<SessionState>('session', 'login', [name, PASSWORDS[name]]);
  const serverApi = () => server!.server.backend.api;

  beforeAll(async () => {
    // Evaluated every 3 s, services polled every 5 s: a stopped service raises CriticalServiceDown within seconds.
    server = await startTestServer({ backendOptions: { speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 3000 } });
    await addOperator(server, { name: 'ada', role: 'admin', password: PASSWORDS.ada });
    await addOperator(server, { name: 'olivia', role: 'operator', password: PASSWORDS.olivia });
    await addOperator(server, { name: 'victor', role: 'viewer', password: PASSWORDS.victor });
    client = await connectToServer({ url: server.url, eventsBackoff: { firstMs: 200, maxMs: 2000 } });
    client.events.subscribe((e) => events.push(e));
    uiDir = await mkdtemp(path.join(tmpdir(), 'imp-client-ui-'));
    web = await startWebMode({ backend: client, rendererDir: await writeMinimalRenderer(uiDir) });
  }, 180_000);

  afterAll(async () => {
    await web?.dispose(); // the client too (web mode disposes its backend): its session is logged out
    await server?.dispose();
    if (uiDir) await rm(uiDir, { recursive: true, force: true });
  });

  it('needs a login on the server: state says client mode and which server; calls are AUTH_REQUIRED until then', async () => {
    expect(await ok<SessionState>('session', 'state')).toMatchObject({ mode: 'client', loggedIn: false, server: server!.url });
    expect(await local('alerts', 'listActive')).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    const wrong = await local('session', 'login', ['olivia', 'not her password']);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(client!.loggedIn).toBe(false);
  });

  it('acts as the operator logged in through the client: the alarm, its journal and the audit log name her', async () => {
    // The admin stops a service (admin method) so that an alarm is raised.
    expect(await login('ada')).toMatchObject({ mode: 'client', loggedIn: true, operator: 'ada', role: 'admin', server: server!.url });
    await until(`${NODE} services polled`, async () => ((await ok<Array<{ name: string; status: string }>>('nodes', 'services', ['sim', NODE])).some((s) => s.name === SERVICE && s.status === 'Started') ? true : undefined));
    const job = await ok<{ id: string }>('nodes', 'controlService', [{ cluster: 'sim', node: NODE, service: SERVICE, action: 'stop' }]);
    await until('the stop job', async () => (await ok<Array<{ id: string; state: string }>>('jobs', 'list')).find((j) => j.id === job.id && j.state !== 'running'));
    const alarm = await until('CriticalServiceDown on the stopped service', async () => (await ok<AlarmRecord[]>('alerts', 'listActive')).find((a) => a.ruleId === 'CriticalServiceDown' && a.node === NODE && a.instance === SERVICE));
    await ok('session', 'logout');

    expect(await login('olivia')).toMatchObject({ loggedIn: true, operator: 'olivia', role: 'operator' });
    expect(await ok('app', 'info')).toMatchObject({ operator: 'olivia', role: 'operator', mode: 'client' });
    // A request naming someone else is refused by validation (here and on the server); who acts is the session's.
    expect(await local('alerts', 'acknowledge', [{ alarmId: alarm.id, by: 'mallory' }])).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const acked = await ok<AlarmRecord>('alerts', 'acknowledge', [{ alarmId: alarm.id, comment: 'looking at it' }]);
    expect(acked.status).toBe('acknowledged');
    expect(acked.ack?.by).toBe('olivia');
    // The server's own view: the journal and the audit log (source 'server', with the client's address).
    const journal = await serverApi().alerts.journal(alarm.id);
    expect(JSON.stringify(journal)).toContain('olivia');
    const audited = await until('the acknowledgement in the audit log', async () => (await serverApi().audit.list({ action: 'alerts.acknowledge', operator: 'olivia', result: 'ok' }))[0]);
    expect(audited).toMatchObject({ operator: 'olivia', role: 'operator', source: 'server', target: alarm.id, result: 'ok' });
    expect(audited.address).toMatch(/127\.0\.0\.1/);
    // The server's events reached the client's hub (the Electron window or the local page gets them from there).
    await until('the acknowledged alarm as an event from the server', () =>
      events.some((e) => e.event === 'onDidChangeAlarms' && e.payload.some((a) => a.id === alarm.id && a.status === 'acknowledged')) ? true : undefined,
    );
    await ok('session', 'logout');
  });

  it('refuses a viewer through the client (ROLE_FORBIDDEN, audited as refused under the viewer) and wants a login after logout', async () => {
    expect(await login('victor')).toMatchObject({ operator: 'victor', role: 'viewer' });
    expect(client!.loggedIn).toBe(true);
    await until('the event socket of the session', () => (client!.eventsConnected ? true : undefined), 30_000, 100);
    // Reads are fine for a viewer.
    expect(Array.isArray(await ok<AlarmRecord[]>('alerts', 'listActive'))).toBe(true);
    const refused = await local('alerts', 'clearAll', [['no-such-alarm']]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN', retryable: false } });
    expect(refused.ok === false && refused.error.message).toMatch(/needs the operator role; victor is a viewer/);
    const entry = await until('the refusal in the audit log', async () => (await serverApi().audit.list({ operator: 'victor', result: 'refused' }))[0]);
    expect(entry).toMatchObject({ operator: 'victor', role: 'viewer', source: 'server', action: 'alerts.clearAll', result: 'refused', errorCode: 'ROLE_FORBIDDEN' });

    await ok('session', 'logout');
    expect(client!.loggedIn).toBe(false);
    expect(client!.eventsConnected).toBe(false);
    expect(await ok<SessionState>('session', 'state')).toMatchObject({ mode: 'client', loggedIn: false });
    expect(await local('alerts', 'listActive')).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    // The logout is the server's record too.
    await until('the logout in the audit log', async () => (await serverApi().audit.list({ operator: 'victor', action: 'session.logout' }))[0]);
  });

  it('drops the session when the server ends it (an admin disables the account)', async () => {
    await login('olivia');
    await until('the event socket of the session', () => (client!.eventsConnected ? true : undefined), 30_000, 100);
    await serverApi().operators.setDisabled('olivia', true);
    expect(await local('alerts', 'listActive')).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect(client!.loggedIn).toBe(false);
    await serverApi().operators.setDisabled('olivia', false);
  });

  it('npm start -- --web --connect: the launcher prints its local URL and works as the client; a server that is down is said at start', async () => {
    const ui = await mkdtemp(path.join(tmpdir(), 'imp-client-launch-'));
    try {
      const renderer = await writeMinimalRenderer(ui);
      const child = spawn(process.execPath, ['--import', 'tsx', 'main/app/launch.ts', '--web', '--port', '0', '--renderer', renderer, '--connect', server!.url], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      try {
        const url = await until('the launcher URL', () => /is at:\s*\n\s*(http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)/.exec(out) ?? undefined, 120_000, 200);
        expect(out).toContain(`client of ${server!.url}`);
        const { stdout } = await run('curl', ['-sS', '--max-time', '30', '-X', 'POST', '-H', 'Content-Type: application/json', '-H', `Authorization: Bearer ${url[2]}`, '-H', `Origin: ${url[1]}`, '--data-binary', '[]', `${url[1]}/api/session/state`]);
        expect(JSON.parse(stdout)).toMatchObject({ ok: true, value: { mode: 'client', loggedIn: false, server: server!.url } });
      } finally {
        child.kill('SIGINT');
      }
      expect(await exited).toBe(0);

      const port = await closedPort();
      const down = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const c = spawn(process.execPath, ['--import', 'tsx', 'main/app/launch.ts', '--web', '--renderer', renderer, '--connect', `http://127.0.0.1:${port}`], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let text = '';
        c.stdout.on('data', (d: Buffer) => (text += d.toString()));
        c.stderr.on('data', (d: Buffer) => (text += d.toString()));
        c.on('close', (code) => resolve({ code, out: text }));
      });
      expect(down.code).toBe(1);
      expect(down.out).toContain(`Cannot reach the server http://127.0.0.1:${port}`);
    } finally {
      await rm(ui, { recursive: true, force: true });
    }
  }, 240_000);
});

describe.skipIf(skipWithoutTools(OPENSSL_TOOL))('a client of a TLS server (--server-ca)', () => {
  it('trusts the server only with its certificate, and keeps its session and events across a server restart', async () => {
    const certDir = await mkdtemp(path.join(tmpdir(), 'imp-client-cert-'));
    let server: TestServer | undefined;
    let client: RemoteBackend | undefined;
    try {
      const { certFile, keyFile } = await makeTestCertificate(certDir);
      const tls = { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8') };
      server = await startTestServer({ tls });
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      await addOperator(server, { name: 'ada', role: 'admin', password: PASSWORDS.ada });

      const untrusted = await connectToServer({ url: server.url }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(untrusted).toBeInstanceOf(AppError);
      expect(untrusted).toMatchObject({ code: 'PRECONDITION', retryable: false });
      expect((untrusted as AppError).message).toMatch(/is not trusted: .*Pass --server-ca FILE/);

      client = await connectToServer({ url: server.url, ca: tls.cert, eventsBackoff: { firstMs: 200, maxMs: 1000 } });
      expect(await client.api.session.login('ada', PASSWORDS.ada)).toMatchObject({ mode: 'client', loggedIn: true, operator: 'ada', server: server.url });
      await until('the wss event socket', () => (client!.eventsConnected ? true : undefined), 30_000, 100);

      // The server restarts on the same data folder and port: the session is kept (history.db), the client's event
      // socket comes back by itself, and calls go on without a new login.
      const { dataDir, server: running } = server;
      const port = running.port;
      await server.dispose({ keepDataDir: true });
      server = undefined;
      await until('the event socket to notice the restart', () => (client!.eventsConnected ? undefined : true), 30_000, 50);
      expect((await client.api.clusters.list().then(
        () => undefined,
        (err: unknown) => err,
      )) as AppError).toMatchObject({ code: 'POLL_CONNECT', retryable: true });
      server = await startTestServer({ tls, dataDir, listen: { host: '127.0.0.1', port } });
      await until('the event socket again', () => (client!.eventsConnected ? true : undefined), 60_000, 100);
      expect(client.loggedIn).toBe(true);
      expect(await client.api.session.state()).toMatchObject({ loggedIn: true, operator: 'ada', role: 'admin' });
      expect(Array.isArray(await client.api.clusters.list())).toBe(true);
    } finally {
      await client?.dispose();
      const dataDir = server?.dataDir;
      await server?.dispose();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
      await rm(certDir, { recursive: true, force: true });
    }
  }, 240_000);
});
