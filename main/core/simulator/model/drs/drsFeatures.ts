import type { ClusterModel } from '../clusterModel.js';
import type { SimNode } from '../node/simNode.js';

// Features and components registered with DRS per node. The guide names the architecture (Master Agent on
// the publisher, a Local Agent on every node including IM&P, L10321-10333) and the CCMDB component
// (L10410, L10498) but lists no feature catalog; the names below follow real UC OS DRS registrations (ours).

/** The part of the cluster model DRS reads. */
export type DrsCluster = Pick<ClusterModel, 'scheduler' | 'profile' | 'nodes' | 'users' | 'alarms' | 'event' | 'onDidEvent' | 'setReplicationBroken'>;

/** One feature of a node with its components, in registration order. */
export interface FeatureRegistration {
  readonly feature: string;
  readonly components: readonly string[];
}

const CUCM_FEATURES: readonly FeatureRegistration[] = [
  { feature: 'CDR_CAR', components: ['CAR', 'CDRREP'] },
  { feature: 'PLM', components: ['ELM-AGENT', 'ELM-SERVER'] },
  { feature: 'UCM', components: ['BAT', 'CCMDB', 'CCMPREFS', 'CDPAGT', 'CLM', 'PLATFORM', 'SYSLOGAGT', 'TCT', 'TFTP'] },
];
const IMP_PUBLISHER_FEATURES: readonly FeatureRegistration[] = [
  { feature: 'IM&P', components: ['CDPAGT', 'CLM', 'CUPDB', 'IMDB', 'PLATFORM', 'SYSLOGAGT', 'TCT', 'XCPCONF'] },
];
const IMP_SUBSCRIBER_FEATURES: readonly FeatureRegistration[] = [
  { feature: 'IM&P', components: ['CDPAGT', 'CLM', 'IMDB', 'PLATFORM', 'SYSLOGAGT', 'TCT', 'XCPCONF'] },
];

/** Features and components a node's Local Agent registers. */
export function nodeRegistrations(node: Pick<SimNode, 'role'>): readonly FeatureRegistration[] {
  if (node.role === 'cucm-publisher') return CUCM_FEATURES;
  return node.role === 'imp-publisher' ? IMP_PUBLISHER_FEATURES : IMP_SUBSCRIBER_FEATURES;
}

/** Every feature registered somewhere in the cluster, sorted. */
export function clusterFeatures(cluster: DrsCluster): string[] {
  const set = new Set<string>();
  for (const n of cluster.nodes.values()) for (const r of nodeRegistrations(n)) set.add(r.feature);
  return [...set].sort();
}

/** One unit of work of a backup or restore: a component of a feature on a node. */
export interface ComponentTask {
  readonly node: string;
  readonly feature: string;
  readonly component: string;
}

/** The tasks for `features`, node by node in profile order (the CUCM publisher first). */
export function componentTasks(cluster: DrsCluster, features: readonly string[]): ComponentTask[] {
  const tasks: ComponentTask[] = [];
  for (const n of cluster.nodes.values()) {
    for (const r of nodeRegistrations(n)) {
      if (!features.includes(r.feature)) continue;
      for (const component of r.components) tasks.push({ node: n.name, feature: r.feature, component });
    }
  }
  return tasks;
}

/** Deployment type recorded in the backup and checked on restore (guide L10344). */
export function deploymentType(node: Pick<SimNode, 'role'>): string {
  return node.role === 'cucm-publisher' ? 'Unified CM' : 'IM and Presence';
}

/**
 * The data a component's Local Agent hands to DRS: a JSON snapshot of the model's state for that component.
 * Database components carry every user, so the size grows with the cluster.
 */
export function componentData(cluster: DrsCluster, task: ComponentTask): Buffer {
  const node = cluster.nodes.get(task.node);
  if (!node) throw new RangeError(`unknown node "${task.node}"`);
  const base = { node: node.name, feature: task.feature, component: task.component, version: node.version };
  return Buffer.from(JSON.stringify({ ...base, data: componentBody(cluster, node, task.component) }));
}

function componentBody(cluster: DrsCluster, node: SimNode, component: string): unknown {
  const users = cluster.users.users;
  switch (component) {
    case 'CCMDB':
    case 'CUPDB':
      return {
        endUsers: users.map((u) => ({ userid: u.userid, uri: u.uri, devices: u.devices, homeNode: u.homeNode ?? null, pushEnabled: u.pushEnabled, hybrid: u.hybrid })),
        nodes: [...cluster.nodes.values()].map((n) => ({ name: n.name, role: n.role, ip: n.ipAddress, ova: n.ova })),
        presenceRedundancyGroups: cluster.profile.presenceRedundancyGroups,
        userAssignmentMode: cluster.profile.userAssignmentMode,
      };
    case 'IMDB':
      return { presence: users.filter((u) => u.homeNode === node.name).map((u) => ({ userid: u.userid, devices: u.devices.length })) };
    case 'PLATFORM':
      return {
        hostname: node.name,
        ip: node.ipAddress,
        domain: cluster.profile.domain,
        certificates: node.certificates.map((c) => ({ unit: c.unit, type: c.type, subject: c.subject, serial: c.serial })),
      };
    case 'TCT':
    case 'XCPCONF':
    case 'SYSLOGAGT':
    case 'CDPAGT':
      return { services: node.services.list().map((s) => ({ name: s.definition.name, activated: s.activated })) };
    case 'CLM':
      return { cluster: [...cluster.nodes.values()].map((n) => ({ host: n.name, ip: n.ipAddress })) };
    default:
      return { records: Math.max(1, Math.round(users.length / 10)), features: cluster.profile.features };
  }
}
