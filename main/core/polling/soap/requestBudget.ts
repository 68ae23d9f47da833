import { backoffMs } from '../../../../shared/backoff.js';
import { realPollClock, type PollClock } from '../base/pollClock.js';

/**
 * SOAP requests a node answers per minute (serviceability-reference.md B.1: "Current allowed rate for perfmon
 * information is 80 requests per minute"), the default limit of a node's budget.
 */
export const NODE_SOAP_REQUESTS_PER_MIN = 80;

/** Options of {@link RequestBudget}. */
export interface RequestBudgetOptions {
  /** Requests allowed per window (default NODE_SOAP_REQUESTS_PER_MIN). */
  readonly limit?: number;
  readonly windowMs?: number;
  /**
   * Extra time before a spent request's token returns, covering the network delay between our send and the
   * server's count (the server counts arrivals in a sliding window). Default 1000 ms.
   */
  readonly marginMs?: number;
  /** Backoff after rate-limit faults in a row: 5 s doubling to 20 s (5, 10, 20 s as CT-MCP `src/soap.ts`, reference B.1/E). */
  readonly backoff?: { readonly firstMs: number; readonly maxMs: number };
  readonly clock?: PollClock;
}

/**
 * The request budget of ONE node, shared by every SOAP user of that node (every Perfmon session, chart and
 * ControlCenter call). It is a token bucket of `limit` tokens where each spent token comes back
 * `windowMs + marginMs` after its request was answered, so no sliding window of `windowMs` ever holds more than `limit`
 * requests however many counters and charts ask; a plain refill-rate bucket could not promise that (a full
 * bucket plus a minute of refill is 2 × limit in one window). After a rate-limit fault (another client of
 * the same account ate the server's budget) it blocks for a growing backoff, reset by the next success.
 */
export class RequestBudget {
  readonly limit: number;
  readonly windowMs: number;
  readonly #margin: number;
  readonly #backoff: { readonly firstMs: number; readonly maxMs: number };
  readonly #clock: PollClock;
  /** Spent tokens: when each was taken, re-stamped when its request finished (at most `limit`). */
  #spent: Array<{ t: number }> = [];
  #blockedUntil = 0;
  #faults = 0;
  #queue: Promise<void> = Promise.resolve();
  /** Requests granted so far (for tests and diagnostics). */
  granted = 0;

  constructor(options: RequestBudgetOptions = {}) {
    this.limit = options.limit ?? NODE_SOAP_REQUESTS_PER_MIN;
    this.windowMs = options.windowMs ?? 60_000;
    this.#margin = options.marginMs ?? 1000;
    this.#backoff = options.backoff ?? { firstMs: 5000, maxMs: 20_000 };
    this.#clock = options.clock ?? realPollClock;
  }

  /** When a request could be sent now (0 = at once), without taking a token. */
  delayMs(): number {
    const now = this.#clock.now();
    this.#expire(now);
    const fullUntil = this.#spent.length >= this.limit ? Math.min(...this.#spent.map((s) => s.t)) + this.windowMs + this.#margin : 0;
    return Math.max(0, fullUntil - now, this.#blockedUntil - now);
  }

  /**
   * Takes a token, waiting for one in FIFO order, and resolves with a `done` function to call when the
   * request's answer arrived: the token's window then restarts from that moment, since the server counted the
   * request somewhere between send and answer. Resolves undefined (taking nothing) when the wait would end
   * after `deadline` (this clock's time) or `signal` aborts: callers then report POLL_RATE_LIMIT instead of
   * piling up an unbounded queue.
   */
  acquire(deadline = Number.POSITIVE_INFINITY, signal?: AbortSignal): Promise<(() => void) | undefined> {
    // Whoever is ahead in the queue waits at least the current delay: a request whose deadline comes first gives
    // up now rather than queueing behind a more patient one (a chart's 5 s poll behind the collector's 90 s wait).
    if (this.#clock.now() + this.delayMs() > deadline) return Promise.resolve(undefined);
    const turn = this.#queue.then(async () => {
      for (;;) {
        if (signal?.aborted) return undefined;
        const wait = this.delayMs();
        if (wait === 0) {
          const token = { t: this.#clock.now() };
          this.#spent.push(token);
          this.granted++;
          return () => {
            token.t = Math.max(token.t, this.#clock.now());
          };
        }
        if (this.#clock.now() + wait > deadline) return undefined;
        await this.#clock.sleep(wait, signal);
      }
    });
    this.#queue = turn.then(() => undefined);
    return turn;
  }

  /** Records a rate-limit fault: blocks the node's budget for the next backoff step; returns that step. */
  penalize(): number {
    this.#faults++;
    const step = backoffMs(this.#faults, this.#backoff.firstMs, this.#backoff.maxMs);
    this.#blockedUntil = Math.max(this.#blockedUntil, this.#clock.now() + step);
    return step;
  }

  /** Records a successful request: the backoff starts from its first step again. */
  succeeded(): void {
    this.#faults = 0;
  }

  #expire(now: number): void {
    if (this.#spent.some((s) => s.t + this.windowMs + this.#margin <= now)) this.#spent = this.#spent.filter((s) => s.t + this.windowMs + this.#margin > now);
  }
}
