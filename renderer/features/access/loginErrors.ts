/**
 * The words of a refused login or password change in the UI language: AUTH_FAILED (the same words for a wrong name
 * and a wrong password), ACCOUNT_LOCKED with the time the server named ("locked until HH:MM"), the password rules of
 * shared/model/access.ts. The backend's own words are shown under ours when they add something.
 */
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../shared/model/access.js';
import type { ErrorInfo } from '../../app/errorInfo.js';
import type { TranslateFn } from '../../i18n/useT.js';

/** A message and the backend's detail (undefined when ours says it all). */
export interface LoginProblem {
  readonly text: string;
  readonly detail?: string;
}

/** The time in a lockout message ("locked until 14:05 after 5 wrong passwords"), if there is one. */
export function lockedUntil(message: string): string | undefined {
  return /until\s+(\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:UTC|GMT|[+-]\d{2}:?\d{2}|[A-Z]{2,5}\b))?)/.exec(message)?.[1];
}

/** What the login page shows for a refused login (`setupShown`: the page already shows the setup command line). */
export function loginProblem(err: ErrorInfo, t: TranslateFn, setupShown = false): LoginProblem {
  if (err.code === 'PRECONDITION' && setupShown) return { text: t('access.login.noAdminRefused') };
  if (err.code === 'AUTH_FAILED') return { text: t('access.login.failed') };
  if (err.code === 'ACCOUNT_LOCKED') {
    const time = lockedUntil(err.message);
    return time ? { text: t('access.login.locked', { time }) } : { text: t('access.login.lockedNoTime'), detail: err.message };
  }
  if (err.code === 'VALIDATION' || err.code === 'PRECONDITION') return { text: err.message };
  return { text: t('access.login.unreachable', { message: err.message }), detail: err.code };
}

/** Why a new password is refused before it is sent (the backend checks again), or undefined. */
export function newPasswordProblem(next: string, again: string, operator: string | undefined, t: TranslateFn): string | undefined {
  if (next.length < MIN_PASSWORD_LENGTH) return t('access.pw.tooShort', { min: MIN_PASSWORD_LENGTH });
  if (next.length > MAX_PASSWORD_LENGTH) return t('access.pw.tooLong', { max: MAX_PASSWORD_LENGTH });
  if (operator !== undefined && next.toLowerCase() === operator.toLowerCase()) return t('access.pw.isName');
  if (next !== again) return t('access.pw.mismatch');
  return undefined;
}
