/** What a receiver did with what it got (shown in the UI; malformed and hostile input is counted, not fatal). */
export interface ReceiverStats {
  received: number;
  accepted: number;
  dropped: number;
  /** Last reason a message was dropped. */
  lastDropReason?: string;
}

/** Fresh zeroed stats. */
export function newReceiverStats(): ReceiverStats {
  return { received: 0, accepted: 0, dropped: 0 };
}

/**
 * Messages per second over the last `windowSec` seconds (default 10, the receivers panel's figure): one counter per
 * whole second in a ring, so memory is fixed however many messages arrive. Seconds with nothing count as 0.
 */
export class RateWindow {
  readonly #counts: number[];
  readonly #seconds: number[];

  constructor(
    readonly windowSec = 10,
    private readonly now: () => number = Date.now,
  ) {
    this.#counts = new Array<number>(windowSec).fill(0);
    this.#seconds = new Array<number>(windowSec).fill(-1);
  }

  /** Counts one message now. */
  hit(): void {
    const sec = Math.floor(this.now() / 1000);
    const i = sec % this.windowSec;
    if (this.#seconds[i] !== sec) {
      this.#seconds[i] = sec;
      this.#counts[i] = 0;
    }
    this.#counts[i]!++;
  }

  /** Messages per second over the window ending now (the current second included). */
  perSecond(): number {
    const sec = Math.floor(this.now() / 1000);
    let total = 0;
    for (let i = 0; i < this.windowSec; i++) {
      const s = this.#seconds[i]!;
      if (s > sec - this.windowSec && s <= sec) total += this.#counts[i]!;
    }
    return Math.round((total / this.windowSec) * 10) / 10;
  }
}
