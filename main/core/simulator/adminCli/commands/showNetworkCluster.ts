import { usage } from '../cliMessages.js';
import { ctimeDate } from '../cliTime.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';
import type { SimNode } from '../../model/node/simNode.js';

/**
 * `show network cluster` (serviceability-reference.md D.8): one line per node with IP, FQDN, host, role
 * (Publisher|Subscriber), product (`callmanager`, `cups` for IM&P), DB role (DBPub|DBSub) and authentication,
 * then the processnode table. The IM&P database publisher is a Subscriber of the CUCM cluster that owns the
 * IM&P database (DBPub). A peer that does not answer shows "not authenticated - INITIATOR" ([I] UC OS wording).
 */
export function showNetworkClusterText(ctx: Pick<CommandContext, 'model' | 'node'>): string {
  const { model, node: self } = ctx;
  const domain = model.profile.domain;
  const lines = [...model.nodes.values()].map((n) => {
    const role = n.role === 'cucm-publisher' ? 'Publisher callmanager DBPub' : n.role === 'imp-publisher' ? 'Subscriber cups DBPub' : 'Subscriber cups DBSub';
    return `${n.ipAddress} ${n.name}.${domain} ${n.name} ${role} ${authText(self, n)}`;
  });
  return [...lines, '', 'Server Table (processnode) Entries', '----------------------------------', ...[...model.nodes.keys()], '', ''].join('\n');
}

function authText(self: SimNode, peer: SimNode): string {
  if (peer === self) return 'authenticated';
  const since = Math.max(self.bootedAtMs, peer.bootedAtMs);
  if (!peer.reachable || self.isolated) return `not authenticated - INITIATOR since ${ctimeDate(since)}`;
  return `authenticated using TCP since ${ctimeDate(since)}`;
}

/** `show network cluster`. */
export const showNetworkClusterCommands: readonly CommandSpec[] = [
  {
    words: ['show', 'network', 'cluster'],
    syntax: 'show network cluster',
    run: async (ctx, args) => {
      if (args.length > 0) return usage(ctx, 'show network cluster');
      await ctx.output(showNetworkClusterText(ctx));
    },
  },
];
