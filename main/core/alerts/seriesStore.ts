import type { Sample } from '../../../shared/model/sample.js';
import type { SeriesPoint } from './alertEvaluator.js';
import { nodeKey } from './alertKey.js';
import { seriesId } from './ruleRegistry.js';

/** The series of one node for one object|counter: instance → point index in the store's columns. */
export interface NodeSeries {
  readonly cluster: string;
  readonly node: string;
  readonly instances: Map<string, number>;
}

/**
 * The last two points of every series the engine was given, indexed object|counter → cluster|node → instance,
 * so a rule finds its series with two map lookups. The points themselves live in columns (one Float64Array per
 * field, indexed by point number): the engine's per-instance loop reads numbers from a few contiguous arrays
 * instead of chasing an object and its boxed doubles per instance (10,000 rules; test/bench/alertsBench.ts).
 * A missing previous point is NaN.
 */
export class SeriesStore {
  readonly #bySeries = new Map<string, Map<string, NodeSeries>>();
  #count = 0;
  #value = new Float64Array(256);
  #ts = new Float64Array(256);
  #prevValue = new Float64Array(256);
  #prevTs = new Float64Array(256);

  /** Latest value of each point (callers read; replaced when the store grows, so read it per evaluation). */
  get value(): Float64Array {
    return this.#value;
  }

  /** Latest time of each point. */
  get ts(): Float64Array {
    return this.#ts;
  }

  /** The value before the latest (NaN until a second sample). */
  get prevValue(): Float64Array {
    return this.#prevValue;
  }

  /** Adds samples; an older or same-time sample than the stored one is ignored (out of order). */
  ingest(samples: readonly Sample[]): void {
    for (const s of samples) {
      const sid = seriesId(s.object, s.counter);
      let nodes = this.#bySeries.get(sid);
      if (!nodes) this.#bySeries.set(sid, (nodes = new Map()));
      const nk = nodeKey(s.cluster, s.node);
      let ns = nodes.get(nk);
      if (!ns) nodes.set(nk, (ns = { cluster: s.cluster, node: s.node, instances: new Map() }));
      const i = ns.instances.get(s.instance);
      if (i === undefined) ns.instances.set(s.instance, this.#add(s.value, s.ts));
      else if (s.ts > this.#ts[i]!) {
        this.#prevValue[i] = this.#value[i]!;
        this.#prevTs[i] = this.#ts[i]!;
        this.#value[i] = s.value;
        this.#ts[i] = s.ts;
      }
    }
  }

  /** The nodes that have series of object|counter, by cluster|node (live: the store only ever adds to it). */
  nodeMap(sid: string): ReadonlyMap<string, NodeSeries> | undefined {
    return this.#bySeries.get(sid);
  }

  /** One point as an object (for the evaluator's slow path and tests). */
  point(index: number): SeriesPoint {
    const prev = this.#prevValue[index]!;
    return Number.isNaN(prev) && Number.isNaN(this.#prevTs[index]!)
      ? { value: this.#value[index]!, ts: this.#ts[index]! }
      : { value: this.#value[index]!, ts: this.#ts[index]!, prevValue: prev, prevTs: this.#prevTs[index]! };
  }

  /** Number of series held. */
  get size(): number {
    return this.#count;
  }

  #add(value: number, ts: number): number {
    const i = this.#count++;
    if (i === this.#value.length) this.#grow(i * 2);
    this.#value[i] = value;
    this.#ts[i] = ts;
    this.#prevValue[i] = Number.NaN;
    this.#prevTs[i] = Number.NaN;
    return i;
  }

  #grow(capacity: number): void {
    const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    this.#value = grow(this.#value);
    this.#ts = grow(this.#ts);
    this.#prevValue = grow(this.#prevValue);
    this.#prevTs = grow(this.#prevTs);
  }
}
