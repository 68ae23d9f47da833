// Issue 15, clusters core: a second simulated cluster (its own 127/8 addresses and free ports, as
// `npm run sim -- --base-port N` gives) is added through the clusters service as a real one is — identify, accept the
// fingerprints, discover, test, save — survives a restart of the parts (clusters.json + credential store + pins),
// and is removed with its secrets and pins. Wrong passwords, a changed host key and a closed port give their error
// kinds; a failed add leaves nothing in the credential store, the pins or clusters.json.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptedKey, ClusterInput, EndpointIdentity } from '../../shared/model/clusters.js';
import { createClusterParts } from '../../main/core/backend/clusterParts.js';
import { AsyncDisposableStore } from '../../main/core/base/disposable.js';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import { MemoryAlertStore } from '../../main/core/alerts/memoryAlertStore.js';
import { AppError } from '../../main/core/base/errors.js';
import { ClusterAdmin } from '../../main/core/clusters/clusterAdmin.js';
import { Collector } from '../../main/core/collector/collector.js';
import { FileCredentialStore } from '../../main/core/credentials/fileCredentialStore.js';
import { PinnedTrustStore } from '../../main/core/credentials/pinnedTrustStore.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { closedPort } from '../helpers/closedPort.js';

let sim: SimCluster;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clusters-admin-'));
  const p = loadProfile();
  // A second simulated cluster: its own addresses (127.0.16.11-15), free ports, the same ports on every node.
  // Its users assigned Active/Standby (CUCM "User Assignment Mode for Presence Server"): HA-enabled pairs are not
  // active/active, so the JSM figure is not halved (guide L2200-2214, L7000-7013).
  sim = await startSimCluster({ profile: { ...p, name: 'lab2', userAssignmentMode: 'active-standby', endpoints: { ...p.endpoints, addressBase: '127.0.16.11' } }, seed: 1, speed: 1, basePort: 0, identityDir: join(dir, 'identity') });
}, 60_000);

afterAll(async () => {
  await sim?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function publisher() {
  const pub = sim.endpoints().nodes.find((n) => n.name === 'imp-pub')!;
  return { pub, ports: { ssh: pub.ssh.port, soap: pub.soap!.port, snmp: pub.snmp!.port } };
}

function form(overrides: Partial<ClusterInput> = {}): ClusterInput {
  const { pub, ports } = publisher();
  return {
    name: 'Lab Two', publisherHost: pub.ssh.host, ports, nodes: [],
    adminUsername: pub.ssh.username, adminPassword: pub.ssh.password, appUsername: pub.soap!.username, appPassword: pub.soap!.password,
    snmp: { version: '2c', community: pub.snmp!.community },
    ...overrides,
  };
}

const accept = (ids: readonly EndpointIdentity[]): AcceptedKey[] => ids.map((i) => {
  expect(i.error, `${i.kind} ${i.host}:${i.port}`).toBeUndefined();
  return { host: i.host, port: i.port, kind: i.kind, fingerprintSha256: i.fingerprintSha256! };
});

async function stores(stateDir: string) {
  const credentials = await FileCredentialStore.open({ keyPath: join(stateDir, 'credentials.key'), storePath: join(stateDir, 'credentials.json') });
  const trust = await PinnedTrustStore.open(join(stateDir, 'trust.json'));
  return { credentials, trust };
}

async function until(what: string, check: () => boolean, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('clusters core', () => {
  it('adds a second simulated cluster through the service, keeps it across a restart, removes it with its secrets and pins', async () => {
    const stateDir = join(dir, 'state-add');
    const { pub, ports } = publisher();
    const facts = new Map<string, number>();
    // Alert Central's port for the fact (the engine keeps facts private); everything else is the real thing.
    const alerts = {
      setNodeFact: (cluster: string, node: string, _name: string, value: number) => void facts.set(`${cluster}/${node}`, value),
      forgetNodeFacts: (cluster: string, node?: string) => {
        for (const k of [...facts.keys()]) if (k === `${cluster}/${node}` || (node === undefined && k.startsWith(`${cluster}/`))) facts.delete(k);
      },
    };

    const first = { store: new AsyncDisposableStore(), collector: await Collector.create(), ...(await stores(stateDir)) };
    first.store.add(first.collector);
    try {
      const parts = await createClusterParts({ stateDir, collector: first.collector, alerts, credentials: first.credentials, trust: first.trust, store: first.store, embedded: { available: false, scenario: null, speed: 1 } });
      const svc = parts.service;
      expect(await svc.list()).toEqual([]);
      expect(await svc.embedded()).toMatchObject({ enabled: true, running: false });

      // Identify the publisher: both identities new, the SSH one the node's own key.
      const pubIds = await svc.identify([{ host: pub.ssh.host, sshPort: ports.ssh, soapPort: ports.soap }]);
      expect(pubIds.map((i) => [i.kind, i.pin])).toEqual([['ssh', 'new'], ['tls', 'new']]);
      expect(pubIds[0]!.fingerprintSha256).toBe(pub.hostKeyFingerprint);
      const accepted = accept(pubIds);

      // Discover: every node on its own address with the publisher's ports; the OVA read from `show hardware`.
      const nodes = await svc.discover(form(), accepted);
      expect(nodes.map((n) => [n.name, n.host, n.ports])).toEqual(sim.endpoints().nodes.map((n) => [n.name, n.ssh.host, ports]));
      expect(nodes.find((n) => n.name === 'imp-pub')!.ova).toEqual({ users: 15000, source: 'cluster' });
      expect(nodes.find((n) => n.name === 'cucm-pub')!.role).toBe('cucm-publisher');

      accepted.push(...accept((await svc.identify(nodes.filter((n) => n.name !== 'imp-pub').map((n) => ({ host: n.host, sshPort: n.ports.ssh, soapPort: n.ports.soap }))))));
      const input = form({ nodes: nodes.map((n) => ({ name: n.name, host: n.host, role: n.role, ...(n.name === 'imp-sub3' ? { ovaUsers: 25000 } : {}) })) });
      const results = await svc.test(input, accepted);
      expect(results).toHaveLength(15);
      expect(results.filter((r) => !r.ok).map((r) => `${r.node} ${r.protocol}: ${r.error?.message}`)).toEqual([]);
      expect(results.find((r) => r.node === 'imp-pub' && r.protocol === 'snmp')!.detail).toMatch(/sysName/);

      const summary = await svc.save(input, accepted);
      expect(summary).toMatchObject({ id: 'lab-two', name: 'Lab Two', simulated: false });
      expect(summary.nodes.map((n) => n.name).sort()).toEqual(['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3']);
      // Secrets only in the store; the settings file is owner-only and holds none of them.
      expect((await first.credentials.list()).filter((k) => k.startsWith('cluster/'))).toEqual(['cluster/lab-two/admin', 'cluster/lab-two/application', 'cluster/lab-two/snmp']);
      const file = readFileSync(join(stateDir, 'clusters.json'), 'utf8');
      for (const secret of [pub.ssh.password, pub.soap!.password, `"${pub.snmp!.community}"`]) expect(file).not.toContain(secret);
      expect(statSync(join(stateDir, 'clusters.json')).mode & 0o777).toBe(0o600);
      expect(first.trust.list().filter((p) => p.host.startsWith('127.0.16.'))).toHaveLength(10);

      // OVA per node: read from the node (show hardware through the collector), or the one set with the cluster;
      // the JSM capacity fact follows (1.5 × OVA, halved for an active/active pair once HA is polled).
      await until('every IM&P node\'s OVA', () => first.collector.clusters()[0]!.nodes.filter((n) => n.role !== 'cucm-publisher').every((n) => n.ova));
      const ova = Object.fromEntries(first.collector.clusters()[0]!.nodes.map((n) => [n.name, n.ova]));
      expect(ova).toEqual({ 'cucm-pub': undefined, 'imp-pub': { users: 15000, source: 'cluster' }, 'imp-sub1': { users: 15000, source: 'cluster' }, 'imp-sub2': { users: 15000, source: 'cluster' }, 'imp-sub3': { users: 25000, source: 'settings' } });
      await until('the JSM facts', () => facts.size === 4);
      expect(facts.has('lab-two/cucm-pub')).toBe(false);
      // Active/Standby read from the CUCM publisher (processconfig UserAssignmentMode): once HA is polled (both groups
      // HA enabled, two nodes each) no node counts as active/active and the figures stay whole (1.5 × OVA).
      await until('HA polled and the whole JSM figures', () => first.collector.haGroups('lab-two').length === 2 && facts.get('lab-two/imp-pub') === 22_500 && facts.get('lab-two/imp-sub3') === 37_500);
      expect(first.collector.clusters()[0]!.nodes.filter((n) => n.role !== 'cucm-publisher').map((n) => n.activeActive)).toEqual([false, false, false, false]);
    } finally {
      await first.store.dispose();
    }

    // Restart: new stores from the files, new collector, new parts.
    const second = { store: new AsyncDisposableStore(), collector: await Collector.create(), ...(await stores(stateDir)) };
    second.store.add(second.collector);
    // The real Alert Central this time: the capacity facts are set in it and forgotten with the cluster.
    const engine = second.store.add(new AlertEngine({ store: new MemoryAlertStore() }));
    try {
      const svc = (await createClusterParts({ stateDir, collector: second.collector, alerts: engine, credentials: second.credentials, trust: second.trust, store: second.store, embedded: { available: false, scenario: null, speed: 1 } })).service;
      const listed = await svc.list();
      expect(listed.map((c) => [c.id, c.nodes.length])).toEqual([['lab-two', 5]]);
      const [config] = await svc.configs();
      expect(config).toMatchObject({ id: 'lab-two', hasAdminPassword: true, hasAppPassword: true, snmp: { version: '2c', hasCommunity: true } });
      expect(JSON.stringify(config)).not.toContain(pub.ssh.password);
      const retest = await svc.testSaved('lab-two');
      expect(retest.filter((r) => !r.ok).map((r) => `${r.node} ${r.protocol}: ${r.error?.message}`)).toEqual([]);

      await until('the JSM facts after the restart', () => engine.nodeFact('lab-two', 'imp-sub3', 'jsmSessionsSupported') !== undefined);
      await svc.remove('lab-two');
      expect(await svc.list()).toEqual([]);
      expect(['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3'].map((n) => engine.nodeFact('lab-two', n, 'jsmSessionsSupported'))).toEqual([undefined, undefined, undefined, undefined]);
      expect((await second.credentials.list()).filter((k) => k.startsWith('cluster/'))).toEqual([]);
      expect(second.trust.list().filter((p) => p.host.startsWith('127.0.16.'))).toEqual([]);
      await expect(svc.remove('lab-two')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await second.store.dispose();
    }
    const reopened = await ClusterAdmin.open({ stateDir, ...(await stores(stateDir)) });
    expect(reopened.configs()).toEqual([]);
  }, 120_000);

  it('wrong passwords, a changed host key and a closed port give their error kinds; a failed add leaves nothing behind', async () => {
    const stateDir = join(dir, 'state-errors');
    const { credentials, trust } = await stores(stateDir);
    const admin = await ClusterAdmin.open({ stateDir, credentials, trust });
    const { pub, ports } = publisher();
    const accepted = accept(await admin.identify([{ host: pub.ssh.host, sshPort: ports.ssh, soapPort: ports.soap }]));
    const only = [{ name: 'imp-pub', host: pub.ssh.host, role: 'imp-publisher' as const }];

    // Wrong passwords and community: each protocol says what to check.
    const wrong = await admin.test(form({ nodes: only, adminPassword: 'not-it', appPassword: 'not-it', snmp: { version: '2c', community: 'not-it' } }), accepted);
    const kinds = Object.fromEntries(wrong.map((r) => [r.protocol, r.error?.kind]));
    expect(kinds).toEqual({ ssh: 'wrongPassword', soap: 'wrongPassword', snmp: 'noAnswer' });
    expect(wrong.find((r) => r.protocol === 'snmp')!.error!.message).toMatch(/wrong community/);

    // A failed add (discovery refused: wrong password) stores no secret, no pin, no cluster.
    await expect(admin.save(form({ adminPassword: 'not-it' }), accepted)).rejects.toMatchObject({ code: 'POLL_AUTH' });
    // A failed add whose node identity was never accepted: refused before anything is written.
    await expect(admin.save(form({ name: 'Lab Three', nodes: [...only, { name: 'imp-sub1', host: '127.0.16.13', role: 'imp-subscriber' }] }), accepted)).rejects.toMatchObject({ code: 'PRECONDITION' });
    expect(await credentials.list()).toEqual([]);
    expect(trust.list()).toEqual([]);
    expect(admin.configs()).toEqual([]);

    // Changed host key: the pin differs from what the node presents.
    await trust.pin({ kind: 'ssh', host: pub.ssh.host, port: ports.ssh, fingerprint: `SHA256:${'A'.repeat(43)}` });
    const ids = await admin.identify([{ host: pub.ssh.host, sshPort: ports.ssh, soapPort: ports.soap }]);
    expect(ids[0]).toMatchObject({ kind: 'ssh', pin: 'changed', pinnedFingerprintSha256: `SHA256:${'A'.repeat(43)}`, fingerprintSha256: pub.hostKeyFingerprint });
    const changed = await admin.test(form({ nodes: only }), accepted.filter((k) => k.kind === 'tls'));
    expect(changed.find((r) => r.protocol === 'ssh')!.error).toMatchObject({ kind: 'hostKeyChanged' });
    await expect(admin.discover(form(), [])).rejects.toThrow(/hostKeyChanged/);
    // Accepting the new key explicitly connects again.
    expect((await admin.test(form({ nodes: only }), accepted)).every((r) => r.ok)).toBe(true);

    // Closed ports: refused at once, said as such (identify and test alike).
    const closed = { ssh: await closedPort(), soap: await closedPort(), snmp: ports.snmp };
    const closedIds = await admin.identify([{ host: '127.0.0.1', sshPort: closed.ssh, soapPort: closed.soap }]);
    expect(closedIds.map((i) => i.error?.kind)).toEqual(['portClosed', 'portClosed']);
    const closedTest = await admin.test(form({ publisherHost: '127.0.0.1', ports: closed, nodes: [{ name: 'imp-pub', host: '127.0.0.1', role: 'imp-publisher' }] }), []);
    expect(Object.fromEntries(closedTest.filter((r) => r.protocol !== 'snmp').map((r) => [r.protocol, r.error?.kind]))).toEqual({ ssh: 'portClosed', soap: 'portClosed' });

    // The embedded cluster's id is reserved; a bad form is refused whole, naming the field.
    await expect(admin.save(form({ name: 'SIM' }), accepted)).rejects.toThrow(/reserved/);
    await expect(admin.save(form({ ports: { ...ports, ssh: 0 } }), accepted)).rejects.toThrow(/ports\.ssh/);
    const err = await admin.save(form({ adminPassword: undefined }), accepted).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/adminPassword: missing/);
  }, 120_000);

  it('a saved cluster whose secret is gone is listed as failed, never stops the start; the embedded cluster switches off and on, kept across restarts', async () => {
    const stateDir = join(dir, 'state-embedded');
    const { pub, ports } = publisher();
    // The real Alert Central (the JSM capacity facts are set in it, and forgotten with their cluster).
    const alerts = new AlertEngine({ store: new MemoryAlertStore() });
    const fact = (cluster: string, node: string) => alerts.nodeFact(cluster, node, 'jsmSessionsSupported');
    // Save a cluster of the publisher alone, then lose its SNMP secret (a store restored from an old backup).
    {
      const { credentials, trust } = await stores(stateDir);
      const admin = await ClusterAdmin.open({ stateDir, credentials, trust });
      const accepted = accept(await admin.identify([{ host: pub.ssh.host, sshPort: ports.ssh, soapPort: ports.soap }]));
      await admin.save(form({ nodes: [{ name: 'imp-pub', host: pub.ssh.host, role: 'imp-publisher' }] }), accepted);
      expect(await credentials.delete('cluster/lab-two/snmp')).toBe(true);
    }
    const open = async () => {
      const store = new AsyncDisposableStore();
      const collector = store.add(await Collector.create());
      const { credentials, trust } = await stores(stateDir);
      const parts = await createClusterParts({ stateDir, collector, alerts, credentials, trust, store, embedded: { available: true, scenario: null, speed: 1, basePort: 0 } });
      return { store, collector, svc: parts.service };
    };
    const a = await open();
    try {
      const listed = await a.svc.list();
      const failed = listed.find((c) => c.id === 'lab-two')!;
      expect(failed.nodes.map((n) => [n.name, n.reachability, n.protocols.snmp.lastErrorCode])).toEqual([['imp-pub', 'down', 'PRECONDITION']]);
      expect(failed.nodes[0]!.protocols.ssh.lastErrorMessage).toMatch(/snmp\.community: missing/);
      expect((await a.svc.configs())[0]!.snmp).toEqual({ version: '2c', hasCommunity: false });
      // The embedded simulated cluster runs; its OVA comes over its admin CLI (show hardware), as a real node's.
      expect(await a.svc.embedded()).toEqual({ enabled: true, running: true });
      expect(listed.some((c) => c.id === 'sim' && c.simulated)).toBe(true);
      await until('the embedded nodes\' OVA', () => a.collector.clusters().find((c) => c.id === 'sim')!.nodes.filter((n) => n.role !== 'cucm-publisher').every((n) => n.ova?.source === 'cluster' && n.ova.users === 15000));
      await until('the embedded JSM facts', () => ['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3'].every((n) => fact('sim', n) !== undefined));
      // The embedded cluster is Balanced with HA enabled pairs: active/active, the figure halved (15 000 OVA: 11 250).
      await until('the halved embedded JSM figures', () => ['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3'].every((n) => fact('sim', n) === 11_250));
      expect(await a.svc.setEmbedded(false)).toEqual({ enabled: false, running: false });
      expect((await a.svc.list()).some((c) => c.id === 'sim')).toBe(false);
      // The removed cluster's capacity facts are gone from Alert Central (no JSMSessionsExceedsThreshold on them).
      expect(['imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3'].map((n) => fact('sim', n))).toEqual([undefined, undefined, undefined, undefined]);
      // Editing the failed cluster with its community given again starts it.
      const accepted = accept(await a.svc.identify([{ host: pub.ssh.host, sshPort: ports.ssh, soapPort: ports.soap }]));
      const saved = await a.svc.save(form({ id: 'lab-two', adminPassword: undefined, appPassword: undefined, nodes: [{ name: 'imp-pub', host: pub.ssh.host, role: 'imp-publisher' }] }), accepted);
      expect(saved.nodes.map((n) => n.reachability)).not.toContain('down');
      expect((await a.svc.list()).map((c) => c.id)).toEqual(['lab-two']);
    } finally {
      await a.store.dispose();
    }
    const b = await open();
    try {
      expect(await b.svc.embedded()).toEqual({ enabled: false, running: false });
      expect((await b.svc.list()).map((c) => c.id)).toEqual(['lab-two']);
      expect(await b.svc.setEmbedded(true)).toEqual({ enabled: true, running: true });
      expect((await b.svc.list()).map((c) => c.id).sort()).toEqual(['lab-two', 'sim']);
    } finally {
      await b.store.dispose();
      alerts.dispose();
    }
  }, 180_000);
});
