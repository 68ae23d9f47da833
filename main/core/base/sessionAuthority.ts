/**
 * The port between a server's web layer (transport/webServer.ts) and the operators' sessions (issue 16):
 * main/core/operators/sessionAuthority.ts implements it over the operator and session tables of history.db (scrypt
 * hashes, idle and absolute expiry, lockout). It lives in base, below both, so that each side names the one
 * declaration. The web server never sees a password hash; it hands the token of the HttpOnly cookie here and gets a
 * Caller back.
 */
import type { ErrorPayload } from '../../../shared/errors.js';
import type { SessionState } from '../../../shared/model/access.js';
import type { Caller } from './callerContext.js';

/** Where a request came from. */
export interface RequestOrigin {
  /** The client's address (req.socket.remoteAddress). */
  readonly address?: string;
}

/** A login's outcome: a fresh session token (sent once, in the cookie) or the refusal (already audited). */
export type LoginOutcome =
  | { readonly ok: true; readonly token: string; readonly state: SessionState }
  | { readonly ok: false; readonly error: ErrorPayload };

/** Sessions of named operators. Every method audits what it does (logins, failed logins, lockouts, logouts, password changes). */
export interface SessionAuthority {
  /** Checks the name and password (a wrong name and a wrong password answer the same), the lockout and the account. */
  login(name: string, password: string, from: RequestOrigin): Promise<LoginOutcome>;
  /**
   * The caller a session token stands for (role read now, so a role change applies at once), or undefined when the
   * token is unknown, expired (idle or absolute), ended, or its account disabled. A good token counts as activity.
   */
  resolve(token: string, from: RequestOrigin): Caller | undefined;
  /** Ends the session of this token (nothing happens for an unknown one). */
  logout(token: string, from: RequestOrigin): Promise<void>;
  /** Changes the token's operator's password (checks the current one); the operator's other sessions end. */
  changePassword(token: string, current: string, next: string, from: RequestOrigin): Promise<void>;
  /** The state of this token's session, or not logged in (with `setupCommand` while no enabled admin exists). */
  state(token: string | undefined): SessionState;
  /** The absolute lifetime of a session (the cookie's Max-Age). */
  readonly maxAgeMs: number;
  /** Whether any enabled admin account exists (the server prints the setup line at start when not). */
  hasAdmin(): boolean;
}
