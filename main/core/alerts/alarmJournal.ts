import { backoffMs, STORAGE_RETRY } from '../../../shared/backoff.js';
import type { Disposable } from '../base/disposable.js';
import type { AlarmHistoryEntry, AlarmRecord } from '../../../shared/model/alert.js';
import type { AlertStore } from './alertStore.js';

/** Runs `work` soon, after the current task (the default: setImmediate, not keeping the process alive). */
export type Defer = (work: () => void) => Disposable;

/** setImmediate, unref'd. */
export const deferToNextTurn: Defer = (work) => {
  const h = setImmediate(work);
  h.unref();
  return { dispose: () => clearImmediate(h) };
};

/** Runs `work` after `ms` (the default: an unref'd setTimeout). */
export type After = (work: () => void, ms: number) => Disposable;

const afterTimeout: After = (work, ms) => {
  const h = setTimeout(work, ms);
  h.unref();
  return { dispose: () => clearTimeout(h) };
};


/** Most history lines kept while the store keeps failing; beyond, the oldest are dropped and counted. */
export const MAX_PENDING_HISTORY = 100_000;

/**
 * Write-behind of alarm changes to the {@link AlertStore}: the alarm book records each change here and carries on;
 * the journal writes what accumulated in one batch (one SQLite transaction) on the next turn of the event loop,
 * or at once when {@link flush} is called (a person's action, a query, dispose). An alarm changed several times
 * before a flush is written once, in its last state; every history line is written.
 *
 * Why: an evaluation in a storm changes thousands of alarms, and writing them inside the evaluation made it
 * slower than the evaluation itself (test/bench/alertsBench.ts); Grafana's alerting persists its state apart
 * from evaluation for the same reason. The cost: a crash in the same turn loses that evaluation's changes,
 * which the next evaluation after the restart raises again (detection is still firing) — never a duplicate,
 * since nothing of them was stored. A store that throws keeps the changes pending and is retried at the next
 * flush, and on its own after a backoff (1 s doubling to 30 s) so that changes do not wait for the next alarm
 * change; the error goes to `onError`.
 */
export class AlarmJournal implements Disposable {
  /** Alarms by id, last state; a Map keeps first-write order (the store's insertion order of new alarms). */
  #alarms = new Map<string, AlarmRecord>();
  #history: AlarmHistoryEntry[] = [];
  #scheduled: Disposable | undefined;
  #retry: Disposable | undefined;
  #failures = 0;
  #dropped = 0;
  #disposed = false;

  constructor(
    private readonly store: AlertStore,
    private readonly defer: Defer = deferToNextTurn,
    private readonly onError: (err: unknown) => void = (err) => console.error('[AlarmJournal] writing alarm changes failed; kept for the next attempt:', err),
    private readonly after: After = afterTimeout,
  ) {}

  /** Changes waiting to be written (alarms, history lines). */
  get pending(): { readonly alarms: number; readonly history: number } {
    return { alarms: this.#alarms.size, history: this.#history.length };
  }

  /** History lines dropped because the store kept failing while more than {@link MAX_PENDING_HISTORY} waited. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Records one change; the write happens at the next flush. */
  record(alarm: AlarmRecord, entry: AlarmHistoryEntry): void {
    this.#alarms.set(alarm.id, alarm);
    this.recordLine(entry);
  }

  /** Records a history line of an alarm that did not change (a person's note); the write happens at the next flush. */
  recordLine(entry: AlarmHistoryEntry): void {
    this.#history.push(entry);
    if (this.#history.length > MAX_PENDING_HISTORY) {
      const over = this.#history.length - MAX_PENDING_HISTORY;
      this.#history.splice(0, over);
      this.#dropped += over;
    }
    if (this.#scheduled === undefined && !this.#disposed) this.#scheduled = this.defer(() => this.#flushScheduled());
  }

  /** Writes everything pending now, in one batch; returns how many changes (history lines) were written. */
  flush(): number {
    this.#scheduled?.dispose();
    this.#scheduled = undefined;
    this.#retry?.dispose();
    this.#retry = undefined;
    if (this.#history.length === 0 && this.#alarms.size === 0) return 0;
    const alarms = this.#alarms;
    const history = this.#history;
    this.#alarms = new Map();
    this.#history = [];
    try {
      this.store.batch(() => {
        for (const a of alarms.values()) this.store.saveAlarm(a);
        for (const h of history) this.store.appendHistory(h);
      });
    } catch (err) {
      // Nothing was written (one transaction) and nothing was recorded meanwhile (the batch is synchronous).
      this.#alarms = alarms;
      this.#history = history;
      throw err;
    }
    this.#failures = 0;
    return history.length;
  }

  /** Writes what is pending, then stops scheduling (later records wait for an explicit flush). */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#flushScheduled();
    this.#retry?.dispose();
    this.#retry = undefined;
  }

  #flushScheduled(): void {
    try {
      this.flush();
    } catch (err) {
      this.onError(err);
      if (!this.#disposed) {
        this.#failures++;
        this.#retry = this.after(() => {
          this.#retry = undefined;
          this.#flushScheduled();
        }, backoffMs(this.#failures, STORAGE_RETRY.firstMs, STORAGE_RETRY.maxMs));
      }
    }
  }
}
