import type { CounterDescriptionQuery } from '../../../shared/ipc/contract.js';
import { AppError } from '../base/errors.js';
import type { PerfmonClient } from '../polling/soap/perfmonClient.js';

/** Options of {@link CounterDescriptions}; every field has a default. */
export interface CounterDescriptionsOptions {
  /** Most description requests sent to one node per minute (default 10: a share of the 20 the collector leaves free). */
  readonly maxPerNodePerMinute?: number;
  /** Give up waiting for the node's budget and answer after this long (default 20 s). */
  readonly timeoutMs?: number;
  /** Most descriptions kept (default 20,000; the oldest go first). */
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/**
 * Counter help texts (RTMT's counter description pane, serviceability-reference.md A.2), fetched lazily with
 * perfmonQueryCounterDescription when a counter is first shown and cached per cluster + node + object + counter.
 * Every request goes through the node's PerfmonClient, hence its SoapTransport and the node's shared 80/min
 * RequestBudget; on top of that at most `maxPerNodePerMinute` description requests go to a node, so someone
 * arrowing through a counter list cannot crowd out the collector's polls. Concurrent asks for one counter share a
 * request; failures are not cached (the next ask tries again).
 */
export class CounterDescriptions {
  readonly #cache = new Map<string, string>();
  readonly #inflight = new Map<string, Promise<string>>();
  readonly #sent = new Map<string, number[]>();
  readonly #maxPerMinute: number;
  readonly #timeoutMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(
    private readonly perfmonOf: (cluster: string, node: string) => PerfmonClient,
    options: CounterDescriptionsOptions = {},
  ) {
    this.#maxPerMinute = options.maxPerNodePerMinute ?? 10;
    this.#timeoutMs = options.timeoutMs ?? 20_000;
    this.#maxEntries = options.maxEntries ?? 20_000;
    this.#now = options.now ?? Date.now;
  }

  /** The description of a counter: from the cache, or from the node (once). */
  describe(q: CounterDescriptionQuery): Promise<string> {
    const key = [q.cluster, q.node, q.object, q.counter].join('\u0000');
    const cached = this.#cache.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    const pending = this.#inflight.get(key);
    if (pending) return pending;
    const work = this.#fetch(q, key).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, work);
    return work;
  }

  /** Descriptions cached so far (for tests and diagnostics). */
  get size(): number {
    return this.#cache.size;
  }

  async #fetch(q: CounterDescriptionQuery, key: string): Promise<string> {
    const client = this.perfmonOf(q.cluster, q.node);
    const nodeKey = `${q.cluster}\u0000${q.node}`;
    const now = this.#now();
    const sent = (this.#sent.get(nodeKey) ?? []).filter((t) => t > now - 60_000);
    if (sent.length >= this.#maxPerMinute) {
      const waitSec = Math.max(1, Math.ceil((sent[0]! + 60_000 - now) / 1000));
      throw new AppError('POLL_RATE_LIMIT', `${q.node}: at most ${this.#maxPerMinute} counter descriptions a minute are asked of a node (its SOAP budget is shared with polling); try again in ${waitSec} s`);
    }
    sent.push(now);
    this.#sent.set(nodeKey, sent);
    const r = await client.describeCounter({ host: client.host, object: q.object, instance: '', counter: q.counter }, { signal: AbortSignal.timeout(this.#timeoutMs) });
    if (!r.ok) throw r.error;
    if (this.#cache.size >= this.#maxEntries) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(key, r.value);
    return r.value;
  }
}
