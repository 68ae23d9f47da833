import type { NodeRole } from '../../../shared/model/cluster.js';
import { AppError } from '../base/errors.js';
import type { ClusterSpec } from '../collector/collector.js';
import { resolveSecret, type ClusterConfig } from '../collector/collectorConfig.js';
import type { NodeTargets } from '../collector/nodeRuntime.js';
import type { SnmpTarget } from '../polling/snmp/snmpSession.js';
import { nodeRoleOf, parseNetworkCluster } from '../polling/ssh/parsers/networkCluster.js';
import { SshCliSession } from '../polling/ssh/sshCliSession.js';
import { trustNode, type TrustPolicy } from './trustOnFirstUse.js';

/** A node to monitor, before its identity is checked. */
interface NodeEndpoint {
  readonly name: string;
  readonly host: string;
  readonly role: NodeRole;
  readonly sshPort: number;
  readonly snmpPort: number;
  readonly soapPort: number;
  readonly caFile?: string | undefined;
}

/**
 * Finds a cluster's nodes from its publisher with `show network cluster` (reference D.8; the same discovery as
 * the app's onboarding). The publisher's key must be trusted first; nodes get the standard ports.
 */
async function discover(cfg: ClusterConfig, policy: TrustPolicy, env: NodeJS.ProcessEnv): Promise<NodeEndpoint[]> {
  const pub = await trustNode(policy, { name: cfg.publisher, host: cfg.publisher, sshPort: 22, soapPort: 8443 });
  const conn = await SshCliSession.connect({
    cluster: cfg.id, node: cfg.publisher, host: cfg.publisher, port: 22,
    username: cfg.admin.username, password: resolveSecret(cfg.admin.password, env), hostKeyFingerprint: pub.sshFingerprint,
  });
  if (!conn.ok) throw new AppError('PRECONDITION', `cannot discover cluster ${cfg.id} from ${cfg.publisher}: ${conn.error.message}`, { cause: conn.error });
  try {
    const out = await conn.session.run('show network cluster');
    if (!out.ok) throw new AppError('PRECONDITION', `cannot discover cluster ${cfg.id}: ${out.error.message}`, { cause: out.error });
    const nodes = parseNetworkCluster(out.output);
    if (nodes.length === 0) throw new AppError('PRECONDITION', `cannot discover cluster ${cfg.id}: "show network cluster" on ${cfg.publisher} listed no node`);
    return nodes.map((n) => ({
      name: n.host, host: n.ip, sshPort: 22, snmpPort: 161, soapPort: 8443,
      role: nodeRoleOf(n),
    }));
  } finally {
    conn.session.dispose();
  }
}

function snmpTarget(cfg: ClusterConfig, node: NodeEndpoint, env: NodeJS.ProcessEnv): SnmpTarget {
  const base = { cluster: cfg.id, node: node.name, host: node.host, port: node.snmpPort };
  return cfg.snmp.version === '2c'
    ? { ...base, version: 'v2c', community: resolveSecret(cfg.snmp.community, env) }
    : { ...base, version: 'v3', v3: { user: cfg.snmp.user, authProtocol: 'sha', authKey: resolveSecret(cfg.snmp.authKey, env), privProtocol: 'aes', privKey: resolveSecret(cfg.snmp.privKey, env) } };
}

/**
 * Turns one configured cluster into a collector ClusterSpec: explicit nodes or discovery, secrets resolved from
 * the config or the environment, every node's SSH host key and certificate checked against the trust store.
 */
export async function clusterSpecFromConfig(cfg: ClusterConfig, policy: TrustPolicy, env: NodeJS.ProcessEnv = process.env): Promise<ClusterSpec> {
  const endpoints: NodeEndpoint[] = cfg.nodes ?? (await discover(cfg, policy, env));
  const admin = { username: cfg.admin.username, password: resolveSecret(cfg.admin.password, env) };
  const app = { username: cfg.application.username, password: resolveSecret(cfg.application.password, env) };
  const nodes: NodeTargets[] = [];
  for (const n of endpoints) {
    const trusted = await trustNode(policy, n);
    const base = { cluster: cfg.id, node: n.name };
    nodes.push({
      cluster: cfg.id,
      name: n.name,
      host: n.host,
      role: n.role,
      snmp: snmpTarget(cfg, n, env),
      soap: { ...base, host: n.host, port: n.soapPort, ...app, pin: { pem: trusted.pem } },
      ssh: { ...base, host: n.host, port: n.sshPort, ...admin, hostKeyFingerprint: trusted.sshFingerprint },
    });
  }
  return { id: cfg.id, name: cfg.name, publisherHost: cfg.publisher, simulated: false, nodes, intervals: cfg.intervals };
}
