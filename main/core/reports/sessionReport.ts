/**
 * The IM and Presence User Session Report (guide L7019-7045): per cluster, presence redundancy group and node, the
 * users logged in from one or more devices, the sessions and the device types (Desktop, iPhone, iPad; an Android
 * tablet logs in as Desktop, L7039), with a drill-down to each node's users. Logged-in client sessions are
 * `Cisco XCP JSM\JsmClientSessionsActive` (L6956-6979), not ActiveJsmSessions (users assigned, L1455). Per IM&P node,
 * in this order: the counter, the node's sessions with `run pe sql ttlogin select userid, devicetype from
 * clientsessions` (reference D.4; columns designed), the counter again — so the report shows the node's counter
 * just before and just after its rows, and a reader sees when they disagree (a login in between, a runaway client).
 */
import {
  SESSION_DEVICE_TYPES,
  type DeviceCounts,
  type SessionClusterRow,
  type SessionDeviceType,
  type SessionGroupRow,
  type SessionNodeRow,
  type SessionReport,
  type SessionTotals,
  type SessionUserRow,
} from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import { PollError } from '../polling/pollError.js';
import { runPeSql } from '../polling/ssh/reportCommands.js';
import { cliRun, groupOf, problemOf, readClusterLayout } from './clusterLayout.js';
import type { ReportClusterAccess, ReportResult } from './reportAccess.js';
import type { ReportContext, ReportGenerator } from './reportContext.js';
import { eachNode } from './eachNode.js';

export const JSM_OBJECT = 'Cisco XCP JSM';
export const JSM_CLIENT_SESSIONS = 'JsmClientSessionsActive';
export const SESSIONS_SQL = 'select userid, devicetype from clientsessions';

/** A client's device type as the report counts it: Android (a tablet) and anything else not an iPhone/iPad is Desktop (L7039). */
export function reportDeviceType(devicetype: string | null | undefined): SessionDeviceType {
  const t = (devicetype ?? '').trim().toLowerCase();
  if (t === 'iphone') return 'iPhone';
  if (t === 'ipad') return 'iPad';
  return 'Desktop';
}

/** One counter of a Perfmon object read now (the sum over instances; a single-instance object has one). */
export async function readCounter(access: ReportClusterAccess, node: string, object: string, counter: string): Promise<ReportResult<number>> {
  const r = await access.perfmon(node, object);
  if (!r.ok) return r;
  const values = r.value.filter((v) => v.counter === counter);
  if (values.length === 0) return { ok: false, error: new PollError('POLL_PARSE', 'soap', node, `${node} answered ${object} without the counter ${counter}`) };
  return { ok: true, value: values.reduce((s, v) => s + v.value, 0) };
}

const zero = (): Record<SessionDeviceType, number> => ({ Desktop: 0, iPhone: 0, iPad: 0 });

function totals(users: readonly SessionUserRow[]): SessionTotals {
  const byDevice = zero();
  for (const u of users) for (const d of u.devices) byDevice[d]++;
  return { usersLoggedIn: new Set(users.map((u) => u.userId)).size, sessions: users.reduce((s, u) => s + u.sessions, 0), byDevice: byDevice as DeviceCounts };
}

export const sessionReport: ReportGenerator<SessionReport> = async (ctx: ReportContext) => {
  const clusters: SessionClusterRow[] = [];
  const groups: SessionGroupRow[] = [];
  const nodes: SessionNodeRow[] = [];
  const users: SessionUserRow[] = [];
  let answered = 0;
  for (const access of ctx.clusters) {
    ctx.signal.throwIfAborted();
    const layout = await readClusterLayout(ctx, access);
    const ha = layout ? [] : await access.haGroups().then((r) => (r.ok ? r.value : []));
    const imp = access.nodes().filter((n) => n.role !== 'cucm-publisher');
    ctx.plan(imp.length * 3);
    const clusterUsers: SessionUserRow[] = [];
    // The nodes are asked together (eachNode.ts); each node's counter → rows → counter stay in order.
    const perNode = await eachNode(imp, async (n) => {
      ctx.signal.throwIfAborted();
      const group = groupOf(n.name, layout, ha);
      ctx.step(`${access.cluster}/${n.name}: ${JSM_OBJECT}\\${JSM_CLIENT_SESSIONS}`);
      const before = await readCounter(access, n.name, JSM_OBJECT, JSM_CLIENT_SESSIONS);
      if (!before.ok) ctx.problem(problemOf(access.cluster, `${JSM_OBJECT}\\${JSM_CLIENT_SESSIONS}`, before.error, n.name));
      ctx.signal.throwIfAborted();
      ctx.step(`${access.cluster}/${n.name}: run pe sql ttlogin ${SESSIONS_SQL}`);
      const rows = await runPeSql(cliRun(access, n.name), SESSIONS_SQL);
      ctx.signal.throwIfAborted();
      ctx.step(`${access.cluster}/${n.name}: ${JSM_OBJECT}\\${JSM_CLIENT_SESSIONS} again`);
      const after = await readCounter(access, n.name, JSM_OBJECT, JSM_CLIENT_SESSIONS);
      if (!after.ok) ctx.problem(problemOf(access.cluster, `${JSM_OBJECT}\\${JSM_CLIENT_SESSIONS}`, after.error, n.name));
      if (!rows.ok) {
        ctx.problem(problemOf(access.cluster, `run pe sql ttlogin ${SESSIONS_SQL}`, rows.error, n.name));
        return undefined;
      }
      const byUser = new Map<string, SessionDeviceType[]>();
      for (const r of rows.value.rows) {
        const id = r.userid;
        if (!id) continue;
        let list = byUser.get(id);
        if (!list) byUser.set(id, (list = []));
        list.push(reportDeviceType(r.devicetype));
      }
      const nodeUsers: SessionUserRow[] = [...byUser]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([userId, devices]) => ({ cluster: access.cluster, group, node: n.name, userId, sessions: devices.length, devices: devices.sort((a, b) => SESSION_DEVICE_TYPES.indexOf(a) - SESSION_DEVICE_TYPES.indexOf(b)) }));
      const row: SessionNodeRow = { cluster: access.cluster, group, node: n.name, ...totals(nodeUsers), ...(before.ok ? { counterBefore: before.value } : {}), ...(after.ok ? { counterAfter: after.value } : {}) };
      return { row, nodeUsers };
    });
    for (const r of perNode) {
      if (!r) continue;
      answered++;
      clusterUsers.push(...r.nodeUsers);
      nodes.push(r.row);
    }
    const groupNames = [...new Set(nodes.filter((r) => r.cluster === access.cluster).map((r) => r.group))].sort();
    for (const g of groupNames) groups.push({ cluster: access.cluster, group: g, ...totals(clusterUsers.filter((u) => u.group === g)) });
    clusters.push({ cluster: access.cluster, ...totals(clusterUsers) });
    users.push(...clusterUsers);
  }
  if (answered === 0) throw new AppError('POLL_CONNECT', 'no IM and Presence node listed its client sessions', { retryable: true });
  return { kind: 'sessions', clusters, groups, nodes, users };
};
