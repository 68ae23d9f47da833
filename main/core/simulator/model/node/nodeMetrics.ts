import type { SeededRandom } from '../../random/seededRandom.js';
import type { OvaSize } from '../../profile/profileSchema.js';

/** Virtual hardware per OVA (guide L12177-12468: 5K = 2 vCPU 4 GB, 15K = 4 vCPU 8 GB, 25K = 6 vCPU 16 GB). */
export function hardwareFor(ova: OvaSize): { cpus: number; memoryKb: number } {
  switch (ova) {
    case 25000:
      return { cpus: 6, memoryKb: 16 * 1024 * 1024 };
    case 15000:
      return { cpus: 4, memoryKb: 8 * 1024 * 1024 };
    case 5000:
      return { cpus: 2, memoryKb: 4 * 1024 * 1024 };
    case 2000:
      return { cpus: 1, memoryKb: 4 * 1024 * 1024 };
    default:
      return { cpus: 1, memoryKb: 2 * 1024 * 1024 };
  }
}

/** A disk partition as Cisco's Partition perfmon object and hrStorageTable report it. */
export interface PartitionState {
  readonly name: 'Active' | 'Inactive' | 'Common' | 'Boot' | 'Swap' | 'SharedMemory';
  readonly mount: string;
  readonly totalMb: number;
  usedMb: number;
}

/**
 * The moving parts of a node's load: CPU per core, memory, swap and partitions, as bounded random walks
 * pulled towards targets the model sets from sessions and services. Advanced once per model tick.
 */
export class NodeMetrics {
  readonly cpus: number;
  readonly memoryTotalKb: number;
  readonly swapTotalKb = 8 * 1024 * 1024;
  /** Per-core busy percentage. */
  readonly cpuBusy: number[];
  iowaitPct = 0.3;
  memoryUsedKb: number;
  cachedKb: number;
  buffersKb: number;
  swapUsedKb: number;
  readonly partitions: PartitionState[];
  /** Target busy % the walk is pulled towards (set by the model from load). */
  cpuTarget = 8;
  /** Target used memory (services' resident memory plus sessions). */
  memoryTargetKb: number;

  constructor(
    ova: OvaSize,
    private readonly rng: SeededRandom,
  ) {
    const hw = hardwareFor(ova);
    this.cpus = hw.cpus;
    this.memoryTotalKb = hw.memoryKb;
    this.cpuBusy = Array.from({ length: hw.cpus }, () => rng.range(4, 12));
    this.memoryUsedKb = Math.round(hw.memoryKb * 0.55);
    this.memoryTargetKb = this.memoryUsedKb;
    this.cachedKb = Math.round(hw.memoryKb * 0.2);
    this.buffersKb = Math.round(hw.memoryKb * 0.03);
    this.swapUsedKb = rng.int(50_000, 300_000);
    this.partitions = [
      { name: 'Active', mount: '/', totalMb: 22_000, usedMb: rng.int(11_000, 13_500) },
      { name: 'Inactive', mount: '/partB', totalMb: 22_000, usedMb: rng.int(150, 400) },
      { name: 'Common', mount: '/common', totalMb: 75_000, usedMb: rng.int(20_000, 30_000) },
      { name: 'Boot', mount: '/grub', totalMb: 100, usedMb: rng.int(20, 35) },
      { name: 'Swap', mount: 'swap', totalMb: 8192, usedMb: Math.round(this.swapUsedKb / 1024) },
      { name: 'SharedMemory', mount: '/dev/shm', totalMb: Math.round(hw.memoryKb / 2048), usedMb: rng.int(100, 600) },
    ];
  }

  /** Overall busy percentage (mean over cores). */
  get cpuTotal(): number {
    return this.cpuBusy.reduce((s, v) => s + v, 0) / this.cpus;
  }

  /** Advances the walks by `dtSec` seconds of virtual time. */
  step(dtSec: number): void {
    const pull = Math.min(1, dtSec / 20);
    for (let i = 0; i < this.cpus; i++) {
      const v = this.cpuBusy[i]!;
      const next = v + (this.cpuTarget - v) * pull + this.rng.range(-2, 2) * Math.sqrt(Math.min(dtSec, 10));
      this.cpuBusy[i] = clamp(next, 0.5, 100);
    }
    this.iowaitPct = clamp(this.iowaitPct + this.rng.range(-0.1, 0.1), 0, 5);
    const memNoise = this.rng.range(-0.002, 0.002) * this.memoryTotalKb;
    this.memoryUsedKb = Math.round(clamp(this.memoryUsedKb + (this.memoryTargetKb - this.memoryUsedKb) * pull + memNoise, this.memoryTotalKb * 0.1, this.memoryTotalKb * 0.99));
    this.cachedKb = Math.round(clamp(this.cachedKb + this.rng.range(-1000, 1000), 100_000, this.memoryTotalKb - this.memoryUsedKb));
    this.swapUsedKb = Math.round(clamp(this.swapUsedKb + this.rng.range(-500, 520), 0, this.swapTotalKb));
    const swap = this.partitions.find((p) => p.name === 'Swap');
    if (swap) swap.usedMb = Math.round(this.swapUsedKb / 1024);
    const common = this.partitions.find((p) => p.name === 'Common');
    // Logs grow the common (logging) partition slowly; Log Partition Monitoring purges at the high water mark.
    if (common) common.usedMb = common.usedMb + dtSec * 0.01 > common.totalMb * 0.8 ? Math.round(common.totalMb * 0.6) : common.usedMb + dtSec * 0.01;
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
