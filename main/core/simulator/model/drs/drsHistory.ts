import type { DrsOperation } from './drsJobStatus.js';

/** The History windows show only the last 20 jobs (guide L10243, L10646). */
export const HISTORY_LIMIT = 20;

/** One History row: file name, device, completion date, result, version, features done and failed (L10241). */
export interface DrsHistoryEntry {
  readonly operation: DrsOperation;
  readonly tarFilename: string;
  readonly device: string;
  readonly completedMs: number;
  readonly result: 'SUCCESS' | 'ERROR' | 'CANCELLED' | 'TIMEOUT';
  readonly version: string;
  readonly kind: 'MANUAL' | 'SCHEDULED';
  readonly featuresDone: readonly string[];
  readonly featuresFailed: readonly string[];
  /** Bytes per feature that reached the device (for estimate_tar_size). */
  readonly bytesByFeature: Readonly<Record<string, number>>;
}

/** The last {@link HISTORY_LIMIT} jobs of one operation, kept in memory. */
export class DrsHistory {
  readonly #entries: DrsHistoryEntry[] = [];

  add(entry: DrsHistoryEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > HISTORY_LIMIT) this.#entries.splice(0, this.#entries.length - HISTORY_LIMIT);
  }

  /** Oldest first, as the CLI prints them. */
  list(): DrsHistoryEntry[] {
    return [...this.#entries];
  }

  /**
   * Estimated tar size for `features` from the last successful backup that covered each of them (guide
   * L10103-10107); undefined when none of them has a backup history.
   */
  estimate(features: readonly string[]): number | undefined {
    let total = 0;
    let found = false;
    for (const f of features) {
      const last = [...this.#entries].reverse().find((e) => e.result === 'SUCCESS' && e.bytesByFeature[f] !== undefined);
      if (!last) continue;
      found = true;
      total += last.bytesByFeature[f]!;
    }
    return found ? total : undefined;
  }
}
