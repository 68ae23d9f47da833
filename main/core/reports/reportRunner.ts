/**
 * Runs reports (issue 14): a generator with its ReportContext over the clusters' accesses, as a Job Status job
 * (kind `report`), its progress announced as onDidChangeReport at most every 250 ms (the start and the end at
 * once), cancellable (AbortSignal; what it read is dropped), and kept on disk when it ends (reportRuns.ts; a
 * failed run is kept with why). One run per kind and clusters at a time: a second generate returns the running
 * one. Every access a run opens is disposed when it ends; disposing the runner stops every running report.
 */
import { randomBytes } from 'node:crypto';
import type { ErrorPayload } from '../../../shared/errors.js';
import type { Report, ReportData, ReportKind, ReportProblem, ReportRequest, ReportRunInfo } from '../../../shared/model/reports.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import type { AsyncDisposable } from '../base/disposable.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import type { ReportClusterAccess } from './reportAccess.js';
import { REPORT_OPTION_DEFAULTS, type ReportContext, type ReportGenerator } from './reportContext.js';
import { nodeRequestCounts } from './requestMeter.js';
import type { ReportRuns } from './reportRuns.js';

/** Progress events at most this often per run (≤ 4 a second). */
export const REPORT_PROGRESS_THROTTLE_MS = 250;
/** How long disposing waits for a cancelled run to stop before closing what it uses anyway. */
const DISPOSE_WAIT_MS = 5_000;

/** The accesses of one run (disposed when it ends). */
export interface OpenedAccesses {
  readonly accesses: readonly ReportClusterAccess[];
  dispose(): Promise<void>;
}

export interface ReportKindEntry {
  readonly generate: ReportGenerator<ReportData>;
  /** One line for lists (e.g. "4 nodes, 4,812 sessions"). */
  readonly summary: (data: ReportData) => string;
  /** The summary's figures by name, for the renderer to word in the UI language (ReportRunInfo.summaryValues). */
  readonly summaryValues?: (data: ReportData) => Readonly<Record<string, number>>;
  /** English title for Job Status. */
  readonly title: string;
}

export interface ReportRunnerOptions {
  readonly runs: ReportRuns;
  readonly jobs: Pick<JobRunner, 'start'>;
  /** The clusters a request names (default every monitored one); NOT_FOUND for an unknown one. */
  readonly resolveClusters: (requested: readonly string[] | undefined) => string[];
  readonly open: (clusters: readonly string[], signal: AbortSignal) => OpenedAccesses;
  readonly kinds: (kind: ReportKind) => ReportKindEntry;
  readonly onDidChange: (info: ReportRunInfo) => void;
  readonly now?: () => number;
  readonly throttleMs?: number;
}

interface Running {
  info: ReportRunInfo;
  readonly key: string;
  readonly problems: ReportProblem[];
  readonly controller: AbortController;
  accesses: readonly ReportClusterAccess[];
  lastEmitMs: number;
  timer: NodeJS.Timeout | undefined;
  done: Promise<void>;
}

export function newReportId(kind: ReportKind, nowMs: number): string {
  return `${kind}-${nowMs.toString(36)}-${randomBytes(4).toString('hex')}`;
}

export class ReportRunner implements AsyncDisposable {
  readonly #running = new Map<string, Running>();
  readonly #now: () => number;
  readonly #throttle: number;
  #disposed = false;

  constructor(private readonly o: ReportRunnerOptions) {
    this.#now = o.now ?? Date.now;
    this.#throttle = o.throttleMs ?? REPORT_PROGRESS_THROTTLE_MS;
  }

  /** Starts a report (or returns the same kind's running one for the same clusters). */
  generate(request: ReportRequest): ReportRunInfo {
    if (this.#disposed) throw new AppError('PRECONDITION', 'the reports are shutting down');
    const entry = this.o.kinds(request.kind);
    const clusters = [...new Set(this.o.resolveClusters(request.clusters))].sort();
    if (clusters.length === 0) throw new AppError('PRECONDITION', 'no cluster is monitored: add one first');
    const key = `${request.kind}|${clusters.join('\u0000')}`;
    for (const r of this.#running.values()) {
      if (r.key !== key) continue;
      // Generate (not Watch) while a watch run of the same is going: that run becomes an ordinary one, kept as such.
      if (r.info.watch && !request.watch) {
        const { watch: _watch, ...ordinary } = r.info;
        r.info = ordinary;
        this.#emit(r, true);
      }
      return r.info;
    }
    const startedAtMs = this.#now();
    const options = { ...REPORT_OPTION_DEFAULTS, ...(request.options ?? {}) };
    const run: Running = {
      info: { id: newReportId(request.kind, startedAtMs), kind: request.kind, clusters, options: request.options ?? {}, state: 'running', startedAtMs, progress: { done: 0, total: 0, step: 'starting' }, requests: [], ...(request.watch ? { watch: true } : {}) },
      key,
      problems: [],
      controller: new AbortController(),
      accesses: [],
      lastEmitMs: 0,
      timer: undefined,
      done: Promise.resolve(),
    };
    const opened = this.o.open(clusters, run.controller.signal);
    this.#running.set(run.info.id, run);
    run.accesses = opened.accesses;
    const ctx: ReportContext = {
      clusters: opened.accesses,
      options,
      nowMs: startedAtMs,
      signal: run.controller.signal,
      plan: (count) => this.#progress(run, { total: run.info.progress.total + Math.max(0, count) }),
      step: (label) => this.#progress(run, { done: Math.min(run.info.progress.done + 1, Math.max(run.info.progress.total, run.info.progress.done + 1)), step: label }),
      problem: (p) => void run.problems.push(p),
    };
    let settle!: () => void;
    run.done = new Promise<void>((resolve) => (settle = resolve));
    this.o.jobs.start({ kind: 'report', title: `${entry.title} (${clusters.join(', ')})`, titleText: { key: `reports.job.${request.kind}`, params: { clusters: clusters.join(', ') } } }, async (p) => {
      const stop = (): void => run.controller.abort(new AppError('PRECONDITION', 'the report was stopped'));
      p.signal.addEventListener('abort', stop, { once: true });
      const tick = setInterval(() => p.progress(run.info.progress.total > 0 ? run.info.progress.done / run.info.progress.total : undefined, run.info.progress.step), 1000);
      try {
        const data = await entry.generate(ctx);
        run.controller.signal.throwIfAborted();
        const summary = entry.summary(data);
        await this.#finish(run, { state: 'done', summary, ...(entry.summaryValues ? { summaryValues: entry.summaryValues(data) } : {}) }, data);
        return { message: summary, ...(run.problems.length > 0 ? { problems: run.problems.slice(0, 20).map((x) => `${x.cluster}${x.node ? `/${x.node}` : ''}: ${x.source}: ${x.error.message}`) } : {}) };
      } catch (err) {
        if (run.controller.signal.aborted) {
          await this.#finish(run, { state: 'cancelled' });
          throw new AppError('PRECONDITION', 'The report was cancelled before it finished');
        }
        await this.#finish(run, { state: 'failed', error: toErrorPayload(err) });
        throw err;
      } finally {
        clearInterval(tick);
        p.signal.removeEventListener('abort', stop);
        await opened.dispose().catch(() => undefined);
        this.#running.delete(run.info.id);
        settle();
      }
    });
    this.#emit(run, true);
    return run.info;
  }

  /** Running reports, newest first (of one kind when given). */
  running(kind?: ReportKind): ReportRunInfo[] {
    return [...this.#running.values()].map((r) => r.info).filter((i) => kind === undefined || i.kind === kind).sort((a, b) => b.startedAtMs - a.startedAtMs);
  }

  /** A running report as it stands (no data yet), or undefined. */
  current(id: string): Report | undefined {
    const r = this.#running.get(id);
    return r ? { info: r.info, problems: [...r.problems] } : undefined;
  }

  /** Stops a running report; false when it is not running. */
  cancel(id: string): boolean {
    const r = this.#running.get(id);
    if (!r) return false;
    r.controller.abort(new AppError('PRECONDITION', 'cancelled'));
    return true;
  }

  /** Resolves when the run has ended (at once when it is not running). */
  async settled(id: string): Promise<void> {
    await this.#running.get(id)?.done;
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    const runs = [...this.#running.values()];
    for (const r of runs) r.controller.abort(new AppError('PRECONDITION', 'the app is closing'));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(runs.map((r) => r.done)), new Promise<void>((resolve) => (timer = setTimeout(resolve, DISPOSE_WAIT_MS)))]);
    clearTimeout(timer);
    for (const r of runs) clearTimeout(r.timer);
  }

  #progress(run: Running, change: Partial<ReportRunInfo['progress']>): void {
    if (run.info.state !== 'running') return;
    run.info = { ...run.info, progress: { ...run.info.progress, ...change }, requests: nodeRequestCounts(run.accesses) };
    this.#emit(run, false);
  }

  /** Announces the run's info now (forced) or within the throttle. */
  #emit(run: Running, force: boolean): void {
    const now = Date.now();
    if (force || now - run.lastEmitMs >= this.#throttle) {
      clearTimeout(run.timer);
      run.timer = undefined;
      run.lastEmitMs = now;
      this.o.onDidChange(run.info);
      return;
    }
    run.timer ??= setTimeout(() => {
      run.timer = undefined;
      if (run.info.state !== 'running') return;
      run.lastEmitMs = Date.now();
      this.o.onDidChange(run.info);
    }, run.lastEmitMs + this.#throttle - now);
  }

  async #finish(run: Running, end: { state: 'done' | 'failed' | 'cancelled'; summary?: string; summaryValues?: Readonly<Record<string, number>>; error?: ErrorPayload }, data?: ReportData): Promise<void> {
    clearTimeout(run.timer);
    run.timer = undefined;
    const total = Math.max(run.info.progress.total, run.info.progress.done);
    run.info = {
      ...run.info,
      state: end.state,
      finishedAtMs: this.#now(),
      progress: { done: end.state === 'done' ? total : run.info.progress.done, total, step: end.state },
      requests: nodeRequestCounts(run.accesses),
      ...(end.summary !== undefined ? { summary: end.summary } : {}),
      ...(end.summaryValues !== undefined ? { summaryValues: end.summaryValues } : {}),
      ...(end.error ? { error: end.error } : {}),
    };
    // A cancelled run is dropped (what it read is not kept); a finished or failed one is kept.
    if (end.state !== 'cancelled') {
      try {
        await this.o.runs.save({ info: run.info, problems: run.problems, ...(data ? { data } : {}) });
      } catch (err) {
        run.info = { ...run.info, state: 'failed', error: toErrorPayload(err) };
      }
    }
    this.o.onDidChange(run.info);
  }
}

/**
 * A ReportContext without the runner (the command line, tests, the benchmark): the clusters' accesses, the options
 * with their defaults, progress to a callback, problems collected in `problems`.
 */
export function standaloneReportContext(o: {
  clusters: readonly ReportClusterAccess[];
  options?: ReportRequest['options'];
  signal?: AbortSignal;
  nowMs?: number;
  onProgress?: (progress: ReportRunInfo['progress']) => void;
}): ReportContext & { readonly problems: ReportProblem[] } {
  const problems: ReportProblem[] = [];
  const progress = { done: 0, total: 0, step: 'starting' };
  return {
    clusters: o.clusters,
    options: { ...REPORT_OPTION_DEFAULTS, ...(o.options ?? {}) },
    nowMs: o.nowMs ?? Date.now(),
    signal: o.signal ?? new AbortController().signal,
    plan: (count) => {
      progress.total += Math.max(0, count);
      o.onProgress?.({ ...progress });
    },
    step: (label) => {
      progress.done++;
      progress.total = Math.max(progress.total, progress.done);
      progress.step = label;
      o.onProgress?.({ ...progress });
    },
    problem: (p) => void problems.push(p),
    problems,
  };
}
