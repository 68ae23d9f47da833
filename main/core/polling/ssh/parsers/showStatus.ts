import { outputLines } from './cliText.js';

/** A disk partition of `show status`, KBytes. */
export interface ShowStatusDisk {
  readonly name: string;
  readonly totalKb: number;
  readonly freeKb: number;
  readonly usedKb: number;
  readonly usedPercent: number;
}

/** `show status` (reference D.1). */
export interface ShowStatus {
  readonly hostName: string;
  readonly productVersion: string;
  readonly osVersion: string;
  readonly cpuIdlePercent?: number;
  readonly memoryTotalKb?: number;
  readonly memoryUsedKb?: number;
  readonly memoryFreeKb?: number;
  readonly loadAverage1m?: number;
  readonly disks: ShowStatusDisk[];
}

/** Parses `show status` (field names and spacing of TAC-200581; also its one-line flattened form). */
export function parseShowStatus(text: string): ShowStatus {
  const t = outputLines(text).join('\n');
  const field = (name: string): string => new RegExp(`${name}\\s*:\\s*(.+?)(?:\\s{2,}[A-Z]|\\n|$)`).exec(t)?.[1]?.trim() ?? '';
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(t);
    return m ? Number(m[1]) : undefined;
  };
  const disks: ShowStatusDisk[] = [];
  for (const m of t.matchAll(/(Disk\/\S+)\s+(\d+)K\s+(\d+)K\s+(\d+)K\s+\((\d+)%\)/g)) {
    disks.push({ name: m[1]!, totalKb: Number(m[2]), freeKb: Number(m[3]), usedKb: Number(m[4]), usedPercent: Number(m[5]) });
  }
  const opt = (key: string, v: number | undefined): Record<string, number> => (v === undefined ? {} : { [key]: v });
  return {
    hostName: field('Host Name'),
    productVersion: field('Product Ver'),
    osVersion: field('Unified OS Version'),
    ...opt('cpuIdlePercent', num(/CPU Idle:\s*([\d.]+)%/)),
    ...opt('memoryTotalKb', num(/Memory Total:\s*(\d+)K/)),
    ...opt('memoryFreeKb', num(/Free:\s*(\d+)K/)),
    ...opt('memoryUsedKb', num(/Used:\s*(\d+)K/)),
    ...opt('loadAverage1m', num(/load average:\s*([\d.]+)/)),
    disks,
  };
}
