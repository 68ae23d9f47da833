import { isNoAnswer } from '../polling/pollError.js';
import type { SeriesRef, WatchRequest } from '../../../shared/model/views.js';
import { DisposableStore, type Disposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import type { Collector } from '../collector/collector.js';
import { PerfmonSession } from '../polling/soap/perfmonSession.js';
import { pollSecProblem } from '../../../shared/model/perfLimits.js';
import { randomUUID } from 'node:crypto';
import { currentWatchOwner, WatchOwners } from './watchOwners.js';

/**
 * Counters a chart watches: one Perfmon session per node and watch, collected on the collector's scheduler at the
 * chart's rate through the node's shared 80/min budget. Samples go out like any other (storage, alerts, UI).
 */
export class PerfWatches implements Disposable {
  readonly #watches = new Map<string, DisposableStore>();
  /** Each watch's owner (the session that started it): only it stops the watch, and it keeps a bounded number. */
  readonly #owners = new WatchOwners();

  constructor(private readonly collector: Collector) {}

  /** Starts polling the series every `intervalSec` (the limits of shared/model/perfLimits.ts per kind); returns the watch id. */
  watch(req: WatchRequest): string {
    const problem = pollSecProblem(req.intervalSec, req.kind ?? 'chart');
    if (problem) throw new AppError('VALIDATION', problem);
    // Not guessable: on a server one person must not stop another's chart by counting.
    const id = `watch-${randomUUID()}`;
    const store = new DisposableStore();
    const byNode = new Map<string, SeriesRef[]>();
    for (const s of req.series) byNode.set(`${s.cluster}\u0000${s.node}`, [...(byNode.get(`${s.cluster}\u0000${s.node}`) ?? []), s]);
    for (const [key, series] of byNode) {
      const [cluster, nodeName] = key.split('\u0000') as [string, string];
      const node = this.collector.node(cluster, nodeName);
      const session = new PerfmonSession(node.perfmon, series.map((s) => ({ host: nodeName, object: s.object, instance: s.instance, counter: s.counter })));
      store.add({ dispose: () => void session.close() });
      store.add(
        this.collector.scheduler.add({
          id: `${id}/${cluster}/${nodeName}`,
          node: `${cluster}/${nodeName}`,
          intervalMs: req.intervalSec * 1000,
          run: async (signal) => {
            // A chart's poll waits for the node's budget at most one interval: when polling and other users take
            // the budget (a 1 s table asks 60 of the node's 80 requests a minute), the chart skips a poll rather
            // than queueing ahead of the collector's own polls.
            const r = await session.collect({ signal, deadline: Date.now() + req.intervalSec * 1000 });
            if (!r.ok) return { ok: false, unreachable: isNoAnswer(r.error.code), code: r.error.code, message: r.error.message };
            this.collector.publish(cluster, nodeName, r.samples);
            return { ok: true };
          },
        }),
      );
    }
    this.#watches.set(id, store);
    for (const old of this.#owners.add(currentWatchOwner(), id)) this.#stop(old);
    return id;
  }

  /** Stops a watch the caller started (another's, or an unknown id, is left alone). */
  unwatch(id: string): void {
    if (!this.#owners.owns(currentWatchOwner(), id)) return;
    this.#stop(id);
    this.#owners.remove(id);
  }

  /** Live watches (for tests and the leak check). */
  get size(): number {
    return this.#watches.size;
  }

  #stop(id: string): void {
    this.#watches.get(id)?.dispose();
    this.#watches.delete(id);
  }

  dispose(): void {
    for (const s of this.#watches.values()) s.dispose();
    this.#watches.clear();
    this.#owners.clear();
  }
}
