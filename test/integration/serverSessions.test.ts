/**
 * A server's sessions beyond the login (issue 16), over curl and the `ws` client: a password change ends the
 * operator's other sessions (and closes their push sockets) and the old password stops working; disabling an
 * account ends its sessions at once, and its open socket is closed by the periodic check; the names clients use
 * (publicHosts) pass the Host and Origin checks, other names do not.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { SessionState } from '../../shared/model/access.js';
import type { AuditEntry } from '../../shared/model/audit.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { until } from '../helpers/until.js';
import { addOperator, call, curl, CURL_TOOL, login, loginToken, startTestServer, type TestServer } from '../helpers/serverHarness.js';

const ADMIN = { name: 'root', role: 'admin', password: 'root-pass-2b7f1' } as const;
const OP = { name: 'nina', role: 'operator', password: 'nina-pass-88c2e' } as const;
const VIEWER = { name: 'wall', role: 'viewer', password: 'wall-pass-4c1d9' } as const;
const TRACER = { name: 'tess', role: 'operator', password: 'tess-pass-0a7e3' } as const;

/** Opens the push socket with a session cookie; resolves once open. */
async function openSocket(url: string, token: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, { headers: { Origin: url, Cookie: `imp_session=${token}` } });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

describe.skipIf(skipWithoutTools(CURL_TOOL))('server sessions: password change, disabled accounts, public host names', () => {
  let t: TestServer | undefined;
  let admin = '';

  beforeAll(async () => {
    t = await startTestServer({ embedded: { enabled: false }, publicHosts: ['noc.example.test'], sessionCheckIntervalMs: 300 });
    await addOperator(t, ADMIN);
    await addOperator(t, OP);
    admin = await loginToken(t.url, ADMIN.name, ADMIN.password);
  }, 120_000);

  afterAll(async () => {
    await t?.dispose();
  });

  it('a password change keeps this session, ends the others (their socket closes) and the old password no longer logs in', async () => {
    const url = t!.url;
    const first = await loginToken(url, OP.name, OP.password);
    const second = await loginToken(url, OP.name, OP.password);
    const socket = await openSocket(url, second);
    const wrong = await call(url, first, 'session', 'changePassword', ['not-the-password', 'nina-new-pass-1']);
    expect(wrong.result).toMatchObject({ ok: false });
    const changed = await call(url, first, 'session', 'changePassword', [OP.password, 'nina-new-pass-1']);
    expect(changed.result).toEqual({ ok: true });
    expect(await socket.closed).toBe(4401);
    expect((await call<SessionState>(url, first, 'session', 'state')).result).toMatchObject({ ok: true, value: { loggedIn: true, operator: 'nina' } });
    expect((await call(url, second, 'alerts', 'listActive')).status).toBe(401);
    expect((await login(url, OP.name, OP.password)).result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect((await login(url, OP.name, 'nina-new-pass-1')).result.ok).toBe(true);
    // Without a session there is no password to change.
    expect((await call(url, undefined, 'session', 'changePassword', ['nina-new-pass-1', 'nina-newer-pass-2'])).status).toBe(401);
  }, 60_000);

  it("disabling an account ends its sessions: calls answer AUTH_REQUIRED and its open socket is closed", async () => {
    const url = t!.url;
    const token = await loginToken(url, OP.name, 'nina-new-pass-1');
    const socket = await openSocket(url, token);
    expect((await call(url, admin, 'operators', 'setDisabled', [OP.name, true])).result.ok).toBe(true);
    expect(await socket.closed).toBe(4401);
    expect((await call(url, token, 'alerts', 'listActive')).result).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
    // A disabled account is refused with the words of a wrong password.
    expect((await login(url, OP.name, 'nina-new-pass-1')).result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
  }, 60_000);

  it("a viewer's push socket does not get the lines of a trace tail (traces.tailStart is an operator's); an admin's does", async () => {
    const url = t!.url;
    await addOperator(t!, VIEWER);
    const viewer = await openSocket(url, await loginToken(url, VIEWER.name, VIEWER.password));
    const boss = await openSocket(url, admin);
    const received = (ws: WebSocket): string[] => {
      const seen: string[] = [];
      ws.on('message', (m) => seen.push((JSON.parse(String(m)) as { event: string }).event));
      return seen;
    };
    const viewerSaw = received(viewer.ws);
    const adminSaw = received(boss.ws);
    const hub = t!.server.backend.events;
    hub.emit('onDidTailLines', { tailId: 'tail-1', lines: [{ path: '/var/log/active/cm/trace/x.txt', text: 'secret-ish log line', atMs: 1 }] });
    await until('the admin gets the tail lines', () => adminSaw.includes('onDidTailLines') || undefined);
    // Emitted after the tail: on the viewer's socket it comes after the tail lines had they been sent.
    hub.emit('onDidChangeClusters', []);
    await until('the viewer gets the next event', () => viewerSaw.includes('onDidChangeClusters') || undefined);
    expect(viewerSaw).not.toContain('onDidTailLines');
    viewer.ws.close();
    boss.ws.close();
    await Promise.all([viewer.closed, boss.closed]);
  }, 60_000);

  it("an operator's trace methods reach local files only in the server's bundle folders, never its credentials or database", async () => {
    const url = t!.url;
    await addOperator(t!, TRACER);
    const op = await loginToken(url, TRACER.name, TRACER.password);
    const dataDir = t!.dataDir;
    const forbidden = async (method: string, args: unknown[]): Promise<void> => {
      const r = await call(url, op, 'traces', method, args);
      expect(r.result, `${method} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN', message: expect.stringContaining(path.join(dataDir, 'bundles')) } });
    };
    await forbidden('openLog', [{ kind: 'file', path: path.join(dataDir, 'credentials.key') }]);
    await forbidden('openLog', [{ kind: 'file', path: path.join(dataDir, 'bundles', '..', 'credentials.json') }]);
    await forbidden('openLog', [{ kind: 'bundle', bundlePath: path.join(dataDir, 'history.db'), entry: 'x' }]);
    await forbidden('bundles', [dataDir]);
    await forbidden('bundleEntries', [path.join(dataDir, 'credentials.json')]);
    await forbidden('search', [{ where: 'bundle', bundlePath: path.join(dataDir, 'credentials.key'), pattern: 'a', regex: false, ignoreCase: false }]);
    await forbidden('collect', [{ nodes: [{ cluster: 'c1', node: 'imp-pub', serviceLogs: ['Cisco XCP Router'], systemLogs: [] }], range: { kind: 'relative', amount: 1, unit: 'hours' }, archive: 'zip', outDir: path.join(dataDir, 'audit') }]);
    // The bundle folder itself is open (the wizard's default), and the refusal is in the audit log.
    expect((await call(url, op, 'traces', 'bundles', [])).result).toMatchObject({ ok: true, value: [] });
    expect((await call(url, op, 'traces', 'bundles', [path.join(dataDir, 'bundles')])).result).toMatchObject({ ok: true, value: [] });
    const audit = await call<AuditEntry[]>(url, admin, 'audit', 'list', [{ operator: TRACER.name, action: 'traces.collect' }]);
    expect(audit.result).toMatchObject({ ok: true, value: [{ result: 'failed', errorCode: 'IPC_FORBIDDEN' }] });
  }, 60_000);

  it('accepts the public host name clients use (Host and Origin) and refuses other names', async () => {
    const url = t!.url;
    const port = new URL(url).port;
    const named = `http://noc.example.test:${port}`;
    const through = await curl(['--resolve', `noc.example.test:${port}:127.0.0.1`, '-X', 'POST', '-H', 'Content-Type: application/json', '-H', `Origin: ${named}`, '-H', `Cookie: imp_session=${admin}`, '--data-binary', '[]', `${named}/api/app/info`]);
    expect(through.status).toBe(200);
    expect(JSON.parse(through.body)).toMatchObject({ ok: true, value: { operator: 'root' } });
    // The page of one name posting to another is a foreign origin.
    const crossed = await curl(['--resolve', `noc.example.test:${port}:127.0.0.1`, '-X', 'POST', '-H', 'Content-Type: application/json', '-H', `Origin: ${url}`, '-H', `Cookie: imp_session=${admin}`, '--data-binary', '[]', `${named}/api/app/info`]);
    expect(crossed.status).toBe(403);
    const other = await curl(['--resolve', `other.example.test:${port}:127.0.0.1`, `http://other.example.test:${port}/`]);
    expect(other.status).toBe(403);
    expect(other.body).toMatch(/unexpected Host/);
  }, 60_000);
});
