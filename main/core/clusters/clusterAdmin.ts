/**
 * The monitored clusters as a person adds, edits, tests and removes them (issue 15), for the app's service and for
 * `imp clusters …`. Settings in `<state>/clusters.json` (clustersFile.ts), secrets only in the credential store under
 * `cluster/<id>/admin|application|snmp`, SSH host keys and certificates pinned only once accepted. A save checks
 * everything it can first (the form, the secrets, discovery, every node's accepted or pinned identity) and writes
 * nothing until then; when a write fails, what it wrote is taken back, so a failed add leaves no secret or pin behind.
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
import { normalizeSshFingerprint, normalizeTlsFingerprint } from '../credentials/fingerprints.js';
import type { PinnedTrustStore, TrustPin } from '../credentials/pinnedTrustStore.js';
import { SnmpPoller } from '../polling/snmp/snmpPoller.js';
import type { SnmpTarget } from '../polling/snmp/snmpSession.js';
import { fetchServerCertificate } from '../polling/soap/tlsPinning.js';
import { nodeRoleOf, parseNetworkCluster } from '../polling/ssh/parsers/networkCluster.js';
import { SshCliSession, fetchSshHostKeyFingerprint } from '../polling/ssh/sshCliSession.js';
import { classifyConnectionError, notAccepted } from './connectionErrors.js';
import { probeSnmp, probeSoap, probeSsh } from './connectionProbes.js';
import { CLUSTERS_FILE_NAME, clustersFileSchema, nodePorts, secretIds, type ClustersFile, type StoredCluster } from './clustersFile.js';
import { EMBEDDED_CLUSTER_ID } from './embeddedClusterSpec.js';
import { ovaUsersFromShowHardware } from './ovaFromHardware.js';

/** The secrets of a cluster, resolved. */
interface Secrets {
  readonly adminPassword: string;
  readonly appPassword: string;
  readonly snmp: { readonly community: string } | { readonly authKey: string; readonly privKey: string };
}

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
  async identify(targets: readonly IdentifyTarget[]): Promise<EndpointIdentity[]> {
    const one = async (t: IdentifyTarget): Promise<EndpointIdentity[]> => {
      const ssh = await fetchSshHostKeyFingerprint(t.host, t.sshPort, t.host, 10_000);
      const sshPin = this.trust.get('ssh', t.host, t.sshPort);
      const sshId: EndpointIdentity = ssh.ok
        ? { host: t.host, port: t.sshPort, kind: 'ssh', fingerprintSha256: ssh.fingerprint, ...pinState(sshPin, this.trust.verify('ssh', t.host, t.sshPort, ssh.fingerprint)) }
        : { host: t.host, port: t.sshPort, kind: 'ssh', ...pinState(sshPin, 'unknown'), error: classifyConnectionError(ssh.error, 'ssh', t.host, t.sshPort) };
      const tlsPin = this.trust.get('tls', t.host, t.soapPort);
      let tlsId: EndpointIdentity;
      try {
        const cert = await fetchServerCertificate(t.host, t.soapPort, 10_000);
        const notAfter = Date.parse(cert.validTo);
        tlsId = {
          host: t.host, port: t.soapPort, kind: 'tls', fingerprintSha256: cert.sha256, subject: cert.subject,
          ...(Number.isFinite(notAfter) ? { notAfterMs: notAfter } : {}),
          ...pinState(tlsPin, this.trust.verify('tls', t.host, t.soapPort, cert.sha256)),
        };
      } catch (err) {
        tlsId = { host: t.host, port: t.soapPort, kind: 'tls', ...pinState(tlsPin, 'unknown'), error: classifyConnectionError(err, 'soap', t.host, t.soapPort) };
      }
      return [sshId, tlsId];
    };
    return (await Promise.all(targets.map(one))).flat();
  }

  /** The nodes `show network cluster` lists on the publisher, each with the ports it will be reached on. */
  async discover(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<DiscoveredNode[]> {
    const form = this.#validate(input);
    const secrets = await this.#secrets(form, true);
    return this.#discover(form, secrets.adminPassword, accepted);
  }

  /** Tests every protocol towards every node of the form (discovered from the publisher when it lists none). */
  async test(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<ConnectionTestResult[]> {
    const form = this.#validate(input);
    const secrets = await this.#secrets(form, true);
    const nodes = form.nodes.length > 0 ? form.nodes : await this.#discover(form, secrets.adminPassword, accepted);
    return this.#testNodes(form, nodes, secrets, accepted);
  }

  /** Tests a saved cluster with its stored settings, secrets and pins. */
  async testSaved(id: string): Promise<ConnectionTestResult[]> {
    const c = this.#stored(id);
    const secrets = await this.#secrets(inputOf(c), true);
    return this.#testNodes(inputOf(c), c.nodes, secrets, []);
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
    const nodes: readonly ClusterNodeInput[] = form.nodes.length > 0 ? form.nodes : (await this.#discover(form, secrets.adminPassword, accepted)).map((n) => ({ name: n.name, host: n.host, role: n.role }));
    if (nodes.length === 0) throw new AppError('VALIDATION', `nodes: "show network cluster" on ${form.publisherHost} listed no node`);
    // Every node's identities: the accepted one (a TLS certificate is fetched to pin it) or the pin; else refused.
    const pins: Parameters<PinnedTrustStore['pin']>[0][] = [];
    for (const n of nodes) {
      const p = nodePorts(form, n);
      const ssh = acceptedKey(accepted, 'ssh', n.host, p.ssh);
      if (ssh) pins.push({ kind: 'ssh', host: n.host, port: p.ssh, fingerprint: ssh });
      else if (!this.trust.get('ssh', n.host, p.ssh)) throw new AppError('PRECONDITION', `node ${n.name}: the SSH host key of ${n.host}:${p.ssh} is neither accepted nor pinned: identify the node and accept its fingerprint`);
      const tls = acceptedKey(accepted, 'tls', n.host, p.soap);
      if (tls) pins.push({ kind: 'tls', host: n.host, port: p.soap, pem: await this.#acceptedCertificate(n.host, p.soap, tls) });
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

  /** The form's secrets, with the stored ones standing in for those left out of an edit (`useStored`). */
  async #secrets(form: ClusterInput, useStored: boolean): Promise<Secrets> {
    const ids = form.id ? secretIds(form.id) : undefined;
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

  /** The SSH fingerprint to expect of host:port: the accepted one, else the pin. */
  #sshFingerprint(host: string, port: number, accepted: readonly AcceptedKey[]): string | undefined {
    return acceptedKey(accepted, 'ssh', host, port) ?? this.trust.get('ssh', host, port)?.sha256;
  }

  /** The certificate to trust for host:port: the accepted one (fetched, checked against the fingerprint), else the pin. */
  async #tlsPem(host: string, port: number, accepted: readonly AcceptedKey[]): Promise<string> {
    const fp = acceptedKey(accepted, 'tls', host, port);
    if (fp) return this.#acceptedCertificate(host, port, fp);
    const pin = this.trust.get('tls', host, port);
    if (pin?.kind === 'tls') return pin.pem;
    const cert = await fetchServerCertificate(host, port, 10_000);
    throw notAccepted('tls', host, port, cert.sha256);
  }

  async #acceptedCertificate(host: string, port: number, fingerprint: string): Promise<string> {
    const cert = await fetchServerCertificate(host, port, 10_000);
    if (normalizeTlsFingerprint(cert.sha256) !== fingerprint) {
      throw new AppError('PRECONDITION', `the certificate of ${host}:${port} is now ${cert.sha256}, not the accepted ${fingerprint}: identify it again`, {
        cause: Object.assign(new Error('certificate differs from the accepted one'), { code: 'CERT_PINNED_MISMATCH' }),
      });
    }
    return cert.pem;
  }

  async #discover(form: ClusterInput, adminPassword: string, accepted: readonly AcceptedKey[]): Promise<DiscoveredNode[]> {
    const host = form.publisherHost;
    const port = form.ports.ssh;
    const expected = this.#sshFingerprint(host, port, accepted);
    if (!expected) {
      const presented = await fetchSshHostKeyFingerprint(host, port, host, 10_000);
      if (!presented.ok) throw toAppError(presented.error, 'ssh', host, port);
      throw toAppError(notAccepted('ssh', host, port, presented.fingerprint), 'ssh', host, port);
    }
    const conn = await SshCliSession.connect({ cluster: form.id ?? 'new', node: host, host, port, username: form.adminUsername, password: adminPassword, hostKeyFingerprint: expected, readyTimeoutMs: 10_000 });
    if (!conn.ok) throw toAppError(conn.error, 'ssh', host, port);
    let listed;
    let publisherHardware: string | undefined;
    try {
      const out = await conn.session.run('show network cluster', 30_000);
      if (!out.ok) throw toAppError(out.error, 'ssh', host, port);
      listed = parseNetworkCluster(out.output);
      const hw = await conn.session.run('show hardware', 30_000);
      if (hw.ok) publisherHardware = hw.output;
    } finally {
      conn.session.dispose();
    }
    if (listed.length === 0) throw new AppError('POLL_PARSE', `"show network cluster" on ${host} listed no node`);
    const nodes: DiscoveredNode[] = listed.map((n) => {
      const typed = form.nodes.find((x) => x.name.toLowerCase() === n.host.toLowerCase());
      const nodeHost = typed?.host ?? n.ip;
      return {
        name: n.host,
        host: nodeHost,
        role: nodeRoleOf(n),
        ports: nodePorts(form, typed ?? {}),
      };
    });
    // The OVA of IM&P nodes whose SSH key is known now: the publisher's from the session above, others by a login.
    return Promise.all(
      nodes.map(async (n): Promise<DiscoveredNode> => {
        if (n.role === 'cucm-publisher') return n;
        let users: number | undefined;
        if (n.host === host && n.ports.ssh === port && publisherHardware) users = ovaUsersFromShowHardware(publisherHardware);
        else {
          const fp = this.#sshFingerprint(n.host, n.ports.ssh, accepted);
          if (fp) {
            const r = await probeSsh(n.name, { cluster: form.id ?? 'new', node: n.name, host: n.host, port: n.ports.ssh, username: form.adminUsername, password: adminPassword, hostKeyFingerprint: fp }, { readOva: true });
            users = r.ovaUsers;
          }
        }
        return users ? { ...n, ova: { users, source: 'cluster' } } : n;
      }),
    );
  }

  async #testNodes(form: ClusterInput, nodes: readonly (ClusterNodeInput | DiscoveredNode)[], secrets: Secrets, accepted: readonly AcceptedKey[]): Promise<ConnectionTestResult[]> {
    const snmp = await SnmpPoller.create();
    try {
      const perNode = await Promise.all(
        nodes.map(async (n) => {
          const p = nodePorts(form, n);
          const base = { cluster: form.id ?? 'new', node: n.name, host: n.host };
          const fp = this.#sshFingerprint(n.host, p.ssh, accepted);
          const sshResult = fp
            ? probeSsh(n.name, { ...base, port: p.ssh, username: form.adminUsername, password: secrets.adminPassword, hostKeyFingerprint: fp })
            : this.#unacceptedSsh(n.name, n.host, p.ssh);
          const soapResult = (async (): Promise<ConnectionTestResult> => {
            try {
              const pem = await this.#tlsPem(n.host, p.soap, accepted);
              return await probeSoap(n.name, { ...base, port: p.soap, username: form.appUsername, password: secrets.appPassword, pin: { pem } });
            } catch (err) {
              return { node: n.name, host: n.host, protocol: 'soap', port: p.soap, ok: false, error: classifyConnectionError(err, 'soap', n.host, p.soap) };
            }
          })();
          const snmpResult = probeSnmp(n.name, snmpTarget(form, secrets, base, p.snmp), snmp);
          const results = await Promise.all([sshResult, soapResult, snmpResult]);
          return results.map(({ ovaUsers: _ova, ...r }: ConnectionTestResult & { ovaUsers?: number }) => r);
        }),
      );
      return perNode.flat();
    } finally {
      snmp.dispose();
    }
  }

  async #unacceptedSsh(node: string, host: string, port: number): Promise<ConnectionTestResult> {
    const presented = await fetchSshHostKeyFingerprint(host, port, node, 10_000);
    const err = presented.ok ? notAccepted('ssh', host, port, presented.fingerprint) : presented.error;
    return { node, host, protocol: 'ssh', port, ok: false, error: classifyConnectionError(err, 'ssh', host, port) };
  }

  async #spec(c: StoredCluster, secrets: Secrets): Promise<ClusterSpec> {
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

function snmpTarget(form: Pick<ClusterInput, 'snmp'>, secrets: Secrets, base: { cluster: string; node: string; host: string }, port: number): SnmpTarget {
  if (form.snmp.version === '2c' || 'community' in secrets.snmp) {
    return { ...base, port, version: 'v2c', community: 'community' in secrets.snmp ? secrets.snmp.community : '' };
  }
  return { ...base, port, version: 'v3', v3: { user: form.snmp.user, authProtocol: form.snmp.authProtocol, authKey: secrets.snmp.authKey, privProtocol: 'aes', privKey: secrets.snmp.privKey } };
}

/** The accepted fingerprint of an endpoint, normalized, or undefined. */
function acceptedKey(accepted: readonly AcceptedKey[], kind: 'ssh' | 'tls', host: string, port: number): string | undefined {
  const k = accepted.find((a) => a.kind === kind && a.port === port && a.host.toLowerCase() === host.toLowerCase());
  if (!k) return undefined;
  return kind === 'ssh' ? normalizeSshFingerprint(k.fingerprintSha256) : normalizeTlsFingerprint(k.fingerprintSha256);
}

function pinState(pin: TrustPin | undefined, verdict: 'match' | 'mismatch' | 'unknown'): Pick<EndpointIdentity, 'pin' | 'pinnedFingerprintSha256'> {
  if (!pin) return { pin: 'new' };
  return { pin: verdict === 'mismatch' ? 'changed' : 'pinned', pinnedFingerprintSha256: pin.sha256 };
}

function pinRequestOf(p: TrustPin): Parameters<PinnedTrustStore['pin']>[0] {
  return p.kind === 'tls' ? { kind: 'tls', host: p.host, port: p.port, pem: p.pem } : { kind: 'ssh', host: p.host, port: p.port, fingerprint: p.sha256, ...(p.keyType ? { keyType: p.keyType } : {}) };
}

/** A discovery failure as an AppError whose message says what to do (the classified connection error). */
function toAppError(err: unknown, protocol: 'ssh', host: string, port: number): AppError {
  const c = classifyConnectionError(err, protocol, host, port);
  const code = err instanceof AppError ? err.code : 'INTERNAL';
  return Object.assign(new AppError(code, `${c.kind}: ${c.message}`, { cause: err, retryable: c.retryable }), { kind: c.kind });
}

