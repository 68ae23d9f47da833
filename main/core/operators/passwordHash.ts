/**
 * Operator passwords (issue 16 "Operators": "passwords hashed with scrypt (node:crypto)"). scrypt (RFC 7914) with
 * N=2^15, r=8, p=1 (OWASP Password Storage Cheat Sheet's scrypt floor; 32 MiB of memory per hash), a 16-byte random
 * salt and a 32-byte key, kept as `scrypt$<N>$<r>$<p>$<salt b64>$<hash b64>` so that stronger parameters can come
 * later without breaking stored hashes. Verification compares with timingSafeEqual, and a name that has no account
 * still costs one scrypt (against a fixed dummy hash) so that the time of an answer does not tell names apart.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** The parameters new hashes are made with. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, keylen: 32, saltBytes: 16 } as const;

/** Memory scrypt may use (128·N·r = 32 MiB at our parameters; Node's default maxmem of 32 MiB is just too small). */
const MAX_MEM = 64 * 1024 * 1024;

/** Bounds on the parameters read back from a stored hash (a hostile row must not make verification run for minutes). */
const MAX_LOG2_N = 20;

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCallback(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

interface Parsed {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

/** Parses a stored hash; undefined when it is not one this code made (or its parameters are out of bounds). */
function parse(stored: string): Parsed | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0)) return undefined;
  if ((N & (N - 1)) !== 0 || N < 2 || N > 2 ** MAX_LOG2_N || r > 32 || p > 16 || 128 * N * r > MAX_MEM) return undefined;
  const salt = Buffer.from(parts[4]!, 'base64');
  const hash = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return undefined;
  return { N, r, p, salt, hash };
}

/** Hashes a new password (about 50-100 ms of CPU on one libuv thread). */
export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keylen, saltBytes } = SCRYPT_PARAMS;
  const salt = randomBytes(saltBytes);
  const hash = await scrypt(password, salt, keylen, { N, r, p, maxmem: MAX_MEM });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/**
 * A hash of nothing anyone knows (a fixed salt and key, made once for this file): verifying against it costs what a
 * real verification costs and never succeeds.
 */
const DUMMY_HASH = `scrypt$${SCRYPT_PARAMS.N}$${SCRYPT_PARAMS.r}$${SCRYPT_PARAMS.p}$c2NyeXB0LWR1bW15LXNhbHQ=$QZ3m2b0dYf0q1oXr8m4bq1Jv5G8hY7cS9kT2wR6nE0U=`;

/**
 * Whether `password` matches `stored` (a hash made by hashPassword). `stored` undefined (no such account) or not a
 * hash of ours: one scrypt against the dummy hash, then false.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const parsed = stored === undefined ? undefined : parse(stored);
  const target = parsed ?? parse(DUMMY_HASH)!;
  const key = await scrypt(password, target.salt, target.hash.length, { N: target.N, r: target.r, p: target.p, maxmem: MAX_MEM });
  const same = key.length === target.hash.length && timingSafeEqual(key, target.hash);
  return parsed !== undefined && same;
}

/** Whether `stored` is a hash this code can verify (a row someone edited by hand may not be). */
export function isPasswordHash(stored: string): boolean {
  return parse(stored) !== undefined;
}
