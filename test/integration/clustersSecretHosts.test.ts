// Issue 15 review: a stored secret goes only to the hosts it was saved for. An edit, test or discovery of a saved
// cluster whose publisher or a node is on another host must carry the passwords and the SNMP secret again (VALIDATION
// naming them and why); with the same hosts the stored ones stand in. The check comes before any connection, so the
// endpoints here are closed ports: a refused connection shows the secrets were accepted and sent on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterInput } from '../../shared/model/clusters.js';
import { ClusterAdmin } from '../../main/core/clusters/clusterAdmin.js';
import { CLUSTERS_FILE_NAME, secretIds, type ClustersFile } from '../../main/core/clusters/clustersFile.js';
import { FileCredentialStore } from '../../main/core/credentials/fileCredentialStore.js';
import { PinnedTrustStore } from '../../main/core/credentials/pinnedTrustStore.js';
import { closedPort } from '../helpers/closedPort.js';

let dir: string;
let admin: ClusterAdmin;
let ports: { ssh: number; soap: number; snmp: number };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clusters-secret-hosts-'));
  ports = { ssh: await closedPort(), soap: await closedPort(), snmp: await closedPort() };
  const saved: ClustersFile = {
    version: 1, embeddedEnabled: false,
    clusters: [{
      id: 'lab', name: 'Lab', publisherHost: '127.0.0.1', ports, adminUsername: 'admin', appUsername: 'app', snmp: { version: '2c' },
      nodes: [{ name: 'cucm-pub', host: '127.0.0.1', role: 'cucm-publisher' }, { name: 'imp-pub', host: '127.0.0.2', role: 'imp-publisher' }],
      addedAtMs: 1,
    }],
  };
  writeFileSync(join(dir, CLUSTERS_FILE_NAME), JSON.stringify(saved), { mode: 0o600 });
  const credentials = await FileCredentialStore.open({ keyPath: join(dir, 'credentials.key'), storePath: join(dir, 'credentials.json') });
  const ids = secretIds('lab');
  await credentials.put(ids.admin, 'admin-pw');
  await credentials.put(ids.application, 'app-pw');
  await credentials.put(ids.snmp, JSON.stringify({ community: 'c0mmunity' }));
  admin = await ClusterAdmin.open({ stateDir: dir, credentials, trust: await PinnedTrustStore.open(join(dir, 'trust.json')) });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const edit = (o: Partial<ClusterInput> = {}): ClusterInput => ({
  id: 'lab', name: 'Lab', publisherHost: '127.0.0.1', ports, adminUsername: 'admin', appUsername: 'app', snmp: { version: '2c' }, nodes: [], ...o,
});

describe('stored cluster secrets and new hosts', () => {
  it('a new publisher host needs the admin and application passwords and the SNMP community typed again (discover, test, save)', async () => {
    const moved = edit({ publisherHost: '127.0.0.9' });
    const refused = { code: 'VALIDATION', message: 'the publisher changed from 127.0.0.1 to 127.0.0.9: type the admin and application passwords and the SNMP community again (the stored ones are only sent to the hosts they were saved for)' };
    await expect(admin.discover(moved, [])).rejects.toMatchObject(refused);
    await expect(admin.test(moved, [])).rejects.toMatchObject(refused);
    await expect(admin.save(moved, [])).rejects.toMatchObject(refused);
    // Only what is still left out is named.
    await expect(admin.discover({ ...moved, adminPassword: 'typed', appPassword: 'typed' }, [])).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/^the publisher changed from 127\.0\.0\.1 to 127\.0\.0\.9: type the SNMP community again/) });
  });

  it('a node moved to a host the cluster does not have needs the secrets again; a node on one of its hosts does not', async () => {
    const nodes = [{ name: 'cucm-pub', host: '127.0.0.1', role: 'cucm-publisher' as const }, { name: 'imp-pub', host: '127.0.0.77', role: 'imp-publisher' as const }];
    await expect(admin.test(edit({ nodes, snmp: { version: '2c', community: 'typed' } }), [])).rejects.toMatchObject({
      code: 'VALIDATION', message: expect.stringMatching(/^node imp-pub changed from 127\.0\.0\.2 to 127\.0\.0\.77: type the admin and application passwords again/),
    });
    await expect(admin.test(edit({ nodes: [nodes[0]!, { name: 'imp-sub9', host: '127.0.0.88', role: 'imp-subscriber' }] }), [])).rejects.toMatchObject({
      code: 'VALIDATION', message: expect.stringMatching(/^node imp-sub9 is on 127\.0\.0\.88, a host the saved cluster does not have/),
    });
  });

  it('with the saved hosts the stored secrets stand in (the discovery goes on and meets the closed port); typed again, a new host is fine too', async () => {
    const sameHosts = await admin.discover(edit({ publisherHost: '127.0.0.1' }), []).then(() => undefined, (err: { code?: string; message: string }) => err);
    expect(sameHosts?.code).not.toBe('VALIDATION');
    const typed = await admin.discover(edit({ publisherHost: '127.0.0.9', adminPassword: 'a', appPassword: 'b', snmp: { version: '2c', community: 'c' } }), []).then(() => undefined, (err: { code?: string; message: string }) => err);
    expect(typed?.code).not.toBe('VALIDATION');
    expect(typed?.message).toMatch(/127\.0\.0\.9/);
  });
});
