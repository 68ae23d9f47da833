import type { NodeStatus, ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { Sample } from '../../../shared/model/sample.js';

/**
 * Turns node and service status into samples of our own objects, so that ServerDown, CriticalServiceDown,
 * DBReplicationFailure, SystemVersionMismatched and the SRM alerts are ordinary threshold rules (value 1 = bad).
 * The object names are ours; they never collide with Perfmon objects.
 */

/** Object of node-level status series (instance ''). */
export const NODE_STATUS_OBJECT = 'IMP Monitor Node';
/** Object of per-service status series (instance = service name). */
export const SERVICE_STATUS_OBJECT = 'IMP Monitor Service';

/** Counters of {@link NODE_STATUS_OBJECT} and {@link SERVICE_STATUS_OBJECT}. */
export const STATUS_COUNTERS = {
  nodeDown: 'Down',
  serviceDown: 'Down',
  replicationBad: 'Replication Not Setup Completed',
  versionMismatch: 'Version Mismatch',
  srmFailover: 'SRM Failover Active',
  srmFailed: 'SRM Failed Mode',
} as const;

// Table 3/4 states (seed-inventory.md 2.9/2.10) in which users of a node are served by its peer.
const FAILOVER_STATES = new Set(
  ['Failing Over', 'Taking Over', 'Failed Over', 'Failed Over with Critical Services not Running', 'Running in Backup Mode', 'Backup Mode', 'Idle', 'Backup Activated', 'Failover Affected Services'].map((s) => s.toLowerCase()),
);

/** Returns whether an HA state label means a failover is in effect on this node (either side of the pair). */
export function isFailoverState(haState: string | undefined, haReason?: string): boolean {
  if (!haState) return false;
  const s = haState.trim().toLowerCase();
  // Idle because an admin asked for it is still a failover: users are on the peer (Table 4 row 3).
  if (s === 'idle' && haReason?.toLowerCase() === 'normal') return false;
  return FAILOVER_STATES.has(s);
}

/** Node status → samples (Down, replication, SRM, version mismatch against the cluster's most common version). */
export function nodeStatusSamples(nodes: readonly NodeStatus[], ts: number): Sample[] {
  const versions = new Map<string, Map<string, number>>();
  for (const n of nodes) {
    if (!n.version) continue;
    const m = versions.get(n.cluster) ?? new Map<string, number>();
    m.set(n.version, (m.get(n.version) ?? 0) + 1);
    versions.set(n.cluster, m);
  }
  const out: Sample[] = [];
  for (const n of nodes) {
    const push = (counter: string, value: number): void => {
      out.push({ cluster: n.cluster, node: n.name, object: NODE_STATUS_OBJECT, instance: '', counter, value, ts, source: 'collector' });
    };
    push(STATUS_COUNTERS.nodeDown, n.reachability === 'down' ? 1 : 0);
    if (n.reachability === 'down') continue; // the rest is unknown while the node is down
    if (n.replicationState !== undefined) push(STATUS_COUNTERS.replicationBad, n.replicationState === 2 ? 0 : 1);
    if (n.haState !== undefined) {
      push(STATUS_COUNTERS.srmFailover, isFailoverState(n.haState, n.haReason) ? 1 : 0);
      push(STATUS_COUNTERS.srmFailed, n.haState.trim().toLowerCase() === 'running in failed mode' ? 1 : 0);
    }
    const vs = versions.get(n.cluster);
    if (n.version && vs && vs.size > 1) {
      const common = [...vs.entries()].sort((a, b) => b[1] - a[1])[0]![0];
      push(STATUS_COUNTERS.versionMismatch, n.version === common ? 0 : 1);
    } else if (n.version) push(STATUS_COUNTERS.versionMismatch, 0);
  }
  return out;
}

/** Service rows → samples: Down = 1 when an activated service is Stopped (RTMT CriticalServiceDown). */
export function serviceStatusSamples(rows: readonly ServiceStatusRow[], ts: number): Sample[] {
  return rows.map((r) => ({
    cluster: r.cluster,
    node: r.node,
    object: SERVICE_STATUS_OBJECT,
    instance: r.name,
    counter: STATUS_COUNTERS.serviceDown,
    value: r.activated && r.status === 'Stopped' ? 1 : 0,
    ts,
    source: 'collector' as const,
  }));
}
