import { outputLines } from './cliText.js';

/** One service of `utils service list` (reference D.2). */
export interface CliServiceStatus {
  readonly name: string;
  readonly status: 'Started' | 'Stopped' | 'Starting' | 'Stopping' | 'Unknown';
  /** False for "[STOPPED]  Service Not Activated" and "[NOT ACTIVATED]". */
  readonly activated: boolean;
}

const TAG = /\[(STARTED|STOPPED|STARTING|STOPPING|NOT ACTIVATED)\]/;
const STATUS = { STARTED: 'Started', STOPPED: 'Stopped', STARTING: 'Starting', STOPPING: 'Stopping' } as const;

/** Parses `utils service list`; lines without a `[STATE]` tag (banners, "Primary Node =true") are skipped. */
export function parseServiceList(text: string): CliServiceStatus[] {
  const out: CliServiceStatus[] = [];
  for (const line of outputLines(text)) {
    // The tag is found first and the name is what precedes it: a lazy `(.+?)\s*\[` before the tag backtracks
    // quadratically on a long run of blanks without one.
    const m = TAG.exec(line);
    const name = m ? line.slice(0, m.index).trim() : '';
    if (!m || name === '') continue;
    const tag = m[1]!;
    const notActivated = tag === 'NOT ACTIVATED' || /Not Activated/i.test(line.slice(m.index + m[0].length));
    out.push({ name, status: tag === 'NOT ACTIVATED' ? 'Stopped' : STATUS[tag as keyof typeof STATUS], activated: !notActivated });
  }
  return out;
}
