/**
 * When a node last booted, by its own clock, from `show status` (reference D.1: "Date : Thu Jul 21, 2016 16:07:16"
 * and "Uptime: … up 72 days, 21:01, …", procps uptime(1) forms "up N min", "up H:MM", "up D days, …"). It proves that
 * a node the app restarted has come back (guide L10598: the subsequent nodes only once the first runs again; L10602:
 * never an IM and Presence subscriber while the CUCM publisher is offline). The collector's reachability cannot: a
 * node just told to restart keeps reading 'up' until its next poll fails, and its SSH server may still answer for a
 * while as it shuts down. Both times are the node's own (its Date line, as a naive UTC number), so no clock skew.
 */
import { stripAnsi } from '../polling/ssh/parsers/cliText.js';

const MONTHS: Readonly<Record<string, number>> = { Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11 };

/** The node's clock and its last boot, both by the node's Date line; undefined when `show status` lacks either. */
export interface NodeBoot {
  readonly nowMs: number;
  readonly bootMs: number;
}

/** "Date : Thu Jul 21, 2016 16:07:16" → that wall time as a UTC number (the node's time zone left as it is). */
function statusDateMs(text: string): number | undefined {
  const m = /^\s*Date\s*:\s*[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2}),\s*(\d{4})\s+(\d{1,2}):(\d\d):(\d\d)\s*$/m.exec(text);
  const month = m ? MONTHS[m[1]!] : undefined;
  if (!m || month === undefined) return undefined;
  return Date.UTC(Number(m[3]), month, Number(m[2]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** "… up 72 days, 21:01, 1 user …" / "up 10 min," / "up 3 days, 4 min," → seconds (minute resolution). */
function uptimeSec(text: string): number | undefined {
  const m = /\bup\s+(?:(\d+)\s+days?,\s*)?(?:(\d+):(\d\d)|(\d+)\s+min)\b/.exec(text);
  if (!m) return undefined;
  const days = Number(m[1] ?? 0);
  const minutes = m[4] !== undefined ? Number(m[4]) : Number(m[2]) * 60 + Number(m[3]);
  return days * 86_400 + minutes * 60;
}

/** Reads `show status`. */
export function parseNodeBoot(output: string): NodeBoot | undefined {
  const text = stripAnsi(output).replace(/\r/g, '');
  const nowMs = statusDateMs(text);
  const up = uptimeSec(text);
  if (nowMs === undefined || up === undefined) return undefined;
  return { nowMs, bootMs: nowMs - up * 1000 };
}

/**
 * Whether the node booted after `restartAskedMs` (its Date when the restart was asked). Uptime has minute resolution
 * (the boot it implies is at most a minute late): a node that did not restart still shows its earlier boot.
 */
export function bootedSince(boot: NodeBoot, restartAskedMs: number): boolean {
  return boot.bootMs > restartAskedMs;
}

/** Asks a node `show status` through `run`; undefined when it cannot be asked or its answer lacks Date or Uptime. */
export async function readNodeBoot(run: (command: string) => Promise<{ ok: true; output: string } | { ok: false; error: unknown }>): Promise<NodeBoot | undefined> {
  const r = await run('show status');
  return r.ok ? parseNodeBoot(r.output) : undefined;
}
