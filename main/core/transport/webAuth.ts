/**
 * Who may talk to the web mode: a random per-run token (32 bytes, base64url) carried as `Authorization: Bearer`,
 * as `?token=` on the first page load (then an HttpOnly SameSite=Strict cookie), and only from the server's own
 * origin on 127.0.0.1 (the Host check stops DNS rebinding; the Origin check stops other pages on the machine).
 * A server (`npm run server`, issue 16) uses the session cookie and the Host/Origin checks below instead.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh token: 32 random bytes, base64url (43 characters). */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The cookie holding the token; named after the port because cookies are not scoped by port. */
export function tokenCookieName(port: number): string {
  return `imp_token_${port}`;
}

/** The Set-Cookie value that stores the token for this origin only. */
export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** How a request proved itself. */
export type AuthOutcome =
  | { readonly ok: true; readonly via: 'bearer' | 'cookie' | 'query' }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

/** Checks Host, Origin and the token of a request (HTTP or WebSocket upgrade). */
export function authorize(req: IncomingMessage, url: URL, expected: { readonly token: string; readonly port: number }): AuthOutcome {
  const origin = `http://127.0.0.1:${expected.port}`;
  if (req.headers.host !== `127.0.0.1:${expected.port}`) return { ok: false, status: 403, reason: 'unexpected Host' };
  const requestOrigin = req.headers.origin;
  if (requestOrigin !== undefined && requestOrigin !== origin) return { ok: false, status: 403, reason: 'foreign Origin' };
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return { ok: false, status: 403, reason: 'cross-site request' };

  const bearer = bearerToken(req.headers.authorization);
  const candidates: Array<[string | undefined, 'bearer' | 'cookie' | 'query']> = [
    [bearer, 'bearer'],
    [url.searchParams.get('token') ?? undefined, 'query'],
    [cookieValue(req.headers.cookie, tokenCookieName(expected.port)), 'cookie'],
  ];
  const given = candidates.filter(([t]) => t !== undefined && t !== '');
  if (given.length === 0) return { ok: false, status: 401, reason: 'missing token' };
  for (const [t, via] of given) {
    if (!sameToken(t as string, expected.token)) continue;
    // A browser sends Origin with every POST and WebSocket; only a non-browser client with the bearer header may omit it.
    if (via !== 'bearer' && requestOrigin === undefined && (req.method !== 'GET' || isUpgrade(req))) {
      return { ok: false, status: 403, reason: 'missing Origin' };
    }
    return { ok: true, via };
  }
  return { ok: false, status: 401, reason: 'wrong token' };
}

function isUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The session cookie of a server (issue 16): the session token itself (32 random bytes, only its sha256 is stored),
 * HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Path=/, Secure under TLS, and a Max-Age
 * equal to the session's absolute lifetime (OWASP Session Management Cheat Sheet, "Cookies").
 */
export const SESSION_COOKIE = 'imp_session';

/** The Set-Cookie value that stores a session token. */
export function sessionCookie(token: string, options: { readonly secure: boolean; readonly maxAgeSec: number }): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict${options.secure ? '; Secure' : ''}; Max-Age=${Math.max(0, Math.floor(options.maxAgeSec))}`;
}

/** The Set-Cookie value that removes the session cookie (logout, or a cookie that names no session any more). */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}; Max-Age=0`;
}

/** A session token a request carries: `Authorization: Bearer` (non-browser clients) before the cookie. */
export function sessionTokenOf(req: IncomingMessage): { readonly token: string; readonly via: 'bearer' | 'cookie' } | undefined {
  const bearer = bearerToken(req.headers.authorization);
  if (bearer !== undefined && bearer !== '') return { token: bearer, via: 'bearer' };
  const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (cookie !== undefined && cookie !== '') return { token: cookie, via: 'cookie' };
  return undefined;
}

/** The Host and Origin values a server accepts. */
export interface ServerOrigins {
  /** Host header values (lower case), e.g. `127.0.0.1:8443`, `noc.example.com:8443`, `noc.example.com` on 443. */
  readonly hosts: ReadonlySet<string>;
  /** `http:` or `https:`. */
  readonly scheme: 'http' | 'https';
}

/**
 * The Host values of a server on `listenHost:port`: the listen address itself (unless it is the unspecified address
 * 0.0.0.0 / ::), `localhost` for a loopback listener, and every public host name (a name, or `name:port` when clients
 * reach it through another port). Browsers leave the port out on the scheme's default port.
 */
export function serverOrigins(listenHost: string, port: number, publicHosts: readonly string[], scheme: 'http' | 'https'): ServerOrigins {
  const defaultPort = scheme === 'https' ? 443 : 80;
  const hosts = new Set<string>();
  const add = (host: string, p: number) => {
    const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
    hosts.add(`${h}:${p}`.toLowerCase());
    if (p === defaultPort) hosts.add(h.toLowerCase());
  };
  if (listenHost !== '0.0.0.0' && listenHost !== '::') add(listenHost, port);
  if (listenHost === '127.0.0.1' || listenHost === '::1') add('localhost', port);
  for (const h of publicHosts) {
    const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(h);
    if (m) add(m[1] as string, Number(m[2]));
    else add(h, port);
  }
  return { hosts, scheme };
}

/**
 * The Host, Origin and Fetch-Metadata checks of a server request: Host must be one of the server's names (DNS
 * rebinding), Origin, when sent, the page's own (`scheme://Host`), and no cross-site fetch. A state-changing request
 * (POST, WebSocket) that proves itself with the cookie must carry Origin (browsers always send it there; a forged
 * form post from another site carries its own): that is the CSRF check besides SameSite=Strict.
 */
export function checkServerRequest(req: IncomingMessage, origins: ServerOrigins, credential: 'bearer' | 'cookie' | 'none'): { readonly ok: true } | { readonly ok: false; readonly reason: string } {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!origins.hosts.has(host)) return { ok: false, reason: 'unexpected Host (add the name clients use to publicHosts in the config)' };
  const requestOrigin = req.headers.origin;
  if (requestOrigin !== undefined && requestOrigin.toLowerCase() !== `${origins.scheme}://${host}`) return { ok: false, reason: 'foreign Origin' };
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return { ok: false, reason: 'cross-site request' };
  if (credential === 'cookie' && requestOrigin === undefined && (req.method !== 'GET' || isUpgrade(req))) return { ok: false, reason: 'missing Origin' };
  return { ok: true };
}
