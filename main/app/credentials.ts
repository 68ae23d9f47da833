/**
 * safeStorage-backed encryption of stored credentials (house-style.md 5.4: credentials stay in main; fiddle and
 * vscode's EncryptionMainService use safeStorage). main/core/credentials persists the ciphertext; this adapter
 * only encrypts and decrypts, with the OS keychain (DPAPI, Keychain, libsecret/kwallet).
 */
import { safeStorage } from 'electron';
import { AppError } from '../core/base/errors.js';
import type { SecretCipher as CoreSecretCipher } from '../core/credentials/cipherCredentialStore.js';

/** The core's cipher (main/core/credentials/cipherCredentialStore.ts) plus what only the OS key store can tell. */
export interface SecretCipher extends CoreSecretCipher {
  /** Whether secrets can be encrypted with an OS-held key right now. */
  isAvailable(): boolean;
  /** Which key store backs the cipher ('basic_text' on Linux means no real protection). */
  backend(): string;
}

/** The safeStorage cipher; call after `app` is ready. Refuses Linux's plain-text fallback unless allowed. */
export function createSafeStorageCipher(options: { allowPlainTextFallback?: boolean } = {}): SecretCipher {
  const backend = () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os');
  const usable = () => safeStorage.isEncryptionAvailable() && (options.allowPlainTextFallback === true || backend() !== 'basic_text');
  return {
    isAvailable: usable,
    backend,
    encrypt(plain) {
      if (!usable()) throw new AppError('PRECONDITION', `No OS key store to encrypt credentials (backend: ${backend()})`);
      return safeStorage.encryptString(plain);
    },
    decrypt(cipher) {
      if (!safeStorage.isEncryptionAvailable()) throw new AppError('PRECONDITION', 'OS key store unavailable: cannot decrypt credentials');
      try {
        return safeStorage.decryptString(Buffer.from(cipher));
      } catch (err) {
        throw new AppError('PRECONDITION', 'Stored credential cannot be decrypted with this key store', { cause: err });
      }
    },
  };
}
