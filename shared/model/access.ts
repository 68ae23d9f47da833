/**
 * Who may do what (issue 16): operators with roles, sessions, and the role every API method requires
 * (shared/ipc/channels.ts API_METHODS). Pure types and rules: no Node, no DOM.
 */

/** Roles, weakest first: viewer sees everything and changes nothing (the wall screen); operator acknowledges, silences and collects traces; admin controls services, HA, DRS, clusters, rules, settings and operators. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a method requires: a role, or 'public' (no session needed: the session's own state and login). */
export type MethodRole = 'public' | Role;

const RANK: Readonly<Record<MethodRole, number>> = { public: 0, viewer: 1, operator: 2, admin: 3 };

/** Whether a caller with `have` (undefined: not logged in) may call a method that requires `need`. */
export function roleAllows(have: Role | undefined, need: MethodRole): boolean {
  if (need === 'public') return true;
  return have !== undefined && RANK[have] >= RANK[need];
}

/** Whether `s` names a role. */
export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}

/**
 * How this UI reaches its backend: `desktop` (the Electron app's own backend), `web` (`npm start -- --web`, the
 * per-run token), `server` (`npm run server`, named operators log in), `client` (the app connected to a server).
 */
export type AccessMode = 'desktop' | 'web' | 'server' | 'client';

/** Who the caller is, as the backend knows it; never taken from a request. */
export interface SessionState {
  readonly mode: AccessMode;
  /** False on a server (or a client of one) until an operator logs in; always true on desktop and web. */
  readonly loggedIn: boolean;
  /** The operator (the OS user on desktop and web). */
  readonly operator?: string;
  readonly role?: Role;
  /** The session ends then at the latest (server; a login is needed again). */
  readonly expiresAtMs?: number;
  /** The session ends after this long without a request (server). */
  readonly idleTimeoutMs?: number;
  /**
   * A server with no enabled admin account yet: every login is refused and this is the command line (run on the
   * server's machine) that creates the first one.
   */
  readonly setupCommand?: string;
  /** Client mode: the server this app is connected to (its URL). */
  readonly server?: string;
}

/** An operator account as the app shows it (never its password or hash). */
export interface OperatorView {
  readonly name: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAtMs: number;
  readonly passwordChangedAtMs: number;
  readonly lastLoginAtMs?: number;
  /** Wrong passwords in a row since the last good login. */
  readonly failedLogins: number;
  /** Locked after too many wrong passwords, until then (logins refused, even with the right password). */
  readonly lockedUntilMs?: number;
  /** Sessions open now. */
  readonly sessions: number;
}

/** A new operator account. */
export interface OperatorInput {
  readonly name: string;
  readonly role: Role;
  readonly password: string;
}

/** Operator names: letters, digits, `.`, `_`, `-`, `@`; 1-64 characters; compared case-sensitively. */
export const OPERATOR_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Shortest password accepted (NIST SP 800-63B: at least 8; we ask 10). */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted (a bound on hashing work). */
export const MAX_PASSWORD_LENGTH = 256;

/** Why a password is refused, or undefined when it is acceptable (length only, NIST SP 800-63B 5.1.1.2). */
export function passwordProblem(password: string, operatorName?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `the password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `the password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  if (operatorName !== undefined && password.toLowerCase() === operatorName.toLowerCase()) return 'the password must not be the operator name';
  return undefined;
}
