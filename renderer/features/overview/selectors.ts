/**
 * Selectors of the cluster overview: node counts by reachability and alarms by severity per cluster and node.
 * Pure functions of store data.
 */
import { ALERT_SEVERITIES, isAlarmActive, type AlarmRecord, type AlertSeverity } from '../../../shared/model/alert.js';
import type { ClusterSummary, NodeStatus, Reachability } from '../../../shared/model/cluster.js';

/** Count of active alarms per severity. */
export type SeverityCounts = Readonly<Record<AlertSeverity, number>>;

/** Returns the number of active alarms per severity, optionally of one cluster and node. */
export function countActiveBySeverity(alarms: readonly AlarmRecord[], cluster?: string, node?: string): SeverityCounts {
  const counts = Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, 0])) as Record<AlertSeverity, number>;
  for (const a of alarms) {
    if (!isAlarmActive(a)) continue;
    if (cluster !== undefined && a.cluster !== cluster) continue;
    if (node !== undefined && a.node !== node) continue;
    counts[a.severity] += 1;
  }
  return counts;
}

/** Returns the most severe active alarm severity, or undefined when all is clear. */
export function worstSeverity(counts: SeverityCounts): AlertSeverity | undefined {
  return ALERT_SEVERITIES.find((s) => counts[s] > 0);
}

/** Returns how many nodes of a cluster are in each reachability state. */
export function countReachability(cluster: ClusterSummary): Readonly<Record<Reachability, number>> {
  const counts: Record<Reachability, number> = { up: 0, down: 0, degraded: 0, unknown: 0 };
  for (const n of cluster.nodes) counts[n.reachability] += 1;
  return counts;
}

/** Returns the nodes sorted for display: CUCM publisher, IM&P publisher, subscribers, then by name. */
export function sortNodes(nodes: readonly NodeStatus[]): NodeStatus[] {
  const order: Record<NodeStatus['role'], number> = { 'cucm-publisher': 0, 'imp-publisher': 1, 'imp-subscriber': 2, unknown: 3 };
  return [...nodes].sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name));
}

/** Returns the IM&P nodes of a cluster (the ones with IM&P counters). */
export function impNodes(cluster: ClusterSummary | undefined): NodeStatus[] {
  return sortNodes((cluster?.nodes ?? []).filter((n) => n.role === 'imp-publisher' || n.role === 'imp-subscriber'));
}
