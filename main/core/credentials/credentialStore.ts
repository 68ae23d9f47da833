/**
 * Where secrets live (passwords, SNMPv3 keys, community strings). The renderer only ever sees ids; the secret
 * stays in main. Implementations: `FileCredentialStore` (headless, AES-256-GCM with a 0600 key file) here, the
 * Electron safeStorage one in main/app later. No implementation logs a secret or puts it in an error message.
 */
export interface CredentialStore {
  /** Stores (or replaces) the secret under `id`. */
  put(id: string, secret: string): Promise<void>;
  /** The secret under `id`, or undefined. */
  get(id: string): Promise<string | undefined>;
  /** Removes the secret; returns whether there was one. */
  delete(id: string): Promise<boolean>;
  /** The ids held, sorted. */
  list(): Promise<string[]>;
}

/** Most characters of a credential id (ids are like "cluster1/soap" or a UUID). */
export const MAX_CREDENTIAL_ID_LENGTH = 200;
