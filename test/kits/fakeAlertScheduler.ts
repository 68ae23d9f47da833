import type { Disposable } from '../../main/core/base/disposable.js';
import type { AlertScheduler } from '../../main/core/alerts/alertScheduler.js';

interface Timer {
  at: number;
  period?: number;
  fn: (now: number) => void;
  live: boolean;
}

/** A manual clock for tests of the engine and the notification pipeline: time moves only with advance(). */
export class FakeAlertScheduler implements AlertScheduler {
  #now: number;
  #timers: Timer[] = [];

  constructor(startMs = Date.UTC(2025, 0, 6, 8, 0, 0)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(delayMs: number, fn: (now: number) => void): Disposable {
    return this.#add({ at: this.#now + delayMs, fn, live: true });
  }

  setInterval(periodMs: number, fn: (now: number) => void): Disposable {
    return this.#add({ at: this.#now + periodMs, period: periodMs, fn, live: true });
  }

  /** Timers not yet fired or disposed. */
  get pending(): number {
    return this.#timers.filter((t) => t.live).length;
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const due = this.#timers.filter((t) => t.live && t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.#now = due.at;
      if (due.period) due.at += due.period;
      else due.live = false;
      due.fn(this.#now);
    }
    this.#now = target;
    this.#timers = this.#timers.filter((t) => t.live);
  }

  #add(t: Timer): Disposable {
    this.#timers.push(t);
    return { dispose: () => void (t.live = false) };
  }
}
