import { usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

/** Processes listed when no count is given (ours; the real command defaults to a handful). */
const DEFAULT_COUNT = 5;

interface ProcessRow {
  readonly name: string;
  readonly pid: number;
  readonly cpu: number;
  readonly mem: number;
  readonly rssKb: number;
}

/** The node's processes from its Process perfmon instances, so the CLI and Perfmon agree. */
function processRows(ctx: Pick<CommandContext, 'model' | 'node'>): ProcessRow[] {
  const rows = new Map<string, { pid: number; cpu: number; mem: number; rssKb: number }>();
  for (const s of ctx.model.counters(ctx.node.name)) {
    if (s.object !== 'Process') continue;
    const r = rows.get(s.instance) ?? { pid: 0, cpu: 0, mem: 0, rssKb: 0 };
    if (s.counter === 'PID') r.pid = s.value;
    else if (s.counter === '% CPU Time') r.cpu = s.value;
    else if (s.counter === '% Memory Usage') r.mem = s.value;
    else if (s.counter === 'VmRSS') r.rssKb = s.value;
    rows.set(s.instance, r);
  }
  return [...rows].map(([name, r]) => ({ name, ...r }));
}

/**
 * `show process using-most cpu|memory [count]` (seed-inventory.md 8.4, guide L11308): the top processes, in the
 * ps(1) column layout `show process` uses (%CPU, PID, CMD; %MEM, RSS, PID, CMD for memory; ours).
 */
export function usingMostText(ctx: Pick<CommandContext, 'model' | 'node'>, by: 'cpu' | 'memory', count = DEFAULT_COUNT): string {
  const rows = processRows(ctx).sort((a, b) => (by === 'cpu' ? b.cpu - a.cpu : b.rssKb - a.rssKb) || a.pid - b.pid).slice(0, count);
  if (by === 'cpu') return ['%CPU   PID CMD', ...rows.map((r) => `${r.cpu.toFixed(1).padStart(4)} ${String(r.pid).padStart(5)} ${r.name}`), ''].join('\n');
  return ['%MEM       RSS   PID CMD', ...rows.map((r) => `${r.mem.toFixed(1).padStart(4)} ${String(r.rssKb).padStart(9)} ${String(r.pid).padStart(5)} ${r.name}`), ''].join('\n');
}

function usingMost(by: 'cpu' | 'memory'): CommandSpec {
  const syntax = `show process using-most ${by} [number of processes]`;
  return {
    words: ['show', 'process', 'using-most', by],
    syntax,
    run: async (ctx, args) => {
      const n = args.length === 0 ? DEFAULT_COUNT : Number(args[0]);
      if (args.length > 1 || !Number.isInteger(n) || n < 1 || n > 1000) return usage(ctx, syntax);
      await ctx.output(usingMostText(ctx, by, n));
    },
  };
}

/** `show process using-most cpu|memory`. */
export const showProcessCommands: readonly CommandSpec[] = [usingMost('cpu'), usingMost('memory')];
