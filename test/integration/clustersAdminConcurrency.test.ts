// Issue 15, clusters core: ClusterAdmin's changes (save, remove, the embedded switch) run one at a time. Two saves of
// the same new cluster at once (a double click on Save, or the app and a second window) must not both pass the
// "already saved" check: one is saved, the other refused with CONFLICT, and the store holds one set of secrets.
// The nodes are listed and their identities pinned beforehand, so the saves need no network.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterInput } from '../../shared/model/clusters.js';
import { AppError } from '../../main/core/base/errors.js';
import { ClusterAdmin } from '../../main/core/clusters/clusterAdmin.js';
import { FileCredentialStore } from '../../main/core/credentials/fileCredentialStore.js';
import { PinnedTrustStore } from '../../main/core/credentials/pinnedTrustStore.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';

let dir: string;
let pem: string;
const OPENSSL = { path: '/usr/bin/openssl', apt: 'openssl' };

beforeAll(() => {
  if (skipWithoutTools(OPENSSL)) return;
  dir = mkdtempSync(join(tmpdir(), 'clusters-concurrency-'));
  const key = join(dir, 'k.pem');
  const crt = join(dir, 'c.pem');
  execFileSync(OPENSSL.path, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '1', '-subj', '/CN=imp-pub'], { stdio: 'ignore' });
  pem = readFileSync(crt, 'utf8');
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const FORM: ClusterInput = {
  name: 'Prod East', publisherHost: '192.0.2.10', ports: { ssh: 22, soap: 8443, snmp: 161 },
  adminUsername: 'admin', adminPassword: 'admin-pw-1', appUsername: 'axl', appPassword: 'app-pw-1',
  snmp: { version: '2c', community: 'c0mm' },
  nodes: [{ name: 'imp-pub', host: '192.0.2.10', role: 'imp-publisher' }],
};

describe.skipIf(skipWithoutTools(OPENSSL))('ClusterAdmin changes one at a time', () => {
  it('two saves of the same new cluster at once: one saved, the other refused with CONFLICT', async () => {
    const stateDir = join(dir, 'state');
    const credentials = await FileCredentialStore.open({ keyPath: join(stateDir, 'credentials.key'), storePath: join(stateDir, 'credentials.json') });
    const trust = await PinnedTrustStore.open(join(stateDir, 'trust.json'));
    await trust.pin({ kind: 'ssh', host: '192.0.2.10', port: 22, fingerprint: `SHA256:${'A'.repeat(43)}` });
    await trust.pin({ kind: 'tls', host: '192.0.2.10', port: 8443, pem });
    const admin = await ClusterAdmin.open({ stateDir, credentials, trust });

    const results = await Promise.allSettled([admin.save(FORM, []), admin.save({ ...FORM, adminPassword: 'admin-pw-2' }, [])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const refused = (results[1] as PromiseRejectedResult).reason as AppError;
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe('CONFLICT');
    expect(admin.configs().map((c) => c.id)).toEqual(['prod-east']);
    // The first save's secret stands: the refused one wrote nothing.
    expect(await credentials.get('cluster/prod-east/admin')).toBe('admin-pw-1');

    // A save and a removal at once: the removal waits for the save, and takes everything away.
    await Promise.all([admin.save({ ...FORM, id: 'prod-east', adminPassword: 'admin-pw-3' }, []), admin.remove('prod-east')]);
    expect(admin.configs()).toEqual([]);
    expect((await credentials.list()).filter((k) => k.startsWith('cluster/prod-east/'))).toEqual([]);
    expect(trust.get('ssh', '192.0.2.10', 22)).toBeUndefined();
  });
});
