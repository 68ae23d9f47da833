/**
 * The OVA of IM&P nodes as the cluster gives it (issue 15: NodeStatus.ova, read from the node where an interface
 * gives it, else set with the cluster; NodeStatus.activeActive from the presence redundancy group) and what it
 * means for the JSM session capacity (guide L6977-7017). The same figure drives JSMSessionsExceedsThreshold.
 */
import type { NodeOva, NodeStatus } from '../../../shared/model/cluster.js';
import { supportedJsmSessions } from './impCounters.js';

/** A node's JSM capacity: its OVA, whether HA is active/active, and the supported sessions when the OVA is known. */
export interface NodeCapacity {
  readonly ova?: NodeOva;
  readonly activeActive: boolean;
  readonly supported?: number;
}

/** Returns the capacity of one node. */
export function nodeCapacity(node: Pick<NodeStatus, 'ova' | 'activeActive'>): NodeCapacity {
  const activeActive = node.activeActive === true;
  if (!node.ova || !(node.ova.users > 0)) return { activeActive };
  return { ova: node.ova, activeActive, supported: supportedJsmSessions(node.ova.users, activeActive) };
}

/**
 * A cluster-wide default (for the topology and HA readiness reports' options): the OVA most IM&P nodes have, and
 * active/active when any node runs so; fields absent when no node says.
 */
export function clusterOvaDefault(nodes: readonly Pick<NodeStatus, 'ova' | 'activeActive'>[]): { ovaUsers?: number; activeActive?: boolean } {
  const counts = new Map<number, number>();
  for (const n of nodes) if (n.ova && n.ova.users > 0) counts.set(n.ova.users, (counts.get(n.ova.users) ?? 0) + 1);
  let ovaUsers: number | undefined;
  for (const [users, c] of counts) if (ovaUsers === undefined || c > (counts.get(ovaUsers) ?? 0) || (c === counts.get(ovaUsers) && users > ovaUsers)) ovaUsers = users;
  const known = nodes.filter((n) => n.activeActive !== undefined);
  return { ...(ovaUsers !== undefined ? { ovaUsers } : {}), ...(known.length > 0 ? { activeActive: known.some((n) => n.activeActive === true) } : {}) };
}
