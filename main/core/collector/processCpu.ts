/**
 * Per-process CPU from HOST-RESOURCES-MIB (RFC 2790): hrSWRunPerfCPU is "the number of centi-seconds of the total
 * system's CPU resources consumed by this process" — a counter of CPU time, not a percentage. A percentage is its
 * increase over the time between two polls. The time base is the agent's own hrSystemUptime (TimeTicks, also
 * centi-seconds) where both polls have it: the counter and the uptime come from the same clock, so a node whose
 * clock runs at another pace than ours (a sped-up simulated cluster) or a poll that took long still gives the right
 * rate; otherwise our wall clock between the polls.
 */

/** One poll's CPU counters. */
export interface ProcessCpuSnapshot {
  /** When the poll was taken (our clock, ms). */
  readonly atMs: number;
  /** hrSystemUptime at the poll, centi-seconds, when the agent answered it. */
  readonly uptimeCs?: number | undefined;
  /** hrSWRunPerfCPU by pid (hrSWRunIndex), centi-seconds. */
  readonly cpuCs: ReadonlyMap<number, number>;
}

/**
 * % of ONE core each process used between two polls (100 = one core busy the whole interval; a process on two
 * cores can show up to 200). A pid missing from the previous poll (a new process), a counter that went down (the
 * pid was reused, or the agent restarted) or a rate above every core busy (`cores` × 100 %, which no process can
 * reach: a discontinuity such as a reused pid) gives no value for that pid rather than a wrong one.
 */
export function processCpuPercent(prev: ProcessCpuSnapshot | undefined, next: ProcessCpuSnapshot, cores: number): Map<number, number> {
  const out = new Map<number, number>();
  if (!prev) return out;
  const uptimeElapsed = prev.uptimeCs !== undefined && next.uptimeCs !== undefined ? next.uptimeCs - prev.uptimeCs : undefined;
  // A smaller uptime means the node rebooted (or the 32-bit TimeTicks wrapped after 497 days): use our clock.
  const elapsedCs = uptimeElapsed !== undefined && uptimeElapsed > 0 ? uptimeElapsed : (next.atMs - prev.atMs) / 10;
  if (!(elapsedCs > 0)) return out;
  const ceiling = 100 * Math.max(1, cores);
  for (const [pid, cs] of next.cpuCs) {
    const before = prev.cpuCs.get(pid);
    if (before === undefined || !Number.isFinite(cs) || cs < before) continue;
    const percent = ((cs - before) / elapsedCs) * 100;
    // A little above the ceiling is rounding of two integer counters read a few ms apart.
    if (percent <= ceiling * 1.05) out.set(pid, Math.min(percent, ceiling));
  }
  return out;
}
