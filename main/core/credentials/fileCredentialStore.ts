import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../base/errors.js';
import { MAX_CREDENTIAL_ID_LENGTH, type CredentialStore } from './credentialStore.js';
import { loadOrCreateKeyFile } from './keyFile.js';
import { JsonStateWriter } from '../base/jsonStateFile.js';
import { fileCredentialsSchema, readCredentialFile } from './credentialFiles.js';
import { assertOwnerOnly } from './secureFile.js';

/** Where the headless store keeps its key and its encrypted secrets. */
export interface FileCredentialStoreOptions {
  /** Key file (created 0600 when missing; refused when group/other can read it). */
  readonly keyPath: string;
  /** Encrypted store file (JSON, 0600). */
  readonly storePath: string;
}

interface EncryptedEntry {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

interface StoreFile {
  readonly version: 1;
  readonly entries: Record<string, EncryptedEntry>;
}

const IV_BYTES = 12; // NIST SP 800-38D: 96-bit IVs for GCM

/**
 * The headless CredentialStore: each secret encrypted with AES-256-GCM under a fresh random IV, the id bound as
 * additional authenticated data (a ciphertext moved to another id fails to decrypt). Writes are serialized and
 * atomic (temp file + rename, 0600). Errors name ids, never secrets.
 */
export class FileCredentialStore implements CredentialStore {
  readonly #key: Buffer;
  readonly #file: JsonStateWriter;
  readonly #entries: Map<string, EncryptedEntry>;

  private constructor(key: Buffer, storePath: string, entries: Map<string, EncryptedEntry>) {
    this.#key = key;
    this.#file = new JsonStateWriter(storePath);
    this.#entries = entries;
  }

  /** Opens the store, creating the key file if needed. Refuses files other users can read (PRECONDITION). */
  static async open(options: FileCredentialStoreOptions): Promise<FileCredentialStore> {
    const key = await loadOrCreateKeyFile(options.keyPath);
    const entries = new Map<string, EncryptedEntry>();
    if (await assertOwnerOnly(options.storePath, 'credential store')) {
      const parsed = await readCredentialFile(options.storePath, 'credential store', fileCredentialsSchema);
      for (const [id, e] of Object.entries(parsed.entries)) entries.set(id, e);
    }
    return new FileCredentialStore(key, options.storePath, entries);
  }

  async put(id: string, secret: string): Promise<void> {
    checkId(id);
    if (typeof secret !== 'string') throw new AppError('VALIDATION', `secret for ${id} must be a string`);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(aad(id));
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    this.#entries.set(id, {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    });
    await this.#save();
  }

  async get(id: string): Promise<string | undefined> {
    checkId(id);
    const e = this.#entries.get(id);
    if (!e) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(e.iv, 'base64'));
      decipher.setAAD(aad(id));
      decipher.setAuthTag(Buffer.from(e.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(e.data, 'base64')), decipher.final()]).toString('utf8');
    } catch (err) {
      // Wrong key file, or the entry was tampered with / moved: say so without any bytes of it.
      throw new AppError('PRECONDITION', `credential ${id} cannot be decrypted with this key file`, { cause: err });
    }
  }

  async delete(id: string): Promise<boolean> {
    checkId(id);
    const had = this.#entries.delete(id);
    if (had) await this.#save();
    return had;
  }

  async list(): Promise<string[]> {
    return [...this.#entries.keys()].sort();
  }

  /** Saves the entries (atomic, 0600, serialized: the latest entries win). */
  #save(): Promise<void> {
    return this.#file.write((): StoreFile => ({ version: 1, entries: Object.fromEntries(this.#entries) }));
  }
}

function aad(id: string): Buffer {
  return Buffer.from(`imp-monitor credential v1\u0000${id}`, 'utf8');
}

function checkId(id: string): void {
  if (typeof id !== 'string' || id === '' || id.length > MAX_CREDENTIAL_ID_LENGTH || /[\u0000-\u001f]/.test(id)) {
    throw new AppError('VALIDATION', `credential id must be 1..${MAX_CREDENTIAL_ID_LENGTH} printable characters`);
  }
}
