/**
 * React hook: the vital signs of every node of every monitored cluster (overviewVitals.ts), refreshed every 10 s
 * as the System Summary's numbers are. A cluster whose calls fail keeps its last vitals: the tiles' reachability
 * and the alarms already say what is wrong.
 */
import { useState } from 'react';
import type { ClusterSummary } from '../../../shared/model/cluster.js';
import { usePolling } from '../../app/usePolling.js';
import { call } from '../../ipc/api.js';
import { TREND_MS, TREND_POINTS, vitalsByNode, vitalsSeries, type NodeVitals } from './overviewVitals.js';

/** Refresh interval of the overview's vitals. */
export const VITALS_REFRESH_MS = 10_000;

/** Returns the vitals by node (key: vitalsKey(cluster, node)). */
export function useOverviewVitals(clusters: readonly ClusterSummary[]): ReadonlyMap<string, NodeVitals> {
  const [vitals, setVitals] = useState<ReadonlyMap<string, NodeVitals>>(new Map());
  const shape = clusters.map((c) => `${c.id}:${c.nodes.map((n) => n.name).join(',')}`).join(';');
  usePolling(
    async () => {
      const toMs = Date.now();
      const parts = await Promise.all(
        clusters.map(async (c) => {
          try {
            const [system, data] = await Promise.all([call('nodes', 'system', c.id), call('perf', 'query', { series: vitalsSeries(c.id, c.nodes), fromMs: toMs - TREND_MS, toMs, maxPoints: TREND_POINTS })]);
            return { id: c.id, vitals: vitalsByNode(system, data) };
          } catch {
            return { id: c.id, vitals: undefined };
          }
        }),
      );
      setVitals((prev) => {
        const next = new Map<string, NodeVitals>();
        for (const p of parts) {
          const source = p.vitals ?? new Map([...prev].filter(([k]) => k.startsWith(`${p.id}|`)));
          for (const [k, v] of source) next.set(k, v);
        }
        return next;
      });
    },
    VITALS_REFRESH_MS,
    [shape],
    clusters.length > 0,
  );
  return vitals;
}
