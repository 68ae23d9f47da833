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

/**
 * The version each node is compared with for SystemVersionMismatched, per cluster and product: CUCM and IM and
 * Presence run different builds by design (14.0.1.11900-132 beside 14.0.1.11900-4), so the CUCM nodes are
 * compared among themselves and the IM&P nodes among themselves. The reference is the product's publisher (every
 * IM&P node runs the same version as the database publisher, the whole string: guide L10036-10040), or the most
 * common version while the publisher's is not known.
 */
function referenceVersions(nodes: readonly NodeStatus[]): Map<string, string> {
  const groups = new Map<string, { publisher?: string; counts: Map<string, number> }>();
  for (const n of nodes) {
    if (!n.version) continue;
    const k = productKey(n);
    const g = groups.get(k) ?? { counts: new Map<string, number>() };
    g.counts.set(n.version, (g.counts.get(n.version) ?? 0) + 1);
    if (n.role === 'cucm-publisher' || n.role === 'imp-publisher') g.publisher = n.version;
    groups.set(k, g);
  }
  const out = new Map<string, string>();
  for (const [k, g] of groups) out.set(k, g.publisher ?? [...g.counts.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
  return out;
}

function productKey(n: Pick<NodeStatus, 'cluster' | 'role'>): string {
  return `${n.cluster}|${n.role === 'cucm-publisher' ? 'cucm' : 'imp'}`;
}

/** Node status → samples (Down, replication, SRM, version mismatch within the node's product, see referenceVersions). */
export function nodeStatusSamples(nodes: readonly NodeStatus[], ts: number): Sample[] {
  const versions = referenceVersions(nodes);
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
    const reference = n.version ? versions.get(productKey(n)) : undefined;
    if (reference !== undefined) push(STATUS_COUNTERS.versionMismatch, n.version === reference ? 0 : 1);
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
