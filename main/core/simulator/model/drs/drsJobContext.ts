import type { Disposable } from '../../../base/disposable.js';
import { dashSecondStamp } from '../../adminCli/cliTime.js';
import type { DrsCluster } from './drsFeatures.js';
import type { BackupTransport } from './drsSftpClient.js';

/** What backup and restore jobs need from the DRS system. */
export interface DrsJobContext {
  readonly cluster: DrsCluster;
  readonly transport: BackupTransport;
  /** The node whose Master Agent works: the CUCM publisher (guide L10321-10323). */
  readonly masterNode: string;
  /** The cluster security password in effect now (`set password user security` changes it; guide L10042). */
  securityPassword(): string;
  /** Writes a line to a node's DRS trace (drfMA0* / drfLA0*, guide L10650-10662). */
  trace(node: string, set: 'drf_master' | 'drf_local', level: 'INFO' | 'ERROR' | 'DEBUG', text: string): void;
}

/** Why a job stopped early. */
export type AbortReason = 'timeout' | 'disposed';

/** Thrown out of a guarded await when the job was aborted. */
export class JobAborted extends Error {
  constructor(readonly reason: AbortReason) {
    super(`job aborted: ${reason}`);
  }
}

/** An abort switch for one job: awaits guarded by it reject at once when it trips. */
export class JobAbort {
  #reason: AbortReason | undefined;
  readonly #waiters = new Set<(r: AbortReason) => void>();

  get reason(): AbortReason | undefined {
    return this.#reason;
  }

  abort(reason: AbortReason): void {
    if (this.#reason) return;
    this.#reason = reason;
    for (const w of this.#waiters) w(reason);
    this.#waiters.clear();
  }

  /** Resolves `p`, or rejects with {@link JobAborted} as soon as the job is aborted. */
  guard<T>(p: Promise<T>): Promise<T> {
    if (this.#reason) return Promise.reject(new JobAborted(this.#reason));
    return new Promise<T>((resolve, reject) => {
      const onAbort = (r: AbortReason): void => reject(new JobAborted(r));
      this.#waiters.add(onAbort);
      p.then(
        (v) => {
          this.#waiters.delete(onAbort);
          resolve(v);
        },
        (e: unknown) => {
          this.#waiters.delete(onAbort);
          reject(e instanceof Error ? e : new Error(String(e)));
        },
      );
    });
  }

  /** Waits `ms` of virtual time on the cluster's scheduler (guarded). */
  sleep(cluster: DrsCluster, ms: number): Promise<void> {
    let timer: Disposable | undefined;
    this.#sleeping++;
    const p = new Promise<void>((resolve) => {
      timer = cluster.scheduler.setTimeout(ms, () => {
        this.#sleeping = Math.max(0, this.#sleeping - 1);
        resolve();
      });
    });
    return this.guard(p).finally(() => {
      if (timer) timer.dispose();
    });
  }

  /** Whether the job waits on virtual time now (not on real I/O): tests advance the clock only then. */
  get pacing(): boolean {
    return this.#sleeping > 0 && this.#reason === undefined;
  }

  #sleeping = 0;
}

/** Backup name from virtual time, like real DRS: "2026-11-25-10-00-00" (UTC; adminCli/cliTime.ts). */
export const backupName = dashSecondStamp;

/** Virtual seconds a component takes: a fixed part plus its size at 256 KB/s (ours). */
export function componentDurationMs(bytes: number): number {
  return 15_000 + Math.round((bytes / (256 * 1024)) * 1000);
}
