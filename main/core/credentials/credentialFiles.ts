import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { describeIssues } from '../../../shared/validation/issues.js';
import { AppError } from '../base/errors.js';

/**
 * The file formats of this folder, one zod schema each: the trust store (pins of TLS certificates and SSH host
 * keys) and the two credential stores (AES-GCM entries of the headless store; cipher-wrapped base64 of the app's).
 * They are written by this code only (base/jsonStateFile.ts); a file that does not fit was edited or damaged, and
 * opening it fails with PRECONDITION naming the file and the field, never a value (the files hold secrets).
 */

const host = z.string().min(1, 'must not be empty').max(253, 'must be at most 253 characters');
const port = z.number().int('must be a whole number').min(1, 'must be a port from 1 to 65535').max(65_535, 'must be a port from 1 to 65535');
const pinnedAtMs = z.number().int('must be epoch milliseconds').min(0, 'must be epoch milliseconds');

/** trust.json: `{ version: 1, pins: [...] }`. */
export const trustFileSchema = z.object({
  version: z.literal(1, { error: 'must be 1' }),
  pins: z.array(
    z.discriminatedUnion(
      'kind',
      [
        z.object({ kind: z.literal('tls'), host, port, pem: z.string().includes('-----BEGIN CERTIFICATE-----', { error: 'must be a PEM certificate' }), sha256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/, 'must be a SHA-256 fingerprint AA:BB:…'), pinnedAtMs }),
        z.object({ kind: z.literal('ssh'), host, port, sha256: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'must be an OpenSSH SHA256:… fingerprint'), keyType: z.string().max(100).optional(), pinnedAtMs }),
      ],
      { error: 'must be a pin of kind "tls" or "ssh"' },
    ),
    { error: 'must be a list' },
  ),
});

const base64 = z.string({ error: 'must be base64' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

/** The headless store's credentials.json: `{ version: 1, entries: { id: { iv, tag, data } } }`. */
export const fileCredentialsSchema = z.object({
  version: z.literal(1, { error: 'must be 1' }),
  entries: z.record(z.string(), z.object({ iv: base64, tag: base64, data: base64 }, { error: 'must be an object { iv, tag, data }' }), { error: 'must be an object' }),
});

/** The app's store: `{ version: 1, entries: { id: base64 } }` (files of early versions may lack `version`). */
export const cipherCredentialsSchema = z.object({
  version: z.literal(1, { error: 'must be 1' }).optional(),
  entries: z.record(z.string(), base64, { error: 'must be an object' }).default({}),
});

/**
 * Reads and checks one of these files: PRECONDITION `<what> <path> is not valid JSON` or
 * `<what> <path>: pins[2].sha256 must be …` when it does not fit.
 */
export async function readCredentialFile<S extends z.ZodType>(path: string, what: string, schema: S): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new AppError('PRECONDITION', `${what} ${path} is not valid JSON`, { cause: err });
  }
  const r = schema.safeParse(json);
  if (!r.success) throw new AppError('PRECONDITION', `${what} ${path} has an unknown format: ${describeIssues(r.error, '(file)').join('; ')}`);
  return r.data;
}
