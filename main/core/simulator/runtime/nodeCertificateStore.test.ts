import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNodeCertificate } from '../endpoints/soap/nodeCertificate.js';
import { defaultSimIdentityDir, loadOrCreateNodeCertificate } from './nodeCertificateStore.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'node-cert-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const request = { nodeName: 'imp-pub', address: '127.0.10.12', seed: 'imp-pub:tomcat' };

describe('node certificate store', () => {
  it('keeps a node\'s certificate across starts and writes it as the caFile, naming the node and its address', async () => {
    const first = await loadOrCreateNodeCertificate({ dir, ...request });
    const again = await loadOrCreateNodeCertificate({ dir, ...request });
    expect(again.certPem).toBe(first.certPem);
    expect(again.keyPem).toBe(first.keyPem);
    expect(await readFile(again.caFile, 'utf8')).toBe(first.certPem);
    const x509 = new X509Certificate(first.certPem);
    expect(x509.checkIP('127.0.10.12')).toBe('127.0.10.12');
    expect(x509.checkHost('imp-pub')).toBe('imp-pub');
  });

  it('replaces a certificate that expired, is about to, or is unreadable', async () => {
    const first = await loadOrCreateNodeCertificate({ dir, ...request });
    const identity = first.caFile.replace(/\.pem$/, '.identity.pem');
    const expired = await createNodeCertificate({ commonName: 'imp-pub', ipAddresses: ['127.0.10.12'], notBefore: new Date(Date.now() - 400 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
    await writeFile(identity, `${expired.keyPem}${expired.certPem}`);
    const renewed = await loadOrCreateNodeCertificate({ dir, ...request });
    expect(renewed.certPem).not.toBe(expired.certPem);
    expect(Date.parse(new X509Certificate(renewed.certPem).validTo)).toBeGreaterThan(Date.now() + 365 * 86_400_000);
    // Within a day of its end counts as expired.
    expect((await loadOrCreateNodeCertificate({ dir, ...request, nowMs: Date.parse(new X509Certificate(renewed.certPem).validTo) - 3_600_000 })).certPem).not.toBe(renewed.certPem);
    await writeFile(identity, 'not a certificate');
    const fresh = await loadOrCreateNodeCertificate({ dir, ...request });
    expect(new X509Certificate(fresh.certPem).checkHost('imp-pub')).toBe('imp-pub');
  });

  it('keeps one certificate per node and address: another address gets its own, the first is untouched', async () => {
    const own = await loadOrCreateNodeCertificate({ dir, ...request });
    const fallback = await loadOrCreateNodeCertificate({ dir, ...request, address: '127.0.0.1' });
    expect(fallback.caFile).not.toBe(own.caFile);
    expect((await loadOrCreateNodeCertificate({ dir, ...request })).certPem).toBe(own.certPem);
  });

  it('gives concurrent starts of one profile the same certificate', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateNodeCertificate({ dir, ...request })));
    expect(new Set(all.map((c) => c.certPem)).size).toBe(1);
    expect(await readFile(all[0]!.caFile, 'utf8')).toBe(all[0]!.certPem);
  });

  it('defaults to a folder per profile under the state folder', () => {
    expect(defaultSimIdentityDir('imp-cluster', { IMP_MONITOR_STATE_DIR: '/s' })).toBe('/s/simulator/imp-cluster');
    expect(defaultSimIdentityDir('a/b', { IMP_SIM_STATE_DIR: '/x' })).toBe('/x/a_b');
  });
});
