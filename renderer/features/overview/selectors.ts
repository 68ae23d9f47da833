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

/** A node's health, apart from whether it answers: from its active alarms and its critical services. */
export type NodeHealthLevel = 'ok' | 'warning' | 'critical';

/** What makes a node's health. */
export interface NodeHealth {
  readonly level: NodeHealthLevel;
  /** Active alarms of severity Critical or worse (Emergency, Alert, Critical). */
  readonly critical: number;
  /** Active alarms of severity Error or Warning. */
  readonly warnings: number;
  /** Critical services down (active CriticalServiceDown alarms, by service name). */
  readonly servicesDown: readonly string[];
}

/**
 * Health of one node from its active alarms: critical when any alarm is Critical or worse or a critical service
 * is down, warning when any is Error or Warning, ok otherwise. Reachability (the protocols answering) is shown
 * beside it, never instead of it: a node can answer every poll and still have its critical services down.
 */
export function nodeHealth(alarms: readonly AlarmRecord[], cluster: string, node: string): NodeHealth {
  let critical = 0;
  let warnings = 0;
  const services = new Set<string>();
  const criticalRank = ALERT_SEVERITIES.indexOf('Critical');
  const warningRank = ALERT_SEVERITIES.indexOf('Warning');
  for (const a of alarms) {
    if (a.cluster !== cluster || a.node !== node || !isAlarmActive(a)) continue;
    const rank = ALERT_SEVERITIES.indexOf(a.severity);
    if (rank <= criticalRank) critical += 1;
    else if (rank <= warningRank) warnings += 1;
    if (a.ruleId === 'CriticalServiceDown') services.add(a.instance || a.ruleName);
  }
  const servicesDown = [...services].sort();
  const level: NodeHealthLevel = critical > 0 || servicesDown.length > 0 ? 'critical' : warnings > 0 ? 'warning' : 'ok';
  return { level, critical, warnings, servicesDown };
}
