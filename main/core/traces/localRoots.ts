/**
 * Where a server's trace methods may read and write local files (issue 16). On the desktop and in `--web` mode the
 * caller is the OS user who runs the app: any folder of theirs is theirs. On a server the caller is an operator of
 * the team, and the server's own files are not theirs: the data folder holds credentials.key and credentials.json
 * (every cluster password, the audit log's HMAC key), history.db, the password hashes. Reading one through the log
 * viewer (traces.openLog + readLines), Local Browse or a bundle path, or writing a collection into one, would give an
 * operator the admin's secrets and the means to rewrite the audit chain. So a server confines local paths to its
 * bundle folders (the wizard's default `<data-dir>/bundles`, and trace downloads on alert `<data-dir>/traces/alarms`).
 * Symbolic links are followed (realpath of the path, or of its nearest existing folder for one still to be made).
 */
import { join } from 'node:path';
import { AppError } from '../base/errors.js';
import { insideRoots } from '../base/pathRoots.js';

export { insideRoots } from '../base/pathRoots.js';

/** A server's local trace roots under its data folder: `<data-dir>/bundles` and `<data-dir>/traces/alarms`. */
export function serverLocalRoots(stateDir: string): string[] {
  return [join(stateDir, 'bundles'), join(stateDir, 'traces', 'alarms')];
}

/** Throws IPC_FORBIDDEN when `roots` are set and `path` is outside them. */
export function requireInsideRoots(path: string, roots: readonly string[] | undefined, what: string): void {
  if (roots === undefined || insideRoots(path, roots)) return;
  throw new AppError('IPC_FORBIDDEN', `On a server the ${what} must be inside ${roots.join(' or ')} (the server's other files are not open to operators); got ${path}`, { retryable: false });
}
