import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt as scryptCb } from 'node:crypto';
import tar from 'tar-stream';
import { AppError } from '../../../base/errors.js';

// Backup files are encrypted and only DRS can open them (guide L10019, L10316). At backup time DRS generates
// a random key, encrypts the data with it, and encrypts that key with the cluster security password, saving
// it with the backup (L10042, L10130). Algorithms (AES-256-GCM, scrypt) are ours.

const MAGIC = Buffer.from('DRSENC01');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** scrypt cost: 2^14 (Node's default), about 50 ms. */
const SCRYPT_N = 16384;

/** A file inside a component tar. */
export interface ArchiveEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** Builds a ustar archive of `entries` (deterministic for a given `mtimeMs`). */
export async function packTar(entries: readonly ArchiveEntry[], mtimeMs: number): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name: e.name, size: e.data.length, mtime: new Date(mtimeMs), mode: 0o644, uname: 'drf', gname: 'drf' }, e.data, (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

/** Reads every regular file of a tar archive. Throws AppError VALIDATION for a corrupt archive. */
export async function unpackTar(archive: Buffer): Promise<ArchiveEntry[]> {
  const extract = tar.extract();
  const out: ArchiveEntry[] = [];
  const reading = (async () => {
    for await (const entry of extract) {
      const parts: Buffer[] = [];
      for await (const c of entry) parts.push(c as Buffer);
      if (entry.header.type === 'file') out.push({ name: entry.header.name, data: Buffer.concat(parts) });
    }
  })();
  extract.end(archive);
  try {
    await reading;
  } catch (err) {
    throw new AppError('VALIDATION', `corrupt backup archive: ${(err as Error).message}`, { cause: err });
  }
  return out;
}

/** A new random 256-bit backup key. */
export function newBackupKey(): Buffer {
  return randomBytes(32);
}

/** Encrypts `plain` with AES-256-GCM: MAGIC | iv | tag | ciphertext. */
export function encryptWithKey(plain: Buffer, key: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, iv, cipher.getAuthTag(), body]);
}

/** Reverses {@link encryptWithKey}. Throws AppError VALIDATION when the key is wrong or the data altered. */
export function decryptWithKey(sealed: Buffer, key: Buffer): Buffer {
  const head = MAGIC.length + IV_BYTES + TAG_BYTES;
  if (sealed.length < head || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) throw new AppError('VALIDATION', 'not a DRS encrypted file');
  const iv = sealed.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = sealed.subarray(MAGIC.length + IV_BYTES, head);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(head)), decipher.final()]);
  } catch (err) {
    throw new AppError('VALIDATION', 'decryption failed: wrong key or altered data', { cause: err });
  }
}

/** The backup key encrypted with a key derived from the cluster security password, as stored in the descriptor. */
export interface WrappedKey {
  /** base64 scrypt salt. */
  readonly salt: string;
  /** base64 {@link encryptWithKey} output of the backup key. */
  readonly sealed: string;
}

function deriveKek(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, 32, { N: SCRYPT_N, r: 8, p: 1 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Encrypts the backup key with the cluster security password (guide L10042). */
export async function wrapKey(key: Buffer, securityPassword: string): Promise<WrappedKey> {
  const salt = randomBytes(16);
  const kek = await deriveKek(securityPassword, salt);
  return { salt: salt.toString('base64'), sealed: encryptWithKey(key, kek).toString('base64') };
}

/** Recovers the backup key; resolves undefined when `securityPassword` is not the one used at backup time. */
export async function unwrapKey(wrapped: WrappedKey, securityPassword: string): Promise<Buffer | undefined> {
  const kek = await deriveKek(securityPassword, Buffer.from(wrapped.salt, 'base64'));
  try {
    return decryptWithKey(Buffer.from(wrapped.sealed, 'base64'), kek);
  } catch {
    return undefined;
  }
}

/** SHA-1 hex digest, for the optional file integrity check of the restore wizard (guide L10388-10394). */
export function sha1Hex(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}
