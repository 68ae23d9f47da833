/**
 * perfmon/: RTMT's Performance view over the nodes' PerfmonService: counter and instance lists, counter help texts
 * (counterDescriptions.ts), charts from the history, live chart watches (perfWatches.ts), CSV export and saved
 * layouts (perfLayoutStore.ts); perfService.ts serves them as DesktopApi['perf'].
 */
import type { CounterDescriptionQuery, CsvExportQuery, DesktopApi } from '../../../shared/ipc/contract.js';
import { seriesKey } from '../../../shared/model/sample.js';
import type { PerfLayout, PerfObjectInfo, SeriesData, SeriesQuery, WatchRequest } from '../../../shared/model/views.js';
import type { NodeRuntime } from '../collector/nodeRuntime.js';
import { exportPerfmonCsv } from '../export/perfmonCsv.js';
import type { SampleStore } from '../storage/storage.js';
import { CounterDescriptions } from './counterDescriptions.js';
import type { PerfLayoutStore } from './perfLayoutStore.js';
import type { PerfWatches } from './perfWatches.js';

/** What the perf service is built from. */
export interface PerfServiceDeps {
  /** A node of a cluster; throws AppError NOT_FOUND for an unknown one. */
  readonly node: (cluster: string, node: string) => NodeRuntime;
  /** The history the charts and the CSV export read. */
  readonly store: SampleStore;
  readonly watches: Pick<PerfWatches, 'watch' | 'unwatch'>;
  /** Saved Performance layouts (a file in the state folder). */
  readonly layouts: Pick<PerfLayoutStore, 'save' | 'list' | 'remove'>;
}

/** DesktopApi['perf']: counters of a node, chart series, watches, CSV export, counter help and saved layouts. */
export function createPerfService(d: PerfServiceDeps): DesktopApi['perf'] {
  // Counter help texts, fetched once per node + counter through the node's SOAP budget.
  const descriptions = new CounterDescriptions((cluster, name) => d.node(cluster, name).perfmon);
  return {
    listObjects: async (cluster: string, name: string): Promise<PerfObjectInfo[]> => {
      const r = await d.node(cluster, name).perfmon.listCounters();
      if (!r.ok) throw r.error;
      return r.value.map((o) => ({ name: o.name, multiInstance: o.multiInstance, counters: o.counters.map((c) => ({ name: c })) }));
    },
    listInstances: async (cluster: string, name: string, object: string): Promise<string[]> => {
      const r = await d.node(cluster, name).perfmon.listInstances(object);
      if (!r.ok) throw r.error;
      return r.value;
    },
    query: async (q: SeriesQuery): Promise<SeriesData[]> => {
      const keys = q.series.map((s) => seriesKey(s));
      const results = d.store.query(keys, q.fromMs, q.toMs, q.maxPoints);
      return q.series.map((series, i) => {
        const r = results.find((x) => x.key === keys[i]);
        const points = r?.points ?? [];
        return { series, resolution: r?.resolution ?? 'raw', points: points.map((p) => [p.ts, p.avg] as const), min: points.map((p) => p.min), max: points.map((p) => p.max) };
      });
    },
    watch: async (req: WatchRequest) => d.watches.watch(req),
    unwatch: async (id: string) => d.watches.unwatch(id),
    // The chart's range at full resolution, read from storage page by page (no point cap: issue 10).
    exportCsv: async (q: CsvExportQuery) => exportPerfmonCsv(d.store, q.series.map((s) => seriesKey(s)), q.fromMs, q.toMs),
    describeCounter: (q: CounterDescriptionQuery) => descriptions.describe(q),
    saveLayout: (layout: PerfLayout) => d.layouts.save(layout),
    listLayouts: async () => d.layouts.list(),
    deleteLayout: (name: string) => d.layouts.remove(name),
  };
}
