import { realPollClock, type PollClock } from '../base/pollClock.js';
import { PollError } from '../pollError.js';
import type { PollResult } from '../poller.js';
import { formatCounterPath, type CounterPath } from '../../../../shared/model/counterPath.js';
import { counterInfosToSamples } from './perfmonParse.js';
import type { PerfmonClient } from './perfmonClient.js';
import type { SoapCallOptions } from './soapTransport.js';

/** Whether a counter yields a rate/percentage that needs two samples (reference B.1: `%` counters, "per sec"). */
export function needsTwoSamples(counter: string): boolean {
  return counter.includes('%') || /per sec/i.test(counter);
}

/**
 * A set of counters collected through one Perfmon session (reference B.1: open → add → collect on a loop,
 * POKORNY keeps the handle between polls). The session is opened and the counters added lazily on the first
 * `collect`; if the server forgot the handle (fault) the session is re-opened once and the collect retried.
 * The first sample of a percentage counter after (re)adding is dropped: its value is not valid.
 */
export class PerfmonSession {
  #handle: string | undefined;
  #fresh = new Set<string>();
  readonly #names: string[];
  /** How many times the session was (re)opened (for tests and diagnostics). */
  opens = 0;

  constructor(
    readonly client: PerfmonClient,
    counters: readonly CounterPath[],
    private readonly clock: PollClock = realPollClock,
  ) {
    this.#names = counters.map(formatCounterPath);
  }

  get handle(): string | undefined {
    return this.#handle;
  }

  /** Collects every counter of the session once. */
  async collect(options?: SoapCallOptions): Promise<PollResult> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.#handle === undefined) {
        const opened = await this.#open(options);
        if (!opened.ok) return opened;
      }
      const ts = this.clock.now();
      const r = await this.client.collectSession(this.#handle!, options);
      if (!r.ok) {
        if (r.sessionGone && attempt === 0) {
          this.#handle = undefined;
          continue;
        }
        return r;
      }
      const skip = this.#fresh;
      this.#fresh = new Set();
      const t = this.client.transport.target;
      return { ok: true, ...counterInfosToSamples(r.value, { cluster: t.cluster, node: t.node, ts }, skip) };
    }
    const node = this.client.transport.target.node;
    return { ok: false, error: new PollError('POLL_PROTOCOL', 'soap', node, `${node} forgot the Perfmon session again right after it was opened`) };
  }

  /** Closes the server-side session (best effort). */
  async close(options?: SoapCallOptions): Promise<void> {
    const h = this.#handle;
    this.#handle = undefined;
    if (h !== undefined) await this.client.closeSession(h, options);
  }

  async #open(options?: SoapCallOptions): Promise<PollResult> {
    const opened = await this.client.openSession(options);
    if (!opened.ok) return opened;
    this.opens++;
    const added = await this.client.addCounters(opened.value, this.#names, options);
    if (!added.ok) {
      await this.client.closeSession(opened.value, options);
      return added;
    }
    this.#handle = opened.value;
    this.#fresh = new Set(this.#names.filter((n) => needsTwoSamples(n.slice(n.lastIndexOf('\\') + 1))));
    return { ok: true, samples: [], issues: [] };
  }
}
