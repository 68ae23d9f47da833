import { createHash, X509Certificate } from 'node:crypto';
import { AppError } from '../base/errors.js';

/**
 * The SHA-256 fingerprint of an X.509 certificate (PEM text or DER bytes) in the colon-separated upper-case hex
 * form of `openssl x509 -fingerprint -sha256` and Node's `PeerCertificate.fingerprint256`.
 */
export function tlsFingerprint(cert: string | Buffer): string {
  try {
    return new X509Certificate(cert).fingerprint256;
  } catch (err) {
    throw new AppError('VALIDATION', 'not a valid X.509 certificate (PEM or DER expected)', { cause: err });
  }
}

/**
 * The OpenSSH-style SHA-256 fingerprint `SHA256:<base64 without padding>` of an SSH public key blob (the wire
 * form ssh2's hostVerifier receives; `ssh-keygen -lf` prints the same).
 */
export function sshFingerprint(keyBlob: Buffer): string {
  if (!Buffer.isBuffer(keyBlob) || keyBlob.length === 0) throw new AppError('VALIDATION', 'empty SSH host key');
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

/** Normalizes a TLS fingerprint for comparison (upper-case hex, colons). Throws VALIDATION when malformed. */
export function normalizeTlsFingerprint(fp: string): string {
  const hex = fp.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new AppError('VALIDATION', 'a SHA-256 fingerprint has 32 hex bytes');
  return hex.match(/../g)!.join(':');
}

/** Normalizes an SSH fingerprint (`SHA256:` prefix, base64 without padding). Throws VALIDATION when malformed. */
export function normalizeSshFingerprint(fp: string): string {
  const body = fp.startsWith('SHA256:') ? fp.slice(7) : fp;
  const clean = body.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]{43}$/.test(clean)) throw new AppError('VALIDATION', 'not an SSH SHA256 fingerprint');
  return `SHA256:${clean}`;
}
