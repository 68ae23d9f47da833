import { hashString } from '../../random/seededRandom.js';
import type { SimNode } from '../../model/node/simNode.js';
import { fail, usage } from '../cliMessages.js';
import { ctimeDate, dashMinuteStamp, shortDate, underscoreStamp, unixDate } from '../cliTime.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

/** Replicate_State codes and their RTMT text (serviceability-reference.md D.3 [I]). */
const SETUP_TEXT = ['Initializing', 'Setup Fired', 'Setup Completed', 'Suspect', 'Setup Failed'];

/** Directory of the dbl traces that `utils dbreplication status` writes (its real output names it). */
export const DBL_TRACE_DIR = '/cm/trace/dbl/sdi';

/** The database replication cluster a node belongs to: the IM&P nodes, or the CUCM node(s). */
function replicationMembers(ctx: Pick<CommandContext, 'model' | 'node'>): SimNode[] {
  return [...ctx.model.nodes.values()].filter((n) => n.isCucm === ctx.node.isCucm);
}

function dbVersion(version: string): string {
  return `ccm${version.replace(/[.-]/g, '_')}`;
}

function tableCount(node: SimNode): number {
  return node.isCucm ? 754 : 612;
}

/** Round-trip in ms to a peer: deterministic per pair, a few hundred microseconds on a LAN (ours). */
function pingMs(self: SimNode, peer: SimNode): string {
  if (peer === self) return '0.030';
  return (0.15 + (hashString(`${self.name}>${peer.name}`) % 900) / 1000).toFixed(3);
}

/**
 * `utils dbreplication runtimestate` in the layout of serviceability-reference.md D.3: the last status check,
 * DB version, then one row per server with ping, DB/RPC/DbMon, queue, replication group and the RTMT setup
 * state (the same figures as the Replicate_State and ReplicationQueueDepth counters).
 */
export function runtimestateText(ctx: Pick<CommandContext, 'model' | 'node' | 'shared'>): string {
  const { model, node } = ctx;
  const members = replicationMembers(ctx);
  if (!node.services.isRunning('A Cisco DB')) return 'Cisco DB is not running\n';
  if (members.length < 2) return 'Runtime state cannot be performed on a cluster with a single active node; aborting operation\n';
  const version = node.version;
  const checkedAt = ctx.shared.lastReplicationCheckMs ?? node.bootedAtMs;
  const allGood = members.every((m) => m.replicationState === 2 && m.reachable);
  const tables = tableCount(node);
  const rows = members.map((m) => {
    const up = m.reachable && !node.isolated;
    const db = up && m.services.isRunning('A Cisco DB') ? 'Y' : 'N';
    const rpc = up && m.services.isRunning('A Cisco DB Replicator') ? 'Y' : 'N';
    const ping = up ? pingMs(node, m) : '';
    const queue = up ? String(m.replicationState === 2 ? 0 : 120) : '--';
    const state = up ? `(${m.replicationState}) ${SETUP_TEXT[m.replicationState] ?? 'Unknown'}` : '(-) Down';
    return `${m.name.padEnd(25)}${m.ipAddress.padEnd(18)}${ping.padEnd(10)}${`${db}/${rpc}/${db}`.padEnd(10)}${queue.padEnd(9)}${`(g_${m.index + 2})`.padEnd(15)}${state}`;
  });
  return [
    '',
    `Server Time: ${unixDate(model.now())}`,
    '',
    `Cluster Replication State: Replication status command started at: ${dashMinuteStamp(checkedAt)}`,
    `     Replication status command COMPLETED. Checked ${tables} tables out of ${tables}`,
    '     Last Completed Table: typeuserassignmentmode',
    allGood ? '     No Errors or Mismatches found.' : '     Errors or Mismatches Were Found!!!',
    '',
    `DB Version: ${dbVersion(version)}`,
    '',
    'Repltimeout set to: 300s',
    'PROCESS option set to: 1',
    '',
    `Cluster Detailed View from ${node.name} (${members.length} Servers):`,
    '',
    '                                           PING      DB/RPC/   REPL.    Replication    REPLICATION SETUP',
    'SERVER-NAME              IP ADDRESS        (msec)    DbMon?    QUEUE    Group ID       (RTMT) & Details',
    '-----------              ----------        ------    -------   -----    -----------    ------------------',
    ...rows,
    '',
  ].join('\n');
}

/** The ReplicationStatus.*.out file `utils dbreplication status` writes (layout of Cisco's documented example). */
export function replicationStatusFile(ctx: Pick<CommandContext, 'model' | 'node'>, atMs: number): string {
  const { node } = ctx;
  const version = dbVersion(node.version);
  const rows = replicationMembers(ctx).map((m) => {
    const id = m.index + 2;
    const local = m === node;
    const up = m.reachable && !node.isolated;
    const state = !up || m.replicationState === 4 ? 'Dropped' : 'Active';
    const status = local ? 'Local' : !up ? 'Timeout' : m.replicationState === 2 ? 'Connected' : 'Connecting';
    const queue = m.replicationState === 2 ? 0 : 120;
    const changed = local ? '' : shortDate(Math.max(m.bootedAtMs, node.bootedAtMs));
    return `${`g_${id}_${version}`.padEnd(23)}${String(id).padStart(4)} ${state.padEnd(8)} ${status.padEnd(10)}${String(queue).padStart(6)} ${changed.padEnd(15)}`;
  });
  return [
    `${ctimeDate(atMs)} main()  DEBUG:  -->`,
    `${ctimeDate(atMs)} main()  DEBUG:  Replication cluster summary:`,
    'SERVER                 ID STATE    STATUS     QUEUE  CONNECTION CHANGED',
    '-----------------------------------------------------------------------',
    ...rows,
    `${ctimeDate(atMs + 1000)} main()  DEBUG:  <--`,
    '',
  ].join('\n');
}

/** `utils dbreplication runtimestate|status`. */
export const utilsDbreplicationCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'dbreplication', 'runtimestate'],
    syntax: 'utils dbreplication runtimestate [node name]',
    run: async (ctx, args) => {
      if (args.length > 1) return usage(ctx, 'utils dbreplication runtimestate [node name]');
      await ctx.output(runtimestateText(ctx));
    },
  },
  {
    words: ['utils', 'dbreplication', 'status'],
    syntax: 'utils dbreplication status [all|node name|replicate name]',
    run: (ctx, args) => {
      if (args.length > 1) return usage(ctx, 'utils dbreplication status [all|node name|replicate name]');
      if (!ctx.node.services.isRunning('A Cisco DB')) return fail(ctx, 'Cisco DB is not running');
      const now = ctx.model.now();
      const rel = `cm/trace/dbl/sdi/ReplicationStatus.${underscoreStamp(now)}.out`;
      ctx.node.logs.writeFile(`/${rel}`, Buffer.from(replicationStatusFile(ctx, now)), now);
      ctx.shared.lastReplicationCheckMs = now;
      ctx.io.write(
        [
          ' ',
          ' -------------------- utils dbreplication status -------------------- ',
          `Output is in file ${rel}`,
          '',
          `Please use "file view activelog ${rel} " command to see the output  `,
          '',
        ].join('\n'),
      );
    },
  },
];
