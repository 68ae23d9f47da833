/**
 * The web layer of the local web mode and of a server: the same DesktopApi as Electron IPC, over HTTP(S) +
 * WebSocket. `POST /api/<service>/<method>` with a JSON array body answers an IpcResult; `GET /ws` streams push
 * events as `{ event, payload }` JSON messages; every other GET serves the built renderer.
 * - Token mode (`npm start -- --web`): on 127.0.0.1 only; every request carries the per-run token and comes from the
 *   server's own origin (webAuth.ts); every call runs as the one who started it (the OS user, admin).
 * - Sessions mode (`npm run server`, issue 16): named operators log in (`/api/session/*` answered here with the
 *   SessionAuthority, which sets the HttpOnly `imp_session` cookie); every other call runs as the session's operator
 *   (cookie, or `Authorization: Bearer <session token>` for non-browser clients), the router checks the role. The
 *   renderer's files need no session (the login page is part of it). Host and Origin are checked on every request.
 *   Off loopback it needs TLS (server/listenAddress.ts refuses plain HTTP before binding).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { userInfo } from 'node:os';
import { realpath } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { methodRole } from '../../../shared/ipc/channels.js';
import type { DesktopEvents } from '../../../shared/ipc/contract.js';
import type { IpcResult } from '../../../shared/ipc/envelope.js';
import { roleAllows, type MethodRole, type Role } from '../../../shared/model/access.js';
import type { ErrorPayload } from '../../../shared/errors.js';
import { IPC_ARGUMENT_PARSERS } from '../../../shared/validation/ipcArguments.js';
import type { ParseResult } from '../../../shared/validation/alertRuleInput.js';
import type { AuditSink, Caller } from '../base/callerContext.js';
import type { AsyncDisposable, Disposable } from '../base/disposable.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import type { ApiRouter } from './apiRouter.js';
import { contentSecurityPolicy } from './contentSecurityPolicy.js';
import type { PushEvent } from './eventHub.js';
import { openDownload, resolveDownload } from './fileDownload.js';
import { readJsonBody } from './jsonBody.js';
import { openStatic, resolveStatic } from './staticFiles.js';
import type { RequestOrigin, SessionAuthority } from '../base/sessionAuthority.js';
import { authorize, checkServerRequest, clearedSessionCookie, generateToken, serverOrigins, sessionCookie, sessionTokenOf, tokenCookie } from './webAuth.js';

/**
 * Who the calls are: `token` — the per-run token, every call as `caller` (address from the socket); `sessions` —
 * named operators' sessions from `authority`.
 */
export type WebServerAuth =
  | { readonly kind: 'token'; readonly caller: Omit<Caller, 'address'> }
  | { readonly kind: 'sessions'; readonly authority: SessionAuthority };

/** Options of the web mode server. */
export interface WebServerOptions {
  readonly router: ApiRouter;
  /** Where push events come from (an EventHub). */
  readonly events: { subscribe(listener: (e: PushEvent) => void): Disposable };
  /** The built renderer: index.html and its assets. */
  readonly rendererDir: string;
  /** TCP port; 0 (default) picks a free one. */
  readonly port?: number;
  /** Listen address (default 127.0.0.1; token mode only there). */
  readonly host?: string;
  /** Serve HTTPS with this certificate chain and key (PEM). */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Sessions mode: host names clients use besides the listen address (`name` or `name:port`), for the Host check. */
  readonly allowedHosts?: readonly string[];
  /** Default: token mode acting as the OS user with the admin role (source 'web'). */
  readonly auth?: WebServerAuth;
  /** Sessions mode: how often open WebSockets are checked for a session that ended (default 10 s). */
  readonly sessionCheckIntervalMs?: number;
  /** Largest accepted request body; default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** A WebSocket client further behind than this is disconnected; default 16 MiB. */
  readonly maxSocketBufferBytes?: number;
  /**
   * `GET /download?path=` (fileDownload.ts): files the browser may download, each audited as `traces.download`.
   * `roots` (required in sessions mode): the only folders served from; absent in token mode: any file of the local
   * user. Without this option there is no /download route.
   */
  readonly downloads?: { readonly roots?: readonly string[]; readonly audit?: AuditSink };
}

/** The role a download needs in sessions mode: a server's files are the operator's trace methods' (channels.ts). */
const DOWNLOAD_ROLE: MethodRole = 'operator';

/** A running web mode server. */
export interface WebServer extends AsyncDisposable {
  readonly port: number;
  readonly mode: WebServerAuth['kind'];
  /** `http://127.0.0.1:<port>`; a server's `scheme://host:port` (its first public host when it listens on every address). */
  readonly origin: string;
  /** The per-run token (token mode; empty in sessions mode). */
  readonly token: string;
  /** The URL to open: origin + `/?token=` (token mode), origin + `/` (sessions mode). */
  readonly url: string;
}

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Push events a role below the method that produces them may not receive (sessions mode): a trace tail's lines are
 * the log contents traces.tailStart reads (an operator's method; channels.ts: a server's files are not the wall
 * screen's), so a viewer's socket does not get another operator's tail. Every other event is what viewer methods
 * read anyway.
 */
const EVENT_ROLES: Partial<Record<keyof DesktopEvents, MethodRole>> = {
  onDidTailLines: methodRole('traces', 'tailStart')!,
};

/** Whether a socket of `role` gets `event` (token mode: the admin; no role: every event). */
function socketGets(role: Role | undefined, event: string): boolean {
  const need = (EVENT_ROLES as Record<string, MethodRole | undefined>)[event];
  return need === undefined || role === undefined || roleAllows(role, need);
}

/** WebSocket close code of a socket whose session ended (logout, expiry, disabled account): log in again. */
export const SESSION_ENDED_CLOSE_CODE = 4401;

/** Starts the server: token mode on 127.0.0.1 with a fresh token, or sessions mode where `host` says. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const root = await realpath(options.rendererDir);
  const maxBody = options.maxBodyBytes ?? 1024 * 1024;
  const maxBuffered = options.maxSocketBufferBytes ?? 16 * 1024 * 1024;
  const auth: WebServerAuth = options.auth ?? { kind: 'token', caller: { operator: userInfo().username, role: 'admin', source: 'web' } };
  const host = options.host ?? '127.0.0.1';
  const secure = options.tls !== undefined;
  const scheme = secure ? 'https' : 'http';
  if (auth.kind === 'token' && (host !== '127.0.0.1' || secure)) {
    throw new AppError('VALIDATION', 'the per-run token mode serves plain HTTP on 127.0.0.1 only; a server on another address uses sessions and TLS');
  }
  if (auth.kind === 'sessions' && options.downloads !== undefined && options.downloads.roots === undefined) {
    throw new AppError('VALIDATION', 'a server serves downloads only from its bundle folders: give downloads.roots');
  }
  const token = auth.kind === 'token' ? generateToken() : '';
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key, minVersion: 'TLSv1.2' }) : createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const subscriptions = new Set<Disposable>();
  /** Sessions mode: each open socket's session token, checked every sessionCheckIntervalMs and at logout. */
  const socketSessions = new Map<WebSocket, string>();
  let port = 0;
  let csp = '';
  let origins = serverOrigins(host, 0, [], scheme);

  const headers = (extra: Record<string, string | number> = {}) => ({
    ...SECURITY_HEADERS,
    // Under TLS the browser keeps to HTTPS for this host (RFC 6797); a year, as OWASP's HTTP headers cheat sheet says.
    ...(secure ? { 'Strict-Transport-Security': 'max-age=31536000' } : {}),
    'Content-Security-Policy': csp,
    ...extra,
  });

  const sendJson = (res: ServerResponse, status: number, body: IpcResult<unknown>, extra: Record<string, string> = {}) => {
    let text: string;
    try {
      text = JSON.stringify(body);
    } catch {
      status = 500;
      text = JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'Result is not serializable', retryable: false } });
    }
    res.writeHead(status, headers({ 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text), ...extra }));
    res.end(text);
  };
  const sendText = (res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, headers({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra }));
    res.end(`${text}\n`);
  };
  const failure = (code: ErrorPayload['code'], message: string): IpcResult<never> => ({ ok: false, error: { code, message, retryable: false } });
  /** The HTTP status of a result: 401 when a session is needed (the body says the same as IpcResult). */
  const statusOf = (r: IpcResult<unknown>) => (!r.ok && r.error.code === 'AUTH_REQUIRED' ? 401 : 200);

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST', { Allow: 'POST' });
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') return sendJson(res, 415, failure('VALIDATION', 'Content-Type must be application/json'));
    const parts = url.pathname.split('/').slice(2);
    if (parts.length !== 2) return sendJson(res, 404, failure('VALIDATION', 'Use /api/<service>/<method>'));
    const body = await readJsonBody(req, maxBody);
    if (!body.ok) {
      if (body.status === 413) res.setHeader('Connection', 'close');
      return sendJson(res, body.status, failure('VALIDATION', body.message));
    }
    let service: string;
    let method: string;
    try {
      service = decodeURIComponent(parts[0] as string);
      method = decodeURIComponent(parts[1] as string);
    } catch {
      return sendJson(res, 400, failure('VALIDATION', 'Bad path encoding'));
    }
    const from: RequestOrigin = addressOf(req);
    if (auth.kind === 'token') {
      const result = await options.router.dispatch(service, method, body.value, { ...auth.caller, ...from });
      return sendJson(res, statusOf(result), result);
    }
    if (service === 'session') return handleSession(auth.authority, req, res, method, body.value, from);
    const credential = sessionTokenOf(req);
    const caller = credential ? callerOf(auth.authority, credential.token, from) : undefined;
    const result = await options.router.dispatch(service, method, body.value, caller);
    // A cookie that names no session any more is removed (the page shows the login again).
    const extra: Record<string, string> = credential?.via === 'cookie' && caller === undefined ? { 'Set-Cookie': clearedSessionCookie(secure) } : {};
    sendJson(res, statusOf(result), result, extra);
  }

  /** `/api/session/*` of a server: the SessionAuthority audits logins, lockouts, logouts and password changes itself. */
  async function handleSession(authority: SessionAuthority, req: IncomingMessage, res: ServerResponse, method: string, raw: unknown, from: RequestOrigin): Promise<void> {
    const parsers = IPC_ARGUMENT_PARSERS.session as unknown as Record<string, (a: readonly unknown[]) => ParseResult<unknown[]>>;
    const parse = Object.prototype.hasOwnProperty.call(parsers, method) ? parsers[method] : undefined;
    if (parse === undefined) return sendJson(res, 200, failure('VALIDATION', `Unknown method 'session.${method.slice(0, 100)}'`));
    if (!Array.isArray(raw)) return sendJson(res, 200, failure('VALIDATION', `session.${method}: arguments must be an array`));
    const parsed = parse(raw);
    if (!parsed.ok) return sendJson(res, 200, failure('VALIDATION', `session.${method}: ${parsed.issues.slice(0, 10).join('; ')}`.slice(0, 1000)));
    const args = parsed.value;
    const credential = sessionTokenOf(req);
    try {
      switch (method) {
        case 'state':
          return sendJson(res, 200, { ok: true, value: authority.state(credential?.token) });
        case 'login': {
          const outcome = await authority.login(args[0] as string, args[1] as string, from);
          if (!outcome.ok) return sendJson(res, 200, { ok: false, error: outcome.error });
          return sendJson(res, 200, { ok: true, value: outcome.state }, { 'Set-Cookie': sessionCookie(outcome.token, { secure, maxAgeSec: authority.maxAgeMs / 1000 }) });
        }
        case 'logout': {
          if (credential !== undefined) {
            await authority.logout(credential.token, from);
            closeSockets((t) => t === credential.token);
          }
          return sendJson(res, 200, { ok: true, value: undefined }, { 'Set-Cookie': clearedSessionCookie(secure) });
        }
        case 'changePassword': {
          if (credential === undefined || callerOf(authority, credential.token, from) === undefined) {
            return sendJson(res, 401, failure('AUTH_REQUIRED', 'Log in first'));
          }
          await authority.changePassword(credential.token, args[0] as string, args[1] as string, from);
          // The operator's other sessions ended: their sockets close at once rather than at the next check.
          closeSockets((t) => !authority.state(t).loggedIn);
          return sendJson(res, 200, { ok: true, value: undefined });
        }
        default:
          return sendJson(res, 200, failure('VALIDATION', `Unknown method 'session.${method.slice(0, 100)}'`));
      }
    } catch (err) {
      const payload = toErrorPayload(err);
      if (payload.code === 'INTERNAL') console.error(`[WebServer] session.${method} failed:`, err);
      return sendJson(res, statusOf({ ok: false, error: payload }), { ok: false, error: { ...payload, message: payload.message.split('\n')[0]!.slice(0, 1000) } });
    }
  }

  /** `GET|HEAD /download?path=`: the caller (token mode: the local user; sessions: an operator or admin), the roots, a regular file. */
  async function handleDownload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const downloads = options.downloads;
    if (downloads === undefined) return sendText(res, 404, 'Not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const from = addressOf(req);
    let caller: Caller | undefined;
    let extra: Record<string, string> = {};
    if (auth.kind === 'token') {
      caller = { ...auth.caller, ...from };
    } else {
      const credential = sessionTokenOf(req);
      caller = credential ? callerOf(auth.authority, credential.token, from) : undefined;
      if (credential?.via === 'cookie' && caller === undefined) extra = { 'Set-Cookie': clearedSessionCookie(secure) };
      if (caller === undefined) return sendJson(res, 401, failure('AUTH_REQUIRED', 'Log in first'), extra);
    }
    const requested = url.searchParams.get('path');
    const audit = async (result: 'ok' | 'refused' | 'failed', params: Record<string, unknown>, error?: { code?: string; message: string }) => {
      if (downloads.audit === undefined || caller === undefined) return;
      try {
        await downloads.audit.append({
          operator: caller.operator,
          role: caller.role,
          source: caller.source,
          ...(caller.address !== undefined ? { address: caller.address } : {}),
          action: 'traces.download',
          ...(requested ? { target: requested.slice(0, 1000) } : {}),
          params,
          result,
          ...(error?.code !== undefined ? { errorCode: error.code } : {}),
          ...(error ? { message: error.message.slice(0, 1000) } : {}),
        });
      } catch (err) {
        console.error('[WebServer] audit of traces.download failed:', err);
      }
    };
    if (!roleAllows(caller.role, DOWNLOAD_ROLE)) {
      const message = `traces.download needs the ${DOWNLOAD_ROLE} role; ${caller.operator} is a ${caller.role}`;
      await audit('refused', {}, { code: 'ROLE_FORBIDDEN', message });
      return sendJson(res, 403, failure('ROLE_FORBIDDEN', message));
    }
    const target = await resolveDownload(requested, downloads.roots);
    if (!target.ok) {
      const code: ErrorPayload['code'] = target.status === 403 ? 'IPC_FORBIDDEN' : target.status === 404 ? 'NOT_FOUND' : 'VALIDATION';
      if (target.status === 403) await audit('refused', {}, { code, message: target.message });
      return sendJson(res, target.status, failure(code, target.message));
    }
    // Audited before the first byte (what is disclosed, before the client can act on it; HEAD discloses nothing);
    // a read failure after that adds a 'failed' entry. A client that leaves early is not recorded again.
    if (req.method !== 'HEAD') await audit('ok', { bytes: target.size });
    res.writeHead(200, headers({ 'Content-Type': target.contentType, 'Content-Length': target.size, 'Content-Disposition': target.disposition, 'Cache-Control': 'no-store' }));
    if (req.method === 'HEAD') return void res.end();
    const stream = openDownload(target.path);
    stream.on('error', (err) => {
      res.destroy();
      void audit('failed', { bytes: stream.bytesRead }, { message: `reading the file failed: ${err.message}` });
    });
    stream.pipe(res);
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

  /** Host/Origin (both modes) and the token (token mode); undefined when the request may go on. */
  function admission(req: IncomingMessage, url: URL): { via: string } | { status: 401 | 403; reason: string } {
    if (auth.kind === 'token') {
      const a = authorize(req, url, { token, port });
      return a.ok ? { via: a.via } : { status: a.status, reason: a.reason };
    }
    const credential = sessionTokenOf(req);
    const check = checkServerRequest(req, origins, credential?.via ?? 'none');
    return check.ok ? { via: credential?.via ?? 'none' } : { status: 403, reason: check.reason };
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `${scheme}://127.0.0.1:${port}`);
    const admitted = admission(req, url);
    if ('status' in admitted) {
      const message = admitted.status === 401 ? 'Open the URL printed at start: it carries the access token' : 'Forbidden';
      if (url.pathname.startsWith('/api/')) return sendJson(res, admitted.status, failure('IPC_FORBIDDEN', `${message} (${admitted.reason})`));
      return sendText(res, admitted.status, `${message} (${admitted.reason})`);
    }
    const work = url.pathname.startsWith('/api/')
      ? handleApi(req, res, url)
      : url.pathname === '/ws'
        ? Promise.resolve(sendText(res, 426, 'Use a WebSocket', { Upgrade: 'websocket' }))
        : url.pathname === '/download' && admitted.via !== 'query'
          ? handleDownload(req, res, url)
          : handleStatic(req, res, url, admitted.via);
    work.catch((err: unknown) => {
      console.error('[WebServer] request failed:', err);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', `${scheme}://127.0.0.1:${port}`);
    const refuse = (status: number, reason: string) => {
      const text = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
    };
    if (url.pathname !== '/ws') return refuse(404, 'not found');
    const admitted = admission(req, url);
    if ('status' in admitted) return refuse(admitted.status, admitted.reason);
    let session: { token: string; role: Role } | undefined;
    if (auth.kind === 'sessions') {
      // The push socket needs a session like every call but session.state/login.
      const credential = sessionTokenOf(req);
      const caller = credential === undefined ? undefined : callerOf(auth.authority, credential.token, addressOf(req));
      if (credential === undefined || caller === undefined) return refuse(401, 'log in first');
      // The role is the session's for its whole life: a role change ends the operator's sessions (and closes this socket).
      session = { token: credential.token, role: caller.role };
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, session));
  });

  function attach(ws: WebSocket, session: { token: string; role: Role } | undefined): void {
    const sessionToken = session?.token;
    const sub = options.events.subscribe((e) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!socketGets(session?.role, e.event)) return;
      if (ws.bufferedAmount > maxBuffered) return void ws.terminate();
      ws.send(JSON.stringify(e));
    });
    subscriptions.add(sub);
    if (sessionToken !== undefined) socketSessions.set(ws, sessionToken);
    const release = () => {
      sub.dispose();
      subscriptions.delete(sub);
      socketSessions.delete(ws);
    };
    ws.on('close', release);
    ws.on('error', () => ws.terminate());
    // The socket is one-way (main → renderer); anything the client sends is ignored.
    ws.on('message', () => undefined);
  }

  /** Closes the sockets whose session token matches (their session ended). */
  function closeSockets(ended: (token: string) => boolean): void {
    for (const [ws, t] of [...socketSessions]) {
      if (!ended(t)) continue;
      socketSessions.delete(ws);
      ws.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
  origins = serverOrigins(host, port, options.allowedHosts ?? [], scheme);
  const shownHost = host === '0.0.0.0' || host === '::' ? (firstHostName(options.allowedHosts) ?? '127.0.0.1') : host.includes(':') ? `[${host}]` : host;
  const origin = `${scheme}://${shownHost}:${port}`;
  const wsScheme = secure ? 'wss' : 'ws';
  csp = contentSecurityPolicy({ connectSrc: [...origins.hosts].map((h) => `${wsScheme}://${h}`) });
  server.on('error', (err) => console.error('[WebServer]', err));

  // Sessions mode: sockets whose session ended (idle or absolute expiry, disabled account, password change
  // elsewhere) are closed; `state` reads without counting as activity, so an open socket alone keeps no session alive.
  const sessionTimer =
    auth.kind === 'sessions'
      ? setInterval(() => {
          try {
            closeSockets((t) => !auth.authority.state(t).loggedIn);
          } catch (err) {
            console.error('[WebServer] session check failed:', err);
          }
        }, options.sessionCheckIntervalMs ?? 10_000)
      : undefined;
  sessionTimer?.unref();

  let disposed: Promise<void> | undefined;
  return {
    port,
    mode: auth.kind,
    origin,
    token,
    url: auth.kind === 'token' ? `${origin}/?token=${token}` : `${origin}/`,
    dispose() {
      disposed ??= (async () => {
        if (sessionTimer) clearInterval(sessionTimer);
        for (const sub of subscriptions) sub.dispose();
        subscriptions.clear();
        socketSessions.clear();
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

/** The client's address, from the socket (never from a header a client may forge). */
function addressOf(req: IncomingMessage): RequestOrigin {
  const address = req.socket.remoteAddress;
  return address !== undefined ? { address } : {};
}

/** The caller of a session token, with the request's address. */
function callerOf(authority: SessionAuthority, token: string, from: RequestOrigin): Caller | undefined {
  const caller = authority.resolve(token, from);
  if (caller === undefined) return undefined;
  return caller.address === undefined && from.address !== undefined ? { ...caller, address: from.address } : caller;
}

function firstHostName(hosts: readonly string[] | undefined): string | undefined {
  const h = hosts?.[0];
  if (h === undefined) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+):\d{1,5}$/.exec(h);
  return m ? (m[1] as string) : h;
}
