/**
 * The sessions of a server's named operators (issue 16 "Operators"): login with scrypt-checked passwords, idle and
 * absolute expiry, a lockout after repeated wrong passwords, logout and password change, each audited. It
 * implements base's SessionAuthority port (base/sessionAuthority.ts), which the server's web layer uses.
 *
 * - Token: 32 random bytes, base64url (256 bits; OWASP Session Management: at least 64 bits of entropy); only its
 *   sha256 is stored, so the database file never holds a usable session.
 * - Expiry: idle (no request for idleTimeoutMs) and absolute (maxAgeMs after login; OWASP "absolute timeout").
 *   `resolve` records activity at most every 30 s (a write per request would be wasteful) and reads the role now,
 *   so a role change made meanwhile applies at the next request (the change also ends the sessions).
 * - Lockout: the maxFailures-th wrong password in a row locks the account until now + lockMs (NIST SP 800-63B
 *   5.2.2); while locked even the right password is refused; a good login starts the count over. An unknown name
 *   and a disabled account answer as a wrong password does, after the same scrypt cost.
 * - No enabled admin: every login is refused with the setup command line (the first admin is made on the server's
 *   machine, never from an open web page).
 */
import { randomBytes } from 'node:crypto';
import type { ErrorCode, ErrorPayload } from '../../../shared/errors.js';
import { MAX_PASSWORD_LENGTH, OPERATOR_NAME_PATTERN, passwordProblem, type Role, type SessionState } from '../../../shared/model/access.js';
import type { AuditEntryInput, AuditResult } from '../../../shared/model/audit.js';
import type { AuditSink } from '../base/callerContext.js';
import type { LoginOutcome, RequestOrigin, SessionAuthority } from '../base/sessionAuthority.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import type { OperatorAccount, OperatorStore, SessionRecord } from './operatorStore.js';
import { tokenHash } from './operatorStore.js';
import { hashPassword, verifyPassword } from './passwordHash.js';
import { sessionPolicy, type SessionPolicy } from './sessionPolicy.js';

/** Activity is written at most this often per session. */
export const TOUCH_INTERVAL_MS = 30_000;

/** The words of every refused name/password pair (which of the two was wrong is not told). */
export const WRONG_CREDENTIALS = 'Wrong operator name or password';

/** A session token as this authority makes them: 32 bytes in base64url. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What createSessionAuthority builds: base's SessionAuthority port, and the policy in force. */
export interface OperatorSessions extends SessionAuthority {
  /** The policy in force (the server prints it; tests read it). */
  readonly policy: SessionPolicy;
}

export interface SessionAuthorityOptions {
  readonly store: OperatorStore;
  readonly audit: AuditSink;
  readonly policy?: Partial<SessionPolicy>;
  /** The command line that creates the first admin (shown while no enabled admin exists). */
  readonly setupCommand: string;
  readonly now?: () => number;
}

/** `HH:MM UTC` of a time (the lock message). */
function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

function payload(code: ErrorCode, message: string): ErrorPayload {
  return { code, message, retryable: false };
}

/** Builds the session authority over `store`. */
export function createSessionAuthority(options: SessionAuthorityOptions): OperatorSessions {
  const { store, audit, setupCommand } = options;
  const policy = sessionPolicy(options.policy);
  const now = options.now ?? Date.now;

  const record = (entry: Omit<AuditEntryInput, 'source'>): Promise<unknown> =>
    audit.append({ source: 'server', ...entry }).catch((err: unknown) => console.error(`[audit] append failed: ${(err as Error).message}`));

  const fromFields = (from: RequestOrigin): { address?: string } => (from.address !== undefined ? { address: from.address } : {});

  const noAdminMessage = (): string =>
    `No admin account exists yet, so every login is refused. On the server's machine, create one with: ${setupCommand}`;

  const lockedMessage = (until: number): string =>
    `This account is locked until ${clock(until)} after ${policy.maxFailures} wrong passwords; an admin can unlock it`;

  /** The session of a token when it is open and its account usable; an expired one is ended (and audited) once. */
  const active = (token: string | undefined, from: RequestOrigin): { session: SessionRecord; account: OperatorAccount } | undefined => {
    if (token === undefined || !TOKEN_PATTERN.test(token)) return undefined;
    const session = store.sessionByTokenHash(tokenHash(token));
    if (!session || session.endedAtMs !== undefined) return undefined;
    const t = now();
    const why = t >= session.expiresAtMs ? 'max age' : t - session.lastSeenMs >= policy.idleTimeoutMs ? 'idle' : undefined;
    const account = store.account(session.operator);
    if (why !== undefined) {
      let ended = false;
      try {
        ended = store.endSession(session.id, 'expired');
      } catch {
        // Another process holds the lock: the session is refused now and ended at the next request.
      }
      if (ended) {
        void record({
          operator: session.operator,
          role: account?.role ?? 'none',
          ...fromFields(from),
          action: 'session.expired',
          target: session.operator,
          params: { sessionId: session.id, reason: why },
          result: 'ok',
          message: why === 'idle' ? `no request for ${Math.round(policy.idleTimeoutMs / 60_000)} min` : `${Math.round(policy.maxAgeMs / 60_000)} min after login`,
        });
      }
      return undefined;
    }
    if (!account || account.disabled) return undefined;
    return { session, account };
  };

  const loggedIn = (session: SessionRecord, account: OperatorAccount): SessionState => ({
    mode: 'server',
    loggedIn: true,
    operator: account.name,
    role: account.role,
    expiresAtMs: session.expiresAtMs,
    idleTimeoutMs: policy.idleTimeoutMs,
    ...(store.hasEnabledAdmin() ? {} : { setupCommand }),
  });

  const refuseLogin = async (name: string, role: Role | 'none', from: RequestOrigin, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): Promise<LoginOutcome> => {
    await record({ operator: name.slice(0, 64) || '-', role, ...fromFields(from), action: 'session.login', target: name.slice(0, 64), params: extra, result: 'refused', errorCode: code, message });
    return { ok: false, error: payload(code, message) };
  };

  /** Counts a wrong password; audits the lock when this one started it. Returns the lock's end, if any. */
  const countFailure = async (account: OperatorAccount, from: RequestOrigin): Promise<number | undefined> => {
    const { failures, lockedUntilMs, lockedNow } = store.recordFailedLogin(account.name, policy.maxFailures, policy.lockMs);
    if (lockedNow && lockedUntilMs !== undefined) {
      await record({
        operator: account.name,
        role: account.role,
        ...fromFields(from),
        action: 'session.lockout',
        target: account.name,
        params: { failures, lockedUntilMs },
        result: 'refused',
        errorCode: 'ACCOUNT_LOCKED',
        message: lockedMessage(lockedUntilMs),
      });
    }
    return lockedUntilMs;
  };

  const attempt = async (name: string, password: string, from: RequestOrigin): Promise<LoginOutcome> => {
    if (!store.hasEnabledAdmin()) return refuseLogin(name, 'none', from, 'PRECONDITION', noAdminMessage());
    const wellFormed = OPERATOR_NAME_PATTERN.test(name) && password.length <= MAX_PASSWORD_LENGTH;
    const account = wellFormed ? store.account(name) : undefined;
    // One scrypt whatever the name: an unknown name takes as long as a wrong password.
    const good = await verifyPassword(wellFormed ? password : '', account?.passwordHash);
    if (account && !account.disabled && account.lockedUntilMs !== undefined && account.lockedUntilMs > now()) {
      return refuseLogin(name, 'none', from, 'ACCOUNT_LOCKED', lockedMessage(account.lockedUntilMs));
    }
    if (!account || account.disabled || !good) {
      if (account && !account.disabled) {
        const lockedUntil = await countFailure(account, from);
        if (lockedUntil !== undefined) return refuseLogin(name, 'none', from, 'ACCOUNT_LOCKED', `${WRONG_CREDENTIALS}. ${lockedMessage(lockedUntil)}`);
      }
      return refuseLogin(name, 'none', from, 'AUTH_FAILED', WRONG_CREDENTIALS, account?.disabled ? { disabled: true } : {});
    }
    store.recordGoodLogin(account.name);
    const token = randomBytes(32).toString('base64url');
    const session = store.openSession(account.name, tokenHash(token), policy.maxAgeMs, from.address);
    await record({ operator: account.name, role: account.role, ...fromFields(from), action: 'session.login', target: account.name, params: { sessionId: session.id }, result: 'ok' });
    return { ok: true, token, state: loggedIn(session, account) };
  };

  const authority: OperatorSessions = {
    policy,
    maxAgeMs: policy.maxAgeMs,
    hasAdmin: () => store.hasEnabledAdmin(),

    async login(name, password, from) {
      try {
        return await attempt(name, password, from);
      } catch (err) {
        // The database refused (another process held its lock for seconds): answered as a refusal the person may retry.
        const p = toErrorPayload(err);
        return { ok: false, error: { ...p, message: `The login could not be checked: ${p.message}` } };
      }
    },

    resolve(token, from) {
      const found = active(token, from);
      if (!found) return undefined;
      const { session, account } = found;
      if (now() - session.lastSeenMs >= TOUCH_INTERVAL_MS) store.touchSession(session.id);
      return { operator: account.name, role: account.role, source: 'server', ...fromFields(from), sessionId: session.id };
    },

    async logout(token, from) {
      const found = active(token, from);
      if (!found) return;
      if (store.endSession(found.session.id, 'logout')) {
        await record({ operator: found.account.name, role: found.account.role, ...fromFields(from), action: 'session.logout', target: found.account.name, params: { sessionId: found.session.id }, result: 'ok' });
      }
    },

    async changePassword(token, current, next, from) {
      const found = active(token, from);
      if (!found) throw new AppError('AUTH_REQUIRED', 'Log in first: the session has ended', { retryable: false });
      const { session, account } = found;
      const fail = async (result: AuditResult, code: ErrorCode, message: string): Promise<never> => {
        await record({ operator: account.name, role: account.role, ...fromFields(from), action: 'session.changePassword', target: account.name, params: { sessionId: session.id }, result, errorCode: code, message });
        throw new AppError(code, message, { retryable: false });
      };
      if (account.lockedUntilMs !== undefined && account.lockedUntilMs > now()) return fail('refused', 'ACCOUNT_LOCKED', lockedMessage(account.lockedUntilMs));
      if (current.length > MAX_PASSWORD_LENGTH || !(await verifyPassword(current, account.passwordHash))) {
        // A wrong current password counts as a wrong login: a stolen session cannot guess the password at leisure.
        const lockedUntil = await countFailure(account, from);
        return fail('failed', 'AUTH_FAILED', `The current password is wrong; nothing was changed${lockedUntil !== undefined ? `. ${lockedMessage(lockedUntil)}` : ''}`);
      }
      const problem = passwordProblem(next, account.name);
      if (problem) return fail('failed', 'VALIDATION', `The new password is refused: ${problem}; nothing was changed`);
      store.setPasswordHash(account.name, await hashPassword(next), 'password changed', session.id);
      await record({ operator: account.name, role: account.role, ...fromFields(from), action: 'session.changePassword', target: account.name, params: { sessionId: session.id }, result: 'ok', message: 'the other sessions of this operator ended' });
    },

    state(token) {
      const found = active(token, {});
      if (found) return loggedIn(found.session, found.account);
      return { mode: 'server', loggedIn: false, idleTimeoutMs: policy.idleTimeoutMs, ...(store.hasEnabledAdmin() ? {} : { setupCommand }) };
    },
  };
  return authority;
}
