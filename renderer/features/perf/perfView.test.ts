/**
 * Performance view defects of issue 10, through the store and the renderer's fake bridge, with every argument the
 * store sends checked by the contract's own validation (as the router does): table panels at 1 s, CSV export
 * without a point cap, the Node picker and the Load-layout select after loading a layout, lazy counter
 * descriptions fetched once per node and counter.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { PerfLayout, SeriesData, SeriesRef } from '../../../shared/model/views.js';
import { IPC_ARGUMENT_PARSERS } from '../../../shared/validation/ipcArguments.js';
import { useAppStore } from '../../app/appStore.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, ipcFailure, type FakeServices } from '../../ipc/testing.js';
import { panelHeading } from './panelTitle.js';
import { pollChoices, RANGES_MS, TABLE_TITLE_PREFIX } from './perfLimits.js';
import { descriptionKey, usePerfStore } from './perfStore.js';

const initialPerf = usePerfStore.getState();
const initialApp = useAppStore.getState();
const ref = (node: string, counter = '% Mem Used', object = 'Memory', cluster = 'c1'): SeriesRef => ({ cluster, node, object, instance: '', counter });

type Perf = DesktopApi['perf'];
/** Wraps perf methods so each call is first validated like the router validates it (VALIDATION otherwise). */
function validated(impl: Partial<Perf>): FakeServices {
  const perf: Record<string, (...a: unknown[]) => Promise<unknown>> = {};
  for (const [method, fn] of Object.entries(impl) as [keyof Perf, (...a: unknown[]) => Promise<unknown>][]) {
    perf[method] = async (...args: unknown[]) => {
      const parsed = (IPC_ARGUMENT_PARSERS.perf[method] as (raw: readonly unknown[]) => { ok: boolean; issues?: string[] })(args);
      if (!parsed.ok) throw ipcFailure('VALIDATION', `perf.${method}: ${parsed.issues?.join('; ')}`);
      return fn(...args);
    };
  }
  return { perf: perf as unknown as Partial<Perf> };
}

const basePerf: Partial<Perf> = {
  watch: async () => 'w',
  unwatch: async () => undefined,
  query: async (q) => q.series.map((s): SeriesData => ({ series: s, points: [[q.toMs - 1000, 1]], resolution: 'raw' })),
  listLayouts: async () => [],
};

beforeEach(() => {
  usePerfStore.setState(initialPerf, true);
  useAppStore.setState(initialApp, true);
});
afterEach(() => setBridgeForTesting(undefined));

describe('Performance view (issue 10)', () => {
  it('a table panel can poll at every rate it offers, down to 1 s, and the watch says it is a table', async () => {
    const bridge = createFakeBridge(validated(basePerf));
    setBridgeForTesting(bridge);
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'table', title: 'Memory' });
    const id = usePerfStore.getState().panels[0]!.id;
    for (const sec of pollChoices('table')) {
      await usePerfStore.getState().setInterval(id, sec);
      expect(usePerfStore.getState().actionError, `table at ${sec} s`).toBeUndefined();
      expect(usePerfStore.getState().panels[0]!.intervalSec).toBe(sec);
    }
    const watches = bridge.calls.filter((c) => c.name === 'perf.watch').map((c) => c.args[0] as { intervalSec: number; kind?: string });
    expect(watches.some((w) => w.intervalSec === 1 && w.kind === 'table')).toBe(true);
  });

  it('exports a 24 h chart without asking for a point count the contract refuses', async () => {
    let asked: unknown;
    setBridgeForTesting(createFakeBridge(validated({ ...basePerf, exportCsv: async (q) => ((asked = q), '"(PDH-CSV 4.0)"\r\n') })));
    await usePerfStore.getState().setRange('24h');
    await usePerfStore.getState().addSeries(ref('imp1'), { newPanel: 'chart', title: 'Memory' });
    const csv = await usePerfStore.getState().exportCsv(usePerfStore.getState().panels[0]!.id);
    expect(usePerfStore.getState().actionError).toBeUndefined();
    expect(csv).toBe('"(PDH-CSV 4.0)"\r\n');
    const q = asked as { fromMs: number; toMs: number; maxPoints?: number };
    expect(q.maxPoints).toBeUndefined();
    expect(q.toMs - q.fromMs).toBeGreaterThanOrEqual(RANGES_MS['24h']);
  });

  it('loading a layout moves the Node picker to the layout\'s node and the Load-layout select shows it', async () => {
    const layout: PerfLayout = {
      name: 'sub2 sessions',
      charts: [{ title: 'Cisco Presence Engine\\ActiveJsmSessions', series: [ref('imp-sub2', 'ActiveJsmSessions', 'Cisco Presence Engine', 'lab')], intervalSec: 10 }],
    };
    const saved: PerfLayout[] = [layout];
    setBridgeForTesting(createFakeBridge(validated({ ...basePerf, listLayouts: async () => saved, saveLayout: async (l) => void saved.push(l), deleteLayout: async (n) => void saved.splice(saved.findIndex((l) => l.name === n), 1) })));
    useAppStore.getState().selectCluster('c1');
    useAppStore.getState().selectNode('imp-pub');
    await usePerfStore.getState().loadLayouts();
    await usePerfStore.getState().applyLayout(layout);
    expect(useAppStore.getState()).toMatchObject({ clusterId: 'lab', node: 'imp-sub2' });
    expect(usePerfStore.getState().loadedLayout).toBe('sub2 sessions');
    // The chart's heading names its node.
    const panel = usePerfStore.getState().panels[0]!;
    expect(panelHeading(panel.title, panel.series)).toBe('imp-sub2 · Cisco Presence Engine\\ActiveJsmSessions');
    await usePerfStore.getState().saveLayout('copy');
    expect(usePerfStore.getState().loadedLayout).toBe('copy');
    await usePerfStore.getState().deleteLayout('copy');
    expect(usePerfStore.getState().loadedLayout).toBeUndefined();
  });

  it('a table layout at 1 s loads as a table at 1 s', async () => {
    const bridge = createFakeBridge(validated(basePerf));
    setBridgeForTesting(bridge);
    await usePerfStore.getState().applyLayout({ name: 't', charts: [{ title: `${TABLE_TITLE_PREFIX}Memory`, series: [ref('imp1')], intervalSec: 1 }] });
    expect(usePerfStore.getState().panels[0]).toMatchObject({ kind: 'table', intervalSec: 1 });
    expect(usePerfStore.getState().actionError).toBeUndefined();
  });

  it('fetches a counter description once per node and counter; a failure is shown and asked again later', async () => {
    let asks = 0;
    let fail = true;
    setBridgeForTesting(
      createFakeBridge(
        validated({
          describeCounter: async (q) => {
            asks++;
            if (q.node === 'imp2' && fail) throw ipcFailure('POLL_RATE_LIMIT', 'budget spent', true);
            return `${q.object}\\${q.counter} on ${q.node}`;
          },
        }),
      ),
    );
    const s = () => usePerfStore.getState();
    await Promise.all([s().loadDescription('c1', 'imp1', 'Memory', '% Mem Used'), s().loadDescription('c1', 'imp1', 'Memory', '% Mem Used')]);
    await s().loadDescription('c1', 'imp1', 'Memory', '% Mem Used');
    expect(asks).toBe(1);
    expect(s().descriptions[descriptionKey('c1', 'imp1', 'Memory', '% Mem Used')]).toEqual({ text: 'Memory\\% Mem Used on imp1' });
    await s().loadDescription('c1', 'imp2', 'Memory', '% Mem Used');
    expect(s().descriptions[descriptionKey('c1', 'imp2', 'Memory', '% Mem Used')]?.error).toMatchObject({ code: 'POLL_RATE_LIMIT' });
    fail = false;
    await s().loadDescription('c1', 'imp2', 'Memory', '% Mem Used');
    expect(s().descriptions[descriptionKey('c1', 'imp2', 'Memory', '% Mem Used')]).toEqual({ text: 'Memory\\% Mem Used on imp2' });
    expect(asks).toBe(3);
  });
});

describe('panel headings name the node', () => {
  it.each([
    ['Memory\\% Mem Used', ['imp-pub'], 'imp-pub · Memory\\% Mem Used'],
    ['Memory\\% Mem Used', ['imp-pub', 'imp-sub1', 'imp-pub'], 'imp-pub, imp-sub1 · Memory\\% Mem Used'],
    ['imp-pub memory', ['imp-pub'], 'imp-pub memory'],
  ] as const)('%s on %j → %s', (title, nodes, heading) => {
    expect(panelHeading(title, nodes.map((n) => ({ ref: ref(n) })))).toBe(heading);
  });
});
