import type { CredentialStore } from './credentialStore.js';
import { JsonStateWriter } from '../base/jsonStateFile.js';
import { cipherCredentialsSchema, readCredentialFile } from './credentialFiles.js';
import { assertOwnerOnly } from './secureFile.js';

/** Encrypts and decrypts secrets with a key the process never sees (Electron safeStorage: DPAPI, Keychain, libsecret). */
export interface SecretCipher {
  encrypt(plain: string): Uint8Array;
  decrypt(cipher: Uint8Array): string;
}

/**
 * A CredentialStore whose secrets are encrypted by an injected cipher (the Electron app passes safeStorage) and
 * kept as base64 in a JSON file with mode 0600. Plain Node: the Electron adapter lives in main/app.
 */
export class CipherCredentialStore implements CredentialStore {
  readonly #file: JsonStateWriter;

  private constructor(
    private readonly cipher: SecretCipher,
    path: string,
    private readonly entries: Map<string, string>,
  ) {
    this.#file = new JsonStateWriter(path);
  }

  /** Opens (or creates on first write) the store file; refuses a file other users can read. */
  static async open(cipher: SecretCipher, path: string): Promise<CipherCredentialStore> {
    const entries = new Map<string, string>();
    if (await assertOwnerOnly(path, 'credential store')) {
      const parsed = await readCredentialFile(path, 'credential store', cipherCredentialsSchema);
      for (const [id, value] of Object.entries(parsed.entries)) entries.set(id, value);
    }
    return new CipherCredentialStore(cipher, path, entries);
  }

  async put(id: string, secret: string): Promise<void> {
    this.entries.set(id, Buffer.from(this.cipher.encrypt(secret)).toString('base64'));
    await this.#save();
  }

  async get(id: string): Promise<string | undefined> {
    const value = this.entries.get(id);
    return value === undefined ? undefined : this.cipher.decrypt(Buffer.from(value, 'base64'));
  }

  async delete(id: string): Promise<boolean> {
    const had = this.entries.delete(id);
    if (had) await this.#save();
    return had;
  }

  async list(): Promise<string[]> {
    return [...this.entries.keys()].sort();
  }

  /** Saves the entries (atomic, 0600, serialized: two saves never interleave, the latest entries win). */
  #save(): Promise<void> {
    return this.#file.write(() => ({ version: 1, entries: Object.fromEntries(this.entries) }));
  }
}
