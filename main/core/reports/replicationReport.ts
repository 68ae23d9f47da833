/**
 * Database replication (issue 14; guide "验证数据库复制" L2045-2066, L10551-10555, L10616-10618; reference D.3): per
 * cluster, `utils dbreplication runtimestate` from one IM&P node (it lists every node: the database publisher first,
 * the next IM&P node that answers when it does not) and a fresh `utils dbreplication status` on the IM and Presence
 * database publisher (tables checked, mismatches, errors; L2056). Each node's REPLICATION SETUP should be 2 (L2060);
 * the guide's remedy: `utils dbreplication reset` when a node is not 2 (L10618) or the status check found errors or
 * mismatches ("如果返回的值不是 2，则必须先消除错误", L2062); `utils dbreplication rebuild` when setup failed — state 4,
 * "setup failed or dropped" (reference D.3) — the case L10555 calls "复制未正确设置". Whether a reset already failed
 * is not something one run can see: the remedy says rebuild only on state 4, and the UI words the guide's "if reset
 * does not help, rebuild".
 */
import type { ReplicationClusterRow, ReplicationNodeRow, ReplicationReport } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import { isNoAnswer, PollError } from '../polling/pollError.js';
import { dbReplicationRuntimeState, dbReplicationStatus, namedCliRun, type DbReplicationRuntimeState, type DbReplicationStatusRun } from '../polling/ssh/reportCommands.js';
import { cliRun, impNodesInOrder, problemOf } from './clusterLayout.js';
import type { ReportClusterAccess } from './reportAccess.js';
import type { ReportGenerator } from './reportContext.js';

/** The REPLICATION SETUP value that means "setup failed or dropped" (reference D.3). */
export const SETUP_FAILED = 4;

/**
 * The remedy of one cluster: rebuild when a node's setup failed (4, L10555); reset when a node's known state is not
 * 2 (L10618) or the status check found mismatches or errors (L2062); unknown when no node's state could be read
 * (runtimestate did not answer) or some node's state is missing from it — "none" would claim replication is set
 * up, which nothing read shows; none when every node is 2 and the status check (if it ran) found nothing.
 */
export function replicationRemedy(nodes: readonly ReplicationNodeRow[], status: DbReplicationStatusRun | undefined): ReplicationClusterRow['remedy'] {
  if (nodes.some((n) => n.setupState === SETUP_FAILED)) return 'rebuild';
  if (nodes.some((n) => n.setupState !== undefined && !n.good)) return 'reset';
  if (status && (status.mismatches.length > 0 || status.errors.length > 0)) return 'reset';
  if (nodes.length === 0 || nodes.some((n) => n.setupState === undefined)) return 'unknown';
  return 'none';
}

export function replicationNodeRows(cluster: string, reportedBy: string, state: DbReplicationRuntimeState): ReplicationNodeRow[] {
  return state.servers.map((s) => ({
    cluster,
    reportedBy,
    node: s.name,
    ...(s.ip ? { ip: s.ip } : {}),
    ...(s.pingMs !== undefined ? { pingMs: s.pingMs } : {}),
    ...(s.replQueue !== undefined ? { queue: s.replQueue } : {}),
    ...(s.setupState !== undefined ? { setupState: s.setupState } : {}),
    setupText: s.setupDetails || (s.setupState !== undefined ? `(${s.setupState})` : 'unknown'),
    good: s.setupState === 2,
  }));
}

async function readCluster(ctx: Parameters<ReportGenerator<ReplicationReport>>[0], access: ReportClusterAccess): Promise<{ row?: ReplicationClusterRow; nodes: ReplicationNodeRow[] }> {
  const cluster = access.cluster;
  ctx.plan(2);
  let state: { node: string; value: DbReplicationRuntimeState } | undefined;
  let lastError: unknown = new AppError('NOT_FOUND', `cluster ${cluster} has no IM and Presence node`);
  let lastNode: string | undefined;
  for (const n of impNodesInOrder(access)) {
    if (n.reachability === 'down') {
      lastError = new PollError('POLL_CONNECT', 'ssh', n.name, `${n.name} is unreachable (the monitor sees it down)`);
      lastNode = n.name;
      continue;
    }
    const r = await dbReplicationRuntimeState(namedCliRun(n.name, cliRun(access, n.name)));
    if (r.ok) {
      state = { node: n.name, value: r.value };
      break;
    }
    lastError = r.error;
    lastNode = n.name;
    if (!isNoAnswer(r.error.code)) break;
  }
  if (!state) ctx.problem(problemOf(cluster, 'utils dbreplication runtimestate', lastError, lastNode));
  ctx.step(`${cluster}: utils dbreplication status`);
  ctx.signal.throwIfAborted();

  // A fresh status check runs on the IM and Presence database publisher (L2056).
  const pub = access.nodes().find((n) => n.role === 'imp-publisher');
  let status: DbReplicationStatusRun | undefined;
  if (!pub) ctx.problem(problemOf(cluster, 'utils dbreplication status', new AppError('NOT_FOUND', `cluster ${cluster} lists no IM and Presence database publisher`)));
  else if (pub.reachability === 'down') ctx.problem(problemOf(cluster, 'utils dbreplication status', new PollError('POLL_CONNECT', 'ssh', pub.name, `${pub.name} is unreachable (the monitor sees it down)`), pub.name));
  else {
    const r = await dbReplicationStatus(namedCliRun(pub.name, cliRun(access, pub.name)));
    if (r.ok) status = r.value;
    else ctx.problem(problemOf(cluster, 'utils dbreplication status', r.error, pub.name));
  }
  ctx.step(`${cluster}: replication read`);
  if (!state && !status) return { nodes: [] };
  const nodes = state ? replicationNodeRows(cluster, state.node, state.value) : [];
  return {
    nodes,
    row: {
      cluster,
      statusRan: status !== undefined,
      ...(status?.tablesChecked !== undefined ? { tablesChecked: status.tablesChecked } : {}),
      ...(status?.tablesTotal !== undefined ? { tablesTotal: status.tablesTotal } : {}),
      mismatches: status ? [...status.mismatches] : [],
      errors: status ? [...status.errors] : [],
      remedy: replicationRemedy(nodes, status),
    },
  };
}

export const replicationReport: ReportGenerator<ReplicationReport> = async (ctx) => {
  const results = await Promise.all(ctx.clusters.map((access) => readCluster(ctx, access)));
  ctx.signal.throwIfAborted();
  if (ctx.clusters.length > 0 && results.every((r) => !r.row)) throw new AppError('POLL_CONNECT', 'No node answered utils dbreplication: replication could not be read', { retryable: true });
  return {
    kind: 'replication',
    clusters: results.flatMap((r) => (r.row ? [r.row] : [])),
    nodes: results.flatMap((r) => r.nodes),
  };
};
