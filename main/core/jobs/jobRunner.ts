import type { JobStatus, JobStep, JobText } from '../../../shared/model/views.js';
import { Emitter } from '../base/emitter.js';
import type { Disposable } from '../base/disposable.js';
import { toErrorPayload } from '../base/errors.js';

/** What a job reports while it runs. */
export interface JobProgress {
  /** A known fraction (0..1) of the work, or undefined when it cannot be known; and the English message. */
  progress(fraction: number | undefined, message?: string, messageText?: JobText): void;
  /**
   * Records an observed step. A step with the same key and subject as an active one replaces it in place (e.g.
   * `stopping` active, then `stopping` done).
   */
  step(step: Omit<JobStep, 'atMs'>): void;
  /** Sets HA details (heading-to states, users moved). */
  ha(details: JobStatus['ha']): void;
  /** Aborted when the runner is disposed: a job that waits in a loop stops there (throwIfAborted). */
  readonly signal: AbortSignal;
}

/** How a job ended: the final message, the guide's note and, when what it promised does not hold, the problems. */
export interface JobResult {
  readonly message: string;
  readonly messageText?: JobText;
  readonly note?: string;
  readonly noteText?: JobText;
  /** Non-empty: the job ends as `completedWithProblems` naming these. */
  readonly problems?: readonly string[];
}

/** A job's work: resolves with its result, or throws to fail. */
export type JobWork = (p: JobProgress) => Promise<JobResult>;

/** The job's kind and its title (English and translatable). */
export interface JobSpec {
  readonly kind: string;
  readonly title: string;
  readonly titleText?: JobText;
}

const KEEP_FINISHED = 50;

/**
 * Runs long work (service control, HA commands, trace collection) as jobs with observed steps, keeps the last
 * ones for the Job Status view and announces every change.
 */
export class JobRunner implements Disposable {
  readonly #jobs = new Map<string, JobStatus>();
  readonly #onDidChange = new Emitter<JobStatus>();
  readonly onDidChange = this.#onDidChange.event;
  readonly #stop = new AbortController();
  #seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts a job and returns its first status at once. */
  start(spec: JobSpec, work: JobWork): JobStatus {
    const id = `job-${++this.#seq}`;
    let status: JobStatus = { id, kind: spec.kind, title: spec.title, titleText: spec.titleText, state: 'running', progress: undefined, startedAtMs: this.now(), steps: [] };
    const set = (s: JobStatus): void => {
      status = s;
      this.#jobs.set(id, s);
      this.#trim();
      this.#onDidChange.fire(s);
    };
    const running = (): boolean => status.state === 'running';
    set(status);
    void work({
      progress: (fraction, message, messageText) => {
        if (!running()) return;
        set({ ...status, progress: fraction === undefined ? undefined : Math.max(0, Math.min(1, fraction)), message: message ?? status.message, messageText: message !== undefined ? messageText : status.messageText });
      },
      step: (step) => {
        if (!running()) return;
        const steps = [...(status.steps ?? [])];
        const entry: JobStep = { ...step, atMs: this.now() };
        // The step's active form, wherever it is, becomes this one (its place in the list is kept).
        let open = steps.length - 1;
        while (open >= 0 && !(steps[open]!.state === 'active' && steps[open]!.key === step.key && steps[open]!.subject === step.subject)) open--;
        // It keeps the time it began, so the list reads in order.
        if (open >= 0) steps[open] = { ...entry, atMs: steps[open]!.atMs };
        else steps.push(entry);
        set({ ...status, steps });
      },
      ha: (details) => {
        if (running()) set({ ...status, ha: details });
      },
      signal: this.#stop.signal,
    }).then(
      (r) => {
        const problems = r.problems && r.problems.length > 0 ? [...r.problems] : undefined;
        set({
          ...status,
          state: problems ? 'completedWithProblems' : 'succeeded',
          progress: problems ? status.progress : 1,
          message: r.message,
          messageText: r.messageText,
          note: r.note,
          noteText: r.noteText,
          problems,
          endedAtMs: this.now(),
        });
      },
      (err: unknown) => {
        const e = toErrorPayload(err);
        // Steps still active when the work failed did not finish.
        const steps = (status.steps ?? []).map((s) => (s.state === 'active' ? { ...s, state: 'failed' as const } : s));
        set({ ...status, state: 'failed', steps, message: e.message, messageText: { key: 'failed', params: { code: e.code, message: e.message } }, endedAtMs: this.now() });
      },
    );
    return status;
  }

  list(): JobStatus[] {
    return [...this.#jobs.values()].sort((a, b) => b.startedAtMs - a.startedAtMs);
  }

  /** Stops every running job at its next wait (their loops end instead of polling for the life of the process). */
  dispose(): void {
    this.#stop.abort(new Error('The job runner stopped'));
    this.#onDidChange.dispose();
  }

  #trim(): void {
    const finished = [...this.#jobs.values()].filter((j) => j.state !== 'running' && j.state !== 'queued').sort((a, b) => a.startedAtMs - b.startedAtMs);
    while (finished.length > KEEP_FINISHED) this.#jobs.delete(finished.shift()!.id);
  }
}
