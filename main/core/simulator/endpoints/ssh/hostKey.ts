import { createHash, createPrivateKey } from 'node:crypto';
import ssh2 from 'ssh2';
import { AppError } from '../../../base/errors.js';

/** DER header of a PKCS#8 Ed25519 private key; the 32-byte seed follows (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Writes an SSH wire-format string (uint32 length + bytes). */
function sshString(data: Buffer | string): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([len, bytes]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0, 0);
  return b;
}

/**
 * Derives a stable Ed25519 host private key from `seed` (the seed is hashed with SHA-256 into the key's
 * 32-byte secret), written in the "openssh-key-v1" format that ssh2's keyParser reads, so a simulated node
 * keeps its host key (and the fingerprint a client pinned) across runs of the same profile.
 * Not a secret: anybody who knows the seed knows the key. Simulator use only.
 */
export function deriveHostKey(seed: string): string {
  const secret = createHash('sha256').update(`imp-monitor-sim-hostkey\0${seed}`).digest();
  const key = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' });
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new AppError('INTERNAL', 'Ed25519 public key derivation failed');
  const pub = Buffer.from(jwk.x, 'base64url');
  const publicBlob = Buffer.concat([sshString('ssh-ed25519'), sshString(pub)]);
  // The check words only guard decryption; derive them from the secret so the text is fully deterministic.
  const check = secret.readUInt32BE(0);
  const comment = `sim-${createHash('sha256').update(seed).digest('hex').slice(0, 12)}`;
  let priv = Buffer.concat([
    uint32(check),
    uint32(check),
    sshString('ssh-ed25519'),
    sshString(pub),
    sshString(Buffer.concat([secret, pub])),
    sshString(comment),
  ]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const body = Buffer.concat([
    Buffer.from('openssh-key-v1\0', 'latin1'),
    sshString('none'),
    sshString('none'),
    sshString(Buffer.alloc(0)),
    uint32(1),
    sshString(publicBlob),
    sshString(priv),
  ]);
  const b64 = body.toString('base64').replace(/.{1,70}/g, '$&\n');
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}-----END OPENSSH PRIVATE KEY-----\n`;
}

/**
 * The SHA-256 fingerprint of a private key's public half, as OpenSSH prints it ("SHA256:" + unpadded base64
 * of the SSH public key blob). Throws AppError VALIDATION when the key text cannot be parsed.
 */
export function hostKeyFingerprint(privateKey: string): string {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new AppError('VALIDATION', `unusable host key: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key === undefined) throw new AppError('VALIDATION', 'unusable host key: no key found');
  const digest = createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '');
  return `SHA256:${digest}`;
}
