import { randomUUID } from 'node:crypto';
import type { ClusterSummary } from '../../../shared/model/cluster.js';
import type { NewClusterInput, TrustPrompt } from '../../../shared/model/views.js';
import { AppError } from '../base/errors.js';
import type { Collector } from '../collector/collector.js';
import type { NodeTargets } from '../collector/nodeRuntime.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import type { PinnedTrustStore } from '../credentials/pinnedTrustStore.js';
import { fetchServerCertificate } from '../polling/soap/tlsPinning.js';
import { SshCliSession, fetchSshHostKeyFingerprint } from '../polling/ssh/sshCliSession.js';
import { parseNetworkCluster } from '../polling/ssh/parsers/networkCluster.js';

interface Pending {
  readonly input: NewClusterInput;
  readonly id: string;
  readonly prompts: Map<string, TrustPrompt & { pem?: string }>;
}

/**
 * Adding a real cluster: credentials go to the credential store (only ids stay in memory), the publisher's SSH
 * host key and tomcat certificate are shown to the user for consent (pin on first use; a changed key is refused),
 * then nodes are discovered with `show network cluster` and their keys pinned the same way before polling starts.
 */
export class ClusterOnboarding {
  readonly #pending = new Map<string, Pending>();

  constructor(
    private readonly collector: Collector,
    private readonly credentials: CredentialStore,
    private readonly trust: PinnedTrustStore,
  ) {}

  /** Prompts waiting for a decision. */
  pending(): TrustPrompt[] {
    return [...this.#pending.values()].flatMap((p) => [...p.prompts.values()].map(({ pem: _pem, ...prompt }) => prompt));
  }

  /** Starts adding a cluster: stores its credentials and asks to trust the publisher's keys. */
  async add(input: NewClusterInput): Promise<ClusterSummary> {
    const id = input.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'cluster';
    if (this.collector.clusters().some((c) => c.id === id) || this.#pending.has(id)) throw new AppError('CONFLICT', `a cluster named ${input.name} already exists`);
    await this.credentials.put(`${id}/admin`, JSON.stringify({ username: input.adminUsername, password: input.adminPassword }));
    await this.credentials.put(`${id}/application`, JSON.stringify({ username: input.appUsername, password: input.appPassword }));
    await this.credentials.put(`${id}/snmp`, JSON.stringify(input.snmp));
    const pending: Pending = { input, id, prompts: new Map() };
    this.#pending.set(id, pending);
    await this.#prompt(pending, input.publisherHost, input.sshPort ?? 22, input.soapPort ?? 8443);
    return { id, name: input.name, publisherHost: input.publisherHost, simulated: false, nodes: [] };
  }

  /** Accepts (pins) or refuses a prompt; when every prompt of a cluster is accepted, discovery and polling start. */
  async decide(promptId: string, accept: boolean): Promise<void> {
    const pending = [...this.#pending.values()].find((p) => p.prompts.has(promptId));
    if (!pending) throw new AppError('NOT_FOUND', `no pending trust decision ${promptId}`);
    const prompt = pending.prompts.get(promptId)!;
    if (!accept) {
      this.#pending.delete(pending.id);
      throw new AppError('PRECONDITION', `${prompt.kind === 'ssh' ? 'SSH host key' : 'certificate'} of ${prompt.host}:${prompt.port} refused; the cluster was not added`);
    }
    if (prompt.changed) throw new AppError('PRECONDITION', `the key of ${prompt.host}:${prompt.port} changed since it was pinned; remove the old pin first`);
    if (prompt.kind === 'ssh') await this.trust.pin({ kind: 'ssh', host: prompt.host, port: prompt.port, fingerprint: prompt.fingerprintSha256 });
    else await this.trust.pin({ kind: 'tls', host: prompt.host, port: prompt.port, pem: prompt.pem! });
    pending.prompts.delete(promptId);
    if (pending.prompts.size === 0) await this.#discover(pending);
  }

  async #prompt(p: Pending, host: string, sshPort: number, soapPort: number): Promise<void> {
    const ssh = await fetchSshHostKeyFingerprint(host, sshPort);
    if (!ssh.ok) throw ssh.error;
    const sshCheck = this.trust.verify('ssh', host, sshPort, ssh.fingerprint);
    if (sshCheck !== 'match') {
      const id = randomUUID();
      p.prompts.set(id, { id, cluster: p.id, host, port: sshPort, kind: 'ssh', fingerprintSha256: ssh.fingerprint, changed: sshCheck === 'mismatch' });
    }
    const cert = await fetchServerCertificate(host, soapPort);
    const tlsCheck = this.trust.verify('tls', host, soapPort, cert.pem);
    if (tlsCheck !== 'match') {
      const id = randomUUID();
      p.prompts.set(id, { id, cluster: p.id, host, port: soapPort, kind: 'tls', fingerprintSha256: cert.sha256, subject: cert.subject, notAfterMs: Date.parse(cert.validTo), changed: tlsCheck === 'mismatch', pem: cert.pem });
    }
    if (p.prompts.size === 0) await this.#discover(p);
  }

  async #discover(p: Pending): Promise<void> {
    const { input } = p;
    const sshPort = input.sshPort ?? 22;
    const soapPort = input.soapPort ?? 8443;
    const fingerprint = this.trust.get('ssh', input.publisherHost, sshPort)?.sha256;
    const target = { cluster: p.id, node: input.publisherHost, host: input.publisherHost, port: sshPort, username: input.adminUsername, password: input.adminPassword, hostKeyFingerprint: fingerprint };
    const conn = await SshCliSession.connect(target);
    if (!conn.ok) throw conn.error;
    const out = await conn.session.run('show network cluster');
    conn.session.dispose();
    if (!out.ok) throw out.error;
    const discovered = parseNetworkCluster(out.output);
    const nodes: NodeTargets[] = [];
    for (const n of discovered) {
      const host = n.ip;
      const pinnedSsh = this.trust.get('ssh', host, sshPort);
      const pinnedTls = this.trust.get('tls', host, soapPort);
      if (!pinnedSsh || pinnedSsh.kind !== 'ssh' || !pinnedTls || pinnedTls.kind !== 'tls') {
        await this.#prompt(p, host, sshPort, soapPort);
        return;
      }
      const base = { cluster: p.id, node: n.host };
      const snmp = input.snmp.version === '2c'
        ? { ...base, host, port: input.snmpPort ?? 161, version: 'v2c' as const, community: input.snmp.community }
        : { ...base, host, port: input.snmpPort ?? 161, version: 'v3' as const, v3: { user: input.snmp.user, authProtocol: 'sha' as const, authKey: input.snmp.authKey, privProtocol: 'aes' as const, privKey: input.snmp.privKey } };
      nodes.push({
        cluster: p.id,
        name: n.host,
        host,
        role: n.product === 'callmanager' ? 'cucm-publisher' : n.role === 'Publisher' ? 'imp-publisher' : 'imp-subscriber',
        snmp,
        soap: { ...base, host, port: soapPort, username: input.appUsername, password: input.appPassword, pin: { pem: pinnedTls.pem } },
        ssh: { ...base, host, port: sshPort, username: input.adminUsername, password: input.adminPassword, hostKeyFingerprint: pinnedSsh.sha256 },
      });
    }
    this.#pending.delete(p.id);
    this.collector.addCluster({ id: p.id, name: input.name, publisherHost: input.publisherHost, simulated: false, nodes });
  }
}
