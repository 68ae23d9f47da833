import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** USM security levels (RFC 3414 §3, msgFlags auth/priv bits). */
export type SecurityLevel = 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';

/** Length of usmHMAC96-SHA msgAuthenticationParameters (RFC 3414 §7). */
export const AUTH_PARAMS_BYTES = 12;
/** Length of the AES msgPrivacyParameters salt (RFC 3826 §3.1.2.1). */
export const PRIV_PARAMS_BYTES = 8;

/**
 * Localizes a passphrase to an engine (RFC 3414 A.2.2, SHA-1): Ku = SHA1 of 1 MiB of the repeated passphrase,
 * Kul = SHA1(Ku ‖ engineID ‖ Ku). Costs ~2 ms, so the agent does it once per user at start.
 */
export function localizeKeySha1(passphrase: string, engineId: Buffer): Buffer {
  const pw = Buffer.from(passphrase, 'utf8');
  if (pw.length === 0) throw new RangeError('USM passphrase is empty');
  const hash = createHash('sha1');
  const chunk = Buffer.alloc(64);
  let index = 0;
  for (let count = 0; count < 1_048_576; count += 64) {
    for (let i = 0; i < 64; i++) chunk[i] = pw[index++ % pw.length]!;
    hash.update(chunk);
  }
  const ku = hash.digest();
  return createHash('sha1').update(Buffer.concat([ku, engineId, ku])).digest();
}

/** HMAC-SHA-96 over a whole message whose authentication parameters are zeroed (RFC 3414 §7.3). */
export function hmacSha96(key: Buffer, message: Buffer): Buffer {
  return createHmac('sha1', key).update(message).digest().subarray(0, AUTH_PARAMS_BYTES);
}

function aesIv(boots: number, time: number, salt: Buffer): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUInt32BE(boots >>> 0, 0);
  iv.writeUInt32BE(time >>> 0, 4);
  salt.copy(iv, 8);
  return iv;
}

/** AES-128-CFB encryption of a scopedPDU (RFC 3826 §3.1.3): IV = boots ‖ time ‖ salt, key = first 16 bytes of Kul. */
export function aesEncrypt(privKey: Buffer, boots: number, time: number, salt: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv('aes-128-cfb', privKey.subarray(0, 16), aesIv(boots, time, salt));
  return Buffer.concat([c.update(plain), c.final()]);
}

/** AES-128-CFB decryption (RFC 3826 §3.1.4). CFB never fails on its own: a wrong key yields garbage to parse. */
export function aesDecrypt(privKey: Buffer, boots: number, time: number, salt: Buffer, cipher: Buffer): Buffer {
  const d = createDecipheriv('aes-128-cfb', privKey.subarray(0, 16), aesIv(boots, time, salt));
  return Buffer.concat([d.update(cipher), d.final()]);
}

/** A fresh 64-bit salt for msgPrivacyParameters. */
export function newSalt(): Buffer {
  return randomBytes(PRIV_PARAMS_BYTES);
}
