import type { Disposable } from '../base/disposable.js';

/**
 * Time and timers for the alert engine and the notification pipeline. The simulator's SimScheduler satisfies it
 * structurally (virtual time in tests); {@link systemAlertScheduler} uses the wall clock.
 */
export interface AlertScheduler {
  now(): number;
  setTimeout(delayMs: number, fn: (nowMs: number) => void): Disposable;
  setInterval(periodMs: number, fn: (nowMs: number) => void): Disposable;
}

/** The wall-clock scheduler. Timers are unref'd so they never keep the process alive on their own. */
export const systemAlertScheduler: AlertScheduler = {
  now: () => Date.now(),
  setTimeout(delayMs, fn) {
    const h = setTimeout(() => fn(Date.now()), delayMs);
    h.unref();
    return { dispose: () => clearTimeout(h) };
  },
  setInterval(periodMs, fn) {
    const h = setInterval(() => fn(Date.now()), periodMs);
    h.unref();
    return { dispose: () => clearInterval(h) };
  },
};
