// Trust in headless mode (issue 4: "SSH: host keys pinned on first use; a changed key is refused with a clear
// error"; TLS pinned the same way, never a global switch): pin one simulated cluster's keys, then point the same
// host:port pins at another cluster's nodes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Collector, type CollectorPollError } from '../../main/core/collector/collector.js';
import { clusterConfigSchema, type ClusterConfig } from '../../main/core/collector/collectorConfig.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument, type EndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { PinnedTrustStore } from '../../main/core/credentials/pinnedTrustStore.js';
import { clusterSpecFromConfig } from '../../main/core/headless/clusterFromConfig.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';

let a: SimCluster;
let b: SimCluster;
let dir: string;

const doc = (c: SimCluster): EndpointsDocument => parseEndpointsDocument(JSON.parse(JSON.stringify(c.endpoints())));

/** A config of one cluster whose imp-pub is reached at the endpoints of `c`'s imp-pub. */
function config(c: SimCluster): ClusterConfig {
  const n = doc(c).nodes.find((x) => x.name === 'imp-pub')!;
  return clusterConfigSchema.parse({
    id: 'lab', name: 'Lab', publisher: n.ssh.host,
    admin: { username: n.ssh.username, password: { env: 'LAB_ADMIN_PW' } },
    application: { username: n.soap.username, password: n.soap.password },
    snmp: { version: '2c', community: n.snmp.community },
    nodes: [{ name: 'imp-pub', host: n.ssh.host, role: 'imp-publisher', sshPort: n.ssh.port, snmpPort: n.snmp.port, soapPort: n.soap.port }],
  });
}

beforeAll(async () => {
  a = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0 });
  b = await startSimCluster({ profile: { ...loadProfile(), name: 'other-cluster' }, seed: 1, speed: 0, basePort: 0 });
  dir = mkdtempSync(join(tmpdir(), 'collector-trust-'));
});

afterAll(async () => {
  await b?.dispose();
  await a?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('headless trust', () => {
  it('refuses unknown keys without trust on first use, telling how to pin; pins them with it', async () => {
    const trust = await PinnedTrustStore.open(join(dir, 'tofu.json'));
    const env = { LAB_ADMIN_PW: doc(a).nodes[0]!.ssh.password };
    await expect(clusterSpecFromConfig(config(a), { trust, trustOnFirstUse: false, configPath: 'lab.yaml' }, env)).rejects.toThrow(/not pinned.*trustOnFirstUse: true.*lab\.yaml/);
    expect(trust.list()).toEqual([]);
    const spec = await clusterSpecFromConfig(config(a), { trust, trustOnFirstUse: true }, env);
    expect(trust.list().map((p) => p.kind)).toEqual(['ssh', 'tls']);
    expect(spec.nodes[0]!.ssh.hostKeyFingerprint).toBe(doc(a).nodes.find((n) => n.name === 'imp-pub')!.hostKeyFingerprint);
    // A secret named by an environment variable that is not set is a clear error, not a crash.
    await expect(clusterSpecFromConfig(config(a), { trust, trustOnFirstUse: true }, {})).rejects.toThrow(/LAB_ADMIN_PW is not set/);
  });

  it('refuses a changed SSH host key, even with trust on first use', async () => {
    const trust = await PinnedTrustStore.open(join(dir, 'changed.json'));
    const aPub = doc(a).nodes.find((n) => n.name === 'imp-pub')!;
    const bPub = doc(b).nodes.find((n) => n.name === 'imp-pub')!;
    expect(bPub.hostKeyFingerprint).not.toBe(aPub.hostKeyFingerprint);
    // The host:port of b's publisher was pinned with a's key (the machine behind the address changed).
    await trust.pin({ kind: 'ssh', host: bPub.ssh.host, port: bPub.ssh.port, fingerprint: aPub.hostKeyFingerprint! });
    await expect(clusterSpecFromConfig(config(b), { trust, trustOnFirstUse: true }, { LAB_ADMIN_PW: bPub.ssh.password })).rejects.toThrow(/SSH host key of imp-pub .* changed since it was pinned/);
    expect(trust.get('ssh', bPub.ssh.host, bPub.ssh.port)?.sha256).toBe(aPub.hostKeyFingerprint); // the pin was not replaced
  });

  it('the collector refuses to log in to a node presenting another key than the pinned one', async () => {
    const collector = await Collector.create();
    try {
      const aPub = doc(a).nodes.find((n) => n.name === 'imp-pub')!;
      const spec = clusterSpecFromEndpoints(doc(b), { id: 'b', simulated: true });
      const pub = spec.nodes.find((n) => n.name === 'imp-pub')!;
      const errors: CollectorPollError[] = [];
      const sshError = new Promise<CollectorPollError>((resolve) => collector.onDidPollError((e) => {
        errors.push(e);
        if (e.protocol === 'ssh') resolve(e);
      }));
      collector.addCluster({ ...spec, nodes: [{ ...pub, ssh: { ...pub.ssh, hostKeyFingerprint: aPub.hostKeyFingerprint } }], intervals: { systemSec: 60, servicesSec: 60, haSec: 5 } });
      const e = await sshError;
      expect(e.error.code).toBe('POLL_AUTH');
      expect(e.error.message).toMatch(/host key for imp-pub changed/);
    } finally {
      collector.dispose();
    }
  }, 30_000);
});
