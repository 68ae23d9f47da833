/**
 * IM and Presence view data: the last hour of every IM&P counter per IM&P node (`perf.query`), refreshed by
 * live samples. The OVA of each node comes with the node (NodeStatus.ova, issue 15; see nodeOva.ts): no
 * browser-kept choice any more.
 */
import { create } from 'zustand';
import type { Sample } from '../../../shared/model/sample.js';
import type { SeriesRef } from '../../../shared/model/views.js';
import { toErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { appendSamples, fromSeriesData, type LiveSeries } from '../../charts/toSeries.js';
import { call } from '../../ipc/api.js';
import { ALL_IMP_COUNTERS } from './impCounters.js';

const WINDOW_MS = 3_600_000;

/** State and actions of the IM&P store. */
export interface ImpState {
  readonly series: readonly LiveSeries[];
  readonly load: LoadState;
  readonly cluster?: string;
  loadCounters(cluster: string, nodes: readonly string[], quiet?: boolean): Promise<void>;
  appendBatch(samples: readonly Sample[]): void;
}

/** Returns the series refs of every IM&P counter of the nodes. */
export function impRefs(cluster: string, nodes: readonly string[]): SeriesRef[] {
  return nodes.flatMap((node) => ALL_IMP_COUNTERS.map((c) => ({ cluster, node, object: c.object, instance: '', counter: c.counter })));
}

/** The IM&P store (zustand). */
export const useImpStore = create<ImpState>()((set, get) => ({
  series: [],
  load: IDLE,
  async loadCounters(cluster, nodes, quiet = false) {
    if (!quiet || get().cluster !== cluster) set({ load: LOADING, cluster });
    try {
      const refs = impRefs(cluster, nodes);
      const now = Date.now();
      const data = refs.length ? await call('perf', 'query', { series: refs, fromMs: now - WINDOW_MS, toMs: now, maxPoints: 120 }) : [];
      if (get().cluster === cluster) set({ series: fromSeriesData(refs, data), load: READY });
    } catch (err) {
      if (get().cluster === cluster) set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  appendBatch(samples) {
    const series = appendSamples(get().series, samples, Date.now() - WINDOW_MS);
    if (series !== get().series) set({ series });
  },
}));
