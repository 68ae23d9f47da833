/**
 * React hook: the last hour of CPU (Processor _Total % CPU Time) and memory (Memory % Mem Used) of nodes from
 * `perf.query`, refreshed every 30 s (RTMT's precanned polling, serviceability-reference.md A.2); every 5 s while
 * nothing is stored yet (a freshly started backend), so the charts fill with the first collected samples.
 */
import { useState } from 'react';
import type { SeriesRef } from '../../../shared/model/views.js';
import { usePolling } from '../../app/usePolling.js';
import { fromSeriesData, type LiveSeries } from '../../charts/toSeries.js';
import { call } from '../../ipc/api.js';

/** Window of the history charts. */
export const HISTORY_MS = 3_600_000;

/** Returns CPU and memory series per node (same order as `nodes`). */
export function useNodeHistory(cluster: string | undefined, nodes: readonly string[], maxPoints = 300): { cpu: LiveSeries[]; memory: LiveSeries[]; toMs: number } {
  const [state, setState] = useState<{ cpu: LiveSeries[]; memory: LiveSeries[]; toMs: number }>({ cpu: [], memory: [], toMs: Date.now() });
  usePolling(
    async () => {
      if (!cluster || nodes.length === 0) return;
      const cpuRefs: SeriesRef[] = nodes.map((node) => ({ cluster, node, object: 'Processor', instance: '_Total', counter: '% CPU Time' }));
      const memRefs: SeriesRef[] = nodes.map((node) => ({ cluster, node, object: 'Memory', instance: '', counter: '% Mem Used' }));
      const toMs = Date.now();
      try {
        const data = await call('perf', 'query', { series: [...cpuRefs, ...memRefs], fromMs: toMs - HISTORY_MS, toMs, maxPoints });
        setState({ cpu: fromSeriesData(cpuRefs, data), memory: fromSeriesData(memRefs, data), toMs });
      } catch {
        // The big numbers show the error state; the charts just stay empty.
      }
    },
    hasData(state) ? 30_000 : 5_000,
    [cluster, nodes.join(',')],
  );
  return state;
}

function hasData(s: { readonly cpu: readonly LiveSeries[]; readonly memory: readonly LiveSeries[] }): boolean {
  return [...s.cpu, ...s.memory].some((series) => series.points.length > 0);
}
