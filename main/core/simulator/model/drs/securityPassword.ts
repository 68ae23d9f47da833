import { DrsError } from './drsErrors.js';

// Rules for a new cluster security password (`set password user security`). The guide says only that the
// security password encrypts backups and must be remembered (L10042, L10130); the rules are ours, in the
// spirit of the UC OS installer's: at least 8 characters, letters, digits and - _ . only, starting with a letter
// or digit, different from the old one.

/** Throws DrsError VALIDATION naming what is wrong with `next`. */
export function checkNewSecurityPassword(next: string, old: string): void {
  if (next.length < 8) throw new DrsError('VALIDATION', 'The password must be at least 8 characters long.');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(next)) throw new DrsError('VALIDATION', 'The password may contain only letters, digits, dash (-), underscore (_) and period (.), and must start with a letter or digit.');
  if (next === old) throw new DrsError('VALIDATION', 'The new password must differ from the old password.');
}
