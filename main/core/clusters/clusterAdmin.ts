/**
 * The monitored clusters as a person adds, edits, tests and removes them (issue 15), for the app's service and for
 * `imp clusters …`. Settings in `<state>/clusters.json` (clustersFile.ts), secrets only in the credential store under
 * `cluster/<id>/admin|application|snmp`, SSH host keys and certificates pinned only once accepted. A save checks
 * everything it can first (the form, the secrets, discovery, every node's accepted or pinned identity) and writes
 * nothing until then; when a write fails, what it wrote is taken back, so a failed add leaves no secret or pin behind.
 * The endpoints' identities are endpointTrust.ts's, discovery clusterDiscovery.ts's, the connection test
 * clusterConnectionTest.ts's; this class keeps the settings, the secrets and the pins.
 */
import { join } from 'node:path';
import type { NodeOva } from '../../../shared/model/cluster.js';
import type {
  AcceptedKey,
  ClusterConfigView,
  ClusterInput,
  ClusterNodeInput,
  ConnectionTestResult,
  DiscoveredNode,
  EndpointIdentity,
  IdentifyTarget,
} from '../../../shared/model/clusters.js';
import { parseClusterInput } from '../../../shared/validation/clusters.js';
import { AppError } from '../base/errors.js';
import { JsonStateFile } from '../base/jsonStateFile.js';
import type { ClusterSpec } from '../collector/collector.js';
import type { NodeTargets } from '../collector/nodeRuntime.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import type { PinnedTrustStore, TrustPin } from '../credentials/pinnedTrustStore.js';
import { testClusterNodes } from './clusterConnectionTest.js';
import { discoverNodes } from './clusterDiscovery.js';
import { snmpTarget, type ClusterSecrets } from './clusterTargets.js';
import { EndpointTrust, acceptedCertificate, acceptedKey, identifyEndpoints } from './endpointTrust.js';
import { CLUSTERS_FILE_NAME, clustersFileSchema, nodePorts, secretIds, type ClustersFile, type StoredCluster } from './clustersFile.js';
import { EMBEDDED_CLUSTER_ID } from './embeddedClusterSpec.js';

/** What ClusterAdmin.open needs. */
export interface ClusterAdminOptions {
  readonly stateDir: string;
  readonly credentials: CredentialStore;
  readonly trust: PinnedTrustStore;
  /** Told when clusters.json could not be used (it is kept aside and the app starts with none). */
  readonly onProblem?: (message: string) => void;
}

/** A saved cluster as the collector's spec, or why it cannot be polled (a secret missing from the store). */
export type SavedClusterSpec = { readonly id: string; readonly name: string; readonly spec: ClusterSpec } | { readonly id: string; readonly name: string; readonly problem: string; readonly config: ClusterConfigView };

const MAX_ID = 48;

/** The id of a cluster named `name`: lower case letters, digits and dashes. */
export function clusterIdFromName(name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, MAX_ID).replace(/-+$/, '');
  return slug || 'cluster';
}

export class ClusterAdmin {
  #state: ClustersFile;
  /** The credential ids held, as of open and this admin's own writes (configViews reads the store again). */
  #held: Set<string>;
  /**
   * Saves, removals and the embedded switch, one at a time: each reads the saved clusters, writes secrets and pins and
   * takes them back when it fails, so two at once (a double click on Save) could both pass the "already saved" check,
   * or one's undo could put back the secrets or the clusters.json state the other just wrote.
   */
  #changing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: JsonStateFile<ClustersFile>,
    state: ClustersFile,
    private readonly credentials: CredentialStore,
    private readonly trust: PinnedTrustStore,
    held: Set<string>,
  ) {
    this.#state = state;
    this.#held = held;
  }

  static async open(o: ClusterAdminOptions): Promise<ClusterAdmin> {
    const file = new JsonStateFile<ClustersFile>(join(o.stateDir, CLUSTERS_FILE_NAME), (data) => {
      const r = clustersFileSchema.safeParse(data);
      return r.success ? { ok: true, value: r.data } : { ok: false, problem: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    });
    const state = (await file.read(o.onProblem ?? ((m) => console.warn(`[clusters] ${m}`)))) ?? { version: 1, embeddedEnabled: true, clusters: [] };
    return new ClusterAdmin(file, state, o.credentials, o.trust, new Set(await o.credentials.list()));
  }

  /** Saved clusters as the form shows them (no secrets, only whether each is stored). */
  async configViews(): Promise<ClusterConfigView[]> {
    this.#held = new Set(await this.credentials.list());
    return this.configs();
  }

  /** Saved clusters as the form shows them, the stored-secret flags as of open and this admin's writes. */
  configs(): ClusterConfigView[] {
    return this.#state.clusters.map((c) => view(c, this.#held));
  }

  embeddedEnabled(): boolean {
    return this.#state.embeddedEnabled;
  }

  setEmbeddedEnabled(on: boolean): Promise<void> {
    return this.#oneAtATime(async () => {
      this.#state = { ...this.#state, embeddedEnabled: on };
      await this.#write();
    });
  }

  /** The SSH host key and the TLS certificate each endpoint presents, compared with the pins; no credential sent. */
  identify(targets: readonly IdentifyTarget[]): Promise<EndpointIdentity[]> {
    return identifyEndpoints(targets, this.trust);
  }

  /** The nodes `show network cluster` lists on the publisher, each with the ports it will be reached on. */
  async discover(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<DiscoveredNode[]> {
    const form = this.#validate(input);
    const secrets = await this.#secrets(form, true);
    return discoverNodes(form, secrets.adminPassword, new EndpointTrust(this.trust, accepted));
  }

  /** Tests every protocol towards every node of the form (discovered from the publisher when it lists none). */
  async test(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<ConnectionTestResult[]> {
    const form = this.#validate(input);
    const secrets = await this.#secrets(form, true);
    const nodes = form.nodes.length > 0 ? form.nodes : await discoverNodes(form, secrets.adminPassword, new EndpointTrust(this.trust, accepted));
    return testClusterNodes(form, nodes, secrets, new EndpointTrust(this.trust, accepted));
  }

  /** Tests a saved cluster with its stored settings, secrets and pins. */
  async testSaved(id: string): Promise<ConnectionTestResult[]> {
    const c = this.#stored(id);
    const secrets = await this.#secrets(inputOf(c), true);
    return testClusterNodes(inputOf(c), c.nodes, secrets, new EndpointTrust(this.trust, []));
  }

  /** Validates, pins the accepted keys, stores the secrets (taken back when the save fails), writes clusters.json. */
  save(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<{ config: ClusterConfigView; spec: ClusterSpec }> {
    return this.#oneAtATime(() => this.#save(input, accepted));
  }

  async #save(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<{ config: ClusterConfigView; spec: ClusterSpec }> {
    const form = this.#validate(input);
    const id = form.id ?? clusterIdFromName(form.name);
    if (id === EMBEDDED_CLUSTER_ID) throw new AppError('VALIDATION', `name: "${form.name}" is reserved for the embedded simulated cluster (id ${EMBEDDED_CLUSTER_ID}); choose another name`);
    const existing = this.#state.clusters.find((c) => c.id === id);
    if (form.id !== undefined && !existing) throw new AppError('NOT_FOUND', `no saved cluster ${form.id}`);
    if (form.id === undefined && existing) throw new AppError('CONFLICT', `a cluster with the id ${id} (named "${existing.name}") is already saved: choose another name`);
    const sameName = this.#state.clusters.find((c) => c.id !== id && c.name.toLowerCase() === form.name.toLowerCase());
    if (sameName) throw new AppError('CONFLICT', `a cluster named "${sameName.name}" is already saved`);
    const secrets = await this.#secrets({ ...form, id }, form.id !== undefined);
    const nodes: readonly ClusterNodeInput[] = form.nodes.length > 0 ? form.nodes : (await discoverNodes(form, secrets.adminPassword, new EndpointTrust(this.trust, accepted))).map((n) => ({ name: n.name, host: n.host, role: n.role }));
    if (nodes.length === 0) throw new AppError('VALIDATION', `nodes: "show network cluster" on ${form.publisherHost} listed no node`);
    // Every node's identities: the accepted one (a TLS certificate is fetched to pin it) or the pin; else refused.
    const pins: Parameters<PinnedTrustStore['pin']>[0][] = [];
    for (const n of nodes) {
      const p = nodePorts(form, n);
      const ssh = acceptedKey(accepted, 'ssh', n.host, p.ssh);
      if (ssh) pins.push({ kind: 'ssh', host: n.host, port: p.ssh, fingerprint: ssh });
      else if (!this.trust.get('ssh', n.host, p.ssh)) throw new AppError('PRECONDITION', `node ${n.name}: the SSH host key of ${n.host}:${p.ssh} is neither accepted nor pinned: identify the node and accept its fingerprint`);
      const tls = acceptedKey(accepted, 'tls', n.host, p.soap);
      if (tls) pins.push({ kind: 'tls', host: n.host, port: p.soap, pem: await acceptedCertificate(n.host, p.soap, tls) });
      else if (!this.trust.get('tls', n.host, p.soap)) throw new AppError('PRECONDITION', `node ${n.name}: the certificate of ${n.host}:${p.soap} is neither accepted nor pinned: identify the node and accept its fingerprint`);
    }
    const stored: StoredCluster = {
      id,
      name: form.name,
      publisherHost: form.publisherHost,
      ports: form.ports,
      adminUsername: form.adminUsername,
      appUsername: form.appUsername,
      snmp: form.snmp.version === '2c' ? { version: '2c' } : { version: '3', user: form.snmp.user, authProtocol: form.snmp.authProtocol, privProtocol: form.snmp.privProtocol },
      nodes: nodes.map((n) => ({ name: n.name, host: n.host, role: n.role, ...(n.ports && Object.keys(n.ports).length > 0 ? { ports: n.ports } : {}), ...(n.ovaUsers ? { ovaUsers: n.ovaUsers } : {}) })),
      addedAtMs: existing?.addedAtMs ?? Date.now(),
    };
    const undo: (() => Promise<unknown>)[] = [];
    try {
      const ids = secretIds(id);
      const values: [string, string][] = [
        [ids.admin, secrets.adminPassword],
        [ids.application, secrets.appPassword],
        [ids.snmp, JSON.stringify(secrets.snmp)],
      ];
      for (const [key, value] of values) {
        const before = await this.credentials.get(key);
        undo.push(() => (before === undefined ? this.credentials.delete(key) : this.credentials.put(key, before)));
        await this.credentials.put(key, value);
      }
      for (const req of pins) {
        const before = this.trust.get(req.kind, req.host, req.port);
        undo.push(() => (before ? this.trust.pin(pinRequestOf(before), before.pinnedAtMs) : this.trust.unpin(req.kind, req.host, req.port)));
        await this.trust.pin(req);
      }
      const previous = this.#state;
      this.#state = { ...previous, clusters: [...previous.clusters.filter((c) => c.id !== id), stored] };
      undo.push(async () => {
        this.#state = previous;
      });
      await this.#write();
    } catch (err) {
      for (const step of undo.reverse()) await step().catch(() => undefined);
      this.#held = new Set(await this.credentials.list().catch(() => [...this.#held]));
      throw err;
    }
    for (const key of Object.values(secretIds(id))) this.#held.add(key);
    // Pins no node of the edited cluster (nor any other cluster) uses any more go.
    if (existing) await this.#unpinUnused(existing);
    return { config: view(stored, new Set(Object.values(secretIds(id)))), spec: await this.#spec(stored, secrets) };
  }

  /** Forgets a cluster: its settings, its secrets and the pins no other saved cluster uses. */
  remove(id: string): Promise<void> {
    return this.#oneAtATime(() => this.#remove(id));
  }

  async #remove(id: string): Promise<void> {
    if (id === EMBEDDED_CLUSTER_ID) throw new AppError('VALIDATION', `the embedded simulated cluster is switched off, not removed (clusters.setEmbedded(false))`);
    const c = this.#stored(id);
    this.#state = { ...this.#state, clusters: this.#state.clusters.filter((x) => x.id !== id) };
    await this.#write();
    for (const key of Object.values(secretIds(id))) {
      await this.credentials.delete(key);
      this.#held.delete(key);
    }
    await this.#unpinUnused(c);
  }

  /** Every saved cluster as a collector spec (secrets resolved), or why it cannot be (for startup: never throws for one). */
  async specs(): Promise<SavedClusterSpec[]> {
    const held = new Set(await this.credentials.list());
    const out: SavedClusterSpec[] = [];
    for (const c of this.#state.clusters) {
      try {
        out.push({ id: c.id, name: c.name, spec: await this.#spec(c, await this.#secrets(inputOf(c), true)) });
      } catch (err) {
        out.push({ id: c.id, name: c.name, problem: (err as Error).message, config: view(c, held) });
      }
    }
    return out;
  }

  /** The saved cluster's spec (secrets resolved); throws when one is missing. */
  async spec(id: string): Promise<ClusterSpec> {
    const c = this.#stored(id);
    return this.#spec(c, await this.#secrets(inputOf(c), true));
  }

  #oneAtATime<T>(change: () => Promise<T>): Promise<T> {
    const run = this.#changing.then(change);
    this.#changing = run.catch(() => undefined);
    return run;
  }

  #stored(id: string): StoredCluster {
    const c = this.#state.clusters.find((x) => x.id === id);
    if (!c) throw new AppError('NOT_FOUND', `no saved cluster ${id}`);
    return c;
  }

  #write(): Promise<void> {
    const state = this.#state;
    return this.file.write(() => state);
  }

  #validate(input: ClusterInput): ClusterInput {
    const r = parseClusterInput(input);
    if (!r.ok) throw new AppError('VALIDATION', r.problems.join('; '));
    if (r.value.snmp.version === '3' && r.value.snmp.privProtocol === 'des') {
      throw new AppError('VALIDATION', 'snmp.privProtocol: DES is not supported by the poller: configure the SNMPv3 user with AES-128 privacy');
    }
    return r.value;
  }

  /**
   * The form's secrets, with the stored ones standing in for those left out of an edit (`useStored`) — but only towards
   * the hosts they were saved for: when the publisher or a node is on another host than the saved cluster's, a stored
   * secret would go to that new host, so the form must carry them all again (VALIDATION naming the fields and why).
   */
  async #secrets(form: ClusterInput, useStored: boolean): Promise<ClusterSecrets> {
    const ids = form.id ? secretIds(form.id) : undefined;
    const saved = useStored && form.id ? this.#state.clusters.find((c) => c.id === form.id) : undefined;
    const moved = saved ? hostChange(saved, form) : undefined;
    if (moved) {
      const again = missingSecrets(form);
      if (again.length > 0) throw new AppError('VALIDATION', `${moved}: type ${joinWords(again)} again (the stored ones are only sent to the hosts they were saved for)`);
    }
    const stored = async (key: keyof ReturnType<typeof secretIds>): Promise<string | undefined> => (useStored && ids ? this.credentials.get(ids[key]) : undefined);
    const need = (value: string | undefined, field: string): string => {
      if (value === undefined || value === '') throw new AppError('VALIDATION', `${field}: missing${form.id ? ` (and none is stored for cluster ${form.id})` : ''}`);
      return value;
    };
    const adminPassword = need(form.adminPassword ?? (await stored('admin')), 'adminPassword');
    const appPassword = need(form.appPassword ?? (await stored('application')), 'appPassword');
    const storedSnmpText = await stored('snmp');
    let storedSnmp: Record<string, unknown> = {};
    try {
      storedSnmp = storedSnmpText ? (JSON.parse(storedSnmpText) as Record<string, unknown>) : {};
    } catch {
      storedSnmp = {};
    }
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const snmp =
      form.snmp.version === '2c'
        ? { community: need(form.snmp.community ?? str(storedSnmp['community']), 'snmp.community') }
        : { authKey: need(form.snmp.authKey ?? str(storedSnmp['authKey']), 'snmp.authKey'), privKey: need(form.snmp.privKey ?? str(storedSnmp['privKey']), 'snmp.privKey') };
    return { adminPassword, appPassword, snmp };
  }

  async #spec(c: StoredCluster, secrets: ClusterSecrets): Promise<ClusterSpec> {
    const form = inputOf(c);
    const nodes: NodeTargets[] = c.nodes.map((n) => {
      const p = nodePorts(c, n);
      const base = { cluster: c.id, node: n.name, host: n.host };
      const sshPin = this.trust.get('ssh', n.host, p.ssh);
      const tlsPin = this.trust.get('tls', n.host, p.soap);
      const ova: NodeOva | undefined = n.ovaUsers ? { users: n.ovaUsers, source: 'settings' } : undefined;
      if (sshPin?.kind !== 'ssh' || tlsPin?.kind !== 'tls') {
        throw new AppError('PRECONDITION', `node ${n.name}: no pinned ${sshPin ? 'certificate' : 'SSH host key'} for ${n.host}:${sshPin ? p.soap : p.ssh}: edit the cluster, identify the node and accept its fingerprint`);
      }
      return {
        cluster: c.id,
        name: n.name,
        host: n.host,
        role: n.role,
        snmp: snmpTarget(form, secrets, base, p.snmp),
        soap: { ...base, port: p.soap, username: c.appUsername, password: secrets.appPassword, pin: { pem: tlsPin.pem } },
        ssh: { ...base, port: p.ssh, username: c.adminUsername, password: secrets.adminPassword, hostKeyFingerprint: sshPin.sha256 },
        ...(ova ? { ova } : {}),
      };
    });
    return { id: c.id, name: c.name, publisherHost: c.publisherHost, simulated: false, nodes };
  }

  /** Unpins the endpoints of `c` that no saved cluster uses any more. */
  async #unpinUnused(c: StoredCluster): Promise<void> {
    const used = new Set<string>();
    for (const other of this.#state.clusters) {
      for (const n of other.nodes) {
        const p = nodePorts(other, n);
        used.add(`ssh ${n.host.toLowerCase()}:${p.ssh}`);
        used.add(`tls ${n.host.toLowerCase()}:${p.soap}`);
      }
    }
    for (const n of c.nodes) {
      const p = nodePorts(c, n);
      if (!used.has(`ssh ${n.host.toLowerCase()}:${p.ssh}`)) await this.trust.unpin('ssh', n.host, p.ssh);
      if (!used.has(`tls ${n.host.toLowerCase()}:${p.soap}`)) await this.trust.unpin('tls', n.host, p.soap);
    }
  }
}

/** How the form's hosts differ from the saved cluster's (the publisher, or a node on a host the cluster had not), or undefined. */
export function hostChange(saved: StoredCluster, form: ClusterInput): string | undefined {
  const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
  if (!same(saved.publisherHost, form.publisherHost)) return `the publisher changed from ${saved.publisherHost} to ${form.publisherHost}`;
  const savedHosts = [saved.publisherHost, ...saved.nodes.map((n) => n.host)];
  for (const n of form.nodes) {
    if (savedHosts.some((h) => same(h, n.host))) continue;
    const before = saved.nodes.find((s) => s.name.toLowerCase() === n.name.toLowerCase());
    return before ? `node ${n.name} changed from ${before.host} to ${n.host}` : `node ${n.name} is on ${n.host}, a host the saved cluster does not have`;
  }
  return undefined;
}

/** The secrets the form leaves out (they would be the stored ones), in words. */
function missingSecrets(form: ClusterInput): string[] {
  const missing = (v: string | undefined): boolean => v === undefined || v === '';
  const out: string[] = [];
  const admin = missing(form.adminPassword);
  const app = missing(form.appPassword);
  if (admin && app) out.push('the admin and application passwords');
  else if (admin) out.push('the admin password');
  else if (app) out.push('the application password');
  if (form.snmp.version === '2c') {
    if (missing(form.snmp.community)) out.push('the SNMP community');
  } else {
    const auth = missing(form.snmp.authKey);
    const priv = missing(form.snmp.privKey);
    if (auth && priv) out.push('the SNMPv3 authentication and privacy keys');
    else if (auth) out.push('the SNMPv3 authentication key');
    else if (priv) out.push('the SNMPv3 privacy key');
  }
  return out;
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function inputOf(c: StoredCluster): ClusterInput {
  return {
    id: c.id, name: c.name, publisherHost: c.publisherHost, ports: c.ports, adminUsername: c.adminUsername, appUsername: c.appUsername,
    snmp: c.snmp.version === '2c' ? { version: '2c' } : { version: '3', user: c.snmp.user, authProtocol: c.snmp.authProtocol, privProtocol: c.snmp.privProtocol },
    nodes: c.nodes,
  };
}

function view(c: StoredCluster, held: ReadonlySet<string>): ClusterConfigView {
  const ids = secretIds(c.id);
  const has = (key: string): boolean => held.has(key);
  return {
    id: c.id, name: c.name, publisherHost: c.publisherHost, ports: c.ports, adminUsername: c.adminUsername, appUsername: c.appUsername,
    snmp: c.snmp.version === '2c'
      ? { version: '2c', hasCommunity: has(ids.snmp) }
      : { version: '3', user: c.snmp.user, authProtocol: c.snmp.authProtocol, privProtocol: c.snmp.privProtocol, hasAuthKey: has(ids.snmp), hasPrivKey: has(ids.snmp) },
    nodes: c.nodes, hasAdminPassword: has(ids.admin), hasAppPassword: has(ids.application), addedAtMs: c.addedAtMs,
  };
}


function pinRequestOf(p: TrustPin): Parameters<PinnedTrustStore['pin']>[0] {
  return p.kind === 'tls' ? { kind: 'tls', host: p.host, port: p.port, pem: p.pem } : { kind: 'ssh', host: p.host, port: p.port, fingerprint: p.sha256, ...(p.keyType ? { keyType: p.keyType } : {}) };
}
