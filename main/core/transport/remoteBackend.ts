/**
 * The desktop app (or `npm start -- --web`) as a client of an IMP Monitor server (issue 16,
 * `npm start -- --connect URL [--server-ca FILE]`): a Backend whose DesktopApi forwards every allow-listed method
 * to the server (remoteHttp.ts) and whose events come from the server's WebSocket (remoteEvents.ts). The session
 * token stays in this (main) process, never in the renderer: `session.login` keeps it, `logout` drops it, and an
 * AUTH_REQUIRED answer or a refused event socket (the session expired or was ended) drops it too. The server
 * decides who may do what and keeps the audit log: this backend records nothing (NO_AUDIT) and has no sessions of
 * its own. Errors keep the server's code; a server that cannot be reached is retryable (POLL_CONNECT).
 */
import { userInfo } from 'node:os';
import { API_METHODS } from '../../../shared/ipc/channels.js';
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { IpcResult } from '../../../shared/ipc/envelope.js';
import type { SessionState } from '../../../shared/model/access.js';
import type { AppInfo } from '../../../shared/model/views.js';
import { NO_AUDIT } from '../base/callerContext.js';
import { AppError } from '../base/errors.js';
import type { Backend } from './backend.js';
import { EventHub } from './eventHub.js';
import { RemoteEvents } from './remoteEvents.js';
import { RemoteHttp } from './remoteHttp.js';
import { parseServerUrl } from './serverUrl.js';

/** Options of a client. */
export interface ConnectOptions {
  /** The server's origin, e.g. https://imp-monitor.example.com:8443 (serverUrl.ts says what is accepted). */
  readonly url: string;
  /** PEM of the CA that signed the server's certificate (or the certificate itself when self-signed). */
  readonly ca?: string;
  /** Per call; default 60 s. */
  readonly timeoutMs?: number;
  /** The local transport (app.info's `transport`): the Electron window or the local web page. Default 'web'. */
  readonly transport?: 'electron' | 'web';
  /** Event socket reconnect backoff (tests); default 1 s doubling to 30 s. */
  readonly eventsBackoff?: { readonly firstMs: number; readonly maxMs: number };
}

/** A client's backend, with what tests and the launcher may ask about its connection. */
export interface RemoteBackend extends Backend {
  /** The server's origin. */
  readonly server: string;
  /** Whether a session token is held (logged in, as far as the client knows). */
  readonly loggedIn: boolean;
  /** Whether the event socket is open now. */
  readonly eventsConnected: boolean;
}

/**
 * Connects to a server: checks the address and asks the server for its session state once, so a wrong address,
 * an untrusted certificate or a server that is down is said at start (AppError: VALIDATION, PRECONDITION,
 * POLL_CONNECT) rather than on the first click.
 */
export async function connectToServer(options: ConnectOptions): Promise<RemoteBackend> {
  const parsed = parseServerUrl(options.url);
  if (!parsed.ok) throw new AppError('VALIDATION', `--connect: ${parsed.message}`);
  const server = parsed.value;
  const http = new RemoteHttp({ server, ...(options.ca !== undefined ? { ca: options.ca } : {}), ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) });
  const events = new EventHub({ flushIntervalMs: 0 }); // the server batched them already
  let token: string | undefined;
  const stream = new RemoteEvents({
    server,
    hub: events,
    onSessionEnded: () => {
      token = undefined;
    },
    ...(options.ca !== undefined ? { ca: options.ca } : {}),
    ...(options.eventsBackoff ? { backoff: options.eventsBackoff } : {}),
  });
  const dropSession = () => {
    token = undefined;
    stream.stop();
  };
  const keepSession = (t: string) => {
    token = t;
    stream.start(t);
  };

  /** One forwarded call: the value, or the server's error as an AppError (the local router sends it on unchanged). */
  const call = async (service: string, method: string, args: readonly unknown[]): Promise<unknown> => {
    const answer = await http.call(service, method, withoutTrailingUndefined(args), token);
    if (answer.cookie?.kind === 'set') keepSession(answer.cookie.token);
    else if (answer.cookie?.kind === 'cleared') dropSession();
    if (!answer.result.ok && answer.result.error.code === 'AUTH_REQUIRED') dropSession();
    return unwrap(answer.result);
  };
  const clientState = (s: SessionState): SessionState => ({ ...s, mode: 'client', server: server.origin });

  const api = forwardingApi(call);
  const session: DesktopApi['session'] = {
    async state() {
      const s = (await call('session', 'state', [])) as SessionState;
      // The server no longer knows the token (expired, ended, restarted without it): drop it here too.
      if (!s.loggedIn && token !== undefined) dropSession();
      return clientState(s);
    },
    async login(name, password) {
      const previous = token;
      const s = (await call('session', 'login', [name, password])) as SessionState;
      // Logging in as someone else without logging out first: the earlier session ends on the server too.
      if (previous !== undefined && token !== undefined && previous !== token) await http.call('session', 'logout', [], previous);
      if (token === undefined) throw new AppError('INTERNAL', `The server ${server.origin} accepted the login but sent no session cookie (imp_session): is it an IMP Monitor server of this version?`);
      return clientState(s);
    },
    async logout() {
      if (token === undefined) return;
      try {
        await call('session', 'logout', []);
      } finally {
        dropSession();
      }
    },
    async changePassword(current, next) {
      await call('session', 'changePassword', [current, next]);
    },
  };
  const app: DesktopApi['app'] = {
    ...api.app,
    async info() {
      const info = (await call('app', 'info', [])) as AppInfo;
      return { ...info, mode: 'client', transport: options.transport ?? 'web' };
    },
  };

  // Ask once at start: a wrong address, an untrusted certificate or a server down is said now.
  try {
    const s = (await call('session', 'state', [])) as SessionState;
    if (typeof s !== 'object' || s === null || typeof s.loggedIn !== 'boolean') throw new AppError('PRECONDITION', `${server.origin} answered session.state with something that is not a session state: is it an IMP Monitor server?`);
  } catch (err) {
    stream.dispose();
    http.dispose();
    events.dispose();
    throw err;
  }

  let disposed: Promise<void> | undefined;
  return {
    api: { ...api, session, app },
    events,
    audit: NO_AUDIT,
    localOperator: osUser(),
    server: server.origin,
    get loggedIn() {
      return token !== undefined;
    },
    get eventsConnected() {
      return stream.connected;
    },
    dispose() {
      disposed ??= (async () => {
        stream.dispose();
        // A client that quits ends its session on the server (the token lived only in this process anyway); bounded.
        if (token !== undefined) await boundedLogout(http, token, 2_000);
        token = undefined;
        http.dispose();
        events.dispose();
      })();
      return disposed;
    },
  };
}

/** Every allow-listed method as a call to the server. */
function forwardingApi(call: (service: string, method: string, args: readonly unknown[]) => Promise<unknown>): DesktopApi {
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(API_METHODS)) {
    const forwarded: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of Object.keys(methods)) forwarded[method] = (...args: unknown[]) => call(service, method, args);
    api[service] = forwarded;
  }
  return api as unknown as DesktopApi;
}

function unwrap(result: IpcResult<unknown>): unknown {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, { retryable: result.error.retryable });
}

/** The OS user this app runs as (the local identity; the server knows the logged-in operator). */
function osUser(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Logs the token out, waiting at most `ms` (a server that is gone must not hold up quitting). */
async function boundedLogout(http: RemoteHttp, token: string, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([http.call('session', 'logout', [], token), new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

/** JSON has no undefined: an omitted optional argument is left off (it would arrive as null, which parsers refuse). */
function withoutTrailingUndefined(args: readonly unknown[]): readonly unknown[] {
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n -= 1;
  return n === args.length ? args : args.slice(0, n);
}
