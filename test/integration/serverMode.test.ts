/**
 * Server mode end to end (issue 16): the real backend in server mode (createBackend on the embedded simulated cluster,
 * reached over its sockets), the real web server in sessions mode, the real `imp operators` command line, curl as
 * the client and the `ws` client for the push socket. Who acts comes from the session, never from the request: a
 * viewer's acknowledge is refused and audited as refused, an operator's is recorded under the operator's name even
 * when the request names someone else; five wrong passwords lock the account; a restart on the same data folder keeps
 * the session and the alarms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuditEntry } from '../../shared/model/audit.js';
import type { AlarmHistoryEntry, AlarmRecord } from '../../shared/model/alert.js';
import type { SessionState } from '../../shared/model/access.js';
import type { AppInfo } from '../../shared/model/views.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { addOperator, addOperatorWithCli, call, curl, curlApi, CURL_TOOL, login, loginToken, sessionCookieOf, startTestServer, type TestServer } from '../helpers/serverHarness.js';
import { until } from '../helpers/until.js';

const SERVICE = 'Cisco XCP Web Connection Manager';
const NODE = 'imp-sub2';
const ADMIN = { name: 'admin', role: 'admin', password: 'admin-pass-7c1e2' } as const;
const VIEWER = { name: 'wall', role: 'viewer', password: 'viewer-pass-93ad' } as const;
const OPERATOR = { name: 'olga', role: 'operator', password: 'operator-pass-55b' } as const;
const LOCKED = { name: 'lee', role: 'operator', password: 'lee-right-pass-1' } as const;

/** The value of a successful call, or a failure with the answer. */
async function ok<T>(url: string, token: string, service: string, method: string, args: unknown[] = []): Promise<T> {
  const r = await call<T>(url, token, service, method, args);
  if (!r.result.ok) throw new Error(`${service}.${method}: ${r.result.error.code} ${r.result.error.message}`);
  return r.result.value;
}

describe.skipIf(skipWithoutTools(CURL_TOOL))('server mode: operators, roles, the audit log and restarts', () => {
  let t: TestServer | undefined;
  let url = '';
  let dataDir = '';
  const tokens: Record<string, string> = {};
  let alarmId = '';
  const options = {
    // Evaluated every 3 s over series polled every 5 s at 20× speed (as alarmWorkflow.test.ts).
    backendOptions: { speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 3000 },
    policy: { maxFailures: 5, lockMs: 10 * 60_000 },
    sessionCheckIntervalMs: 500,
  };

  beforeAll(async () => {
    t = await startTestServer(options);
    url = t.url;
    dataDir = t.dataDir;
  }, 120_000);

  afterAll(async () => {
    await t?.dispose();
  });

  it('with no admin every login is refused with the setup line; `imp operators add` makes one and the login opens a session', async () => {
    expect(t!.server.backend.sessions!.hasAdmin()).toBe(false);
    const refused = await login(url, 'admin', ADMIN.password);
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'PRECONDITION' } });
    expect(refused.token).toBeUndefined();
    const state = await curlApi<SessionState>(url, 'session', 'state', []);
    expect(state.result.ok && state.result.value.loggedIn).toBe(false);
    const setup = state.result.ok ? state.result.value.setupCommand : undefined;
    expect(setup).toContain('operators add --name admin --role admin --password-env IMP_ADMIN_PASSWORD');
    expect(setup).toContain(dataDir);
    expect(!refused.result.ok && refused.result.error.message).toContain(setup);

    // The real command line on the server's data folder while the server runs (SQLite WAL); no restart needed.
    await addOperatorWithCli(dataDir, ADMIN);
    const r = await login(url, ADMIN.name, ADMIN.password);
    expect(r.result).toMatchObject({ ok: true, value: { mode: 'server', loggedIn: true, operator: 'admin', role: 'admin' } });
    expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = /^set-cookie:.*$/im.exec(r.headers)![0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=43200/);
    expect(cookie).not.toMatch(/Secure/);
    tokens.admin = r.token!;
    const info = await ok<AppInfo>(url, tokens.admin, 'app', 'info');
    expect(info).toMatchObject({ operator: 'admin', role: 'admin', mode: 'server' });

    for (const o of [VIEWER, OPERATOR, LOCKED]) await addOperator(t!, o);
    tokens.viewer = await loginToken(url, VIEWER.name, VIEWER.password);
    tokens.operator = await loginToken(url, OPERATOR.name, OPERATOR.password);
    const audit = await ok<AuditEntry[]>(url, tokens.admin, 'audit', 'list', [{ action: 'session.login' }]);
    expect(audit.map((e) => [e.operator, e.result, e.source])).toEqual(expect.arrayContaining([['admin', 'refused', 'server'], ['admin', 'ok', 'server'], ['wall', 'ok', 'server']]));
    expect(audit.every((e) => e.address === '127.0.0.1')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain(ADMIN.password);
  }, 120_000);

  it('without a session only the login page and session state answer; Host, Origin and CSRF are checked', async () => {
    const anonymous = await call(url, undefined, 'alerts', 'listActive');
    expect(anonymous.status).toBe(401);
    expect(anonymous.result).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    expect((await call(url, 'x'.repeat(43), 'alerts', 'listActive')).status).toBe(401);
    // The UI's files need no session: the login page is part of them.
    expect((await curl([`${url}/`])).status).toBe(200);
    // DNS rebinding: a Host that is not the server's.
    const rebound = await curl(['-H', 'Host: evil.example:80', `${url}/`]);
    expect(rebound.status).toBe(403);
    // Another site's page posting with the browser's cookie: its Origin is refused; a cookie POST without Origin too.
    const foreign = await curlApi(url, 'alerts', 'listActive', [], { cookie: tokens.admin! }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const noOrigin = await curlApi(url, 'alerts', 'listActive', [], { cookie: tokens.admin! }, { origin: null });
    expect(noOrigin.status).toBe(403);
    // The same cookie from the server's own page works.
    const own = await curlApi<AlarmRecord[]>(url, 'alerts', 'listActive', [], { cookie: tokens.admin! });
    expect(own.result.ok).toBe(true);
    // A cookie naming no session is answered AUTH_REQUIRED and removed.
    const stale = await curlApi(url, 'alerts', 'listActive', [], { cookie: 'y'.repeat(43) });
    expect(stale.status).toBe(401);
    expect(sessionCookieOf(stale.headers)).toBe('');
  }, 60_000);

  it("a viewer's acknowledge is refused and audited; an operator's is recorded under the session's name, a forged `by` changes nothing", async () => {
    const admin = tokens.admin!;
    await until(`${NODE} services polled`, async () => ((await ok<Array<{ name: string; status: string }>>(url, admin, 'nodes', 'services', ['sim', NODE])).some((s) => s.name === SERVICE && s.status === 'Started') ? true : undefined));
    // A viewer or an operator may not stop services (admin).
    const viewerStop = await call(url, tokens.viewer, 'nodes', 'controlService', [{ cluster: 'sim', node: NODE, service: SERVICE, action: 'stop' }]);
    expect(viewerStop.result).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });
    const job = await ok<{ id: string }>(url, admin, 'nodes', 'controlService', [{ cluster: 'sim', node: NODE, service: SERVICE, action: 'stop' }]);
    await until('the stop job', async () => (await ok<Array<{ id: string; state: string }>>(url, admin, 'jobs', 'list')).find((j) => j.id === job.id && j.state !== 'running'));
    const alarm = await until('CriticalServiceDown on the stopped service', async () => (await ok<AlarmRecord[]>(url, tokens.viewer!, 'alerts', 'listActive')).find((a) => a.ruleId === 'CriticalServiceDown' && a.node === NODE && a.instance === SERVICE));
    alarmId = alarm.id;

    const viewerAck = await call(url, tokens.viewer, 'alerts', 'acknowledge', [{ alarmId, comment: 'from the wall' }]);
    expect(viewerAck.result).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });
    expect(!viewerAck.result.ok && viewerAck.result.error.message).toBe('alerts.acknowledge needs the operator role; wall is a viewer');

    const forged = await call(url, tokens.operator, 'alerts', 'acknowledge', [{ alarmId, comment: 'not me', by: 'mallory' }]);
    expect(forged.result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const acked = await ok<AlarmRecord>(url, tokens.operator!, 'alerts', 'acknowledge', [{ alarmId, comment: 'on it' }]);
    expect(acked.ack).toMatchObject({ by: 'olga', comment: 'on it' });
    const journal = await ok<AlarmHistoryEntry[]>(url, tokens.viewer!, 'alerts', 'journal', [alarmId]);
    expect(journal.map((e) => [e.event, e.by])).toEqual([['raised', undefined], ['acknowledged', 'olga']]);

    const entries = await ok<AuditEntry[]>(url, admin, 'audit', 'list', [{ action: 'alerts.acknowledge' }]);
    const byWho = entries.map((e) => [e.operator, e.role, e.result, e.errorCode ?? null, e.target ?? null]);
    expect(byWho).toContainEqual(['wall', 'viewer', 'refused', 'ROLE_FORBIDDEN', alarmId]);
    expect(byWho).toContainEqual(['olga', 'operator', 'refused', 'VALIDATION', alarmId]);
    expect(byWho).toContainEqual(['olga', 'operator', 'ok', null, alarmId]);
    expect(entries.some((e) => e.operator === 'mallory')).toBe(false);
    const stop = await ok<AuditEntry[]>(url, admin, 'audit', 'list', [{ action: 'nodes.controlService' }]);
    expect(stop.map((e) => [e.operator, e.result])).toEqual(expect.arrayContaining([['wall', 'refused'], ['admin', 'ok']]));
    // A viewer reads the log (audit.list is a viewer method) but may not manage operators.
    expect((await ok<AuditEntry[]>(url, tokens.viewer!, 'audit', 'list', [{ operator: 'wall', result: 'refused' }])).length).toBeGreaterThanOrEqual(2);
    expect((await call(url, tokens.viewer, 'operators', 'list')).result).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });
  }, 180_000);

  it('the push socket needs a session and is closed when the session ends (logout)', async () => {
    const wsUrl = url.replace(/^http/, 'ws') + '/ws';
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(wsUrl, { headers: { Origin: url } });
      ws.on('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(401);

    const token = await loginToken(url, OPERATOR.name, OPERATOR.password);
    tokens.loggedOut = token;
    const ws = new WebSocket(wsUrl, { headers: { Origin: url, Cookie: `imp_session=${token}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const out = await curlApi(url, 'session', 'logout', [], { cookie: token });
    expect(out.result).toEqual({ ok: true });
    expect(sessionCookieOf(out.headers)).toBe('');
    expect(await closed).toBe(4401);
    expect((await call(url, token, 'alerts', 'listActive')).result).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    const logouts = await ok<AuditEntry[]>(url, tokens.admin!, 'audit', 'list', [{ action: 'session.logout', operator: 'olga' }]);
    expect(logouts.length).toBe(1);
  }, 60_000);

  it('five wrong passwords lock the account: the sixth try with the right one is refused ACCOUNT_LOCKED, and audited', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await login(url, LOCKED.name, `wrong-password-${i}`);
      expect(r.result).toMatchObject({ ok: false, error: { code: i < 4 ? 'AUTH_FAILED' : expect.stringMatching(/AUTH_FAILED|ACCOUNT_LOCKED/) } });
    }
    const sixth = await login(url, LOCKED.name, LOCKED.password);
    expect(sixth.result).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(sixth.token).toBeUndefined();
    const audit = await ok<AuditEntry[]>(url, tokens.admin!, 'audit', 'list', [{ operator: LOCKED.name }]);
    expect(audit.filter((e) => e.action === 'session.lockout')).toHaveLength(1);
    expect(audit.filter((e) => e.action === 'session.login' && e.result === 'refused').length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(audit)).not.toContain(LOCKED.password);
    // An admin lifts it; the right password works again.
    await ok(url, tokens.admin!, 'operators', 'unlock', [LOCKED.name]);
    expect((await login(url, LOCKED.name, LOCKED.password)).result.ok).toBe(true);
  }, 60_000);

  it('a restart on the same data folder keeps the session cookie, the alarm and its acknowledgement, and the audit chain', async () => {
    await t!.dispose({ keepDataDir: true });
    t = await startTestServer({ ...options, dataDir });
    url = t.url;
    // The session logged out above stays ended; the others outlive the restart.
    expect((await call<SessionState>(url, tokens.loggedOut, 'session', 'state')).result).toMatchObject({ ok: true, value: { loggedIn: false } });
    expect((await call<SessionState>(url, tokens.operator, 'session', 'state')).result).toMatchObject({ ok: true, value: { loggedIn: true, operator: 'olga' } });
    expect(await ok<AppInfo>(url, tokens.viewer!, 'app', 'info')).toMatchObject({ operator: 'wall', role: 'viewer' });
    const alarms = await ok<AlarmRecord[]>(url, tokens.admin!, 'alerts', 'listActive');
    expect(alarms.find((a) => a.id === alarmId)).toMatchObject({ status: 'acknowledged', ack: { by: 'olga' } });
    const verification = await ok<{ ok: boolean; entries: number }>(url, tokens.admin!, 'audit', 'verify');
    expect(verification.ok).toBe(true);
    expect(verification.entries).toBeGreaterThan(10);
  }, 180_000);
});

describe.skipIf(skipWithoutTools(CURL_TOOL))('server mode: idle sessions expire', () => {
  let t: TestServer | undefined;

  afterAll(async () => {
    await t?.dispose();
  });

  it('a session idle for longer than sessions.idleTimeoutSec answers AUTH_REQUIRED, and its expiry is audited once', async () => {
    t = await startTestServer({ policy: { idleTimeoutMs: 2000 }, embedded: { enabled: false } });
    await addOperator(t, ADMIN);
    const token = await loginToken(t.url, ADMIN.name, ADMIN.password);
    expect((await call(t.url, token, 'app', 'info')).result.ok).toBe(true);
    // session.state reads without counting as activity.
    await until('the idle session to end', async () => {
      const s = await call<SessionState>(t!.url, token, 'session', 'state');
      return s.result.ok && !s.result.value.loggedIn ? true : undefined;
    }, 30_000, 250);
    const after = await call(t.url, token, 'alerts', 'listActive');
    expect(after.status).toBe(401);
    expect(after.result).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    const fresh = await loginToken(t.url, ADMIN.name, ADMIN.password);
    const expired = await ok<AuditEntry[]>(t.url, fresh, 'audit', 'list', [{ action: 'session.expired' }]);
    expect(expired.map((e) => e.operator)).toEqual(['admin']);
  }, 60_000);
});
