/**
 * How long a server session lives and how many wrong passwords lock an account (issue 16 "sessions that expire, a
 * lockout after repeated failures"). Defaults: OWASP Session Management Cheat Sheet (idle 15-30 min for a
 * low-risk application, an absolute lifetime of a working shift) and NIST SP 800-63B 5.2.2 (throttle online
 * guessing: a few failures, then a wait). The server's config overrides them (sessions.idleTimeoutSec,
 * maxAgeSec; lockout.maxFailures, lockSec).
 */
import { AppError } from '../base/errors.js';

export interface SessionPolicy {
  /** A session without a request for this long ends (default 30 min). */
  readonly idleTimeoutMs: number;
  /** A session ends this long after its login whatever happens (default 12 h; the cookie's Max-Age). */
  readonly maxAgeMs: number;
  /** Wrong passwords in a row that lock an account (default 5). */
  readonly maxFailures: number;
  /** How long a lock lasts (default 15 min; an admin may lift it sooner). */
  readonly lockMs: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleTimeoutMs: 30 * 60_000,
  maxAgeMs: 12 * 3_600_000,
  maxFailures: 5,
  lockMs: 15 * 60_000,
};

/** The defaults with `partial`'s values; VALIDATION naming the field when one is not a positive whole number. */
export function sessionPolicy(partial: Partial<SessionPolicy> = {}): SessionPolicy {
  const policy: SessionPolicy = { ...DEFAULT_SESSION_POLICY, ...Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined)) };
  for (const [key, value] of Object.entries(policy)) {
    if (!Number.isSafeInteger(value) || (value as number) < 1) throw new AppError('VALIDATION', `session policy ${key} must be a positive whole number, not ${String(value)}`);
  }
  return policy;
}
