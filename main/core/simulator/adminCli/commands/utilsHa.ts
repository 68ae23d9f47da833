import type { SimNode } from '../../model/node/simNode.js';
import { fail, invalidCommandText, usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec, HaActionResult, HaControl } from '../commandTypes.js';

/** Refusal when the node has no HA control (ours, after the "High Availability Not Enabled" reason of CLI-UTILS). */
export const HA_NOT_ENABLED = 'High Availability Not Enabled';

/**
 * `utils ha status` without a Server Recovery Manager: every node Unknown with reason "High Availability Not
 * Enabled", exactly as the first CLI-UTILS example (serviceability-reference.md D.4).
 */
export function haNotEnabledStatus(group: string, nodes: readonly string[]): string {
  return [`Subcluster Name: ${group}`, ...nodes.map((n, i) => `Node ${i + 1} Name : ${n} State: Unknown Reason: ${HA_NOT_ENABLED}`), ''].join('\n');
}

/** The IM&P node a command names, any case, or undefined after writing the error. */
function findImpNode(ctx: CommandContext, name: string | undefined, syntax: string): SimNode | undefined {
  if (!name) {
    usage(ctx, syntax);
    return undefined;
  }
  const node = [...ctx.model.nodes.values()].find((n) => n.name.toLowerCase() === name.toLowerCase() && !n.isCucm);
  if (!node) fail(ctx, `Invalid node name: ${name}`);
  return node;
}

function onImp(ctx: CommandContext, line: string): boolean {
  if (!ctx.node.isCucm) return true;
  ctx.io.write(invalidCommandText(line));
  return false;
}

function writeResult(ctx: CommandContext, r: HaActionResult): void {
  if (r.ok) ctx.io.write(`${r.message.replace(/\n?$/, '\n')}`);
  else fail(ctx, r.message);
}

/** Asks the question and tells whether the answer was yes (an exec session without input answers no). */
async function confirm(ctx: CommandContext, question: string): Promise<boolean> {
  const answer = await ctx.io.readLine(`${question} (yes/no): `);
  const yes = answer !== null && /^y(es)?$/i.test(answer.trim());
  if (!yes) ctx.io.write('Operation cancelled\n');
  return yes;
}

function moveCommand(kind: 'failover' | 'fallback'): CommandSpec {
  const syntax = `utils ha ${kind} <node name>`;
  return {
    words: ['utils', 'ha', kind],
    syntax,
    run: async (ctx, args) => {
      if (!onImp(ctx, `utils ha ${kind}`)) return;
      if (args.length !== 1) return usage(ctx, syntax);
      const target = findImpNode(ctx, args[0], syntax);
      if (!target) return;
      const ha: HaControl | undefined = ctx.hooks.ha;
      if (!ha || !ctx.model.hosting.haEnabled(target.name)) return fail(ctx, `${target.name}: ${HA_NOT_ENABLED}`);
      const peer = ctx.model.hosting.peerOf(target.name) ?? 'its peer';
      const question =
        kind === 'failover'
          ? `Manual failover moves the users of ${target.name} to ${peer}. Do you want to continue?`
          : `Manual fallback moves the users of ${target.name} back from ${peer}. Do you want to continue?`;
      if (!(await confirm(ctx, question))) return;
      writeResult(ctx, kind === 'failover' ? ha.failover(target.name) : ha.fallback(target.name));
    },
  };
}

/** `utils ha status|failover|fallback|recover` through the Server Recovery Manager hooks. */
export const utilsHaCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'ha', 'status'],
    syntax: 'utils ha status',
    run: async (ctx, args) => {
      if (!onImp(ctx, 'utils ha status')) return;
      if (args.length > 1) return usage(ctx, 'utils ha status');
      const wanted = args[0] ?? ctx.model.hosting.groupOf(ctx.node.name)?.name;
      const group = ctx.model.hosting.groups.find((g) => g.name.toLowerCase() === wanted?.toLowerCase());
      if (!group) return fail(ctx, `Invalid presence redundancy group: ${wanted ?? ''}`);
      await ctx.output(ctx.hooks.ha ? ctx.hooks.ha.status(group.name).replace(/\n?$/, '\n') : haNotEnabledStatus(group.name, group.nodes));
    },
  },
  moveCommand('failover'),
  moveCommand('fallback'),
  {
    words: ['utils', 'ha', 'recover'],
    syntax: 'utils ha recover <presence redundancy group>',
    run: (ctx, args) => {
      if (!onImp(ctx, 'utils ha recover')) return;
      if (args.length !== 1) return usage(ctx, 'utils ha recover <presence redundancy group>');
      const group = ctx.model.hosting.groups.find((g) => g.name.toLowerCase() === args[0]!.toLowerCase());
      if (!group) return fail(ctx, `Invalid presence redundancy group: ${args[0]}`);
      if (!ctx.hooks.ha) return fail(ctx, `${group.name}: ${HA_NOT_ENABLED}`);
      writeResult(ctx, ctx.hooks.ha.recover(group.name));
    },
  },
];
