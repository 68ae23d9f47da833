import type { JobStatus } from '../../../shared/model/views.js';
import { Emitter } from '../base/emitter.js';
import type { Disposable } from '../base/disposable.js';
import { toErrorPayload } from '../base/errors.js';

/** What a job reports while it runs. */
export interface JobProgress {
  progress(fraction: number, message?: string): void;
}

/** A job's work: resolves with a final message (and optional guide note), or throws to fail. */
export type JobWork = (p: JobProgress) => Promise<{ message: string; note?: string }>;

const KEEP_FINISHED = 50;

/**
 * Runs long work (service control, HA commands, trace collection) as jobs with progress, keeps the last ones
 * for the Job Status view and announces every change.
 */
export class JobRunner implements Disposable {
  readonly #jobs = new Map<string, JobStatus>();
  readonly #onDidChange = new Emitter<JobStatus>();
  readonly onDidChange = this.#onDidChange.event;
  #seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a job and returns its first status at once. */
  start(kind: string, title: string, work: JobWork): JobStatus {
    const id = `job-${++this.#seq}`;
    let status: JobStatus = { id, kind, title, state: 'running', progress: 0, startedAtMs: this.now() };
    const set = (s: JobStatus): void => {
      status = s;
      this.#jobs.set(id, s);
      this.#trim();
      this.#onDidChange.fire(s);
    };
    set(status);
    void work({
      progress: (fraction, message) => set({ ...status, progress: Math.max(0, Math.min(1, fraction)), message: message ?? status.message }),
    }).then(
      (r) => set({ ...status, state: 'succeeded', progress: 1, message: r.message, note: r.note, endedAtMs: this.now() }),
      (err: unknown) => set({ ...status, state: 'failed', message: toErrorPayload(err).message, endedAtMs: this.now() }),
    );
    return status;
  }

  list(): JobStatus[] {
    return [...this.#jobs.values()].sort((a, b) => b.startedAtMs - a.startedAtMs);
  }

  dispose(): void {
    this.#onDidChange.dispose();
  }

  #trim(): void {
    const finished = [...this.#jobs.values()].filter((j) => j.state !== 'running' && j.state !== 'queued').sort((a, b) => a.startedAtMs - b.startedAtMs);
    while (finished.length > KEEP_FINISHED) this.#jobs.delete(finished.shift()!.id);
  }
}
