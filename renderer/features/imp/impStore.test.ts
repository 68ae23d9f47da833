import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Sample } from '../../../shared/model/sample.js';
import type { SeriesData, SeriesQuery } from '../../../shared/model/views.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { ALL_IMP_COUNTERS } from './impCounters.js';
import { impRefs, useImpStore } from './impStore.js';

const initial = useImpStore.getState();
const jsm = (node: string, ts: number, value: number): Sample => ({ cluster: 'c1', node, object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions', value, ts, source: 'perfmon' });

beforeEach(() => useImpStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('impStore', () => {
  it('impRefs: every IM&P counter of every node, single instance', () => {
    const refs = impRefs('c1', ['imp1', 'imp2']);
    expect(refs.length).toBe(2 * ALL_IMP_COUNTERS.length);
    expect(refs[0]).toEqual({ cluster: 'c1', node: 'imp1', object: ALL_IMP_COUNTERS[0]!.object, instance: '', counter: ALL_IMP_COUNTERS[0]!.counter });
    expect(refs.every((r) => r.instance === '')).toBe(true);
  });

  it('loadCounters: loading, then one perf.query for the last hour of every counter, as series in ref order', async () => {
    const answer = deferred<SeriesData[]>();
    let asked: SeriesQuery | undefined;
    const bridge = createFakeBridge({
      perf: {
        query: (q: SeriesQuery) => {
          asked = q;
          return answer.promise;
        },
      },
    });
    setBridgeForTesting(bridge);
    const before = Date.now();
    const done = useImpStore.getState().loadCounters('c1', ['imp1']);
    expect(useImpStore.getState().load.kind).toBe('loading');
    expect(asked?.series).toEqual(impRefs('c1', ['imp1']));
    expect(asked!.toMs - asked!.fromMs).toBe(3_600_000);
    expect(asked!.toMs).toBeGreaterThanOrEqual(before);
    expect(asked!.maxPoints).toBe(120);
    const ref = impRefs('c1', ['imp1']).find((r) => r.counter === 'ActiveJsmSessions')!;
    answer.resolve([{ series: ref, points: [[2000, 12], [1000, 10]], resolution: 'raw' }]);
    await done;
    const s = useImpStore.getState();
    expect(s.load.kind).toBe('ready');
    expect(s.series.length).toBe(ALL_IMP_COUNTERS.length);
    expect(s.series.find((x) => x.ref.counter === 'ActiveJsmSessions')?.points).toEqual([[1000, 10], [2000, 12]]);
    expect(s.series.filter((x) => x.points.length === 0).length).toBe(ALL_IMP_COUNTERS.length - 1);
    expect(bridge.calls.map((c) => c.name)).toEqual(['perf.query']);
  });

  it('loadCounters: no nodes means no call and an empty ready view', async () => {
    const bridge = createFakeBridge({});
    setBridgeForTesting(bridge);
    await useImpStore.getState().loadCounters('c1', []);
    expect(bridge.calls).toEqual([]);
    expect(useImpStore.getState().load.kind).toBe('ready');
    expect(useImpStore.getState().series).toEqual([]);
  });

  it('loadCounters: an error from the bridge becomes the error state; a late answer for a left cluster is dropped', async () => {
    setBridgeForTesting(createFakeBridge({ perf: { query: async () => { throw ipcFailure('VALIDATION', 'perf.query: 0.maxPoints: Too big'); } } }));
    await useImpStore.getState().loadCounters('c1', ['imp1']);
    expect(useImpStore.getState().load).toEqual({ kind: 'error', error: { code: 'VALIDATION', message: 'perf.query: 0.maxPoints: Too big', retryable: false } });

    const slow = deferred<SeriesData[]>();
    setBridgeForTesting(createFakeBridge({ perf: { query: (q: SeriesQuery) => (q.series[0]!.cluster === 'c1' ? slow.promise : Promise.resolve([])) } }));
    const late = useImpStore.getState().loadCounters('c1', ['imp1']);
    await useImpStore.getState().loadCounters('c2', ['impX']);
    slow.reject(ipcFailure('INTERNAL', 'too late'));
    await late;
    expect(useImpStore.getState().cluster).toBe('c2');
    expect(useImpStore.getState().load.kind).toBe('ready');
  });

  it('appendBatch adds live samples of loaded series only, and leaves the state untouched otherwise', async () => {
    setBridgeForTesting(createFakeBridge({ perf: { query: async () => [] } }));
    await useImpStore.getState().loadCounters('c1', ['imp1']);
    const before = useImpStore.getState().series;
    const now = Date.now();
    useImpStore.getState().appendBatch([jsm('imp-other', now, 5)]);
    expect(useImpStore.getState().series).toBe(before);
    useImpStore.getState().appendBatch([jsm('imp1', now, 42)]);
    expect(useImpStore.getState().series.find((x) => x.ref.counter === 'ActiveJsmSessions')?.points).toEqual([[now, 42]]);
  });
});
