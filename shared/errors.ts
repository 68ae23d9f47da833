/**
 * Stable error codes shared by main and renderer (house-style.md 5.5, after undici's `UND_ERR_*`).
 * A code never changes meaning once released; add new ones instead.
 */
export type ErrorCode =
  | 'POLL_TIMEOUT'
  | 'POLL_CONNECT'
  | 'POLL_AUTH'
  | 'POLL_PROTOCOL'
  | 'POLL_PARSE'
  | 'POLL_RATE_LIMIT'
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION'
  | 'IPC_FORBIDDEN'
  | 'SIM_PROFILE'
  | 'SIM_SCENARIO'
  /** The history database is locked by another writer; the write is kept and retried later. */
  | 'STORAGE_BUSY'
  /** The disk at a destination is full (ENOSPC/EDQUOT): what was written stays, and the work resumes once there is space. */
  | 'DISK_FULL'
  /** No session, or it expired or was ended: log in (again). */
  | 'AUTH_REQUIRED'
  /** The caller's role may not do this (shared/ipc/channels.ts says which role each method needs). */
  | 'ROLE_FORBIDDEN'
  /** Wrong operator name or password (the same words for both). */
  | 'AUTH_FAILED'
  /** Too many wrong passwords: the account is locked for a while. */
  | 'ACCOUNT_LOCKED'
  | 'INTERNAL';

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['POLL_TIMEOUT', 'POLL_CONNECT', 'POLL_RATE_LIMIT', 'STORAGE_BUSY']);

/** Returns whether an operation that failed with `code` may succeed if tried again unchanged. */
export function isRetryableCode(code: ErrorCode): boolean {
  return RETRYABLE.has(code);
}

/** The plain-data form of an error, safe to send over IPC or JSON. */
export interface ErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}
