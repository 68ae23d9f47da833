import type { Sample } from '../../../shared/model/sample.js';
import type { SeriesPoint } from './alertEvaluator.js';
import { nodeKey } from './alertKey.js';
import { seriesId } from './ruleRegistry.js';

/** A mutable point kept by the store (last two values of one series). */
export interface StoredPoint extends SeriesPoint {
  value: number;
  ts: number;
  prevValue?: number;
  prevTs?: number;
}

/** The series of one node for one object|counter: instance → point. */
export interface NodeSeries {
  readonly cluster: string;
  readonly node: string;
  readonly instances: Map<string, StoredPoint>;
}

/**
 * The last two points of every series the engine was given, indexed object|counter → cluster|node → instance,
 * so a rule finds its series with two map lookups (10,000 rules in a few ms; test/bench/alertsBench.ts).
 */
export class SeriesStore {
  readonly #bySeries = new Map<string, Map<string, NodeSeries>>();

  /** Adds samples; an older or same-time sample than the stored one is ignored (out of order). */
  ingest(samples: readonly Sample[]): void {
    for (const s of samples) {
      const sid = seriesId(s.object, s.counter);
      let nodes = this.#bySeries.get(sid);
      if (!nodes) this.#bySeries.set(sid, (nodes = new Map()));
      const nk = nodeKey(s.cluster, s.node);
      let ns = nodes.get(nk);
      if (!ns) nodes.set(nk, (ns = { cluster: s.cluster, node: s.node, instances: new Map() }));
      const p = ns.instances.get(s.instance);
      if (!p) ns.instances.set(s.instance, { value: s.value, ts: s.ts });
      else if (s.ts > p.ts) {
        p.prevValue = p.value;
        p.prevTs = p.ts;
        p.value = s.value;
        p.ts = s.ts;
      }
    }
  }

  /** The nodes that have series of object|counter. */
  nodesOf(sid: string): Iterable<NodeSeries> {
    return this.#bySeries.get(sid)?.values() ?? [];
  }

  /** The nodes that have series of object|counter, by cluster|node (live: the store only ever adds to it). */
  nodeMap(sid: string): ReadonlyMap<string, NodeSeries> | undefined {
    return this.#bySeries.get(sid);
  }

  /** One point, if known. */
  point(sid: string, cluster: string, node: string, instance: string): StoredPoint | undefined {
    return this.#bySeries.get(sid)?.get(nodeKey(cluster, node))?.instances.get(instance);
  }

  /** Number of series held. */
  get size(): number {
    let n = 0;
    for (const nodes of this.#bySeries.values()) for (const ns of nodes.values()) n += ns.instances.size;
    return n;
  }
}
