/**
 * Who may talk to the web mode: a random per-run token (32 bytes, base64url) carried as `Authorization: Bearer`,
 * as `?token=` on the first page load (then an HttpOnly SameSite=Strict cookie), and only from the server's own
 * origin on 127.0.0.1 (the Host check stops DNS rebinding; the Origin check stops other pages on the machine).
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
