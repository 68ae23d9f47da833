/**
 * The vital signs of each node on the cluster overview (the NOC wall screen): CPU and memory from `nodes.system`,
 * and from `perf.query` the last half hour of CPU as a trend and, on IM&P nodes, the Presence Engine's active JSM
 * sessions (the users the node serves; guide L1443-1453). Pure functions of what those calls return.
 */
import type { NodeStatus } from '../../../shared/model/cluster.js';
import type { NodeSystemSummary, SeriesData, SeriesRef } from '../../../shared/model/views.js';

/** How far back the CPU trend of a tile reaches, and how many points it has at most. */
export const TREND_MS = 30 * 60_000;
export const TREND_POINTS = 60;

/** One node's vital signs; a field is undefined until it has been collected. */
export interface NodeVitals {
  readonly cpuPercent?: number;
  readonly memoryUsedPercent?: number;
  /** Cisco Presence Engine \ ActiveJsmSessions, latest point (IM&P nodes only). */
  readonly jsmSessions?: number;
  /** Processor _Total % CPU Time over {@link TREND_MS}: [time ms, value], oldest first. */
  readonly cpuTrend: readonly (readonly [number, number])[];
}

/** Key of a node in the vitals map. */
export function vitalsKey(cluster: string, node: string): string {
  return `${cluster}|${node}`;
}

/** The series the overview asks for: CPU of every node, active JSM sessions of the IM&P nodes. */
export function vitalsSeries(cluster: string, nodes: readonly Pick<NodeStatus, 'name' | 'role'>[]): SeriesRef[] {
  const cpu = nodes.map((n): SeriesRef => ({ cluster, node: n.name, object: 'Processor', instance: '_Total', counter: '% CPU Time' }));
  const jsm = nodes.filter((n) => n.role === 'imp-publisher' || n.role === 'imp-subscriber').map((n): SeriesRef => ({ cluster, node: n.name, object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions' }));
  return [...cpu, ...jsm];
}

/** Combines the system summaries and the queried series into vitals per node ({@link vitalsKey}). */
export function vitalsByNode(system: readonly NodeSystemSummary[], data: readonly SeriesData[]): Map<string, NodeVitals> {
  const out = new Map<string, { cpuPercent?: number; memoryUsedPercent?: number; jsmSessions?: number; cpuTrend: readonly (readonly [number, number])[] }>();
  const entry = (cluster: string, node: string) => {
    const k = vitalsKey(cluster, node);
    let v = out.get(k);
    if (!v) out.set(k, (v = { cpuTrend: [] }));
    return v;
  };
  for (const s of system) {
    const v = entry(s.cluster, s.node);
    if (s.cpuPercent !== undefined) v.cpuPercent = s.cpuPercent;
    if (s.memoryUsedPercent !== undefined) v.memoryUsedPercent = s.memoryUsedPercent;
  }
  for (const d of data) {
    const v = entry(d.series.cluster, d.series.node);
    if (d.series.object === 'Processor') {
      v.cpuTrend = d.points;
      // A fresh summary may lag the stored series by a poll: fall back to the last stored point.
      if (v.cpuPercent === undefined && d.points.length > 0) v.cpuPercent = d.points[d.points.length - 1]![1];
    } else if (d.series.counter === 'ActiveJsmSessions' && d.points.length > 0) v.jsmSessions = d.points[d.points.length - 1]![1];
  }
  return out;
}
