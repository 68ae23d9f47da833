import { toDisposable, type Disposable } from '../base/disposable.js';

/** Starts `fn` every `intervalMs` and returns the Disposable that stops it (injectable for tests). */
export type RepeatingTimer = (fn: () => void, intervalMs: number) => Disposable;

/**
 * The real-time RepeatingTimer: setInterval, unref'd so that a pending flush never keeps a finished process
 * alive (the owner flushes on dispose).
 */
export const realRepeatingTimer: RepeatingTimer = (fn, intervalMs) => {
  const handle = setInterval(fn, intervalMs);
  handle.unref();
  return toDisposable(() => clearInterval(handle));
};
