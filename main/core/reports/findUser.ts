/**
 * Find a user (issue 14): across every monitored cluster, the users whose user ID or directory URI is the query
 * or starts with it — where each is assigned (enduser.primarynodeid → enterprisenode → enterprisesubcluster), the
 * group's HA state as `utils ha status` prints it, and the sessions each IM&P node serves them now
 * (`run pe sql ttlogin … from clientsessions`, one query per node). The question a help desk asks first.
 * Matching is case-insensitive; the SQL `like` prefix is narrowed to an exact prefix here (`_` is a wildcard there).
 */
import type { FindUserResult, FoundSession, ReportProblem, UserLocation } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import { runPeSql, runSql, sqlLiteral } from '../polling/ssh/reportCommands.js';
import { cliRun, problemOf, readGroupsAndNodes } from './clusterLayout.js';
import type { ReportClusterAccess } from './reportAccess.js';
import { reportDeviceType } from './sessionReport.js';
import { eachNode } from './eachNode.js';

/** Users returned at most (FindUserResult). */
export const FIND_USER_LIMIT = 50;

/** `YYYY-MM-DD HH:MM:SS` (UTC) as ms. */
export function sqlTimeMs(text: string | null | undefined): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec((text ?? '').trim());
  if (!m) return undefined;
  const t = Date.parse(`${m[1]}T${m[2]}Z`);
  return Number.isFinite(t) ? t : undefined;
}

/** The longest prefix every value starts with. */
export function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let p = values[0]!;
  for (const v of values) while (!v.startsWith(p)) p = p.slice(0, -1);
  return p;
}

interface Candidate {
  userId: string;
  directoryUri?: string;
  mailId?: string;
  primaryNode?: string;
}

async function findInCluster(access: ReportClusterAccess, query: string, signal: AbortSignal | undefined, problems: ReportProblem[]): Promise<{ users: UserLocation[]; more: boolean }> {
  const q = query.toLowerCase();
  const gn = await readGroupsAndNodes(access);
  if (!gn.ok) {
    problems.push(problemOf(access.cluster, 'run sql select pkid, name, subclusterid from enterprisenode', gn.error));
    return { users: [], more: false };
  }
  const from = gn.value.readFrom;
  const like = sqlLiteral(`${q}%`);
  const found = new Map<string, Candidate>();
  for (const column of ['userid', 'directoryuri']) {
    signal?.throwIfAborted();
    const statement = `select userid, directoryuri, mailid, primarynodeid from enduser where lower(${column}) like ${like}`;
    const r = await runSql(cliRun(access, from), statement);
    if (!r.ok) {
      problems.push(problemOf(access.cluster, `run sql ${statement}`, r.error, from));
      continue;
    }
    for (const row of r.value.rows) {
      const id = row.userid;
      if (!id || found.has(id)) continue;
      const value = (column === 'userid' ? id : row.directoryuri ?? '').toLowerCase();
      if (!value.startsWith(q)) continue; // `_` matched any character in like
      const node = gn.value.nodes.find((n) => n.pkid === row.primarynodeid)?.name;
      found.set(id, { userId: id, ...(row.directoryuri ? { directoryUri: row.directoryuri } : {}), ...(row.mailid ? { mailId: row.mailid } : {}), ...(node ? { primaryNode: node } : {}) });
    }
  }
  // Exact matches first, then by user ID.
  const ordered = [...found.values()].sort((a, b) => Number(b.userId.toLowerCase() === q || b.directoryUri?.toLowerCase() === q) - Number(a.userId.toLowerCase() === q || a.directoryUri?.toLowerCase() === q) || a.userId.localeCompare(b.userId));
  const chosen = ordered.slice(0, FIND_USER_LIMIT);
  const sessions = new Map<string, FoundSession[]>();
  if (chosen.length > 0) {
    const wanted = new Map(chosen.map((c) => [c.userId.toLowerCase(), c.userId]));
    // The SQL subset has no `in`/`or`: one `like` on the found users' common user-ID prefix. Not the query: a user
    // found by directory URI (john.smith@…) has another user ID (jsmith), and the query's prefix would miss them.
    const prefix = commonPrefix(chosen.map((c) => c.userId.toLowerCase()));
    const statement = `select userid, resource, devicetype, logintime from clientsessions${chosen.length === 1 ? ` where lower(userid) like ${sqlLiteral(prefix)}` : prefix === '' ? '' : ` where lower(userid) like ${sqlLiteral(`${prefix}%`)}`}`;
    // Every IM&P node at once (eachNode.ts): a node that is off costs one timeout.
    const answers = await eachNode(access.nodes().filter((x) => x.role !== 'cucm-publisher'), async (n) => {
      signal?.throwIfAborted();
      return { node: n, r: await runPeSql(cliRun(access, n.name), statement) };
    });
    for (const { node: n, r } of answers) {
      if (!r.ok) {
        problems.push(problemOf(access.cluster, `run pe sql ttlogin ${statement}`, r.error, n.name));
        continue;
      }
      for (const row of r.value.rows) {
        const userId = row.userid ? wanted.get(row.userid.toLowerCase()) : undefined;
        if (!userId) continue; // `like` also matched users not found (or `_` any character)
        const loginAtMs = sqlTimeMs(row.logintime);
        const list = sessions.get(userId) ?? [];
        list.push({ node: n.name, device: reportDeviceType(row.devicetype), ...(row.resource ? { resource: row.resource } : {}), ...(loginAtMs !== undefined ? { loginAtMs } : {}) });
        sessions.set(userId, list);
      }
    }
  }
  const ha = chosen.some((c) => c.primaryNode) ? await access.haGroups() : undefined;
  if (ha && !ha.ok) problems.push(problemOf(access.cluster, 'utils ha status', ha.error));
  const haGroups = ha?.ok ? ha.value : [];
  const users = chosen.map((c): UserLocation => {
    const group = c.primaryNode ? gn.value.nodes.find((n) => n.name === c.primaryNode)?.group : undefined;
    const layoutGroup = group ? gn.value.groups.find((g) => g.name === group) : undefined;
    const status = haGroups.find((g) => g.nodes.some((n) => n.name === c.primaryNode));
    const mine = status?.nodes.find((n) => n.name === c.primaryNode);
    const own = sessions.get(c.userId) ?? [];
    // Serving: the node the sessions are on; else the peer running in backup mode when the node failed over; else the node.
    const peerInBackup = status?.nodes.find((n) => n.name !== c.primaryNode && /backup/i.test(n.state));
    const servedBy = own[0]?.node ?? (mine && /fail|idle/i.test(mine.state) && peerInBackup ? peerInBackup.name : c.primaryNode);
    return {
      cluster: access.cluster,
      userId: c.userId,
      ...(c.directoryUri ? { directoryUri: c.directoryUri } : {}),
      ...(c.mailId ? { mailId: c.mailId } : {}),
      ...(c.primaryNode ? { node: c.primaryNode } : {}),
      ...(group ? { group } : {}),
      ...(layoutGroup?.haEnabled !== undefined ? { haEnabled: layoutGroup.haEnabled } : {}),
      ...(mine ? { haState: mine.state, haReason: mine.reason } : {}),
      ...(servedBy ? { servedBy } : {}),
      sessions: own.sort((a, b) => a.node.localeCompare(b.node) || (a.loginAtMs ?? 0) - (b.loginAtMs ?? 0)),
    };
  });
  return { users, more: ordered.length > chosen.length };
}

/** Finds users in every cluster (one after the other); a cluster that cannot be read is a problem. */
export async function findUser(clusters: readonly ReportClusterAccess[], query: string, signal?: AbortSignal): Promise<FindUserResult> {
  const q = query.trim();
  if (q === '') throw new AppError('VALIDATION', 'type a user ID or directory URI');
  const problems: ReportProblem[] = [];
  const users: UserLocation[] = [];
  let truncated = false;
  for (const access of clusters) {
    let r: { users: UserLocation[]; more: boolean };
    try {
      r = await findInCluster(access, q, signal, problems);
    } catch (err) {
      if (signal?.aborted) throw err;
      if (err instanceof RangeError) throw new AppError('VALIDATION', `the query cannot be sent to the node: ${err.message}`);
      throw err;
    }
    users.push(...r.users);
    truncated ||= r.more;
  }
  if (users.length > FIND_USER_LIMIT) {
    users.length = FIND_USER_LIMIT;
    truncated = true;
  }
  return { users, truncated, problems };
}
