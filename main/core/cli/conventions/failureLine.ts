import { AppError } from '../../base/errors.js';

/**
 * One line for a failed verb (exit code 1): the error's stable code and its message, with a multi-line message
 * (a config's list of invalid fields) joined by "; " so scripts can read stderr line by line.
 */
export function failureLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const text = message
    .split('\n')
    .map((l) => l.trim().replace(/^- /, ''))
    .filter((l) => l !== '')
    .join('; ')
    .replace(/:; /g, ': ');
  return err instanceof AppError ? `${err.code}: ${text}` : text;
}
