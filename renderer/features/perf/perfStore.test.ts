import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CsvExportQuery } from '../../../shared/ipc/contract.js';
import type { Sample } from '../../../shared/model/sample.js';
import type { PerfLayout, PerfObjectInfo, SeriesData, SeriesQuery, SeriesRef, WatchRequest } from '../../../shared/model/views.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure, type FakeBridge } from '../../ipc/testing.js';
import { RANGES_MS, TABLE_TITLE_PREFIX } from './perfLimits.js';
import { panelWindow, usePerfStore } from './perfStore.js';

const initial = usePerfStore.getState();
const ref = (node: string, counter = '% Mem Used', object = 'Memory'): SeriesRef => ({ cluster: 'c1', node, object, instance: '', counter });
const sample = (r: SeriesRef, ts: number, value: number): Sample => ({ ...r, ts, value, source: 'perfmon' });

/** A perf API that answers every series with one point at `t`, and numbers its watches. */
function perfApi(t = Date.now() - 1000) {
  const watches: WatchRequest[] = [];
  const unwatched: string[] = [];
  const queries: SeriesQuery[] = [];
  return {
    watches,
    unwatched,
    queries,
    api: {
      watch: async (w: WatchRequest) => {
        watches.push(w);
        return `w${watches.length}`;
      },
      unwatch: async (id: string) => void unwatched.push(id),
      query: async (q: SeriesQuery): Promise<SeriesData[]> => {
        queries.push(q);
        return q.series.map((s) => ({ series: s, points: [[t, 42]], resolution: 'raw' }));
      },
    },
  };
}

let bridge: FakeBridge;
beforeEach(() => usePerfStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('perfStore objects and instances', () => {
  it('loadObjects: loading, then the objects of that node; instances reset', async () => {
    const answer = deferred<PerfObjectInfo[]>();
    bridge = createFakeBridge({ perf: { listObjects: () => answer.promise } });
    setBridgeForTesting(bridge);
    usePerfStore.setState({ instances: { Processor: ['_Total'] } });
    const done = usePerfStore.getState().loadObjects('c1', 'imp1');
    expect(usePerfStore.getState()).toMatchObject({ objectsLoad: { kind: 'loading' }, objectsNode: 'c1|imp1', instances: {} });
    answer.resolve([{ name: 'Memory', multiInstance: false, counters: [{ name: '% Mem Used' }] }]);
    await done;
    expect(usePerfStore.getState().objectsLoad.kind).toBe('ready');
    expect(usePerfStore.getState().objects.map((o) => o.name)).toEqual(['Memory']);
    expect(bridge.calls[0]).toEqual({ name: 'perf.listObjects', args: ['c1', 'imp1'] });
  });

  it('loadObjects: a late answer for a node the user left is dropped; an error shows as objectsLoad error', async () => {
    const slow = deferred<PerfObjectInfo[]>();
    setBridgeForTesting(createFakeBridge({ perf: { listObjects: (_c: string, node: string) => (node === 'imp1' ? slow.promise : Promise.resolve([{ name: 'Processor', multiInstance: true, counters: [] }])) } }));
    const late = usePerfStore.getState().loadObjects('c1', 'imp1');
    await usePerfStore.getState().loadObjects('c1', 'imp2');
    slow.resolve([{ name: 'Memory', multiInstance: false, counters: [] }]);
    await late;
    expect(usePerfStore.getState().objects.map((o) => o.name)).toEqual(['Processor']);

    setBridgeForTesting(createFakeBridge({ perf: { listObjects: async () => { throw ipcFailure('POLL_RATE_LIMIT', 'SOAP budget spent', true); } } }));
    await usePerfStore.getState().loadObjects('c1', 'imp1');
    expect(usePerfStore.getState().objectsLoad).toEqual({ kind: 'error', error: { code: 'POLL_RATE_LIMIT', message: 'SOAP budget spent', retryable: true } });
  });

  it('loadInstances keeps the instances per object; an error is the actionError', async () => {
    setBridgeForTesting(createFakeBridge({ perf: { listInstances: async (_c: string, _n: string, object: string) => (object === 'Processor' ? ['_Total', '0', '1'] : []) } }));
    await usePerfStore.getState().loadInstances('c1', 'imp1', 'Processor');
    expect(usePerfStore.getState().instances).toEqual({ Processor: ['_Total', '0', '1'] });
    setBridgeForTesting(createFakeBridge({}));
    await usePerfStore.getState().loadInstances('c1', 'imp1', 'Partition');
    expect(usePerfStore.getState().actionError?.code).toBe('NOT_FOUND');
  });
});

describe('perfStore panels', () => {
  it('addSeries to a new panel: watches its counters at the default rate, queries the range, and shows the points', async () => {
    const perf = perfApi();
    setBridgeForTesting(createFakeBridge({ perf: perf.api }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    const [panel] = usePerfStore.getState().panels;
    expect(panel).toMatchObject({ title: 'Memory', kind: 'chart', intervalSec: 10, watchId: 'w1', load: { kind: 'ready' } });
    expect(panel!.series.map((s) => s.points)).toEqual([[[expect.any(Number), 42]]]);
    expect(perf.watches[0]).toMatchObject({ series: [ref('imp1')], intervalSec: 10 });
    expect(perf.queries[0]!.toMs - perf.queries[0]!.fromMs).toBe(RANGES_MS['10m']);
  });

  it('addSeries to an existing panel re-watches both series and ignores a series already there', async () => {
    const perf = perfApi();
    setBridgeForTesting(createFakeBridge({ perf: perf.api }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    const id = usePerfStore.getState().panels[0]!.id;
    await usePerfStore.getState().addSeries(ref('imp2'), { panelId: id });
    expect(perf.unwatched).toEqual(['w1']);
    expect(perf.watches[1]).toMatchObject({ series: [ref('imp1'), ref('imp2')] });
    expect(usePerfStore.getState().panels[0]!.series.map((s) => s.ref.node)).toEqual(['imp1', 'imp2']);
    await usePerfStore.getState().addSeries(ref('imp2'), { panelId: id });
    expect(perf.watches.length).toBe(2);
  });

  it('queryPanel: the panel shows loading, then an error from the bridge as its own error state', async () => {
    const perf = perfApi();
    const held = deferred<SeriesData[]>();
    let hold = false;
    setBridgeForTesting(createFakeBridge({ perf: { ...perf.api, query: (q: SeriesQuery) => (hold ? held.promise : perf.api.query(q)) } }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    const id = usePerfStore.getState().panels[0]!.id;
    hold = true;
    const running = usePerfStore.getState().queryPanel(id, 300);
    expect(usePerfStore.getState().panels[0]).toMatchObject({ load: { kind: 'loading' }, maxPoints: 300 });
    held.reject(ipcFailure('VALIDATION', 'perf.query: 0.maxPoints: Too big'));
    await running;
    expect(usePerfStore.getState().panels[0]!.load).toEqual({ kind: 'error', error: { code: 'VALIDATION', message: 'perf.query: 0.maxPoints: Too big', retryable: false } });
  });

  it('a failed watch shows as actionError and the panel still queries its data', async () => {
    const perf = perfApi();
    setBridgeForTesting(createFakeBridge({ perf: { ...perf.api, watch: async () => { throw ipcFailure('VALIDATION', 'perf.watch: 0.intervalSec: Too small'); } } }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'table', title: 'Mem' });
    expect(usePerfStore.getState().actionError).toEqual({ code: 'VALIDATION', message: 'perf.watch: 0.intervalSec: Too small', retryable: false });
    expect(usePerfStore.getState().panels[0]!.load.kind).toBe('ready');
  });

  it('setInterval clamps to the presentation minimum and re-watches; the same rate does nothing', async () => {
    const perf = perfApi();
    setBridgeForTesting(createFakeBridge({ perf: perf.api }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    const id = usePerfStore.getState().panels[0]!.id;
    await usePerfStore.getState().setInterval(id, 1);
    expect(usePerfStore.getState().panels[0]!.intervalSec).toBe(5);
    expect(perf.watches.at(-1)).toMatchObject({ intervalSec: 5 });
    const watchesBefore = perf.watches.length;
    await usePerfStore.getState().setInterval(id, 5);
    expect(perf.watches.length).toBe(watchesBefore);
  });

  it('removePanel unwatches its counters', async () => {
    const perf = perfApi();
    setBridgeForTesting(createFakeBridge({ perf: perf.api }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    await usePerfStore.getState().removePanel(usePerfStore.getState().panels[0]!.id);
    expect(usePerfStore.getState().panels).toEqual([]);
    expect(perf.unwatched).toEqual(['w1']);
  });

  it('setRange re-queries every panel over the new range; zoom freezes a window and resetZoom releases it', async () => {
    const perf = perfApi();
    setBridgeForTesting(createFakeBridge({ perf: perf.api }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    await usePerfStore.getState().setRange('1h');
    expect(perf.queries.at(-1)!.toMs - perf.queries.at(-1)!.fromMs).toBe(RANGES_MS['1h']);
    const id = usePerfStore.getState().panels[0]!.id;
    await usePerfStore.getState().zoom(id, 1000, 5000);
    expect(perf.queries.at(-1)).toMatchObject({ fromMs: 1000, toMs: 5000 });
    expect(panelWindow(usePerfStore.getState().panels[0]!, '1h', 10_000)).toEqual([1000, 5000]);
    const n = perf.queries.length;
    await usePerfStore.getState().zoom(id, 5000, 5000);
    expect(perf.queries.length).toBe(n);
    await usePerfStore.getState().resetZoom();
    expect(usePerfStore.getState().panels[0]!.zoom).toBeUndefined();
    expect(perf.queries.at(-1)!.toMs - perf.queries.at(-1)!.fromMs).toBe(RANGES_MS['1h']);
  });

  it('appendBatch adds live points to panels with that series, not to a zoomed one', async () => {
    const perf = perfApi(Date.now() - 5000);
    setBridgeForTesting(createFakeBridge({ perf: perf.api }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'A' });
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'B' });
    const [a, b] = usePerfStore.getState().panels;
    await usePerfStore.getState().zoom(b!.id, Date.now() - 60_000, Date.now() - 1);
    const now = Date.now();
    usePerfStore.getState().appendBatch([sample(ref('imp1'), now, 7), sample(ref('imp9'), now, 1)]);
    const after = usePerfStore.getState().panels;
    expect(after.find((p) => p.id === a!.id)!.series[0]!.points.at(-1)).toEqual([now, 7]);
    expect(after.find((p) => p.id === b!.id)!.series[0]!.points.some((p) => p[0] === now)).toBe(false);
  });
});

describe('perfStore export and layouts', () => {
  it('exportCsv returns the CSV of the panel range; a failure shows as actionError and returns undefined', async () => {
    const perf = perfApi();
    let asked: CsvExportQuery | undefined;
    let fail = false;
    setBridgeForTesting(createFakeBridge({
      perf: {
        ...perf.api,
        exportCsv: async (q: CsvExportQuery) => {
          if (fail) throw ipcFailure('INTERNAL', 'disk full');
          asked = q;
          return '"(PDH-CSV 4.0)"\n';
        },
      },
    }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    const id = usePerfStore.getState().panels[0]!.id;
    await expect(usePerfStore.getState().exportCsv(id)).resolves.toBe('"(PDH-CSV 4.0)"\n');
    expect(asked?.series).toEqual([ref('imp1')]);
    expect(asked!.toMs - asked!.fromMs).toBe(RANGES_MS['10m']);
    fail = true;
    await expect(usePerfStore.getState().exportCsv(id)).resolves.toBeUndefined();
    expect(usePerfStore.getState().actionError).toEqual({ code: 'INTERNAL', message: 'disk full', retryable: false });
    await expect(usePerfStore.getState().exportCsv('no-such-panel')).resolves.toBeUndefined();
  });

  it('saveLayout stores charts and tables (table title prefix) and reloads the list; deleteLayout removes it', async () => {
    const perf = perfApi();
    let saved: PerfLayout[] = [];
    setBridgeForTesting(createFakeBridge({
      perf: {
        ...perf.api,
        saveLayout: async (l: PerfLayout) => void (saved = [...saved.filter((x) => x.name !== l.name), l]),
        listLayouts: async () => saved,
        deleteLayout: async (name: string) => void (saved = saved.filter((x) => x.name !== name)),
      },
    }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    await usePerfStore.getState().addSeries(ref('imp1', 'CPU Time', 'Processor'), { newPanel: 'table', title: 'CPU' });
    await usePerfStore.getState().saveLayout('NOC wall');
    expect(usePerfStore.getState().layouts.map((l) => l.name)).toEqual(['NOC wall']);
    expect(saved[0]!.charts.map((c) => c.title)).toEqual(['Memory', `${TABLE_TITLE_PREFIX}CPU`]);
    await usePerfStore.getState().deleteLayout('NOC wall');
    expect(usePerfStore.getState().layouts).toEqual([]);
  });

  it('loadLayouts: an error shows as actionError', async () => {
    setBridgeForTesting(createFakeBridge({ perf: { listLayouts: async () => { throw ipcFailure('INTERNAL', 'perf-layouts.json unreadable'); } } }));
    await usePerfStore.getState().loadLayouts();
    expect(usePerfStore.getState().actionError).toEqual({ code: 'INTERNAL', message: 'perf-layouts.json unreadable', retryable: false });
  });

  it('applyLayout replaces the panels (unwatching the old ones), restores tables by their prefix, watches and queries each', async () => {
    const perf = perfApi();
    setBridgeForTesting(createFakeBridge({ perf: perf.api }));
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Old' });
    const layout: PerfLayout = {
      name: 'Saved',
      charts: [
        { title: 'Memory imp2', series: [ref('imp2')], intervalSec: 30 },
        { title: `${TABLE_TITLE_PREFIX}CPU`, series: [ref('imp2', 'CPU Time', 'Processor')], intervalSec: 1 },
      ],
    };
    await usePerfStore.getState().applyLayout(layout);
    const panels = usePerfStore.getState().panels;
    expect(perf.unwatched).toEqual(['w1']);
    expect(panels.map((p) => [p.title, p.kind, p.intervalSec])).toEqual([['Memory imp2', 'chart', 30], ['CPU', 'table', 1]]);
    expect(panels.every((p) => p.watchId && p.load.kind === 'ready')).toBe(true);
    expect(perf.watches.slice(1).map((w) => w.intervalSec)).toEqual([30, 1]);
  });
});
