import { clockTime, statusDate } from '../cliTime.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';
import { usage } from '../cliMessages.js';
import { unifiedOsVersion } from './showVersion.js';

/** df(1) reserves blocks for root: what is neither free nor used (ours; the real sample shows about 1% and 5%). */
const RESERVED_SHARE: Readonly<Record<string, number>> = { Active: 0.01, Inactive: 0.01, Common: 0.05 };

/**
 * `show status` (serviceability-reference.md D.1, TAC-200581, with the reference's reconstructed line breaks):
 * host, date, versions, uptime(1) line, CPU split, memory and the three disks. Everything comes from the
 * node's metrics; the CPU split matches the Processor counters (Idle = 100 - busy - iowait, System = 30 %).
 */
export function showStatusText(ctx: Pick<CommandContext, 'model' | 'node' | 'shared'>): string {
  const { model, node } = ctx;
  const now = model.now();
  const m = node.metrics;
  const version = node.version;
  const busy = m.cpuTotal;
  const iowait = Math.min(m.iowaitPct, 100 - busy);
  const system = busy * 0.3;
  const soft = busy * 0.02;
  const user = busy - system - soft;
  const idle = 100 - busy - iowait;
  const pct = (v: number): string => v.toFixed(2).padStart(5, '0');
  const kb = (label: string, v: number): string => `${label.padStart(13)}${`${Math.round(v)}K`.padStart(16)}`;
  const disks = (['Active', 'Inactive', 'Common'] as const).map((name) => {
    const part = m.partitions.find((p) => p.name === name)!;
    const total = Math.round(part.totalMb * 1024);
    const used = Math.round(part.usedMb * 1024);
    const free = Math.max(0, total - used - Math.round(total * (RESERVED_SHARE[name] ?? 0)));
    const label = name === 'Active' ? 'Disk/active' : name === 'Inactive' ? 'Disk/inactive' : 'Disk/logging';
    const share = Math.ceil((used / Math.max(1, used + free)) * 100);
    return `${label}${`${total}K`.padStart(29 - label.length)}${`${free}K`.padStart(16)}${`${used}K`.padStart(16)} (${share}%)`;
  });
  const users = Math.max(1, ctx.shared.openSessions);
  return [
    '',
    `Host Name          : ${node.name}`,
    `Date               : ${statusDate(now)}`,
    'Time Zone          : Coordinated Universal Time (Etc/UTC)',
    'Locale             : en_US.UTF-8',
    `Product Ver        : ${version}`,
    `Unified OS Version : ${unifiedOsVersion(version)}`,
    '',
    'Uptime:',
    ` ${clockTime(now)} up ${uptimeText(node.uptimeSec(now))},  ${users} user${users === 1 ? '' : 's'},  load average: ${loadAverages(busy, m.cpus).join(', ')}`,
    '',
    `CPU Idle:   ${pct(idle)}%  System:   ${pct(system)}%    User:   ${pct(user)}%`,
    `  IOWAIT:   ${pct(iowait)}%     IRQ:   ${pct(0)}%    Soft:   ${pct(soft)}%`,
    '',
    kb('Memory Total:', m.memoryTotalKb),
    kb('Free:', m.memoryTotalKb - m.memoryUsedKb),
    kb('Used:', m.memoryUsedKb),
    kb('Cached:', m.cachedKb),
    kb('Shared:', 0),
    kb('Buffers:', m.buffersKb),
    '',
    '                        Total            Free            Used',
    ...disks,
    '',
  ].join('\n');
}

/** The uptime(1) duration: "72 days, 21:01", "1 day,  3:05", "21:01" or "5 min". */
export function uptimeText(sec: number): string {
  const days = Math.floor(sec / 86_400);
  const hours = Math.floor((sec % 86_400) / 3600);
  const mins = Math.floor((sec % 3600) / 60);
  const clock = hours === 0 ? `${mins} min` : `${String(hours).padStart(2, ' ')}:${String(mins).padStart(2, '0')}`;
  if (days === 0) return clock.trim();
  return `${days} day${days === 1 ? '' : 's'}, ${clock}`;
}

/** 1, 5 and 15 minute load averages from the busy share of the cores (ours: the longer windows lag behind). */
function loadAverages(busyPct: number, cpus: number): string[] {
  const load = (busyPct / 100) * cpus;
  return [load, load * 0.92, load * 0.85].map((v) => v.toFixed(2));
}

/** `show status`. */
export const showStatusCommands: readonly CommandSpec[] = [
  {
    words: ['show', 'status'],
    syntax: 'show status',
    run: async (ctx, args) => {
      if (args.length > 0) return usage(ctx, 'show status');
      await ctx.output(showStatusText(ctx));
    },
  },
];
