import type { ErrorCode } from '../../../shared/errors.js';
import { AppError } from '../base/errors.js';

/** The protocols a poller speaks. */
export type PollProtocol = 'snmp' | 'soap' | 'ssh';

/** The error codes a poll can end with (house-style 5.5). */
export type PollErrorCode = Extract<ErrorCode, `POLL_${string}`>;

/**
 * Why a poll of one target failed: a stable `code`, the protocol, the target (node name) and a message a user
 * can act on. `retryable` follows shared/errors.ts (timeouts, refused connections and rate limits are).
 * Each protocol builds these in exactly one file (snmpErrors.ts, soapErrors.ts, sshErrors.ts).
 */
export class PollError extends AppError {
  /** The code, narrowed to the POLL_* family. */
  declare readonly code: PollErrorCode;

  constructor(
    code: PollErrorCode,
    readonly protocol: PollProtocol,
    readonly target: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/**
 * Whether a poll's code says the target did not answer at all (timed out, or the connection was refused or cut),
 * as opposed to answering badly (refused login, rate limit, an answer we could not use): what counts against a
 * node's reachability.
 */
export function isNoAnswer(code: string | undefined): boolean {
  return code === 'POLL_TIMEOUT' || code === 'POLL_CONNECT';
}
