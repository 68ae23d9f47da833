import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshFingerprint, tlsFingerprint } from './fingerprints.js';
import { PinnedTrustStore } from './pinnedTrustStore.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-trust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two certificates and two SSH host keys made by OpenSSL / OpenSSH, with the fingerprints those tools print. */
const made: { pem: string[]; pemFp: string[]; sshBlob: Buffer[]; sshFp: string[] } = { pem: [], pemFp: [], sshBlob: [], sshFp: [] };
beforeAll(() => {
  for (const i of [0, 1]) {
    const key = join(dir, `tls${i}.key`);
    const crt = join(dir, `tls${i}.crt`);
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt, '-days', '1', '-subj', `/CN=imp${i}.example`], { stdio: 'ignore' });
    made.pem.push(readFileSync(crt, 'utf8'));
    const fp = execFileSync('openssl', ['x509', '-in', crt, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' });
    made.pemFp.push(fp.trim().split('=')[1]!);
    const sshKey = join(dir, `ssh${i}`);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', sshKey]);
    made.sshBlob.push(Buffer.from(readFileSync(`${sshKey}.pub`, 'utf8').split(' ')[1]!, 'base64'));
    made.sshFp.push(execFileSync('ssh-keygen', ['-lf', `${sshKey}.pub`, '-E', 'sha256'], { encoding: 'utf8' }).split(' ')[1]!);
  }
});

describe('fingerprints', () => {
  it('match what openssl and ssh-keygen print', () => {
    expect(tlsFingerprint(made.pem[0]!)).toBe(made.pemFp[0]);
    expect(sshFingerprint(made.sshBlob[1]!)).toBe(made.sshFp[1]);
    expect(() => tlsFingerprint('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toThrow(/X.509/);
  });
});

describe('PinnedTrustStore', () => {
  it('pins TLS certificates and SSH host keys per host:port, verifies match/mismatch/unknown, persists 0600', async () => {
    const path = join(dir, 'trust', 'trust.json');
    const store = await PinnedTrustStore.open(path);
    expect(store.verify('tls', 'imp-pub', 8443, made.pemFp[0]!)).toBe('unknown');
    await store.pin({ kind: 'tls', host: 'IMP-Pub', port: 8443, pem: made.pem[0]! });
    await store.pin({ kind: 'ssh', host: '::1', port: 2222, fingerprint: made.sshFp[0]!, keyType: 'ssh-ed25519' });
    expect(statSync(path).mode & 0o777).toBe(0o600);

    const reopened = await PinnedTrustStore.open(path);
    expect(reopened.get('tls', 'imp-pub', 8443)).toMatchObject({ sha256: made.pemFp[0], host: 'imp-pub' });
    expect(reopened.verify('tls', 'imp-pub', 8443, made.pemFp[0]!)).toBe('match');
    expect(reopened.verify('tls', 'imp-pub', 8443, made.pemFp[0]!.toLowerCase().replace(/:/g, ''))).toBe('match');
    expect(reopened.verify('tls', 'imp-pub', 8443, made.pem[0]!)).toBe('match');
    expect(reopened.verify('tls', 'imp-pub', 8443, made.pem[1]!)).toBe('mismatch');
    expect(reopened.verify('tls', 'imp-pub', 8443, 'garbage')).toBe('mismatch');
    expect(reopened.verify('tls', 'imp-pub', 8444, made.pemFp[0]!)).toBe('unknown');
    expect(reopened.verify('ssh', '[::1]', 2222, sshFingerprint(made.sshBlob[0]!))).toBe('match');
    expect(reopened.verify('ssh', '::1', 2222, made.sshFp[1]!)).toBe('mismatch');
    expect(reopened.verify('ssh', 'imp-pub', 8443, made.sshFp[0]!)).toBe('unknown');

    // Re-pin after the user accepts the new key; unpin.
    await reopened.pin({ kind: 'ssh', host: '::1', port: 2222, fingerprint: made.sshFp[1]! });
    expect(reopened.verify('ssh', '::1', 2222, made.sshFp[1]!)).toBe('match');
    expect(await reopened.unpin('tls', 'imp-pub', 8443)).toBe(true);
    expect((await PinnedTrustStore.open(path)).list().map((p) => p.kind)).toEqual(['ssh']);
  });

  it('refuses bad input and a trust file others can read', async () => {
    const path = join(dir, 'trust2.json');
    const store = await PinnedTrustStore.open(path);
    await expect(store.pin({ kind: 'tls', host: 'h', port: 0, pem: made.pem[0]! })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.pin({ kind: 'tls', host: ' ', port: 443, pem: made.pem[0]! })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.pin({ kind: 'tls', host: 'h', port: 443, pem: 'nope' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.pin({ kind: 'ssh', host: 'h', port: 22, fingerprint: 'MD5:aa' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await store.pin({ kind: 'ssh', host: 'h', port: 22, fingerprint: made.sshFp[0]! });
    chmodSync(path, 0o644);
    await expect(PinnedTrustStore.open(path)).rejects.toMatchObject({ code: 'PRECONDITION' });
  });
});
