/**
 * Time as the pollers see it: `now()` for budgets and sample stamps, `sleep()` for backoff. Real time by
 * default; tests pass a scaled clock so that "a minute" of rate limiting passes in a second.
 */
export interface PollClock {
  now(): number;
  /** Resolves after `ms` of this clock's time (early, without error, when `signal` aborts). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Wall-clock time with real timers. */
export const realPollClock: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => scaledSleep(ms, 1, signal),
};

/** A clock running `factor` times faster than real time from `startMs` (for tests and benchmarks). */
export function scaledPollClock(factor: number, startMs = Date.now()): PollClock {
  const realStart = Date.now();
  return {
    now: () => startMs + (Date.now() - realStart) * factor,
    sleep: (ms, signal) => scaledSleep(ms, factor, signal),
  };
}

function scaledSleep(ms: number, factor: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.ceil(ms / factor));
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
