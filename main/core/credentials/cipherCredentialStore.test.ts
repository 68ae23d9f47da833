import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CipherCredentialStore, type SecretCipher } from './cipherCredentialStore.js';

/** A real cipher (AES-256-GCM with a key held outside the store), standing in for safeStorage's OS key store. */
function aesCipher(): SecretCipher {
  const key = randomBytes(32);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(data) {
      const b = Buffer.from(data);
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('CipherCredentialStore', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps secrets encrypted at rest in a 0600 file and reads them back after reopening', async () => {
    dir = await mkdtemp(join(tmpdir(), 'imp-cred-'));
    const path = join(dir, 'credentials.json');
    const cipher = aesCipher();
    const store = await CipherCredentialStore.open(cipher, path);
    await store.put('lab/admin', 'S3cret-Admin!');
    expect((await readFile(path, 'utf8')).includes('S3cret-Admin!')).toBe(false);
    expect((await stat(path)).mode & 0o077).toBe(0);
    const again = await CipherCredentialStore.open(cipher, path);
    expect(await again.get('lab/admin')).toBe('S3cret-Admin!');
    expect(await again.list()).toEqual(['lab/admin']);
    expect(await again.delete('lab/admin')).toBe(true);
    expect(await again.get('lab/admin')).toBeUndefined();
  });
});
