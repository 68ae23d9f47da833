import { toDisposable, type Disposable } from '../../base/disposable.js';

/** A timer callback; it receives the virtual time at which it fires. */
export type TimerCallback = (nowMs: number) => void;

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: TimerCallback;
  cancelled: boolean;
}

/**
 * The simulator's virtual time. Every model timer runs here, in virtual-time order (ties in the order they
 * were scheduled), so the same seed and scenario produce the same series whatever the real pacing is.
 * A {@link RealTimeDriver} advances it with the wall clock (optionally accelerated); tests advance it by hand.
 */
export class SimScheduler {
  #now: number;
  #seq = 0;
  #queue: Timer[] = [];
  #running = false;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  /** Virtual milliseconds since the Unix epoch. */
  now(): number {
    return this.#now;
  }

  /** Runs `fn` once at virtual time `atMs` (or at the next advance when it is already past). */
  at(atMs: number, fn: TimerCallback): Disposable {
    const timer: Timer = { at: Math.max(atMs, this.#now), seq: this.#seq++, fn, cancelled: false };
    this.#insert(timer);
    return toDisposable(() => {
      timer.cancelled = true;
    });
  }

  /** Runs `fn` once after `delayMs` of virtual time. */
  setTimeout(delayMs: number, fn: TimerCallback): Disposable {
    return this.at(this.#now + Math.max(0, delayMs), fn);
  }

  /** Runs `fn` every `periodMs` of virtual time, first after one period. */
  setInterval(periodMs: number, fn: TimerCallback): Disposable {
    if (!(periodMs > 0)) throw new RangeError(`interval must be positive, got ${periodMs}`);
    let current: Disposable | undefined;
    let stopped = false;
    const arm = (from: number): void => {
      current = this.at(from + periodMs, (t) => {
        if (stopped) return;
        arm(t);
        fn(t);
      });
    };
    arm(this.#now);
    return toDisposable(() => {
      stopped = true;
      current?.dispose();
    });
  }

  /** Number of timers still waiting (cancelled ones excluded). */
  get pending(): number {
    return this.#queue.filter((t) => !t.cancelled).length;
  }

  /** Advances virtual time to `targetMs`, running every due timer in order. */
  advanceTo(targetMs: number): void {
    if (this.#running) throw new Error('SimScheduler.advanceTo is not reentrant');
    this.#running = true;
    try {
      for (;;) {
        const next = this.#queue[0];
        if (!next || next.at > targetMs) break;
        this.#queue.shift();
        if (next.cancelled) continue;
        this.#now = next.at;
        next.fn(next.at);
      }
      if (targetMs > this.#now) this.#now = targetMs;
    } finally {
      this.#running = false;
    }
  }

  /** Advances virtual time by `ms`. */
  advanceBy(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  #insert(timer: Timer): void {
    // Binary search for the first timer that fires strictly later (stable for equal times).
    let lo = 0;
    let hi = this.#queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.#queue[mid]!;
      if (m.at < timer.at || (m.at === timer.at && m.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.#queue.splice(lo, 0, timer);
  }
}

/** Options of the wall-clock driver. */
export interface RealTimeDriverOptions {
  /** Virtual seconds per real second (1 = real time). */
  readonly speed: number;
  /** Real milliseconds between advances; lower is smoother, higher is cheaper. */
  readonly tickMs?: number;
}

/** Advances a {@link SimScheduler} with the wall clock, `speed` times faster than real time. */
export class RealTimeDriver implements Disposable {
  readonly #timer: NodeJS.Timeout;
  readonly #realStart = performance.now();
  readonly #virtualStart: number;

  constructor(
    private readonly scheduler: SimScheduler,
    private readonly options: RealTimeDriverOptions,
    onError: (err: unknown) => void = (err) => console.error('[RealTimeDriver]', err),
  ) {
    if (!(options.speed > 0)) throw new RangeError(`speed must be positive, got ${options.speed}`);
    this.#virtualStart = scheduler.now();
    this.#timer = setInterval(() => {
      try {
        this.scheduler.advanceTo(this.#virtualStart + (performance.now() - this.#realStart) * this.options.speed);
      } catch (err) {
        onError(err);
      }
    }, options.tickMs ?? 100);
    this.#timer.unref?.();
  }

  dispose(): void {
    clearInterval(this.#timer);
  }
}
