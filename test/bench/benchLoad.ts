/**
 * What every bench prints beside its figures: when it ran, the machine's load average (from /proc/loadavg, read
 * at the start and at the end of a run) and the cores, so a figure is read against the load it was taken under.
 */
import { cpus, loadavg } from 'node:os';

/** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
export function loadAverage(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** One line for the start of a run: time (UTC), load average, cores, Node version. */
export function benchStartLine(name: string): string {
  return `${name}: start ${new Date().toISOString()}, load average ${loadAverage()}, ${cpus().length} cores, node ${process.version}`;
}

/** One line for the end of a run: time (UTC) and load average. */
export function benchEndLine(name: string): string {
  return `${name}: end ${new Date().toISOString()}, load average ${loadAverage()}`;
}
