import { diagnoseModulesOf, type DiagnoseModule, type DiagnoseOutcome } from '../../model/diagnostics/diagnoseModules.js';
import { EXECUTED_UNSUCCESSFULLY, usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

// `utils diagnose list|test|module <name>` (real command, serviceability-reference D.9: module list layout, the
// `test - <name> : <result>` lines after "Starting diagnostic test(s)", a `Log file:` line). The item lines, the
// ` - <detail>` suffix and the IM&P modules are designed: no real sample (reports-design.md "utils diagnose").
// Fixtures: utils-diagnose-list.txt, diagnose-ldap-failed.txt, utils-diagnose-test.txt.

/** `utils diagnose list`. */
export function diagnoseListText(modules: readonly DiagnoseModule[]): string {
  return `Available diagnostics modules\n${modules.map((m) => `${m.name.padEnd(21)}- ${m.description}`).join('\n')}\n`;
}

/** One module's lines: `test - <name> : <Result>[ - detail]`, then its items indented four spaces. */
export function diagnoseModuleLines(name: string, o: DiagnoseOutcome): string[] {
  const lines = [`test - ${name.padEnd(20)}: ${o.result}${o.detail ? ` - ${o.detail}` : ''}`];
  const width = Math.max(0, ...o.items.map((i) => i.item.length));
  for (const i of o.items) lines.push(`    ${i.item.padEnd(width)}   ${i.state}${i.detail ? `: ${i.detail}` : ''}`);
  return lines;
}

async function runModules(ctx: CommandContext, modules: readonly DiagnoseModule[]): Promise<void> {
  const n = ctx.model.diagnostics.nextRun(ctx.node.name);
  const lines = ['', `Log file: platform/log/diag${n}.log`, '', 'Starting diagnostic test(s)', '==========================='];
  for (const m of modules) lines.push(...diagnoseModuleLines(m.name, m.run(ctx.model, ctx.node)));
  lines.push('', 'Diagnostics Completed', '');
  await ctx.output(lines.join('\n'));
}

/** `utils diagnose …`. */
export const utilsDiagnoseCommands: readonly CommandSpec[] = [
  {
    words: ['utils', 'diagnose', 'list'],
    syntax: 'utils diagnose list',
    run: async (ctx, args) => {
      if (args.length !== 0) return usage(ctx, 'utils diagnose list');
      await ctx.output(diagnoseListText(diagnoseModulesOf(ctx.node)));
    },
  },
  {
    words: ['utils', 'diagnose', 'test'],
    syntax: 'utils diagnose test',
    run: async (ctx, args) => {
      if (args.length !== 0) return usage(ctx, 'utils diagnose test');
      await runModules(ctx, diagnoseModulesOf(ctx.node));
    },
  },
  {
    words: ['utils', 'diagnose', 'module'],
    syntax: 'utils diagnose module <module name>',
    run: async (ctx, args) => {
      if (args.length !== 1) return usage(ctx, 'utils diagnose module <module name>');
      const module = diagnoseModulesOf(ctx.node).find((m) => m.name === args[0]!.toLowerCase());
      if (!module) {
        // Designed wording.
        ctx.io.write(`Module not found: ${args[0]}\n${EXECUTED_UNSUCCESSFULLY}\n`);
        return;
      }
      await runModules(ctx, [module]);
    },
  },
];
