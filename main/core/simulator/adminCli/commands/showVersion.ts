import { usage } from '../cliMessages.js';
import type { CommandContext, CommandSpec } from '../commandTypes.js';

/** The Unified OS version that ships with a product version: 10.0.1.10000-24 runs 10.0.0.0-2 (reference D.1). */
export function unifiedOsVersion(productVersion: string): string {
  const [major = '0', minor = '0'] = productVersion.split('.');
  return `${major}.${minor}.0.0-2`;
}

/** Inactive partition usage above which it holds a previous version (ours; a fresh install uses a few hundred MB). */
const INACTIVE_VERSION_MB = 5000;

/**
 * `show version active|inactive`: "Active Master Version: …" and the installed options. A fresh node's inactive
 * partition has no version and shows 0.0.0.0000-0000, as real fresh installs do.
 */
export function showVersionText(ctx: Pick<CommandContext, 'model' | 'node'>, which: 'active' | 'inactive'): string {
  const version = ctx.node.version;
  const inactive = ctx.node.metrics.partitions.find((p) => p.name === 'Inactive');
  const shown = which === 'active' ? version : inactive && inactive.usedMb > INACTIVE_VERSION_MB ? version : '0.0.0.0000-0000';
  const label = which === 'active' ? 'Active' : 'Inactive';
  return `${label} Master Version: ${shown}\n${label} Version Installed Software Options:\nNo Installed Software Options Found.\n`;
}

/** `show hardware` (brief): platform, processors, memory, OS and disk from the node's virtual hardware. */
export function showHardwareText(ctx: Pick<CommandContext, 'model' | 'node'>): string {
  const { node } = ctx;
  const m = node.metrics;
  const version = node.version;
  const diskGb = Math.round(m.partitions.reduce((s, p) => s + p.totalMb, 0) / 1024);
  const serial = `VMware-42 ${[...Buffer.from(node.name.padEnd(8, '0')).subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(' ')}`;
  return [
    'HW Platform       : VMware Virtual Machine',
    `Processors        : ${m.cpus}`,
    'Type              : Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz',
    'CPU Speed         : 2500',
    `Memory            : ${Math.round(m.memoryTotalKb / 1024)} MBytes`,
    'Object ID         : 1.3.6.1.4.1.9.1.1348',
    `OS Version        : UCOS ${unifiedOsVersion(version)}.x86_64`,
    `Serial Number     : ${serial}`,
    '',
    'RAID Version      :',
    'No RAID controller information is available',
    '',
    'BIOS Information  :',
    'PhoenixTechnologiesLTD 6.00 12/12/2018',
    '',
    'RAID Details      :',
    'No RAID information is available',
    '-----------------------------------------------------------------------',
    'Physical device information',
    '-----------------------------------------------------------------------',
    'Number of Disks   : 1',
    'Hard Disk #1',
    `Size (in GB)      : ${diskGb}`,
    '',
  ].join('\n');
}

/** `show version active|inactive` and `show hardware`. */
export const showVersionCommands: readonly CommandSpec[] = [
  {
    words: ['show', 'version', 'active'],
    syntax: 'show version active',
    run: (ctx) => ctx.output(showVersionText(ctx, 'active')),
  },
  {
    words: ['show', 'version', 'inactive'],
    syntax: 'show version inactive',
    run: (ctx) => ctx.output(showVersionText(ctx, 'inactive')),
  },
  {
    words: ['show', 'hardware'],
    syntax: 'show hardware',
    run: async (ctx, args) => {
      if (args.length > 0) return usage(ctx, 'show hardware');
      await ctx.output(showHardwareText(ctx));
    },
  },
];
