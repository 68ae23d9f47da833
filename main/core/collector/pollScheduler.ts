import type { Disposable } from '../base/disposable.js';
import { backoffMs } from '../../../shared/backoff.js';
import { Emitter } from '../base/emitter.js';
import { MIN_ANY_POLL_SEC } from '../../../shared/model/perfLimits.js';

/** Outcome of one run of a poll task: ok, or failed with whether the target was unreachable. */
export type TaskOutcome = { readonly ok: true } | { readonly ok: false; readonly unreachable: boolean; readonly code: string; readonly message: string };

/** A recurring poll: a node, a group (concurrency is capped per node), an interval and the work. */
export interface PollTask {
  readonly id: string;
  readonly node: string;
  readonly intervalMs: number;
  /** The first run comes within this many ms (default: a random share of the interval, see jitter). */
  readonly firstRunWithinMs?: number;
  /**
   * This task's cap on the backoff while its node is unreachable (default: the scheduler's backoffMaxMs). A
   * reachability probe sets its own interval, so it keeps asking at least that often (issue 10).
   */
  readonly backoffMaxMs?: number;
  run(signal: AbortSignal): Promise<TaskOutcome>;
}

/** Options of the scheduler (RTMT defaults: 30 s precanned views, 10 s charts; 5 s minimum for charts, 1 s for tables). */
export interface PollSchedulerOptions {
  /** At most this many tasks run at once against one node. */
  readonly perNodeConcurrency?: number;
  /** Random start offset and per-run jitter, as a share of the interval (0..0.5). */
  readonly jitter?: number;
  /** Exponential backoff for unreachable nodes: first delay and cap, ms. */
  readonly backoffInitialMs?: number;
  readonly backoffMaxMs?: number;
  /** Per-run time limit, ms. */
  readonly timeoutMs?: number;
  /** Smallest interval accepted (default: the Performance view's lowest rate, a 1 s table, shared/model/perfLimits.ts). */
  readonly minIntervalMs?: number;
  readonly random?: () => number;
}

/** A task's last result, for reachability and the UI. */
export interface TaskState {
  readonly id: string;
  readonly node: string;
  readonly lastRunMs?: number;
  readonly lastOk?: boolean;
  readonly consecutiveFailures: number;
  readonly nextRunMs: number;
  readonly lastError?: string;
}

interface Entry {
  task: PollTask;
  timer?: NodeJS.Timeout;
  running: boolean;
  failures: number;
  lastRunMs?: number;
  lastOk?: boolean;
  lastError?: string;
  nextRunMs: number;
}

/**
 * Runs poll tasks on intervals with jitter, a per-node concurrency cap, per-run timeouts and exponential
 * backoff while a node is unreachable. Tasks never overlap themselves. Results are data (onDidRun), never throws.
 */
export class PollScheduler implements Disposable {
  readonly #entries = new Map<string, Entry>();
  readonly #active = new Map<string, number>();
  readonly #waiting = new Map<string, Entry[]>();
  readonly #onDidRun = new Emitter<{ task: PollTask; outcome: TaskOutcome; durationMs: number }>();
  readonly onDidRun = this.#onDidRun.event;
  readonly #opts: Required<PollSchedulerOptions>;
  /** Each running task's abort and the timer of its run limit. */
  readonly #aborts = new Map<AbortController, NodeJS.Timeout>();
  #disposed = false;

  constructor(options: PollSchedulerOptions = {}) {
    this.#opts = {
      perNodeConcurrency: options.perNodeConcurrency ?? 2,
      jitter: Math.min(0.5, Math.max(0, options.jitter ?? 0.1)),
      backoffInitialMs: options.backoffInitialMs ?? 5_000,
      backoffMaxMs: options.backoffMaxMs ?? 120_000,
      timeoutMs: options.timeoutMs ?? 20_000,
      minIntervalMs: options.minIntervalMs ?? MIN_ANY_POLL_SEC * 1000,
      random: options.random ?? Math.random,
    };
  }

  /** Adds (or replaces) a task; the first run comes after a random share of its interval (or of firstRunWithinMs). */
  add(task: PollTask): Disposable {
    if (task.intervalMs < this.#opts.minIntervalMs) throw new RangeError(`poll interval ${task.intervalMs} ms is below the ${this.#opts.minIntervalMs} ms minimum`);
    this.remove(task.id);
    const entry: Entry = { task, running: false, failures: 0, nextRunMs: 0 };
    this.#entries.set(task.id, entry);
    this.#arm(entry, this.#opts.random() * (task.firstRunWithinMs ?? task.intervalMs * Math.max(this.#opts.jitter, 0.05) * 2));
    return { dispose: () => this.remove(task.id) };
  }

  /** Removes a task (a running one finishes but is not rescheduled). */
  remove(id: string): void {
    const e = this.#entries.get(id);
    if (!e) return;
    if (e.timer) clearTimeout(e.timer);
    this.#entries.delete(id);
  }

  /** Runs a task now (outside its schedule), e.g. after a control request. */
  runNow(id: string): void {
    const e = this.#entries.get(id);
    if (e && !e.running) {
      if (e.timer) clearTimeout(e.timer);
      this.#enqueue(e);
    }
  }

  /** States of every task. */
  states(): TaskState[] {
    return [...this.#entries.values()].map((e) => ({ id: e.task.id, node: e.task.node, lastRunMs: e.lastRunMs, lastOk: e.lastOk, consecutiveFailures: e.failures, nextRunMs: e.nextRunMs, lastError: e.lastError }));
  }

  dispose(): void {
    this.#disposed = true;
    for (const e of this.#entries.values()) if (e.timer) clearTimeout(e.timer);
    this.#entries.clear();
    // Running tasks are told to stop and their run-limit timers go now: a task that does not watch its signal
    // finishes on its own I/O timeouts, but no timer of ours outlives the scheduler.
    for (const [a, timer] of this.#aborts) {
      clearTimeout(timer);
      a.abort();
    }
    this.#aborts.clear();
    this.#onDidRun.dispose();
  }

  #arm(entry: Entry, delayMs: number): void {
    if (this.#disposed) return;
    entry.nextRunMs = Date.now() + delayMs;
    entry.timer = setTimeout(() => this.#enqueue(entry), delayMs);
    entry.timer.unref?.();
  }

  #enqueue(entry: Entry): void {
    if (this.#disposed || !this.#entries.has(entry.task.id)) return;
    const node = entry.task.node;
    if ((this.#active.get(node) ?? 0) >= this.#opts.perNodeConcurrency) {
      const q = this.#waiting.get(node) ?? [];
      if (!q.includes(entry)) q.push(entry);
      this.#waiting.set(node, q);
      return;
    }
    void this.#run(entry);
  }

  async #run(entry: Entry): Promise<void> {
    const { task } = entry;
    entry.running = true;
    this.#active.set(task.node, (this.#active.get(task.node) ?? 0) + 1);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#opts.timeoutMs);
    this.#aborts.set(abort, timer);
    const t0 = performance.now();
    let outcome: TaskOutcome;
    try {
      outcome = await task.run(abort.signal);
    } catch (err) {
      outcome = { ok: false, unreachable: false, code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(timer);
      this.#aborts.delete(abort);
    }
    entry.running = false;
    entry.lastRunMs = Date.now();
    entry.lastOk = outcome.ok;
    entry.lastError = outcome.ok ? undefined : `${outcome.code}: ${outcome.message}`;
    entry.failures = outcome.ok ? 0 : entry.failures + 1;
    this.#active.set(task.node, (this.#active.get(task.node) ?? 1) - 1);
    if (!this.#disposed) this.#onDidRun.fire({ task, outcome, durationMs: performance.now() - t0 });
    if (this.#entries.get(task.id) === entry) {
      const jitter = 1 + (this.#opts.random() * 2 - 1) * this.#opts.jitter;
      const cap = task.backoffMaxMs ?? this.#opts.backoffMaxMs;
      const backoff = !outcome.ok && outcome.unreachable ? backoffMs(entry.failures, this.#opts.backoffInitialMs, cap) : 0;
      this.#arm(entry, Math.max(task.intervalMs * jitter, backoff));
    }
    const next = this.#waiting.get(task.node)?.shift();
    if (next) this.#enqueue(next);
  }
}
