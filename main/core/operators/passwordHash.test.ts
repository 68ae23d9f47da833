import { describe, expect, it } from 'vitest';
import { SCRYPT_PARAMS, hashPassword, isPasswordHash, verifyPassword } from './passwordHash.js';

describe('passwordHash', () => {
  it('stores scrypt$N$r$p$salt$hash with a fresh salt and verifies only the right password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    const parts = a.split('$');
    expect(parts.slice(0, 4)).toEqual(['scrypt', String(SCRYPT_PARAMS.N), '8', '1']);
    expect(Buffer.from(parts[4]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(parts[5]!, 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
    expect(a).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse battery', b)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
    expect(isPasswordHash(a)).toBe(true);
  });

  it('never accepts anything for a missing account or a hash it did not make', async () => {
    const good = await hashPassword('correct horse battery');
    const p = good.split('$');
    expect(await verifyPassword('correct horse battery', undefined)).toBe(false);
    expect(await verifyPassword('', undefined)).toBe(false);
    // Hand-edited rows: another scheme, out-of-bounds parameters (2^30 would need 128 GiB), a short hash.
    for (const bad of ['plain', `bcrypt$${p.slice(1).join('$')}`, ['scrypt', String(2 ** 30), ...p.slice(2)].join('$'), ['scrypt', '1000', ...p.slice(2)].join('$'), [...p.slice(0, 5), 'AAAA'].join('$')]) {
      expect(isPasswordHash(bad), bad).toBe(false);
      expect(await verifyPassword('correct horse battery', bad), bad).toBe(false);
    }
  });
});
