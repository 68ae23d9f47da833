/**
 * Presence topology and balance (guide L1219-1223, L1741-1745, L9950: System > Presence Topology shows the users
 * assigned to each node of each presence redundancy group): assigned users per node from the layout
 * (enduser.primarynodeid), the users each node hosts now (`Cisco Presence Engine\ActiveJsmSessions`, L1455: should
 * equal the users assigned once sessions are recreated), against the node's capacity. IM&P never rebalances users
 * by itself: a group is flagged when its nodes' assigned users differ by more than 20 % (ours) or a node is above its
 * capacity, with the advice to rebalance (System > Presence Topology / User Assignment) by code for the UI.
 */
import type { TopologyClusterRow, TopologyGroupRow, TopologyNodeRow, TopologyReport } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import { problemOf, readClusterLayout } from './clusterLayout.js';
import type { ReportGenerator } from './reportContext.js';
import { readCounter } from './sessionReport.js';
import { eachNode } from './eachNode.js';

export const PRESENCE_ENGINE_OBJECT = 'Cisco Presence Engine';
export const ACTIVE_JSM_SESSIONS = 'ActiveJsmSessions';
/** A group whose nodes' assigned users differ by more than this (% of the most) is unbalanced (ours). */
export const IMBALANCE_THRESHOLD_PERCENT = 20;

/**
 * Supported JSM sessions of a node: 1.5 × its OVA's users, halved in active/active HA (guide L6977-7017). The same
 * one line as alerts/alertEngine.ts supportedJsmSessions (reports may not import alerts).
 */
export function nodeCapacity(ovaUsers: number, activeActive: boolean): number {
  return ovaUsers * 1.5 * (activeActive ? 0.5 : 1);
}

/** (most − fewest) / most × 100; 0 for fewer than two values or when the most is 0. */
export function imbalancePercent(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const most = Math.max(...values);
  const fewest = Math.min(...values);
  return most === 0 ? 0 : Math.round(((most - fewest) / most) * 1000) / 10;
}

export const topologyReport: ReportGenerator<TopologyReport> = async (ctx) => {
  const { ovaUsers, activeActive } = ctx.options;
  const capacity = nodeCapacity(ovaUsers, activeActive);
  const clusters: TopologyClusterRow[] = [];
  const groups: TopologyGroupRow[] = [];
  const nodes: TopologyNodeRow[] = [];
  for (const access of ctx.clusters) {
    ctx.signal.throwIfAborted();
    const layout = await readClusterLayout(ctx, access);
    if (!layout) continue;
    ctx.plan(layout.nodes.length);
    // The nodes are asked together (eachNode.ts): a node that does not answer costs one timeout, not one each.
    const rows: TopologyNodeRow[] = await eachNode(layout.nodes, async (n) => {
      ctx.signal.throwIfAborted();
      ctx.step(`${access.cluster}/${n.name}: ${PRESENCE_ENGINE_OBJECT}\\${ACTIVE_JSM_SESSIONS}`);
      const active = await readCounter(access, n.name, PRESENCE_ENGINE_OBJECT, ACTIVE_JSM_SESSIONS);
      if (!active.ok) ctx.problem(problemOf(access.cluster, `${PRESENCE_ENGINE_OBJECT}\\${ACTIVE_JSM_SESSIONS}`, active.error, n.name));
      return {
        cluster: access.cluster,
        group: n.group,
        node: n.name,
        assignedUsers: n.assignedUsers,
        ...(active.ok ? { activeJsmSessions: active.value } : {}),
        capacity,
        percentOfCapacity: capacity > 0 ? Math.round((n.assignedUsers / capacity) * 1000) / 10 : 0,
      };
    });
    nodes.push(...rows);
    const groupRows: TopologyGroupRow[] = layout.groups.map((g) => {
      const members = rows.filter((r) => r.group === g.name);
      const assigned = members.reduce((s, r) => s + r.assignedUsers, 0);
      const imbalance = imbalancePercent(members.map((r) => r.assignedUsers));
      const over = members.some((r) => r.assignedUsers > r.capacity);
      const adviceCode = over ? 'over-capacity' : imbalance > IMBALANCE_THRESHOLD_PERCENT ? 'rebalance-group' : assigned === 0 && layout.totalUsers > 0 ? 'no-users-assigned' : undefined;
      return {
        cluster: access.cluster,
        group: g.name,
        nodes: g.nodes,
        ...(g.haEnabled !== undefined ? { haEnabled: g.haEnabled } : {}),
        assignedUsers: assigned,
        imbalancePercent: imbalance,
        unbalanced: over || imbalance > IMBALANCE_THRESHOLD_PERCENT,
        ...(adviceCode ? { adviceCode } : {}),
      } satisfies TopologyGroupRow;
    });
    groups.push(...groupRows);
    const assigned = layout.totalUsers - layout.unassignedUsers;
    clusters.push({
      cluster: access.cluster,
      totalUsers: layout.totalUsers,
      assignedUsers: assigned,
      unassignedUsers: layout.unassignedUsers,
      groupImbalancePercent: imbalancePercent(groupRows.map((g) => g.assignedUsers)),
    });
  }
  if (clusters.length === 0) throw new AppError('POLL_CONNECT', 'no cluster\'s IM and Presence database answered (run sql)', { retryable: true });
  return { kind: 'topology', ovaUsers, activeActive, clusters, groups, nodes };
};
