import { isRetryableCode, type ErrorCode, type ErrorPayload } from '../../../shared/errors.js';

/** The one base class of our errors: a stable `code` and a `retryable` flag (undici, Alertmanager). */
export class AppError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retryable = options?.retryable ?? isRetryableCode(code);
  }
}

/** Converts anything thrown into the plain payload form; unknown errors become INTERNAL. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return { code: err.code, message: err.message, retryable: err.retryable };
  const message = err instanceof Error ? err.message : String(err);
  // better-sqlite3's SqliteError when another process holds the database (history and alarm writes do not wait
  // for a lock): the person may simply try again.
  const sqlite = (err as { code?: unknown } | null)?.code;
  if (sqlite === 'SQLITE_BUSY' || sqlite === 'SQLITE_LOCKED') return { code: 'STORAGE_BUSY', message: `The database is busy (another process holds it): ${message}`, retryable: true };
  return { code: 'INTERNAL', message, retryable: false };
}
