import { outputLines } from './cliText.js';

/** One service of `utils service list` (reference D.2). */
export interface CliServiceStatus {
  readonly name: string;
  readonly status: 'Started' | 'Stopped' | 'Starting' | 'Stopping' | 'Unknown';
  /** False for "[STOPPED]  Service Not Activated" and "[NOT ACTIVATED]". */
  readonly activated: boolean;
}

const STATUS = { STARTED: 'Started', STOPPED: 'Stopped', STARTING: 'Starting', STOPPING: 'Stopping' } as const;

/** Parses `utils service list`; lines without a `[STATE]` tag (banners, "Primary Node =true") are skipped. */
export function parseServiceList(text: string): CliServiceStatus[] {
  const out: CliServiceStatus[] = [];
  for (const line of outputLines(text)) {
    const m = /^\s*(.+?)\s*\[(STARTED|STOPPED|STARTING|STOPPING|NOT ACTIVATED)\]\s*(.*)$/.exec(line);
    if (!m) continue;
    const tag = m[2]!;
    const notActivated = tag === 'NOT ACTIVATED' || /Not Activated/i.test(m[3]!);
    out.push({ name: m[1]!, status: tag === 'NOT ACTIVATED' ? 'Stopped' : STATUS[tag as keyof typeof STATUS], activated: !notActivated });
  }
  return out;
}
