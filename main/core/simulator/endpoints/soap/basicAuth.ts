import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';

/** A user allowed to call the node's web services. */
export interface SoapCredential {
  readonly username: string;
  readonly password: string;
}

/** The realm of the 401 challenge ([I]: the exact realm Tomcat uses on UC nodes is not in the reference). */
export const BASIC_REALM = 'Cisco Serviceability';
/** The single-sign-on cookie clients reuse between polls (reference B.0, [T] POKORNY). */
export const SSO_COOKIE = 'JSESSIONIDSSO';

const MAX_SSO_SESSIONS = 1024;

/**
 * HTTP Basic authentication (reference B.0) plus the `JSESSIONIDSSO` cookie a successful login is given,
 * so a client may poll with the cookie instead of credentials.
 */
export class BasicAuthenticator {
  readonly #users: ReadonlyMap<string, Buffer>;
  readonly #sso = new Map<string, string>();

  constructor(credentials: readonly SoapCredential[]) {
    this.#users = new Map(credentials.map((c) => [c.username, digest(c.password)]));
  }

  /**
   * The user the request authenticates as, or undefined. `authorization` and `cookie` are the raw headers.
   * A new SSO cookie value is returned in `issueCookie` when Basic credentials were used.
   */
  authenticate(authorization: string | undefined, cookie: string | undefined): { user: string; issueCookie?: string } | undefined {
    const basic = parseBasic(authorization);
    if (basic) {
      const expected = this.#users.get(basic.username);
      if (!expected || !timingSafeEqual(expected, digest(basic.password))) return undefined;
      return { user: basic.username, issueCookie: this.#issue(basic.username) };
    }
    const token = readCookie(cookie, SSO_COOKIE);
    const user = token === undefined ? undefined : this.#sso.get(token);
    return user === undefined ? undefined : { user };
  }

  #issue(user: string): string {
    const token = randomBytes(16).toString('hex').toUpperCase();
    if (this.#sso.size >= MAX_SSO_SESSIONS) {
      const oldest = this.#sso.keys().next().value;
      if (oldest !== undefined) this.#sso.delete(oldest);
    }
    this.#sso.set(token, user);
    return token;
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Decodes `Basic base64(user:password)`; undefined when absent or malformed. */
export function parseBasic(header: string | undefined): { username: string; password: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
