/**
 * The renderer's web bridge and `call` helper against the real web mode server: Node's fetch stands in for the
 * browser's, the `ws` client (sending the page's Origin) for the browser's WebSocket.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AppError } from '../../main/core/base/errors.js';
import { createApiRouter } from '../../main/core/transport/apiRouter.js';
import { EventHub } from '../../main/core/transport/eventHub.js';
import { createFakeDesktopApi } from '../kits/fakeDesktopApi.js';
import { startWebServer, type WebServer } from '../../main/core/transport/webServer.js';
import { IpcError, call, onDesktopEvent } from '../../renderer/ipc/api.js';
import { setBridgeForTesting } from '../../renderer/ipc/bridge.js';
import { createWebBridge, type FetchLike, type WebBridge, type WebSocketFactory } from '../../renderer/ipc/webBridge.js';
import type { SampleBatch } from '../../shared/model/sample.js';

let dir: string;
let server: WebServer;
let hub: EventHub;
let bridge: WebBridge;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'webbridge-'));
  await writeFile(path.join(dir, 'index.html'), '<!doctype html>');
  const { api } = createFakeDesktopApi({
    'app.info': () => ({ name: 'IMP Monitor', version: '0.1.0', transport: 'web', systemLocale: 'en', startedAtMs: 1 }),
    'clusters.remove': () => {
      throw new AppError('POLL_CONNECT', 'publisher unreachable');
    },
  });
  hub = new EventHub({ flushIntervalMs: 20 });
  server = await startWebServer({ router: createApiRouter(api), events: hub, rendererDir: dir });
  const origin = server.origin;
  // A browser sends its page's Origin on the socket; the ws client only when told.
  class PageSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  }
  bridge = createWebBridge({ baseUrl: origin, token: server.token, fetch: fetch as unknown as FetchLike, WebSocket: PageSocket as unknown as WebSocketFactory });
  setBridgeForTesting(bridge);
});

afterAll(async () => {
  setBridgeForTesting(undefined);
  bridge?.dispose();
  await server?.dispose();
  hub?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('renderer call() over the web bridge', () => {
  it('returns the value of a call', async () => {
    await expect(call('app', 'info')).resolves.toMatchObject({ name: 'IMP Monitor', transport: 'web' });
  });

  it('throws IpcError with the code and retryable flag from main', async () => {
    const err = await call('clusters', 'remove', 'c1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect(err).toMatchObject({ code: 'POLL_CONNECT', retryable: true, message: 'publisher unreachable' });
    const bad = await call('clusters', 'remove', 42 as unknown as string).catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'VALIDATION', retryable: false });
  });

  it('maps a refused token to IPC_FORBIDDEN and an unreachable server to a retryable error', async () => {
    const wrong = createWebBridge({ baseUrl: server.origin, token: 'nope', fetch: fetch as unknown as FetchLike });
    await expect(wrong.api.app.info()).resolves.toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
    const gone = createWebBridge({ baseUrl: 'http://127.0.0.1:1', fetch: fetch as unknown as FetchLike });
    await expect(gone.api.app.info()).resolves.toMatchObject({ ok: false, error: { retryable: true } });
  });

  it('delivers batched push events and closes the socket when the last listener goes', async () => {
    const batches: SampleBatch[] = [];
    const got = new Promise<void>((resolve) => {
      const off = onDesktopEvent('onDidAppendSamples', (b) => {
        batches.push(b);
        off();
        resolve();
      });
    });
    await expect.poll(() => hub.subscriberCount).toBe(1);
    const s = (value: number) => ({ cluster: 'c1', node: 'imp1', object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions', value, ts: value, source: 'perfmon' as const });
    hub.emit('onDidAppendSamples', { samples: [s(10)] });
    hub.emit('onDidAppendSamples', { samples: [s(11)] });
    await got;
    expect(batches).toEqual([{ samples: [s(10), s(11)] }]);
    await expect.poll(() => hub.subscriberCount).toBe(0);
  });
});
