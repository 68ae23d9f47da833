/**
 * Who is assigned where in one cluster (issue 14; used by the topology, HA readiness, sessions, dashboard and
 * troubleshooter reports): the presence redundancy groups (`enterprisesubcluster`), their nodes (`enterprisenode`,
 * `subclusterid`) and the users assigned to each node (`enduser.primarynodeid`, guide L9176), read with `run sql` on
 * the IM&P database publisher, or on any reachable IM&P node when it is down (one replicated database). The SQL
 * subset has no GROUP BY, so the users' primary nodes are read (15,000 short rows) and counted here.
 */
import type { ReportProblem } from '../../../shared/model/reports.js';
import { toErrorPayload } from '../base/errors.js';
import { isNoAnswer, PollError } from '../polling/pollError.js';
import { namedCliRun, runSql, type CliRun, type SqlTable } from '../polling/ssh/reportCommands.js';
import type { ReportClusterAccess, ReportNodeInfo, ReportResult } from './reportAccess.js';
import type { ReportContext } from './reportContext.js';

export interface LayoutGroup {
  readonly pkid: string;
  readonly name: string;
  readonly haEnabled?: boolean;
  /** Node names, in enterprisenode order. */
  readonly nodes: readonly string[];
}

export interface LayoutNode {
  readonly pkid: string;
  readonly name: string;
  /** The group's name ('' when the node is in no group). */
  readonly group: string;
  readonly assignedUsers: number;
}

export interface ClusterLayout {
  readonly cluster: string;
  /** The node whose database answered. */
  readonly readFrom: string;
  readonly groups: readonly LayoutGroup[];
  readonly nodes: readonly LayoutNode[];
  readonly totalUsers: number;
  readonly unassignedUsers: number;
}

/** The IM&P nodes to ask, the database publisher first, nodes known down last. */
export function impNodesInOrder(access: ReportClusterAccess): ReportNodeInfo[] {
  const imp = access.nodes().filter((n) => n.role !== 'cucm-publisher');
  const rank = (n: ReportNodeInfo): number => (n.role === 'imp-publisher' ? 0 : 1) + (n.reachability === 'down' ? 2 : 0);
  return [...imp].sort((a, b) => rank(a) - rank(b));
}

/** A CliRun on one node of an access. */
export function cliRun(access: ReportClusterAccess, node: string): CliRun {
  return namedCliRun(node, (command, timeoutMs) => access.cli(node, command, timeoutMs));
}

/**
 * Runs one `run sql` statement on the first IM&P node that answers (publisher first). A node that does not answer
 * (timeout, refused) passes the question on; a node that answers with an error is the answer.
 */
export async function sqlOnImpDatabase(access: ReportClusterAccess, statement: string, order = impNodesInOrder(access)): Promise<ReportResult<SqlTable> & { node?: string }> {
  let last: PollError = new PollError('POLL_CONNECT', 'ssh', '', `cluster ${access.cluster} has no IM and Presence node`);
  for (const n of order) {
    const r = await runSql(cliRun(access, n.name), statement);
    if (r.ok || !isNoAnswer(r.error.code)) return { ...r, node: n.name };
    last = r.error;
  }
  return { ok: false, error: last };
}

/** The first column of a `count(*)` answer as a number (undefined when it is not one). */
export function countOf(table: SqlTable): number | undefined {
  const row = table.rows[0];
  const col = table.columns[0];
  if (!row || col === undefined) return undefined;
  const v = Number(row[col]);
  return Number.isFinite(v) ? v : undefined;
}

export function problemOf(cluster: string, source: string, error: unknown, node?: string): ReportProblem {
  return { cluster, ...(node !== undefined ? { node } : {}), source, error: toErrorPayload(error) };
}

const NODES_SQL = 'select pkid, name, subclusterid from enterprisenode';
const GROUPS_SQL = 'select pkid, name, enablehighavailability from enterprisesubcluster';
const USERS_SQL = 'select primarynodeid from enduser';

/** The groups and nodes only (two small queries), without counting users. */
export async function readGroupsAndNodes(access: ReportClusterAccess): Promise<ReportResult<{ readFrom: string; groups: LayoutGroup[]; nodes: { pkid: string; name: string; group: string }[] }>> {
  const nodes = await sqlOnImpDatabase(access, NODES_SQL);
  if (!nodes.ok) return nodes;
  const from = nodes.node!;
  const groups = await runSql(cliRun(access, from), GROUPS_SQL);
  if (!groups.ok) return groups;
  const groupName = new Map<string, string>();
  for (const g of groups.value.rows) if (g.pkid) groupName.set(g.pkid, g.name ?? '');
  const nodeRows = nodes.value.rows
    .filter((r) => r.name)
    .map((r) => ({ pkid: r.pkid ?? '', name: r.name!, group: (r.subclusterid && groupName.get(r.subclusterid)) || '' }));
  const out: LayoutGroup[] = groups.value.rows
    .filter((g) => g.pkid)
    .map((g) => ({
      pkid: g.pkid!,
      name: g.name ?? '',
      ...(g.enablehighavailability === 't' || g.enablehighavailability === 'f' ? { haEnabled: g.enablehighavailability === 't' } : {}),
      nodes: nodeRows.filter((n) => n.group !== '' && n.group === (g.name ?? '')).map((n) => n.name),
    }));
  return { ok: true, value: { readFrom: from, groups: out, nodes: nodeRows } };
}

/**
 * Reads a cluster's layout (three queries, three progress steps). Undefined, with a problem, when no IM&P node's
 * database answered.
 */
export async function readClusterLayout(ctx: ReportContext, access: ReportClusterAccess): Promise<ClusterLayout | undefined> {
  ctx.plan(2);
  const gn = await readGroupsAndNodes(access);
  ctx.step(`${access.cluster}: users' assigned nodes`);
  if (!gn.ok) {
    ctx.problem(problemOf(access.cluster, `run sql ${NODES_SQL}`, gn.error, gn.error instanceof PollError ? gn.error.target || undefined : undefined));
    ctx.step(`${access.cluster}: layout not read`);
    return undefined;
  }
  const users = await runSql(cliRun(access, gn.value.readFrom), USERS_SQL);
  ctx.step(`${access.cluster}: layout read`);
  if (!users.ok) {
    ctx.problem(problemOf(access.cluster, `run sql ${USERS_SQL}`, users.error, gn.value.readFrom));
    return undefined;
  }
  const perNode = new Map<string, number>();
  let unassigned = 0;
  for (const r of users.value.rows) {
    const id = r.primarynodeid;
    if (id === null || id === undefined || id === '') unassigned++;
    else perNode.set(id, (perNode.get(id) ?? 0) + 1);
  }
  return {
    cluster: access.cluster,
    readFrom: gn.value.readFrom,
    groups: gn.value.groups,
    nodes: gn.value.nodes.map((n) => ({ ...n, assignedUsers: perNode.get(n.pkid) ?? 0 })),
    totalUsers: users.value.rows.length,
    unassignedUsers: unassigned,
  };
}

/** A node's group: from the layout, else from `utils ha status`, else ''. */
export function groupOf(node: string, layout: ClusterLayout | undefined, haGroups: readonly { name: string; nodes: readonly { name: string }[] }[]): string {
  const fromLayout = layout?.nodes.find((n) => n.name === node)?.group;
  if (fromLayout !== undefined && fromLayout !== '') return fromLayout;
  return haGroups.find((g) => g.nodes.some((n) => n.name === node))?.name ?? fromLayout ?? '';
}
