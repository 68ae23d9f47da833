import type { Disposable } from '../../../base/disposable.js';

/**
 * One node's SOAP work, run one job per event-loop turn (setImmediate) in arrival order. Parsing a request,
 * answering it and writing the reply are synchronous; queuing them this way caps a node at one request in
 * progress and lets every other node's sockets (SNMP, SSH, SOAP) be served between two requests, however many
 * arrive at once. At most `maxQueued` jobs wait; enqueue() refuses more, and the caller answers busy.
 */
export class SoapWorkQueue implements Disposable {
  readonly #jobs: Array<() => void> = [];
  readonly #maxQueued: number;
  readonly #onError: (err: unknown) => void;
  #scheduled: NodeJS.Immediate | undefined;
  #disposed = false;

  /** `onError` receives what a job threw: one failing job never takes the process or the queue down. */
  constructor(maxQueued: number, onError: (err: unknown) => void = (err) => console.error('[soapWorkQueue]', err)) {
    this.#maxQueued = maxQueued;
    this.#onError = onError;
  }

  /** Jobs waiting (not counting one running now). */
  get size(): number {
    return this.#jobs.length;
  }

  /** Queues `job`; false (and the job is dropped) when the queue is full or disposed. */
  enqueue(job: () => void): boolean {
    if (this.#disposed || this.#jobs.length >= this.#maxQueued) return false;
    this.#jobs.push(job);
    this.#schedule();
    return true;
  }

  #schedule(): void {
    if (this.#scheduled !== undefined || this.#jobs.length === 0 || this.#disposed) return;
    this.#scheduled = setImmediate(() => {
      this.#scheduled = undefined;
      const job = this.#jobs.shift();
      try {
        job?.();
      } catch (err) {
        this.#onError(err);
      }
      this.#schedule();
    });
  }

  /** Drops waiting jobs; nothing runs afterwards. */
  dispose(): void {
    this.#disposed = true;
    this.#jobs.length = 0;
    if (this.#scheduled !== undefined) clearImmediate(this.#scheduled);
    this.#scheduled = undefined;
  }
}
