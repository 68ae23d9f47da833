import { Option } from 'commander';
import type { UserLocation } from '../../../../shared/model/reports.js';
import { findUserQuerySchema } from '../../../../shared/validation/reports.js';
import { findUser } from '../../reports/findUser.js';
import { defineVerb } from '../conventions/verb.js';
import { interruptible, pickReportClusters, problemLine, withReportAccess } from './reportRun.js';

/**
 * `imp report find-user <QUERY>` (issue 14 "Find a user"): across every cluster where it acts, where a user is
 * assigned, the group's HA state, who serves them now and from which devices they are logged in — the help desk's
 * first question — with the app's own findUser (main/core/reports/findUser.ts) on direct access to the nodes.
 */
export const findUserVerb = defineVerb<{ cluster?: string }, UserLocation>({
  name: 'find-user',
  summary: 'where a user is assigned, their group\'s HA state and the devices they are logged in from, in every cluster',
  where: true,
  output: true,
  options: (cmd) => {
    cmd.argument('<QUERY>', 'a user ID or directory URI, or the start of one');
    cmd.addOption(new Option('--cluster <IDS>', 'only these clusters (comma-separated ids or names; default every cluster where it acts)'));
  },
  help: `Looks the user up in each cluster's IM&P database (run sql on enduser, enterprisenode,
enterprisesubcluster), their HA group's state (utils ha status) and their sessions (run pe sql ttlogin …
clientsessions on every IM&P node, asked together; a node that could not be read is named on stderr, and the
SESSIONS shown then leave out what it serves). A prefix matches (at most 50 users; more are said on stderr).
--format json prints an array of {cluster, userId, directoryUri, mailId, node, group, haEnabled, haState,
haReason, servedBy, sessions: [{node, device, resource, loginAtMs}]}.
Exit codes: 0 a user was found; 1 none was found, or the clusters could not be opened (one line on stderr);
2 bad usage (an empty query, double quotes, backslashes, wildcards or control characters in it).`,
  run: async (ctx) => {
    const parsed = findUserQuerySchema.safeParse(ctx.args[0] ?? '');
    if (!parsed.success) return ctx.usageError(`error: QUERY ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    const query = parsed.data;
    const open = await ctx.openClusters();
    const clusters = pickReportClusters(open.clusters, ctx.options.cluster);
    ctx.log(`finding ${query} in ${clusters.length} cluster${clusters.length === 1 ? '' : 's'}…`);
    const { value: found } = await interruptible(ctx.log, (signal) => withReportAccess(clusters, signal, (accesses) => findUser(accesses, query, signal)));
    for (const p of found.problems) ctx.log(problemLine(p));
    if (found.truncated) ctx.log(`imp: more users match ${query} than the ${found.users.length} shown: type more of the user ID`);
    return {
      rows: found.users,
      columns: [
        { header: 'CLUSTER', value: (u) => u.cluster },
        { header: 'USER ID', value: (u) => u.userId },
        { header: 'DIRECTORY URI', value: (u) => u.directoryUri },
        { header: 'NODE', value: (u) => u.node ?? 'unassigned' },
        { header: 'GROUP', value: (u) => u.group },
        { header: 'HA', value: (u) => (u.haEnabled === undefined ? undefined : u.haEnabled ? 'enabled' : 'disabled') },
        { header: 'HA STATE', value: (u) => (u.haState ? `${u.haState}${u.haReason ? ` (${u.haReason})` : ''}` : undefined) },
        { header: 'SERVED BY', value: (u) => u.servedBy },
        { header: 'SESSIONS', value: (u) => u.sessions.length },
        { header: 'DEVICES', value: (u) => u.sessions.map((s) => s.device).join(', ') || undefined },
      ],
      ...(found.users.length === 0 ? { failure: `no user matches ${query}${found.problems.length > 0 ? ' in the clusters that could be read' : ''}` } : {}),
    };
  },
});
