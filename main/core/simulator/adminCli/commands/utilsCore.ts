import { coreFiles } from '../../model/logs/coreFiles.js';
import { usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

const SYNTAX = 'utils core active list';

/** "2026-11-25 10:00:00" in the node's (UTC) clock, as the CLI's other dates. */
function coreDate(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/**
 * `utils core active list`: the core files of the active partition (`/var/log/active/core`, see coreFiles.ts),
 * size in KB, date and name, oldest first. serviceability-reference.md D.4 (L1277) lists the command in the
 * health-check set every VOS node runs; the layout (a "Size Date Core File Name" header, a rule, one row per
 * core, "No core files found" when there are none) is [I]: from recollection of UC OS output, kept as ours.
 */
export function coreActiveListText(ctx: Pick<CommandContext, 'node'>): string {
  const tree = ctx.node.logs;
  const files = coreFiles(tree);
  if (files.length === 0) return 'No core files found\n';
  const rows = files.map((p) => {
    const st = tree.stat(p)!;
    const kb = `${Math.ceil(st.size / 1024)} KB`;
    return `${kb.padStart(12)}   ${coreDate(st.mtimeMs)}   ${st.name}`;
  });
  return ['        Size           Date            Core File Name', '='.repeat(72), ...rows, ''].join('\n');
}

/** `utils core active list`. */
export const utilsCoreCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'core', 'active', 'list'],
    syntax: SYNTAX,
    run: async (ctx, args) => {
      if (args.length !== 0) return usage(ctx, SYNTAX);
      await ctx.output(coreActiveListText(ctx));
    },
  },
];
