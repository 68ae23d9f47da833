/**
 * The local web mode: the same DesktopApi as Electron IPC, over HTTP + WebSocket on 127.0.0.1 only.
 * `POST /api/<service>/<method>` with a JSON array body answers an IpcResult; `GET /ws` streams push events as
 * `{ event, payload }` JSON messages; every other GET serves the built renderer. Every request must carry the
 * per-run token and come from the server's own origin (webAuth.ts).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { realpath } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { IpcResult } from '../../../shared/ipc/envelope.js';
import type { AsyncDisposable, Disposable } from '../base/disposable.js';
import type { ApiRouter } from './apiRouter.js';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';
import type { PushEvent } from './eventHub.js';
import { readJsonBody } from './jsonBody.js';
import { openStatic, resolveStatic } from './staticFiles.js';
import { authorize, generateToken, tokenCookie } from './webAuth.js';

/** Options of the web mode server. */
export interface WebServerOptions {
  readonly router: ApiRouter;
  /** Where push events come from (an EventHub). */
  readonly events: { subscribe(listener: (e: PushEvent) => void): Disposable };
  /** The built renderer: index.html and its assets. */
  readonly rendererDir: string;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Largest accepted request body; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** A WebSocket client further behind than this is disconnected; default 16 MiB. */
  readonly maxSocketBufferBytes?: number;
}

/** A running web mode server. */
export interface WebServer extends AsyncDisposable {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** The per-run token. */
  readonly token: string;
  /** The URL to open: origin + `/?token=`. */
  readonly url: string;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Starts the server on 127.0.0.1 with a fresh token. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = await realpath(options.rendererDir);
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxBuffered = options.maxSocketBufferBytes ?? 16 * 1024 * 1024;
  const token = generateToken();
  const server = createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const subscriptions = new Set<Disposable>();
  let port = 0;
  let csp = '';

  const headers = (extra: Record<string, string | number> = {}) => ({ ...SECURITY_HEADERS, 'Content-Security-Policy': csp, ...extra });

  const sendJson = (res: ServerResponse, status: number, body: IpcResult<unknown>) => {
    let text: string;
    try {
      text = JSON.stringify(body);
    } catch {
      status = 500;
      text = JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'Result is not serializable', retryable: false } });
    }
    res.writeHead(status, headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) }));
    res.end(text);
  };
  const sendText = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, headers({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra }));
    res.end(`${text}\n`);
  };
  const validation = (message: string): IpcResult<never> => ({ ok: false, error: { code: 'VALIDATION', message, retryable: false } });

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST', { Allow: 'POST' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return sendJson(res, 415, validation('Content-Type must be application/json'));
    const parts = url.pathname.split('/').slice(2);
    if (parts.length !== 2) return sendJson(res, 404, validation('Use /api/<service>/<method>'));
    const body = await readJsonBody(req, maxBody);
    if (!body.ok) {
      if (body.status === 413) res.setHeader('Connection', 'close');
      return sendJson(res, body.status, validation(body.message));
    }
    let service: string;
    let method: string;
    try {
      service = decodeURIComponent(parts[0] as string);
      method = decodeURIComponent(parts[1] as string);
    } catch {
      return sendJson(res, 400, validation('Bad path encoding'));
    }
    sendJson(res, 200, await options.router.dispatch(service, method, body.value));
  }

  async function handleStatic(req: IncomingMessage, res: ServerResponse, url: URL, via: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (via === 'query') {
      // Trade the token in the URL for a cookie, and drop it from the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, headers({ 'Set-Cookie': tokenCookie(port, token), Location: url.pathname + url.search, 'Cache-Control': 'no-store' }));
      res.end();
      return;
    }
    const found = await resolveStatic(root, url.pathname);
    if (found.kind === 'forbidden') return sendText(res, 403, 'Forbidden path');
    if (found.kind === 'notFound') return sendText(res, 404, 'Not found');
    const f = found.value;
    const cache = f.contentType.startsWith('text/html') ? 'no-store' : 'no-cache';
    res.writeHead(200, headers({ 'Content-Type': f.contentType, 'Content-Length': f.size, 'Cache-Control': cache }));
    if (req.method === 'HEAD') return void res.end();
    const stream = openStatic(f);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const auth = authorize(req, url, { token, port });
    if (!auth.ok) {
      const message = auth.status === 401 ? 'Open the URL printed at start: it carries the access token' : 'Forbidden';
      if (url.pathname.startsWith('/api/')) return sendJson(res, auth.status, { ok: false, error: { code: 'IPC_FORBIDDEN', message: `${message} (${auth.reason})`, retryable: false } });
      return sendText(res, auth.status, `${message} (${auth.reason})`);
    }
    const work = url.pathname.startsWith('/api/')
      ? handleApi(req, res, url)
      : url.pathname === '/ws'
        ? Promise.resolve(sendText(res, 426, 'Use a WebSocket', { Upgrade: 'websocket' }))
        : handleStatic(req, res, url, auth.via);
    work.catch((err: unknown) => {
      console.error('[WebServer] request failed:', err);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const auth = url.pathname === '/ws' ? authorize(req, url, { token, port }) : ({ ok: false, status: 404, reason: 'not found' } as const);
    if (!auth.ok) {
      const text = auth.status === 401 ? 'Unauthorized' : auth.status === 403 ? 'Forbidden' : 'Not Found';
      socket.end(`HTTP/1.1 ${auth.status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${auth.reason.length}\r\n\r\n${auth.reason}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const sub = options.events.subscribe((e) => {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > maxBuffered) return void ws.terminate();
      ws.send(JSON.stringify(e));
    });
    subscriptions.add(sub);
    const release = () => {
      sub.dispose();
      subscriptions.delete(sub);
    };
    ws.on('close', release);
    ws.on('error', () => ws.terminate());
    // The socket is one-way (main → renderer); anything the client sends is ignored.
    ws.on('message', () => undefined);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  csp = contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`] });
  server.on('error', (err) => console.error('[WebServer]', err));

  let disposed: Promise<void> | undefined;
  return {
    port,
    origin,
    token,
    url: `${origin}/?token=${token}`,
    dispose() {
      disposed ??= (async () => {
        for (const sub of subscriptions) sub.dispose();
        subscriptions.clear();
        for (const ws of wss.clients) ws.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
      })();
      return disposed;
    },
  };
}
