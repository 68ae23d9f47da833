import type { Disposable } from '../../../base/disposable.js';
import { AppError } from '../../../base/errors.js';

/**
 * How a scenario degrades a network endpoint at run time: every response late by `delayMs`, or the endpoint
 * accepts TCP connections but never answers. `undefined` means healthy.
 */
export type EndpointDegradation = { readonly delayMs: number } | { readonly unresponsive: true };

/**
 * Holds back responses according to the current {@link EndpointDegradation}. Delays are transport latency,
 * so they run on the wall clock (not the model's virtual time). Responses withheld while unresponsive are
 * released, in order, when the endpoint recovers. Disposing drops everything still pending.
 */
export class ResponseGate implements Disposable {
  #degradation: EndpointDegradation | undefined;
  #timers = new Set<NodeJS.Timeout>();
  #parked: Array<() => void> = [];
  #disposed = false;

  /** The current degradation (undefined when healthy). */
  get degradation(): EndpointDegradation | undefined {
    return this.#degradation;
  }

  /** Whether the endpoint currently answers nothing. */
  get unresponsive(): boolean {
    return this.#degradation !== undefined && 'unresponsive' in this.#degradation;
  }

  /** Changes the degradation; a bad `delayMs` (not finite or < 0) is AppError VALIDATION. Recovering releases parked responses. */
  set(degradation: EndpointDegradation | undefined): void {
    if (degradation !== undefined && 'delayMs' in degradation) {
      if (!Number.isFinite(degradation.delayMs) || degradation.delayMs < 0) {
        throw new AppError('VALIDATION', `delayMs must be a finite number ≥ 0, got ${degradation.delayMs}`);
      }
    }
    this.#degradation = degradation;
    if (!this.unresponsive) {
      const parked = this.#parked;
      this.#parked = [];
      for (const fn of parked) this.run(fn);
    }
  }

  /** Runs `respond` now, later, or when the endpoint recovers, according to the current degradation. */
  run(respond: () => void): void {
    if (this.#disposed) return;
    const d = this.#degradation;
    if (d === undefined) {
      respond();
    } else if ('unresponsive' in d) {
      this.#parked.push(respond);
    } else if (d.delayMs === 0) {
      respond();
    } else {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        if (!this.#disposed) respond();
      }, d.delayMs);
      this.#timers.add(timer);
    }
  }

  /** Number of responses waiting (timers plus parked); tests use it to prove nothing leaked. */
  get pendingCount(): number {
    return this.#timers.size + this.#parked.length;
  }

  dispose(): void {
    this.#disposed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#parked = [];
  }
}
