/**
 * Web mode over real clients: curl for HTTP (token, Origin, Host, traversal, body limits) and the `ws` client for
 * the push socket (upgrade checks, a batched event), against a real router, EventHub and renderer directory.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { NO_AUDIT } from '../../main/core/base/callerContext.js';
import { AppError } from '../../main/core/base/errors.js';
import { createApiRouter } from '../../main/core/transport/apiRouter.js';
import { EventHub } from '../../main/core/transport/eventHub.js';
import { createFakeDesktopApi } from '../kits/fakeDesktopApi.js';
import { startWebMode } from '../../main/core/transport/webMode.js';
import { startWebServer, type WebServer } from '../../main/core/transport/webServer.js';

const run = promisify(execFile);

interface CurlResult {
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** Runs curl and splits status, headers and body (-i). */
async function curl(...args: string[]): Promise<CurlResult> {
  const { stdout } = await run('curl', ['-sS', '-i', '--max-time', '20', ...args], { maxBuffer: 8 * 1024 * 1024 });
  const split = stdout.indexOf('\r\n\r\n');
  const head = stdout.slice(0, split);
  return { status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), headers: head, body: stdout.slice(split + 4) };
}

let dir: string;
let server: WebServer;
let hub: EventHub;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'webmode-'));
  const root = path.join(dir, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>IMP Monitor</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(path.join(root, 'assets', 'app.js'), 'console.log("app");');
  await writeFile(path.join(dir, 'secret.txt'), 'TOP-SECRET');
  const { api } = createFakeDesktopApi({
    'app.info': () => ({ name: 'IMP Monitor', version: '0.1.0', transport: 'web', systemLocale: 'en', startedAtMs: 1 }),
    'clusters.remove': (id) => {
      throw new AppError('NOT_FOUND', `No cluster ${String(id)}`);
    },
  });
  hub = new EventHub({ flushIntervalMs: 50 });
  server = await startWebServer({ router: createApiRouter(api), events: hub, rendererDir: root, maxBodyBytes: 4096 });
});

afterAll(async () => {
  await server?.dispose();
  hub?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const bearer = () => `Authorization: Bearer ${server.token}`;
const own = () => `Origin: ${server.origin}`;

describe('web mode HTTP', () => {
  it('prints a URL with a 32-byte base64url token and listens on 127.0.0.1', () => {
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('refuses pages and API calls without the token (401) and with a wrong one (401)', async () => {
    expect((await curl(`${server.origin}/`)).status).toBe(401);
    expect((await curl(`${server.origin}/?token=wrong`)).status).toBe(401);
    const noToken = await curl('-X', 'POST', '-H', 'Content-Type: application/json', '-H', own(), '-d', '[]', `${server.origin}/api/app/info`);
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body)).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
    const wrong = await curl('-X', 'POST', '-H', 'Content-Type: application/json', '-H', `Authorization: Bearer ${'x'.repeat(43)}`, '-d', '[]', `${server.origin}/api/app/info`);
    expect(wrong.status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host even with the right token (403)', async () => {
    const foreign = await curl('-X', 'POST', '-H', 'Content-Type: application/json', '-H', bearer(), '-H', 'Origin: http://evil.example', '-d', '[]', `${server.origin}/api/app/info`);
    expect(foreign.status).toBe(403);
    const otherPort = await curl('-X', 'POST', '-H', 'Content-Type: application/json', '-H', bearer(), '-H', `Origin: http://127.0.0.1:${server.port + 1}`, '-d', '[]', `${server.origin}/api/app/info`);
    expect(otherPort.status).toBe(403);
    const rebinding = await curl('-H', `Host: evil.example:${server.port}`, `${server.origin}/?token=${server.token}`);
    expect(rebinding.status).toBe(403);
  });

  it('trades ?token= for an HttpOnly SameSite=Strict cookie, then serves index.html with the CSP', async () => {
    const first = await curl(server.url);
    expect(first.status).toBe(303);
    expect(first.headers).toMatch(/^Location: \/$/im);
    const cookie = /^Set-Cookie: ([^;\r\n]+)(.*)$/im.exec(first.headers);
    expect(cookie?.[2]).toMatch(/HttpOnly/);
    expect(cookie?.[2]).toMatch(/SameSite=Strict/);
    const page = await curl('-H', `Cookie: ${cookie?.[1]}`, `${server.origin}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>IMP Monitor</title>');
    expect(page.headers).toMatch(/^Content-Type: text\/html; charset=utf-8$/im);
    expect(page.headers).toMatch(/^Content-Security-Policy: default-src 'none'; script-src 'self';.*frame-ancestors 'none'/im);
    const js = await curl('-H', `Cookie: ${cookie?.[1]}`, `${server.origin}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers).toMatch(/^Content-Type: text\/javascript/im);
    // Cookie-authenticated API calls must come from a page of this origin.
    const args = ['-X', 'POST', '-H', 'Content-Type: application/json', '-H', `Cookie: ${cookie?.[1]}`, '-d', '[]', `${server.origin}/api/app/info`];
    expect((await curl(...args)).status).toBe(403);
    const fromPage = await curl('-H', own(), ...args);
    expect(fromPage.status).toBe(200);
    expect(JSON.parse(fromPage.body)).toMatchObject({ ok: true, value: { transport: 'web' } });
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '<absolute>'])(
    'blocks traversal %s',
    async (p) => {
      const target = p === '<absolute>' ? `/${encodeURIComponent(path.join(dir, 'secret.txt'))}` : p;
      const r = await curl('--path-as-is', '-H', bearer(), `${server.origin}${target}`);
      expect([403, 404]).toContain(r.status);
      expect(r.body).not.toContain('TOP-SECRET');
    },
  );

  it('answers calls with IpcResult JSON: values, AppError codes, VALIDATION for bad input', async () => {
    const post = (p: string, body: string, ...extra: string[]) => curl('-X', 'POST', '-H', 'Content-Type: application/json', '-H', bearer(), ...extra, '--data-binary', body, `${server.origin}${p}`);
    expect(JSON.parse((await post('/api/app/info', '[]')).body)).toMatchObject({ ok: true, value: { name: 'IMP Monitor' } });
    expect(JSON.parse((await post('/api/clusters/remove', '["c9"]')).body)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No cluster c9', retryable: false } });
    expect(JSON.parse((await post('/api/clusters/remove', '[42]')).body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.parse((await post('/api/clusters/purge', '[]')).body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(JSON.parse((await post('/api/clusters/remove', '{"0":"c9"}')).body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const notJson = await post('/api/app/info', '[oops');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const big = await post('/api/clusters/remove', JSON.stringify(['x'.repeat(5000)]));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const form = await curl('-X', 'POST', '-H', bearer(), '-d', 'a=1', `${server.origin}/api/app/info`);
    expect(form.status).toBe(415);
    expect((await curl('-H', bearer(), `${server.origin}/api/app/info`)).status).toBe(405);
  });
});

/** Opens a socket and resolves with the open socket or the HTTP status of a refused upgrade. */
function connect(url: string, headers: Record<string, string>): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode });
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

describe('web mode WebSocket', () => {
  const wsUrl = () => `ws://127.0.0.1:${server.port}/ws`;

  it('refuses upgrades without a token (401), with a wrong one (401), from a foreign Origin (403) and without Origin on ?token= (403)', async () => {
    expect((await connect(wsUrl(), { Origin: server.origin })).status).toBe(401);
    expect((await connect(`${wsUrl()}?token=nope`, { Origin: server.origin })).status).toBe(401);
    expect((await connect(`${wsUrl()}?token=${server.token}`, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await connect(wsUrl(), { Origin: 'http://localhost:1', Authorization: `Bearer ${server.token}` })).status).toBe(403);
    expect((await connect(`${wsUrl()}?token=${server.token}`, {})).status).toBe(403);
    expect(hub.subscriberCount).toBe(0);
  });

  it('pushes a batched event to an authorized client and unsubscribes when it closes', async () => {
    const { ws } = await connect(`${wsUrl()}?token=${server.token}`, { Origin: server.origin });
    if (!ws) throw new Error('not connected');
    expect(hub.subscriberCount).toBe(1);
    const message = new Promise<unknown>((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
    const s = (value: number) => ({ cluster: 'c1', node: 'imp1', object: 'Processor', instance: '', counter: '% CPU Time', value, ts: value, source: 'perfmon' as const });
    hub.emit('onDidAppendSamples', { samples: [s(1)] });
    hub.emit('onDidAppendSamples', { samples: [s(2)] });
    expect(await message).toEqual({ event: 'onDidAppendSamples', payload: { samples: [s(1), s(2)] } });
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    ws.close();
    await closed;
    await expect.poll(() => hub.subscriberCount).toBe(0);
  });
});

describe('web mode lifecycle', () => {
  it('dispose closes open sockets and frees the port', async () => {
    const { api } = createFakeDesktopApi();
    const ownHub = new EventHub();
    const root = path.join(dir, 'renderer');
    const s = await startWebServer({ router: createApiRouter(api), events: ownHub, rendererDir: root });
    const { ws } = await connect(`ws://127.0.0.1:${s.port}/ws`, { Authorization: `Bearer ${s.token}` });
    if (!ws) throw new Error('not connected');
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await s.dispose();
    await closed;
    expect(ownHub.subscriberCount).toBe(0);
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(s.port, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    ownHub.dispose();
  });

  it('startWebMode serves the backend and disposes server, then backend', async () => {
    const { api } = createFakeDesktopApi({ 'jobs.list': () => [] });
    const events = new EventHub();
    const order: string[] = [];
    const web = await startWebMode({ backend: { api, events, audit: NO_AUDIT, localOperator: 'tester', dispose: async () => void order.push('backend') }, rendererDir: path.join(dir, 'renderer') });
    const r = await curl('-X', 'POST', '-H', 'Content-Type: application/json', '-H', `Authorization: Bearer ${web.server.token}`, '-d', '[]', `${web.server.origin}/api/jobs/list`);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: [] });
    await web.dispose();
    await web.dispose();
    expect(order).toEqual(['backend']);
    await expect(curl(`${web.server.origin}/`)).rejects.toThrow();
    events.dispose();
  });
});
