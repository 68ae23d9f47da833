/**
 * The renderer's view of a failed call: the stable code, message and retryable flag of the envelope's error
 * (shared/errors.ts), whatever shape the thrown value has.
 */
import type { ErrorCode } from '../../shared/errors.js';

/** What an error state shows: code, message and whether a retry button makes sense. */
export interface ErrorInfo {
  readonly code: ErrorCode | 'UNKNOWN';
  readonly message: string;
  readonly retryable: boolean;
}

/** Returns the ErrorInfo of a thrown value (IpcError carries `payload`; others fall back to UNKNOWN). */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (typeof err === 'object' && err !== null) {
    const holder = err as { payload?: unknown; code?: unknown; message?: unknown; retryable?: unknown };
    const source = (typeof holder.payload === 'object' && holder.payload !== null ? holder.payload : holder) as {
      code?: unknown;
      message?: unknown;
      retryable?: unknown;
    };
    if (typeof source.code === 'string') {
      return {
        code: source.code as ErrorCode,
        message: typeof source.message === 'string' ? source.message : String(holder.message ?? ''),
        retryable: source.retryable === true,
      };
    }
    if (typeof holder.message === 'string') return { code: 'UNKNOWN', message: holder.message, retryable: true };
  }
  return { code: 'UNKNOWN', message: String(err), retryable: true };
}
