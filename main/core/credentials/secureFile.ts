import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { AppError } from '../base/errors.js';

/** Mode of every file this folder writes: owner read/write only. */
export const OWNER_ONLY_MODE = 0o600;

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

/**
 * Writes `data` to `path` atomically with mode 0600: a temp file in the same folder (created 0600, fsynced),
 * then rename over the target.
 */
export async function writeOwnerOnlyFile(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', OWNER_ONLY_MODE);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await chmod(tmp, OWNER_ONLY_MODE); // in case a umask-less platform widened it
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
