/**
 * System Troubleshooter, "Topology problems" (拓扑问题) and "Cisco Jabber redundancy assignment" (Cisco Jabber 冗余分配,
 * guide L11228-11243), from the cluster layout (`run sql` on enterprisenode / enterprisesubcluster / enduser
 * .primarynodeid, clusterLayout.ts): every IM&P node in a presence redundancy group (L2100-2133), every user assigned
 * (L863, L2200-2214), users balanced within each group and no node above its capacity (L1003, L1219-1223, L9950;
 * the 20 % threshold and the capacity as topologyReport.ts), every group with two nodes and HA enabled (L1003,
 * L2174-2198) and users only on such groups. Without the layout every test is "not checked".
 */
import type { TroubleshootCategory, TroubleshootTest } from '../../../../shared/model/reports.js';
import type { ClusterLayout } from '../clusterLayout.js';
import { IMBALANCE_THRESHOLD_PERCENT, imbalancePercent, nodeCapacity } from '../topologyReport.js';
import { listText, makeTest } from './troubleshootTest.js';
import type { TroubleshootReads } from './troubleshootReads.js';

const notRead = (cluster: string, category: TroubleshootCategory, test: string): TroubleshootTest => makeTest(cluster, category, test, 'not-checked', { problemCode: 'not-checked-layout' });

/** Only the IM&P nodes of the layout (enterprisenode also lists the nodes of the cluster by name). */
function impLayoutNodes(reads: TroubleshootReads, layout: ClusterLayout): ClusterLayout['nodes'] {
  const imp = new Set(reads.impNodes().map((n) => n.name));
  return imp.size === 0 ? layout.nodes : layout.nodes.filter((n) => imp.has(n.name));
}

export async function topologyChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  const cluster = reads.cluster;
  const layout = await reads.layout();
  if (!layout) return ['nodes-in-groups', 'users-assigned', 'groups-balanced'].map((t) => notRead(cluster, 'topology', t));
  const evidence = `run sql on ${layout.readFrom}: ${layout.groups.length} groups, ${layout.nodes.length} nodes, ${layout.totalUsers} users`;
  const nodes = impLayoutNodes(reads, layout);

  const loose = nodes.filter((n) => n.group === '').map((n) => n.name);
  const inGroups = loose.length > 0
    ? makeTest(cluster, 'topology', 'nodes-in-groups', 'failed', { problemCode: 'nodes-not-in-group', values: { count: loose.length, nodes: listText(loose) }, subjects: loose, evidence })
    : makeTest(cluster, 'topology', 'nodes-in-groups', 'passed', { evidence });

  const assigned = layout.unassignedUsers > 0
    ? makeTest(cluster, 'topology', 'users-assigned', 'warning', { problemCode: 'users-unassigned', values: { count: layout.unassignedUsers, total: layout.totalUsers }, evidence })
    : makeTest(cluster, 'topology', 'users-assigned', 'passed', { evidence });

  const capacity = nodeCapacity(reads.ctx.options.ovaUsers, reads.ctx.options.activeActive);
  const unbalanced: string[] = [];
  for (const g of layout.groups) {
    const members = nodes.filter((n) => n.group === g.name);
    const over = members.filter((n) => n.assignedUsers > capacity).map((n) => `${n.name} ${n.assignedUsers} > ${capacity}`);
    const imbalance = imbalancePercent(members.map((n) => n.assignedUsers));
    if (over.length > 0) unbalanced.push(`${g.name} (above capacity: ${over.join(', ')})`);
    else if (imbalance > IMBALANCE_THRESHOLD_PERCENT) unbalanced.push(`${g.name} (${members.map((n) => `${n.name} ${n.assignedUsers}`).join(' / ')}, ${imbalance} %)`);
  }
  const balanced = unbalanced.length > 0
    ? makeTest(cluster, 'topology', 'groups-balanced', 'warning', { problemCode: 'groups-unbalanced', values: { list: listText(unbalanced) }, subjects: unbalanced, evidence })
    : makeTest(cluster, 'topology', 'groups-balanced', 'passed', { evidence });
  return [inGroups, assigned, balanced];
}

export async function jabberRedundancyChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  const cluster = reads.cluster;
  const layout = await reads.layout();
  if (!layout) return ['groups-redundant', 'users-redundant'].map((t) => notRead(cluster, 'jabber-redundancy', t));
  const nodes = impLayoutNodes(reads, layout);
  const evidence = `run sql on ${layout.readFrom}: ${layout.groups.map((g) => `${g.name} [${g.nodes.join(', ')}] HA ${g.haEnabled === undefined ? '?' : g.haEnabled ? 'on' : 'off'}`).join('; ')}`;
  const weak: string[] = [];
  const unknown: string[] = [];
  for (const g of layout.groups) {
    if (g.nodes.length < 2) weak.push(`${g.name} (${g.nodes.length} node${g.nodes.length === 1 ? '' : 's'})`);
    else if (g.haEnabled === false) weak.push(`${g.name} (HA disabled)`);
    else if (g.haEnabled === undefined) unknown.push(g.name);
  }
  let groups: TroubleshootTest;
  if (weak.length > 0) groups = makeTest(cluster, 'jabber-redundancy', 'groups-redundant', 'warning', { problemCode: 'groups-not-redundant', values: { list: listText(weak) }, subjects: weak, evidence });
  else if (unknown.length > 0 || layout.groups.length === 0) groups = makeTest(cluster, 'jabber-redundancy', 'groups-redundant', 'not-checked', { problemCode: 'not-checked-layout', evidence });
  else groups = makeTest(cluster, 'jabber-redundancy', 'groups-redundant', 'passed', { evidence });

  const redundant = new Set(layout.groups.filter((g) => g.nodes.length >= 2 && g.haEnabled === true).map((g) => g.name));
  const exposed = new Map<string, number>();
  for (const n of nodes) {
    if (n.assignedUsers === 0 || redundant.has(n.group) || unknown.includes(n.group)) continue;
    const key = n.group || `${n.name} (no group)`;
    exposed.set(key, (exposed.get(key) ?? 0) + n.assignedUsers);
  }
  const count = [...exposed.values()].reduce((a, b) => a + b, 0);
  const names = [...exposed].map(([g, c]) => `${g}: ${c}`);
  let users: TroubleshootTest;
  if (count > 0) users = makeTest(cluster, 'jabber-redundancy', 'users-redundant', 'warning', { problemCode: 'users-not-redundant', values: { count, groups: listText(names) }, subjects: names, evidence });
  else if (unknown.length > 0) users = makeTest(cluster, 'jabber-redundancy', 'users-redundant', 'not-checked', { problemCode: 'not-checked-layout', evidence });
  else users = makeTest(cluster, 'jabber-redundancy', 'users-redundant', 'passed', { evidence });
  return [groups, users];
}
