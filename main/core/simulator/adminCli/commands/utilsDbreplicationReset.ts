import { fail, usage } from '../cliMessages.js';
import type { CommandSpec } from '../commandTypes.js';

// `utils dbreplication reset all|<node>` (guide L10616, L10555: the remedy when replication is not set up after
// a restore). Run on the publisher of a replication cluster it repairs every member whose state is not 2 (the
// model's repair: 0, then 2 a minute later). Output wording follows the CLI reference's description [designed].

/** What `utils dbreplication reset` prints before the per-node lines. */
export const RESET_TEXT = [
  'This command will try to start Replication reset and will return in 1-2 minutes.',
  'Background repair of replication will continue after that for 1 hour.',
  'Please watch RTMT replication state. It should go from 0 to 2. When all subs',
  'have an RTMT Replicate State of 2, replication is complete.',
  'If Sub replication state becomes 4 or 1, there is an error in replication setup.',
].join('\n');

export const utilsDbreplicationResetCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'dbreplication', 'reset'],
    syntax: 'utils dbreplication reset {all|node name}',
    run: (ctx, args) => {
      if (args.length !== 1) return usage(ctx, 'utils dbreplication reset {all|node name}');
      const members = [...ctx.model.nodes.values()].filter((n) => n.isCucm === ctx.node.isCucm);
      const publisher = members.find((n) => n.role === 'cucm-publisher' || n.role === 'imp-publisher');
      if (publisher !== ctx.node) return fail(ctx, `This command must be run on the publisher${publisher ? ` (${publisher.name})` : ''}.`);
      if (!ctx.node.services.isRunning('A Cisco DB')) return fail(ctx, 'Cisco DB is not running');
      const target = args[0]!.toLowerCase() === 'all' ? members : members.filter((n) => n.name.toLowerCase() === args[0]!.toLowerCase());
      if (target.length === 0) return fail(ctx, `${args[0]} is not a node of this replication cluster.`);
      const lines = target.map((n) => {
        if (!n.reachable) return `Error: ${n.name} (${n.ipAddress}) is not reachable; replication not reset`;
        if (n.replicationState !== 2) ctx.model.setReplicationBroken(n.name, false);
        return `OK [${n.ipAddress}] ${n.name}`;
      });
      ctx.io.write(`${RESET_TEXT}\n${lines.join('\n')}\n`);
    },
  },
];
