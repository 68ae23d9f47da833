import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../base/errors.js';
import { assertOwnerOnly, OWNER_ONLY_MODE } from './secureFile.js';

/** Bytes of an AES-256 key. */
export const KEY_BYTES = 32;

/**
 * Loads the headless store's key, creating it (32 random bytes, hex, mode 0600, exclusive create) when missing.
 * Refuses (AppError PRECONDITION) a key file readable by group or others, owned by someone else, or not holding
 * exactly a 256-bit key.
 */
export async function loadOrCreateKeyFile(path: string): Promise<Buffer> {
  if (!(await assertOwnerOnly(path, 'key file'))) {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    try {
      const fh = await open(path, 'wx', OWNER_ONLY_MODE);
      try {
        await fh.writeFile(`${randomBytes(KEY_BYTES).toString('hex')}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
    } catch (err) {
      // Another process created it first: use theirs (checked below).
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    await assertOwnerOnly(path, 'key file');
  }
  const text = (await readFile(path, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new AppError('PRECONDITION', `key file ${path} does not hold a 256-bit hex key`);
  }
  return Buffer.from(text, 'hex');
}
