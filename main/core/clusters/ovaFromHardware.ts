/**
 * An IM&P node's OVA read from the node (issue 15): `show hardware` prints the VM's processors and memory, and each
 * OVA of the guide's virtualization table has its own pair — 500/1000 users 1 vCPU 2 GB, 2000 users 1 vCPU 4 GB,
 * 5000 users 2 vCPU 4 GB, 15000 users 4 vCPU 8 GB, 25000 users 6 vCPU 16 GB (guide L784-795, L12235-12426). 500 and
 * 1000 differ only in the CPU reservation (700 vs 1500 MHz), which the VM does not show: not told apart (undefined:
 * then the OVA is set with the cluster). A VM resized away from its template matches no row: undefined as well.
 */

/** Processors and memory as `show hardware` prints them ("Processors        : 4", "Memory            : 8192 MBytes"). */
export function parseShowHardware(text: string): { cpus: number; memoryMb: number } | undefined {
  const cpus = /^\s*Processors\s*:\s*(\d+)/m.exec(text);
  const mem = /^\s*Memory\s*:\s*(\d+)\s*MBytes/im.exec(text);
  if (!cpus || !mem) return undefined;
  return { cpus: Number(cpus[1]), memoryMb: Number(mem[1]) };
}

const TABLE: readonly { cpus: number; memoryGb: number; users: number }[] = [
  { cpus: 6, memoryGb: 16, users: 25000 },
  { cpus: 4, memoryGb: 8, users: 15000 },
  { cpus: 2, memoryGb: 4, users: 5000 },
  { cpus: 1, memoryGb: 4, users: 2000 },
];

/** The OVA's users for a VM's processors and memory, or undefined when no single row of the table matches. */
export function ovaUsersFromHardware(hw: { cpus: number; memoryMb: number }): number | undefined {
  // The OS may report a little less than the VM's configured memory: round to whole GB.
  const gb = Math.round(hw.memoryMb / 1024);
  return TABLE.find((r) => r.cpus === hw.cpus && r.memoryGb === gb)?.users;
}

/** `show hardware` output → the OVA's users, or undefined. */
export function ovaUsersFromShowHardware(text: string): number | undefined {
  const hw = parseShowHardware(text);
  return hw ? ovaUsersFromHardware(hw) : undefined;
}
