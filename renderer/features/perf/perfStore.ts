/**
 * Performance view: browse perfmon objects/counters/instances per node, panels (charts or tables) of series
 * with their own polling rate, zoom, save/load layouts and CSV export. Data comes from `perf.query` (≤ maxPoints
 * per series = chart width) and live `onDidAppendSamples` after `perf.watch`.
 */
import { create } from 'zustand';
import type { Sample } from '../../../shared/model/sample.js';
import type { PerfLayout, PerfObjectInfo, SeriesRef } from '../../../shared/model/views.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { appendSamples, fromSeriesData, refKey, type LiveSeries } from '../../charts/toSeries.js';
import { call } from '../../ipc/api.js';
import { useAppStore } from '../../app/appStore.js';
import { clampPollSec, DEFAULT_POLL_SEC, RANGES_MS, TABLE_TITLE_PREFIX, type PerfPanelKind, type RangeName } from './perfLimits.js';

/** One chart or table of the Performance view. */
export interface PerfPanel {
  readonly id: string;
  readonly title: string;
  readonly kind: PerfPanelKind;
  readonly series: readonly LiveSeries[];
  readonly intervalSec: number;
  readonly watchId?: string;
  readonly zoom?: readonly [number, number];
  readonly load: LoadState;
  readonly maxPoints: number;
}

/** State and actions of the performance store. */
export interface PerfState {
  readonly objects: readonly PerfObjectInfo[];
  readonly objectsLoad: LoadState;
  readonly objectsNode?: string;
  readonly instances: Readonly<Record<string, readonly string[]>>;
  readonly panels: readonly PerfPanel[];
  readonly range: RangeName;
  readonly layouts: readonly PerfLayout[];
  /** The layout last loaded or saved: the Load-layout select shows it. */
  readonly loadedLayout?: string;
  /** Counter descriptions by descriptionKey(): the text, or why it could not be fetched. */
  readonly descriptions: Readonly<Record<string, { readonly text?: string; readonly error?: ErrorInfo; readonly loading?: boolean }>>;
  readonly actionError?: ErrorInfo;
  loadObjects(cluster: string, node: string): Promise<void>;
  loadInstances(cluster: string, node: string, object: string): Promise<void>;
  addSeries(ref: SeriesRef, target: { panelId: string } | { newPanel: PerfPanelKind; title: string }): Promise<void>;
  removePanel(panelId: string): Promise<void>;
  setInterval(panelId: string, seconds: number): Promise<void>;
  setRange(range: RangeName): Promise<void>;
  queryPanel(panelId: string, maxPoints?: number): Promise<void>;
  zoom(panelId: string, fromMs: number, toMs: number): Promise<void>;
  resetZoom(panelId?: string): Promise<void>;
  appendBatch(samples: readonly Sample[]): void;
  exportCsv(panelId: string): Promise<string | undefined>;
  saveLayout(name: string): Promise<void>;
  loadLayouts(): Promise<void>;
  applyLayout(layout: PerfLayout): Promise<void>;
  deleteLayout(name: string): Promise<void>;
  /** Fetches a counter's description once (the backend asks the node within its SOAP budget and caches it). */
  loadDescription(cluster: string, node: string, object: string, counter: string): Promise<void>;
}

/** The key of a counter description: one per cluster, node, object and counter. */
export function descriptionKey(cluster: string, node: string, object: string, counter: string): string {
  return [cluster, node, object, counter].join('\u0000');
}

let nextPanel = 1;

/** Returns the time window a panel shows now: its zoom or the last `range`. */
export function panelWindow(panel: Pick<PerfPanel, 'zoom'>, range: RangeName, nowMs: number): readonly [number, number] {
  return panel.zoom ?? [nowMs - RANGES_MS[range], nowMs];
}

/** The performance store (zustand). */
export const usePerfStore = create<PerfState>()((set, get) => {
  const patch = (id: string, change: Partial<PerfPanel>): void =>
    set({ panels: get().panels.map((p) => (p.id === id ? { ...p, ...change } : p)) });
  const find = (id: string): PerfPanel | undefined => get().panels.find((p) => p.id === id);

  async function rewatch(panel: PerfPanel): Promise<void> {
    if (panel.watchId) await call('perf', 'unwatch', panel.watchId).catch(() => undefined);
    if (panel.series.length === 0) return patch(panel.id, { watchId: undefined });
    const watchId = await call('perf', 'watch', { series: panel.series.map((s) => s.ref), intervalSec: panel.intervalSec, kind: panel.kind });
    patch(panel.id, { watchId });
  }
  async function guarded(work: () => Promise<void>): Promise<void> {
    set({ actionError: undefined });
    try {
      await work();
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
    }
  }

  return {
    objects: [],
    objectsLoad: IDLE,
    instances: {},
    panels: [],
    range: '10m',
    layouts: [],
    descriptions: {},
    async loadObjects(cluster, node) {
      set({ objectsLoad: LOADING, objectsNode: `${cluster}|${node}`, instances: {} });
      try {
        const objects = await call('perf', 'listObjects', cluster, node);
        if (get().objectsNode === `${cluster}|${node}`) set({ objects, objectsLoad: READY });
      } catch (err) {
        set({ objectsLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    async loadInstances(cluster, node, object) {
      await guarded(async () => {
        const list = await call('perf', 'listInstances', cluster, node, object);
        set({ instances: { ...get().instances, [object]: list } });
      });
    },
    async addSeries(ref, target) {
      let id: string;
      if ('panelId' in target) {
        id = target.panelId;
        const panel = find(id);
        if (!panel || panel.series.some((s) => s.key === refKey(ref))) return;
        patch(id, { series: [...panel.series, { ref, key: refKey(ref), points: [] }] });
      } else {
        id = `p${nextPanel++}`;
        const panel: PerfPanel = {
          id,
          title: target.title,
          kind: target.newPanel,
          series: [{ ref, key: refKey(ref), points: [] }],
          intervalSec: clampPollSec(DEFAULT_POLL_SEC, target.newPanel),
          load: IDLE,
          maxPoints: 600,
        };
        set({ panels: [...get().panels, panel] });
      }
      await guarded(async () => {
        const panel = find(id);
        if (panel) await rewatch(panel);
      });
      await get().queryPanel(id);
    },
    async removePanel(panelId) {
      const panel = find(panelId);
      set({ panels: get().panels.filter((p) => p.id !== panelId) });
      if (panel?.watchId) await guarded(() => call('perf', 'unwatch', panel.watchId as string));
    },
    async setInterval(panelId, seconds) {
      const panel = find(panelId);
      if (!panel) return;
      const intervalSec = clampPollSec(seconds, panel.kind);
      if (intervalSec === panel.intervalSec) return;
      patch(panelId, { intervalSec });
      await guarded(async () => {
        const updated = find(panelId);
        if (updated) await rewatch(updated);
      });
    },
    async setRange(range) {
      set({ range });
      await Promise.all(get().panels.map((p) => get().queryPanel(p.id)));
    },
    async queryPanel(panelId, maxPoints) {
      const panel = find(panelId);
      if (!panel || panel.series.length === 0) return;
      const points = Math.max(10, Math.floor(maxPoints ?? panel.maxPoints));
      const [fromMs, toMs] = panelWindow(panel, get().range, Date.now());
      patch(panelId, { load: LOADING, maxPoints: points });
      try {
        const refs = panel.series.map((s) => s.ref);
        const data = await call('perf', 'query', { series: refs, fromMs, toMs, maxPoints: points });
        const current = find(panelId);
        if (!current) return;
        // Keep live points newer than the answer (they arrived while the query ran).
        const fresh = fromSeriesData(refs, data).map((s) => {
          const live = current.series.find((c) => c.key === s.key)?.points ?? [];
          const last = s.points.at(-1)?.[0] ?? -Infinity;
          return { ...s, points: [...s.points, ...live.filter((p) => p[0] > last)] };
        });
        patch(panelId, { series: fresh, load: READY });
      } catch (err) {
        patch(panelId, { load: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    async zoom(panelId, fromMs, toMs) {
      if (!(toMs > fromMs)) return;
      patch(panelId, { zoom: [fromMs, toMs] });
      await get().queryPanel(panelId);
    },
    async resetZoom(panelId) {
      const ids = panelId ? [panelId] : get().panels.filter((p) => p.zoom).map((p) => p.id);
      for (const id of ids) patch(id, { zoom: undefined });
      await Promise.all(ids.map((id) => get().queryPanel(id)));
    },
    appendBatch(samples) {
      const { panels, range } = get();
      if (panels.length === 0 || samples.length === 0) return;
      const keepFrom = Date.now() - RANGES_MS[range];
      let changed = false;
      const next = panels.map((p) => {
        if (p.zoom) return p; // a zoomed panel is a frozen window
        const series = appendSamples(p.series, samples, keepFrom);
        if (series === p.series) return p;
        changed = true;
        return { ...p, series };
      });
      if (changed) set({ panels: next });
    },
    async exportCsv(panelId) {
      const panel = find(panelId);
      if (!panel) return undefined;
      const [fromMs, toMs] = panelWindow(panel, get().range, Date.now());
      let csv: string | undefined;
      await guarded(async () => {
        // The whole range at full resolution: the backend pages through storage, so there is no point count to ask.
        csv = await call('perf', 'exportCsv', { series: panel.series.map((s) => s.ref), fromMs: Math.floor(fromMs), toMs: Math.ceil(toMs) });
      });
      return csv;
    },
    async saveLayout(name) {
      const layout: PerfLayout = {
        name,
        charts: get().panels.map((p) => ({
          title: p.kind === 'table' ? `${TABLE_TITLE_PREFIX}${p.title}` : p.title,
          series: p.series.map((s) => s.ref),
          intervalSec: p.intervalSec,
        })),
      };
      await guarded(async () => {
        await call('perf', 'saveLayout', layout);
        set({ loadedLayout: name });
        await get().loadLayouts();
      });
    },
    async deleteLayout(name) {
      await guarded(async () => {
        await call('perf', 'deleteLayout', name);
        if (get().loadedLayout === name) set({ loadedLayout: undefined });
        await get().loadLayouts();
      });
    },
    async loadDescription(cluster, node, object, counter) {
      const key = descriptionKey(cluster, node, object, counter);
      const known = get().descriptions[key];
      if (known && (known.loading || known.text !== undefined)) return;
      set({ descriptions: { ...get().descriptions, [key]: { loading: true } } });
      let entry: { text?: string; error?: ErrorInfo };
      try {
        entry = { text: await call('perf', 'describeCounter', { cluster, node, object, counter }) };
      } catch (err) {
        entry = { error: toErrorInfo(err) };
      }
      set({ descriptions: { ...get().descriptions, [key]: entry } });
    },
    async loadLayouts() {
      await guarded(async () => set({ layouts: await call('perf', 'listLayouts') }));
    },
    async applyLayout(layout) {
      for (const p of get().panels) await get().removePanel(p.id);
      const panels: PerfPanel[] = layout.charts.map((c) => {
        const kind: PerfPanelKind = c.title.startsWith(TABLE_TITLE_PREFIX) ? 'table' : 'chart';
        return {
          id: `p${nextPanel++}`,
          title: kind === 'table' ? c.title.slice(TABLE_TITLE_PREFIX.length) : c.title,
          kind,
          series: c.series.map((ref) => ({ ref, key: refKey(ref), points: [] })),
          intervalSec: clampPollSec(c.intervalSec, kind),
          load: IDLE,
          maxPoints: 600,
        };
      });
      set({ panels, loadedLayout: layout.name });
      // The Node picker follows the layout: it shows the node of the first series (and its cluster), so the
      // counter browser and the charts speak of the same node.
      const first = layout.charts.flatMap((c) => c.series)[0];
      if (first) {
        const app = useAppStore.getState();
        app.selectCluster(first.cluster);
        app.selectNode(first.node);
      }
      await guarded(async () => {
        for (const p of panels) await rewatch(p);
      });
      await Promise.all(panels.map((p) => get().queryPanel(p.id)));
    },
  };
});
