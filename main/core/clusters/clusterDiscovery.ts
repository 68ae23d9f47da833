/**
 * Discovery of a cluster's nodes from its publisher (issue 15): `show network cluster` (polling/ssh/parsers/
 * networkCluster.ts; an IM&P node holding the database publisher is the IM&P publisher), each node's ports, and the
 * OVA of IM&P nodes from `show hardware` (ovaFromHardware.ts, guide L784-795).
 */
import type { ClusterInput, DiscoveredNode } from '../../../shared/model/clusters.js';
import { AppError } from '../base/errors.js';
import { nodeRoleOf, parseNetworkCluster } from '../polling/ssh/parsers/networkCluster.js';
import { SshCliSession, fetchSshHostKeyFingerprint } from '../polling/ssh/sshCliSession.js';
import { nodePorts } from './clustersFile.js';
import { classifyConnectionError, notAccepted } from './connectionErrors.js';
import { probeSsh } from './connectionProbes.js';
import type { EndpointTrust } from './endpointTrust.js';
import { ovaUsersFromShowHardware } from './ovaFromHardware.js';

/**
 * The nodes `show network cluster` lists on the publisher (over the admin CLI, its host key the accepted or pinned
 * one), each with the ports it will be reached on: the publisher's unless the form overrides them for that node (a
 * lab behind NAT). The OVA of each IM&P node whose SSH key is known is read from `show hardware`.
 */
export async function discoverNodes(form: ClusterInput, adminPassword: string, trust: EndpointTrust): Promise<DiscoveredNode[]> {
  const host = form.publisherHost;
  const port = form.ports.ssh;
  const expected = trust.sshFingerprint(host, port);
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
        const fp = trust.sshFingerprint(n.host, n.ports.ssh);
        if (fp) {
          const r = await probeSsh(n.name, { cluster: form.id ?? 'new', node: n.name, host: n.host, port: n.ports.ssh, username: form.adminUsername, password: adminPassword, hostKeyFingerprint: fp }, { readOva: true });
          users = r.ovaUsers;
        }
      }
      return users ? { ...n, ova: { users, source: 'cluster' } } : n;
    }),
  );
}

/** A discovery failure as an AppError whose message says what to do (the classified connection error). */
function toAppError(err: unknown, protocol: 'ssh', host: string, port: number): AppError {
  const c = classifyConnectionError(err, protocol, host, port);
  const code = err instanceof AppError ? err.code : 'INTERNAL';
  return Object.assign(new AppError(code, `${c.kind}: ${c.message}`, { cause: err, retryable: c.retryable }), { kind: c.kind });
}
