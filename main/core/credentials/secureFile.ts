import { stat } from 'node:fs/promises';
import { AppError } from '../base/errors.js';

/** Mode of every file this folder writes: owner read/write only (files are written by base/jsonStateFile.ts). */
export { OWNER_ONLY_MODE } from '../base/jsonStateFile.js';

/**
 * Throws AppError('PRECONDITION') when the file is readable or writable by group or others (a key or secret file
 * another user could read), or is not a regular file. Does nothing when the file is missing.
 */
export async function assertOwnerOnly(path: string, what: string): Promise<boolean> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new AppError('PRECONDITION', `cannot read ${what} ${path}: ${(err as NodeJS.ErrnoException).code}`, { cause: err });
  }
  if (!st.isFile()) throw new AppError('PRECONDITION', `${what} ${path} is not a regular file`);
  if ((st.mode & 0o077) !== 0) {
    throw new AppError(
      'PRECONDITION',
      `${what} ${path} has mode ${(st.mode & 0o777).toString(8)}: it must not be accessible by group or others (chmod 600)`,
    );
  }
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
    throw new AppError('PRECONDITION', `${what} ${path} belongs to uid ${st.uid}, not to this user`);
  }
  return true;
}
