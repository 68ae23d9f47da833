/**
 * The state folder and the history database are for the owner only (issue 15: they were created 0755 and 0644): the
 * folder is made 0700 and `history.db` is created 0600 before SQLite opens it — SQLite gives its -wal and -shm files
 * the database file's permissions. An existing looser folder or database is narrowed, with a warning naming it.
 * Windows has no such modes: nothing is done there.
 */
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

const OWNER_DIR = 0o700;
const OWNER_FILE = 0o600;

function narrow(path: string, mode: number, what: string, warnings: string[]): void {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if ((st.mode & 0o077) === 0) return;
  chmodSync(path, mode);
  warnings.push(`${what} ${path} had mode ${(st.mode & 0o777).toString(8)} (group or others could read it): changed to ${mode.toString(8)}`);
}

/** Makes (0700) or narrows the state folder; returns the warnings to show (one per path changed). */
export function secureStateFolder(dir: string): string[] {
  if (process.platform === 'win32') return [];
  const warnings: string[] = [];
  mkdirSync(dir, { recursive: true, mode: OWNER_DIR });
  narrow(dir, OWNER_DIR, 'the state folder', warnings);
  return warnings;
}

/**
 * Creates the database file 0600 when missing (so SQLite's -wal/-shm follow), narrows an existing one and its
 * -wal/-shm; returns the warnings.
 */
export function secureDatabaseFile(path: string): string[] {
  if (process.platform === 'win32' || path === ':memory:') return [];
  const warnings: string[] = [];
  try {
    closeSync(openSync(path, 'wx', OWNER_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  for (const p of [path, `${path}-wal`, `${path}-shm`]) narrow(p, OWNER_FILE, 'the history database', warnings);
  return warnings;
}
