import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FileCredentialStore } from './fileCredentialStore.js';
import { loadOrCreateKeyFile } from './keyFile.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-cred-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const paths = (): { keyPath: string; storePath: string } => {
  n++;
  return { keyPath: join(dir, `k${n}`, 'key'), storePath: join(dir, `s${n}`, 'credentials.json') };
};
const mode = (p: string): number => statSync(p).mode & 0o777;
const SECRET = 'Sup3r-s3cret-pässword';

describe('FileCredentialStore', () => {
  it('creates a 0600 key file and a 0600 store that holds no secret in clear; survives reopen', async () => {
    const p = paths();
    const logSpies = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    const store = await FileCredentialStore.open(p);
    await store.put('c1/soap', SECRET);
    await store.put('c1/ssh', 'other');
    expect(mode(p.keyPath)).toBe(0o600);
    expect(mode(p.storePath)).toBe(0o600);
    const onDisk = readFileSync(p.storePath, 'utf8');
    expect(onDisk).not.toContain(SECRET);
    expect(onDisk).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(await store.get('c1/soap')).toBe(SECRET);
    const again = await FileCredentialStore.open(p);
    expect(await again.list()).toEqual(['c1/soap', 'c1/ssh']);
    expect(await again.get('c1/soap')).toBe(SECRET);
    expect(await again.delete('c1/soap')).toBe(true);
    expect(await again.delete('c1/soap')).toBe(false);
    expect(await again.get('c1/soap')).toBeUndefined();
    expect(await (await FileCredentialStore.open(p)).list()).toEqual(['c1/ssh']);
    for (const s of logSpies) {
      for (const call of s.mock.calls) expect(JSON.stringify(call)).not.toContain(SECRET);
      s.mockRestore();
    }
  });

  it('encrypts with a fresh IV each time and binds the id (a moved ciphertext does not decrypt)', async () => {
    const p = paths();
    const store = await FileCredentialStore.open(p);
    await store.put('a', SECRET);
    const first = JSON.parse(readFileSync(p.storePath, 'utf8'));
    await store.put('a', SECRET);
    const second = JSON.parse(readFileSync(p.storePath, 'utf8'));
    expect(second.entries.a.iv).not.toBe(first.entries.a.iv);
    expect(second.entries.a.data).not.toBe(first.entries.a.data);
    second.entries.b = second.entries.a;
    writeFileSync(p.storePath, JSON.stringify(second), { mode: 0o600 });
    const tampered = await FileCredentialStore.open(p);
    expect(await tampered.get('a')).toBe(SECRET);
    const err = await tampered.get('b').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PRECONDITION' });
    expect(String((err as Error).message)).not.toContain(SECRET);
  });

  it('refuses a key file or store readable by group/others, a wrong key, and bad ids', async () => {
    const p = paths();
    const store = await FileCredentialStore.open(p);
    await store.put('x', SECRET);
    chmodSync(p.keyPath, 0o640);
    await expect(FileCredentialStore.open(p)).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringContaining('chmod 600') });
    chmodSync(p.keyPath, 0o600);
    chmodSync(p.storePath, 0o604);
    await expect(FileCredentialStore.open(p)).rejects.toMatchObject({ code: 'PRECONDITION' });
    chmodSync(p.storePath, 0o600);
    // Another key: entries exist but cannot be read.
    const other = await FileCredentialStore.open({ keyPath: join(dir, 'other-key'), storePath: p.storePath });
    await expect(other.get('x')).rejects.toMatchObject({ code: 'PRECONDITION' });
    await expect(store.put('', 's')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.put('a\nb', 's')).rejects.toMatchObject({ code: 'VALIDATION' });
    writeFileSync(join(dir, 'badkey'), 'not hex\n', { mode: 0o600 });
    await expect(loadOrCreateKeyFile(join(dir, 'badkey'))).rejects.toMatchObject({ code: 'PRECONDITION' });
    writeFileSync(join(dir, 'garbage.json'), '{', { mode: 0o600 });
    await expect(FileCredentialStore.open({ keyPath: p.keyPath, storePath: join(dir, 'garbage.json') })).rejects.toMatchObject({
      code: 'PRECONDITION',
    });
  });

  it('keeps every concurrent put (writes are serialized)', async () => {
    const p = paths();
    const store = await FileCredentialStore.open(p);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put(`id${i}`, `s${i}`)));
    const reopened = await FileCredentialStore.open(p);
    expect((await reopened.list()).length).toBe(20);
    expect(await reopened.get('id13')).toBe('s13');
  });
});
