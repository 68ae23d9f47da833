import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report, ReportRunInfo, SessionReport } from '../../../shared/model/reports.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge } from '../../ipc/testing.js';
import { compareRows } from './compare/compareRows.js';
import { shownRunId, upsertRun, useReportsStore } from './reportsStore.js';

const initial = useReportsStore.getState();
const run = (id: string, startedAtMs: number, state: ReportRunInfo['state'] = 'done', kind: ReportRunInfo['kind'] = 'sessions'): ReportRunInfo => ({
  id,
  kind,
  clusters: ['c1'],
  options: {},
  state,
  startedAtMs,
  ...(state === 'running' ? {} : { finishedAtMs: startedAtMs + 5 }),
  progress: { done: state === 'running' ? 1 : 3, total: 3, step: 'imp-pub' },
  requests: [],
});
const totals = (sessions: number) => ({ usersLoggedIn: sessions, sessions, byDevice: { Desktop: sessions, iPhone: 0, iPad: 0 } });
const sessions = (n: number): SessionReport => ({
  kind: 'sessions',
  clusters: [{ cluster: 'c1', ...totals(n) }],
  groups: [{ cluster: 'c1', group: 'g1', ...totals(n) }],
  nodes: [{ cluster: 'c1', group: 'g1', node: 'imp-pub', ...totals(n) }],
  users: [],
});

beforeEach(() => useReportsStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('reports store', () => {
  it('keeps runs newest first and never turns a finished run back into a running one', () => {
    let list = upsertRun([], run('a', 10, 'running'));
    list = upsertRun(list, run('b', 20));
    list = upsertRun(list, run('a', 10, 'done'));
    list = upsertRun(list, run('a', 10, 'running'));
    expect(list.map((r) => `${r.id}:${r.state}`)).toEqual(['b:done', 'a:done']);
  });

  it('shows the chosen run, else the newest finished one', () => {
    const runs = [run('new', 30, 'running'), run('mid', 20), run('old', 10)];
    expect(shownRunId({ runs, selected: {} }, 'sessions')).toBe('mid');
    expect(shownRunId({ runs, selected: { sessions: 'old' } }, 'sessions')).toBe('old');
    expect(shownRunId({ runs, selected: { sessions: 'gone' } }, 'sessions')).toBe('mid');
    expect(shownRunId({ runs, selected: {} }, 'topology')).toBeUndefined();
  });

  it('generates, follows the run by its events and loads the report when it finishes', async () => {
    const report: Report = { info: run('r1', 10), problems: [], data: sessions(4) };
    const bridge = createFakeBridge({ reports: { generate: async () => run('r1', 10, 'running'), get: async () => report } });
    setBridgeForTesting(bridge);
    const info = await useReportsStore.getState().generate('sessions', { ovaUsers: 15000 });
    expect(info?.state).toBe('running');
    expect(bridge.calls.find((c) => c.name === 'reports.generate')?.args).toEqual([{ kind: 'sessions', options: { ovaUsers: 15000 } }]);
    expect(useReportsStore.getState().selected.sessions).toBe('r1');
    useReportsStore.getState().applyRun(run('r1', 10, 'done'));
    await new Promise((r) => setTimeout(r, 0));
    const got = useReportsStore.getState().reports.r1;
    expect(got?.kind).toBe('ready');
  });

  it('keeps a refused generate in actionError with the stable code', async () => {
    setBridgeForTesting(createFakeBridge({ reports: { generate: async () => Promise.reject({ code: 'INVALID_ARGUMENT', message: 'warnDays: must be at least 1 day', retryable: false }) } }));
    expect(await useReportsStore.getState().generate('certificates', { warnDays: 0 })).toBeUndefined();
    expect(useReportsStore.getState().actionError).toEqual({ code: 'INVALID_ARGUMENT', message: 'warnDays: must be at least 1 day', retryable: false });
    expect(useReportsStore.getState().busy).toBeUndefined();
  });

  it('removes a run and forgets it as shown or compared', async () => {
    setBridgeForTesting(createFakeBridge({ reports: { remove: async () => undefined } }));
    useReportsStore.setState({ runs: [run('a', 20), run('b', 10)], selected: { sessions: 'a' }, compareWith: { sessions: 'b' } });
    expect(await useReportsStore.getState().remove('b')).toBe(true);
    expect(useReportsStore.getState().runs.map((r) => r.id)).toEqual(['a']);
    expect(useReportsStore.getState().compareWith.sessions).toBeUndefined();
  });

  it('keeps the report shown by default when another run is chosen to compare with', async () => {
    setBridgeForTesting(createFakeBridge({ reports: { get: async (id) => ({ info: run(id, 1), problems: [], data: sessions(id === 'a' ? 2 : 1) }) } }));
    useReportsStore.setState({ runs: [run('a', 20), run('b', 10)] });
    await useReportsStore.getState().loadReport('a');
    useReportsStore.getState().setCompare('sessions', 'b');
    await new Promise((r) => setTimeout(r, 0));
    expect(Object.keys(useReportsStore.getState().reports).sort()).toEqual(['a', 'b']);
  });
});

describe('reports store: Watch mode', () => {
  const watchRun = (id: string, startedAtMs: number, state: ReportRunInfo['state'] = 'done'): ReportRunInfo => ({ ...run(id, startedAtMs, state, 'ha-readiness'), watch: true });

  it('a finished watch run replaces the previous watch run of its kind and clusters, never a kept run', () => {
    let list = [run('before', 10, 'done', 'ha-readiness'), watchRun('w1', 20)];
    list = upsertRun(list, watchRun('w2', 40, 'running'));
    // While the new one runs, the last finished one stays.
    expect(list.map((r) => r.id)).toEqual(['w2', 'w1', 'before']);
    list = upsertRun(list, watchRun('w2', 40));
    expect(list.map((r) => r.id)).toEqual(['w2', 'before']);
    // Another set of clusters keeps its own watch run.
    list = upsertRun(list, { ...watchRun('w-lab', 50), clusters: ['lab'] });
    list = upsertRun(list, watchRun('w3', 60));
    expect(list.map((r) => r.id)).toEqual(['w3', 'w-lab', 'before']);
  });

  it('asks the backend for a watch run, keeps showing the run shown until it finished, and can compare it with a kept run', async () => {
    const reports: Record<string, Report> = {
      before: { info: run('before', 10, 'done', 'ha-readiness'), problems: [], data: { kind: 'ha-readiness', groups: [], nodes: [] } },
      w1: { info: watchRun('w1', 20), problems: [], data: { kind: 'ha-readiness', groups: [], nodes: [] } },
    };
    const bridge = createFakeBridge({ reports: { generate: async () => watchRun('w1', 20, 'running'), get: async (id) => reports[id]! } });
    setBridgeForTesting(bridge);
    useReportsStore.setState({ runs: [run('before', 10, 'done', 'ha-readiness')], selected: { 'ha-readiness': 'before' } });
    await useReportsStore.getState().generate('ha-readiness', {}, true);
    expect(bridge.calls.find((c) => c.name === 'reports.generate')?.args).toEqual([{ kind: 'ha-readiness', watch: true }]);
    expect(useReportsStore.getState().selected['ha-readiness']).toBe('before');
    useReportsStore.getState().setCompare('ha-readiness', 'before');
    useReportsStore.getState().applyRun(watchRun('w1', 20));
    await new Promise((r) => setTimeout(r, 0));
    const s = useReportsStore.getState();
    expect(s.selected['ha-readiness']).toBe('w1');
    expect(s.compareWith['ha-readiness']).toBe('before');
    expect(Object.keys(s.reports).sort()).toEqual(['before', 'w1']);
  });

  it('Generate (not Watch) asks for an ordinary run', async () => {
    const bridge = createFakeBridge({ reports: { generate: async () => run('g', 10, 'running', 'ha-readiness') } });
    setBridgeForTesting(bridge);
    await useReportsStore.getState().generate('ha-readiness');
    expect(bridge.calls.find((c) => c.name === 'reports.generate')?.args).toEqual([{ kind: 'ha-readiness' }]);
  });
});

describe('compareRows', () => {
  it('pairs the figures of two runs with their change and marks what changed', () => {
    const rows = compareRows(sessions(10), sessions(7));
    const node = rows.find((r) => r.subject === 'c1 / g1 / imp-pub' && r.metric === 'sessions');
    expect(node).toMatchObject({ a: 10, b: 7, delta: 3, changed: true });
    expect(rows.find((r) => r.metric === 'iPad')?.changed).toBe(false);
  });

  it('lists what only the other run has, and refuses two kinds', () => {
    const b = { ...sessions(1), nodes: [...sessions(1).nodes, { cluster: 'c1', group: 'g1', node: 'imp-sub1', ...totals(2) }] };
    const rows = compareRows(sessions(1), b);
    expect(rows.find((r) => r.subject.endsWith('imp-sub1') && r.metric === 'sessions')).toMatchObject({ a: undefined, b: 2, changed: true });
    expect(() => compareRows(sessions(1), { kind: 'troubleshoot', tests: [] })).toThrow(RangeError);
  });
});
