import { describe, expect, it } from 'vitest';
import { aesDecrypt, aesEncrypt, localizeKeySha1 } from './usmCrypto.js';

describe('usmCrypto', () => {
  it('localizes a SHA key as in RFC 3414 A.3.2 ("maplesyrup", engine 00…02)', () => {
    const engineId = Buffer.from('000000000000000000000002', 'hex');
    expect(localizeKeySha1('maplesyrup', engineId).toString('hex')).toBe('6695febc9288e36282235fc7151f128497b38f3f');
  });

  it('AES-128-CFB decrypts what it encrypted and a wrong key yields different bytes', () => {
    const key = localizeKeySha1('privpass-123', Buffer.from('8000000903aabbccddeeff', 'hex'));
    const salt = Buffer.from('0102030405060708', 'hex');
    const plain = Buffer.from('a scoped PDU of odd length!');
    const cipher = aesEncrypt(key, 1, 42, salt, plain);
    expect(cipher.length).toBe(plain.length);
    expect(aesDecrypt(key, 1, 42, salt, cipher)).toEqual(plain);
    expect(aesDecrypt(Buffer.alloc(20, 7), 1, 42, salt, cipher)).not.toEqual(plain);
  });
});
