/**
 * The client's side of the wire (issue 16), against a real HTTP(S) + WebSocket server started here that speaks the
 * server's protocol (POST /api/<s>/<m> answering IpcResults, `imp_session` cookie at login, Bearer afterwards, /ws
 * refused without a session). The end-to-end run against the real server is test/integration/clientMode.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { PushEvent } from './eventHub.js';
import { AppError } from '../base/errors.js';
import { closedPort } from '../../../test/helpers/closedPort.js';
import { skipWithoutTools } from '../../../test/helpers/requiredTools.js';
import { until } from '../../../test/helpers/until.js';
import { connectToServer, type RemoteBackend } from './remoteBackend.js';
import { parseServerUrl } from './serverUrl.js';
import { sessionCookie } from './remoteHttp.js';

interface FakeServerState {
  token: string | undefined;
  seen: Array<{ path: string; authorization?: string; origin?: string; body: unknown }>;
  port: number;
  close(): Promise<void>;
  /** Ends the session (as an admin disabling the account would) and drops its sockets. */
  endSession(): void;
  push(e: PushEvent): void;
}

/** A server that speaks the protocol; it never answers /api/jobs/list (a server that hangs). */
async function protocolServer(tls?: { cert: string; key: string }): Promise<FakeServerState> {
  const state: Omit<FakeServerState, 'port' | 'close'> & { port: number } = {
    token: undefined,
    seen: [],
    port: 0,
    endSession() {
      state.token = undefined;
      for (const c of wss.clients) c.close();
    },
    push(e) {
      for (const c of wss.clients) c.send(JSON.stringify(e));
    },
  };
  const bearer = (req: IncomingMessage) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') as unknown[];
      const p = req.url ?? '';
      state.seen.push({ path: p, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), ...(req.headers.origin ? { origin: req.headers.origin } : {}), body });
      const live = state.token !== undefined && bearer(req) === state.token;
      if (p === '/api/jobs/list') return; // never answers
      if (p === '/api/session/state') return send(res, 200, { ok: true, value: live ? { mode: 'server', loggedIn: true, operator: 'olivia', role: 'operator' } : { mode: 'server', loggedIn: false } });
      if (p === '/api/session/login') {
        if (body[1] !== 'right password') return send(res, 200, { ok: false, error: { code: 'AUTH_FAILED', message: 'Wrong name or password', retryable: false } });
        state.token = `tok-${state.seen.length}`;
        return send(res, 200, { ok: true, value: { mode: 'server', loggedIn: true, operator: body[0], role: 'operator' } }, { 'Set-Cookie': `imp_session=${state.token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200` });
      }
      if (p === '/api/session/logout') {
        if (live) state.token = undefined;
        return send(res, 200, { ok: true }, { 'Set-Cookie': 'imp_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0' });
      }
      if (p === '/api/app/info') return send(res, 200, { ok: true, value: { name: 'IMP Monitor', version: '1', transport: 'web', systemLocale: 'en', startedAtMs: 1, operator: live ? 'olivia' : '', mode: 'server' } });
      if (!live) return send(res, 401, { ok: false, error: { code: 'AUTH_REQUIRED', message: 'Log in first', retryable: false } });
      if (p === '/api/alerts/acknowledge') return send(res, 200, { ok: true, value: { args: body } });
      if (p === '/api/ha/command') return send(res, 200, { ok: false, error: { code: 'ROLE_FORBIDDEN', message: 'ha.command needs the admin role; olivia is a operator', retryable: false } });
      return send(res, 404, 'no such thing');
    });
  };
  const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, handler) : http.createServer(handler);
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (state.token === undefined || bearer(req) !== state.token) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.port = (server.address() as { port: number }).port;
  return Object.assign(state, {
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  });
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function started(tls?: { cert: string; key: string }): Promise<FakeServerState> {
  const s = await protocolServer(tls);
  cleanups.push(() => s.close());
  return s;
}
async function connected(url: string, extra: Partial<Parameters<typeof connectToServer>[0]> = {}): Promise<RemoteBackend> {
  const b = await connectToServer({ url, eventsBackoff: { firstMs: 50, maxMs: 200 }, ...extra });
  cleanups.push(() => b.dispose());
  return b;
}
async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

describe('connectToServer', () => {
  it('keeps the session token in main: login takes the cookie, calls carry it as Bearer, logout drops it', async () => {
    const s = await started();
    const b = await connected(`http://127.0.0.1:${s.port}`);
    expect(b.localOperator).not.toBe('');
    expect(await b.api.session.state()).toEqual({ mode: 'client', loggedIn: false, server: `http://127.0.0.1:${s.port}` });
    // A wrong password keeps the server's code and words.
    const wrong = await errorOf(b.api.session.login('olivia', 'nope'));
    expect([wrong.code, wrong.message, b.loggedIn]).toEqual(['AUTH_FAILED', 'Wrong name or password', false]);
    // Before login the server answers AUTH_REQUIRED (HTTP 401 with an IpcResult).
    expect((await errorOf(b.api.alerts.acknowledge({ alarmId: 'a1', comment: 'x' }))).code).toBe('AUTH_REQUIRED');

    const state = await b.api.session.login('olivia', 'right password');
    expect(state).toMatchObject({ mode: 'client', loggedIn: true, operator: 'olivia', role: 'operator', server: `http://127.0.0.1:${s.port}` });
    expect(b.loggedIn).toBe(true);
    expect(await b.api.alerts.acknowledge({ alarmId: 'a1', comment: 'on it' })).toEqual({ args: [{ alarmId: 'a1', comment: 'on it' }] });
    const ack = s.seen.find((x) => x.path === '/api/alerts/acknowledge' && x.authorization !== undefined);
    expect(ack).toEqual({ path: '/api/alerts/acknowledge', authorization: `Bearer ${s.token}`, origin: `http://127.0.0.1:${s.port}`, body: [{ alarmId: 'a1', comment: 'on it' }] });
    // The role is the server's business: its refusal arrives unchanged.
    const refused = await errorOf(b.api.ha.command({} as never));
    expect([refused.code, refused.message, refused.retryable]).toEqual(['ROLE_FORBIDDEN', 'ha.command needs the admin role; olivia is a operator', false]);
    // app.info says how this UI reaches its backend.
    expect(await b.api.app.info()).toMatchObject({ mode: 'client', operator: 'olivia', transport: 'web' });

    // Logging in again (as another operator) without a logout ends the earlier session on the server.
    const first = s.token;
    await b.api.session.login('olga', 'right password');
    expect(s.token).not.toBe(first);
    expect(s.seen.filter((x) => x.path === '/api/session/logout').map((x) => x.authorization)).toEqual([`Bearer ${first}`]);

    await b.api.session.logout();
    expect(b.loggedIn).toBe(false);
    expect(s.token).toBeUndefined();
    expect((await errorOf(b.api.alerts.acknowledge({ alarmId: 'a1', comment: 'again' }))).code).toBe('AUTH_REQUIRED');
    // No password ever reaches a log line here: the login body is the only place it travels.
    expect(new Set(s.seen.filter((x) => JSON.stringify(x).includes('right password')).map((x) => x.path))).toEqual(new Set(['/api/session/login']));
  });

  it('re-emits the server events while logged in and stops when the server ends the session', async () => {
    const s = await started();
    const b = await connected(`http://127.0.0.1:${s.port}`);
    const got: PushEvent[] = [];
    const sub = b.events.subscribe((e) => got.push(e));
    cleanups.push(() => sub.dispose());
    await b.api.session.login('olivia', 'right password');
    await until('the event socket', () => (b.eventsConnected ? true : undefined), 10_000, 20);
    s.push({ event: 'onDidChangeClusters', payload: [] });
    s.push({ event: 'notAnEvent', payload: 1 } as unknown as PushEvent);
    await until('the event', () => (got.length > 0 ? true : undefined), 10_000, 20);
    expect(got).toEqual([{ event: 'onDidChangeClusters', payload: [] }]);
    // The server ends the session (an admin disabled the account): the socket closes, reopening is refused, the token goes.
    s.endSession();
    await until('the client to drop the ended session', () => (b.loggedIn ? undefined : true), 10_000, 20);
    expect(b.eventsConnected).toBe(false);
    expect(await b.api.session.state()).toMatchObject({ mode: 'client', loggedIn: false });
  });

  it('says at start when the server cannot be reached (retryable) or the address is wrong', async () => {
    const port = await closedPort();
    const down = await errorOf(connectToServer({ url: `http://127.0.0.1:${port}` }));
    expect([down.code, down.retryable]).toEqual(['POLL_CONNECT', true]);
    expect(down.message).toContain(`Cannot reach the server http://127.0.0.1:${port}`);
    const bad = await errorOf(connectToServer({ url: 'http://imp.example.com:8443' }));
    expect([bad.code, bad.message]).toEqual(['VALIDATION', '--connect: plain http:// is for a server on this machine only: use https://imp.example.com:8443 (passwords and session tokens never cross a network unencrypted)']);
  });

  it('answers a retryable POLL_TIMEOUT when the server does not answer in time', async () => {
    const s = await started();
    const b = await connected(`http://127.0.0.1:${s.port}`, { timeoutMs: 300 });
    const e = await errorOf(b.api.jobs.list());
    expect([e.code, e.retryable, e.message]).toEqual(['POLL_TIMEOUT', true, `The server http://127.0.0.1:${s.port} did not answer jobs.list within 300 ms`]);
    // Only allow-listed methods exist on the client's api.
    expect(Object.keys(b.api.alerts)).toContain('acknowledge');
    expect((b.api as unknown as Record<string, unknown>).slow).toBeUndefined();
  });
});

describe.skipIf(skipWithoutTools({ path: '/usr/bin/openssl', apt: 'openssl' }))('connectToServer over TLS', () => {
  it('trusts the server only with its CA (--server-ca), and says so otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'imp-client-tls-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
    const pem = readFileSync(cert, 'utf8');
    const s = await started({ cert: pem, key: readFileSync(key, 'utf8') });
    const untrusted = await errorOf(connectToServer({ url: `https://127.0.0.1:${s.port}` }));
    expect([untrusted.code, untrusted.retryable]).toEqual(['PRECONDITION', false]);
    expect(untrusted.message).toMatch(/is not trusted: .*Pass --server-ca FILE/);
    const b = await connected(`https://127.0.0.1:${s.port}`, { ca: pem });
    await b.api.session.login('olivia', 'right password');
    expect(await b.api.alerts.acknowledge({ alarmId: 'a2' })).toEqual({ args: [{ alarmId: 'a2' }] });
    await until('the wss event socket', () => (b.eventsConnected ? true : undefined), 10_000, 20);
  });
});

describe('serverUrl and the session cookie', () => {
  it('reads origins, refuses what cannot be a server address', () => {
    const ok = parseServerUrl('https://[::1]:8443/');
    expect(ok.ok && ok.value).toEqual({ origin: 'https://[::1]:8443', protocol: 'https:', host: '[::1]:8443', hostname: '::1', port: 8443, wsUrl: 'wss://[::1]:8443/ws' });
    const dflt = parseServerUrl('https://imp.example.com');
    expect(dflt.ok && [dflt.value.port, dflt.value.wsUrl]).toEqual([443, 'wss://imp.example.com/ws']);
    expect(parseServerUrl('http://localhost:8443').ok).toBe(true);
    for (const bad of ['', 'imp', 'ws://127.0.0.1:1', 'http://192.168.1.5', 'https://u:p@h', 'https://h/x', 'https://h/?a', 'https://h/#f']) expect(parseServerUrl(bad).ok, bad).toBe(false);
  });

  it('takes the token from Set-Cookie imp_session, and its clearing', () => {
    expect(sessionCookie(['other=1; Path=/', 'imp_session=abc; Path=/; HttpOnly; Secure; Max-Age=43200'])).toEqual({ kind: 'set', token: 'abc' });
    expect(sessionCookie(['imp_session=; Path=/; Max-Age=0'])).toEqual({ kind: 'cleared' });
    expect(sessionCookie(['imp_session=abc; Expires=Thu, 01 Jan 1970 00:00:00 GMT'])).toEqual({ kind: 'cleared' });
    expect(sessionCookie(['imp_token_5=abc'])).toBeUndefined();
    expect(sessionCookie(undefined)).toBeUndefined();
  });
});
