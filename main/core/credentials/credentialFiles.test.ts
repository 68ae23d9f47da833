import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CipherCredentialStore } from './cipherCredentialStore.js';
import { FileCredentialStore } from './fileCredentialStore.js';
import { PinnedTrustStore } from './pinnedTrustStore.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function file(name: string, content: unknown): string {
  const d = mkdtempSync(join(tmpdir(), 'cred-files-'));
  dirs.push(d);
  const path = join(d, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content), { mode: 0o600 });
  return path;
}
const SSH_FP = `SHA256:${randomBytes(32).toString('base64').replace(/=+$/, '')}`;
const SECRET = 'hunter2-do-not-print';
const identity = { encrypt: (s: string) => Buffer.from(s), decrypt: (b: Uint8Array) => Buffer.from(b).toString() };

describe('the credential folder\'s files, checked with one schema each', () => {
  it('a trust store with a damaged pin is refused, naming the pin\'s field', async () => {
    const ok = { version: 1, pins: [{ kind: 'ssh', host: 'imp-pub', port: 22, sha256: SSH_FP, pinnedAtMs: 1 }] };
    expect((await PinnedTrustStore.open(file('trust.json', ok))).get('ssh', 'imp-pub', 22)?.sha256).toBe(SSH_FP);
    const bad = { version: 1, pins: [ok.pins[0], { kind: 'ssh', host: 'imp-sub1', port: 0, sha256: 'md5:xx', pinnedAtMs: 1 }, { kind: 'x509' }] };
    const err = await PinnedTrustStore.open(file('trust.json', bad)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PRECONDITION' });
    expect((err as Error).message).toMatch(/trust store .*trust\.json has an unknown format: pins\[1\]\.port must be a port from 1 to 65535; pins\[1\]\.sha256 must be an OpenSSH SHA256:… fingerprint; pins\[2\]\.kind must be a pin of kind "tls" or "ssh"/);
    await expect(PinnedTrustStore.open(file('trust.json', { version: 2, pins: [] }))).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringContaining('version must be 1') });
    await expect(PinnedTrustStore.open(file('trust.json', '{'))).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringContaining('is not valid JSON') });
  });

  it('credential stores with a damaged entry are refused, naming the entry and never its value', async () => {
    const d = mkdtempSync(join(tmpdir(), 'cred-files-'));
    dirs.push(d);
    const storePath = file('credentials.json', { version: 1, entries: { smtp: { iv: 'AAAA', tag: 'AAAA', data: `${SECRET}!` } } });
    const err = await FileCredentialStore.open({ keyPath: join(d, 'key'), storePath }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PRECONDITION', message: expect.stringContaining('entries.smtp.data must be base64') });
    expect((err as Error).message).not.toContain(SECRET);

    const appStore = file('secrets.json', { version: 1, entries: { smtp: 42 } });
    await expect(CipherCredentialStore.open(identity, appStore)).rejects.toMatchObject({ code: 'PRECONDITION', message: expect.stringContaining('entries.smtp must be base64') });
    // Files of early versions have no version field.
    const early = await CipherCredentialStore.open(identity, file('secrets.json', { entries: { smtp: Buffer.from(SECRET).toString('base64') } }));
    await expect(early.get('smtp')).resolves.toBe(SECRET);
  });
});
