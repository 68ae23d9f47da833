/**
 * One API call of a client to its server (issue 16): `POST <origin>/api/<service>/<method>` with the arguments as a
 * JSON array, answered by an IpcResult (the server's web layer, main/core/transport/webServer.ts in sessions mode).
 * node:http/node:https with a keep-alive agent that trusts the given CA (`--server-ca`). The session token travels
 * as `Authorization: Bearer` (the server takes it for non-browser clients); a response's `Set-Cookie: imp_session`
 * (login) hands the token over. Errors keep the server's code; a server that cannot be reached is a retryable
 * POLL_CONNECT, a call that takes too long a retryable POLL_TIMEOUT, an untrusted certificate a PRECONDITION that
 * says to pass --server-ca.
 */
import http from 'node:http';
import https from 'node:https';
import type { IpcResult } from '../../../shared/ipc/envelope.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { isRetryableCode } from '../../../shared/errors.js';
import type { ServerUrl } from './serverUrl.js';

/** The session cookie a server sets at login (webServer.ts, sessions mode). */
export const SESSION_COOKIE = 'imp_session';

/** Largest answer accepted (an audit or counter CSV export is the biggest): 128 MiB. */
const MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

/** What a Set-Cookie header said about the session token: a new one, its removal, or nothing. */
export type CookieChange = { readonly kind: 'set'; readonly token: string } | { readonly kind: 'cleared' } | undefined;

/** One answered call. */
export interface RemoteAnswer {
  readonly status: number;
  readonly result: IpcResult<unknown>;
  readonly cookie: CookieChange;
}

/** The connection settings every call shares. */
export interface RemoteHttpOptions {
  readonly server: ServerUrl;
  /** PEM of the CA (or self-signed certificate) the server's certificate must chain to; default Node's CA list. */
  readonly ca?: string;
  /** Per call; default 60 s. */
  readonly timeoutMs?: number;
}

/** Calls a server; dispose ends every call in flight and the kept-alive sockets. */
export class RemoteHttp {
  readonly #server: ServerUrl;
  readonly #agent: http.Agent;
  readonly #timeoutMs: number;
  readonly #inFlight = new Set<http.ClientRequest>();
  #disposed = false;

  constructor(options: RemoteHttpOptions) {
    this.#server = options.server;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#agent = options.server.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: 8, ...(options.ca !== undefined ? { ca: options.ca } : {}) }) : new http.Agent({ keepAlive: true, maxSockets: 8 });
  }

  /** Posts one call; never rejects (a transport failure is an IpcResult error). */
  call(service: string, method: string, args: readonly unknown[], token: string | undefined): Promise<RemoteAnswer> {
    if (this.#disposed) return Promise.resolve(failed(0, 'PRECONDITION', 'The connection to the server is closed (the app is shutting down)'));
    let body: string;
    try {
      body = JSON.stringify(args);
    } catch {
      return Promise.resolve(failed(0, 'VALIDATION', `${service}.${method}: the arguments cannot be sent as JSON`));
    }
    const s = this.#server;
    const mod = s.protocol === 'https:' ? https : http;
    return new Promise<RemoteAnswer>((resolve) => {
      let settled = false;
      const finish = (a: RemoteAnswer) => {
        if (settled) return;
        settled = true;
        this.#inFlight.delete(req);
        resolve(a);
      };
      const req = mod.request({
        agent: this.#agent,
        protocol: s.protocol,
        hostname: s.hostname,
        port: s.port,
        method: 'POST',
        path: `/api/${encodeURIComponent(service)}/${encodeURIComponent(method)}`,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(body),
          Accept: 'application/json',
          // The server's CSRF check wants the page's own origin on a POST; this client is not a page but speaks for its own.
          Origin: s.origin,
          ...(token !== undefined ? { Authorization: `Bearer ${token}` } : {}),
        },
        timeout: this.#timeoutMs,
      });
      this.#inFlight.add(req);
      req.on('timeout', () => {
        req.destroy();
        finish(failed(0, 'POLL_TIMEOUT', `The server ${s.origin} did not answer ${service}.${method} within ${this.#timeoutMs < 10_000 ? `${this.#timeoutMs} ms` : `${Math.round(this.#timeoutMs / 1000)} s`}`));
      });
      req.on('error', (err: NodeJS.ErrnoException) => finish(transportFailure(s.origin, err, this.#disposed)));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy();
            finish(failed(res.statusCode ?? 0, 'INTERNAL', `The server's answer to ${service}.${method} is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`));
            return;
          }
          chunks.push(c);
        });
        res.on('error', (err: NodeJS.ErrnoException) => finish(transportFailure(s.origin, err, this.#disposed)));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          finish({ status, result: readResult(status, Buffer.concat(chunks).toString('utf8'), s.origin), cookie: sessionCookie(res.headers['set-cookie']) });
        });
      });
      req.end(body);
    });
  }

  /** Ends calls in flight (they answer an error) and closes the sockets. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const req of this.#inFlight) req.destroy();
    this.#inFlight.clear();
    this.#agent.destroy();
  }
}

function failed(status: number, code: ErrorCode, message: string, retryable = isRetryableCode(code)): RemoteAnswer {
  return { status, result: { ok: false, error: { code, message, retryable } }, cookie: undefined };
}

/** Node's TLS verification failures: the certificate is not trusted (or not for this name). */
const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ALTNAME|ERR_TLS/;

function transportFailure(origin: string, err: NodeJS.ErrnoException, disposed: boolean): RemoteAnswer {
  if (disposed) return failed(0, 'PRECONDITION', 'The connection to the server is closed (the app is shutting down)');
  const code = err.code ?? '';
  if (TLS_TRUST.test(code)) {
    return failed(0, 'PRECONDITION', `The server ${origin} is not trusted: ${err.message} (${code}). Pass --server-ca FILE with the certificate of the CA that signed the server's certificate (or the server's own, when self-signed)`, false);
  }
  // Refused, reset, no route, name not found, a proxy's hang-up: the server may be back in a moment.
  return failed(0, 'POLL_CONNECT', `Cannot reach the server ${origin}: ${err.message}${code !== '' && !err.message.includes(code) ? ` (${code})` : ''}`, true);
}

/** The server's IpcResult, or an error built from the HTTP status when the body is not one. */
function readResult(status: number, text: string, origin: string): IpcResult<unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    if (isIpcResult(v)) return v;
  } catch {
    // not JSON: below
  }
  const excerpt = text.trim().slice(0, 200);
  const code: ErrorCode = status === 401 ? 'AUTH_REQUIRED' : status === 403 ? 'IPC_FORBIDDEN' : status === 503 || status === 502 || status === 504 ? 'POLL_CONNECT' : 'INTERNAL';
  return { ok: false, error: { code, message: `The server ${origin} answered HTTP ${status}${excerpt ? `: ${excerpt}` : ''} (is it an IMP Monitor server?)`, retryable: isRetryableCode(code) } };
}

function isIpcResult(v: unknown): v is IpcResult<unknown> {
  if (v === null || typeof v !== 'object') return false;
  const o = v as { ok?: unknown; error?: unknown };
  if (o.ok === true) return true; // a void method's value is absent from the JSON
  if (o.ok !== false || o.error === null || typeof o.error !== 'object') return false;
  const e = o.error as { code?: unknown; message?: unknown; retryable?: unknown };
  return typeof e.code === 'string' && typeof e.message === 'string' && typeof e.retryable === 'boolean';
}

/** The session token a response's Set-Cookie headers set or clear. */
export function sessionCookie(headers: readonly string[] | undefined): CookieChange {
  let change: CookieChange;
  for (const header of headers ?? []) {
    const [pair, ...attributes] = header.split(';');
    const eq = (pair ?? '').indexOf('=');
    if (eq <= 0 || pair!.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = pair!.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [k, v] = a.split('=').map((x) => x.trim());
      if (k?.toLowerCase() === 'max-age') return Number(v) <= 0;
      if (k?.toLowerCase() === 'expires') return Date.parse(v ?? '') <= Date.now();
      return false;
    });
    change = value === '' || expired ? { kind: 'cleared' } : { kind: 'set', token: value };
  }
  return change;
}
