import type { Disposable } from '../../../base/disposable.js';
import type { DrsCluster } from './drsFeatures.js';
import { DRS_MESSAGES } from './drsMessages.js';

/** The publisher takes five minutes to become cluster aware (guide L10490). */
export const CLUSTER_AWARE_MS = 5 * 60_000;

/** Where the one-step restore's preparation stands. */
export type OneStepState = 'idle' | 'preparing' | 'ready' | 'failed';

/**
 * The One-Step Restore preparation after a publisher rebuild (guide L10467-10509): the publisher becomes
 * cluster aware in five minutes, during which no backup or restore may start; it succeeds when every
 * subscriber is running and reachable, otherwise the admin must do the normal two-step restore.
 */
export class OneStepRestore implements Disposable {
  #state: OneStepState = 'idle';
  #message = '';
  #readyAtMs: number | undefined;
  #timer: Disposable | undefined;

  constructor(
    private readonly cluster: DrsCluster,
    private readonly publisher: string,
  ) {}

  /** Starts (or restarts) the five-minute step; returns the wait message (L10490). */
  prepare(): string {
    this.#timer?.dispose();
    this.#state = 'preparing';
    this.#message = DRS_MESSAGES.oneStepWait;
    this.#readyAtMs = this.cluster.scheduler.now() + CLUSTER_AWARE_MS;
    this.#trace(this.#message);
    this.#timer = this.cluster.scheduler.setTimeout(CLUSTER_AWARE_MS, () => {
      const down = [...this.cluster.nodes.values()].filter((n) => n.power !== 'on' || n.isolated);
      this.#state = down.length === 0 ? 'ready' : 'failed';
      this.#message = down.length === 0 ? DRS_MESSAGES.oneStepReady : DRS_MESSAGES.oneStepFailed;
      this.#trace(`${this.#message}${down.length ? ` (unreachable: ${down.map((n) => n.name).join(', ')})` : ''}`);
    });
    return this.#message;
  }

  /** State, message, and (while preparing) when the five minutes end. */
  current(): { state: OneStepState; message: string; readyAtMs?: number } {
    return { state: this.#state, message: this.#message, ...(this.#state === 'preparing' && this.#readyAtMs !== undefined ? { readyAtMs: this.#readyAtMs } : {}) };
  }

  dispose(): void {
    this.#timer?.dispose();
  }

  #trace(text: string): void {
    this.cluster.nodes.get(this.publisher)?.logs.appendTrace('drf_master', this.cluster.scheduler.now(), 'INFO', `One-step restore: ${text}`);
  }
}
