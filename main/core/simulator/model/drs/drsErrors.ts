import type { ErrorCode } from '../../../../../shared/errors.js';
import { AppError } from '../../../base/errors.js';

/**
 * A refused DRS request. `alarm` names the DRF alarm (guide Table 42, L10702-10743) the refusal raised, so
 * callers and tests can tell a security violation from a plain validation error.
 */
export class DrsError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly alarm?: string,
  ) {
    super(code, message);
  }
}

/** Whether `text` carries a directory traversal or control characters (DRFSecurityViolation, L10724). */
export function isMaliciousPattern(text: string): boolean {
  return /(^|[\\/])\.\.([\\/]|$)/.test(text) || /[\u0000-\u001f\u007f]/.test(text) || /[;|`]/.test(text);
}
