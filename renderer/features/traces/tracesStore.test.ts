import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TraceCollectionStatus } from '../../../shared/model/traces.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, ipcFailure } from '../../ipc/testing.js';
import { upsertCollection, useTracesStore } from './tracesStore.js';

const initial = useTracesStore.getState();
const status = (id: string, startedAtMs: number, state: TraceCollectionStatus['state'], bytesDone = 0, bundlePath?: string): TraceCollectionStatus => ({
  id,
  label: id,
  state,
  trigger: { kind: 'manual' },
  startedAtMs,
  request: { nodes: [{ cluster: 'c1', node: 'imp-pub', serviceLogs: ['Cisco XCP Router'], systemLogs: [] }], range: { kind: 'relative', amount: 1, unit: 'hours' }, archive: 'zip', outDir: '/out' },
  workDir: `/out/${id}.collecting`,
  nodes: [],
  files: [],
  fileCount: 0,
  bytesTotal: 100,
  bytesDone,
  bytesPerSec: 0,
  skipped: [],
  ...(bundlePath ? { bundlePath } : {}),
});

/** Notification as the browser has it, recording what is shown. */
function fakeNotifications(permission: NotificationPermission): { shown: { title: string; body?: string }[]; restore(): void } {
  const shown: { title: string; body?: string }[] = [];
  const g = globalThis as unknown as { Notification?: unknown };
  const before = g.Notification;
  g.Notification = Object.assign(
    function (this: unknown, title: string, opts?: { body?: string }) {
      shown.push({ title, body: opts?.body });
    },
    { permission },
  );
  return { shown, restore: () => void (g.Notification = before) };
}

beforeEach(() => useTracesStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('tracesStore', () => {
  it('collect: starts, shows the Collections tab on the new collection; a refusal stays in the wizard with its reason', async () => {
    const bridge = createFakeBridge({ traces: { collect: async () => status('a', 1, 'planning') } });
    setBridgeForTesting(bridge);
    const s = await useTracesStore.getState().collect(status('x', 0, 'planning').request);
    expect(s?.id).toBe('a');
    expect(useTracesStore.getState()).toMatchObject({ tab: 'collections', focusedCollection: 'a', starting: false });
    setBridgeForTesting(createFakeBridge({ traces: { collect: async () => {
          throw ipcFailure('NOT_FOUND', 'unknown node c1/imp-x');
        } } }));
    useTracesStore.getState().setTab('collect');
    expect(await useTracesStore.getState().collect(status('x', 0, 'planning').request)).toBeUndefined();
    expect(useTracesStore.getState()).toMatchObject({ tab: 'collect', actionError: { code: 'NOT_FOUND' } });
  });

  it('applyCollection: newest first, and one desktop notification when a collection it saw running ends', () => {
    const n = fakeNotifications('granted');
    try {
      const { applyCollection } = useTracesStore.getState();
      applyCollection(status('old', 1, 'completed', 100, '/out/old.zip'));
      applyCollection(status('a', 5, 'running', 10));
      expect(useTracesStore.getState().collections.map((c) => c.id)).toEqual(['a', 'old']);
      expect(n.shown).toEqual([]);
      applyCollection(status('a', 5, 'completed', 100, '/out/a.zip'));
      applyCollection(status('a', 5, 'completed', 100, '/out/a.zip'));
      expect(n.shown).toEqual([{ title: 'a: Completed', body: 'a.zip' }]);
    } finally {
      n.restore();
    }
  });

  it('loadCollections: a pushed status newer than the list is kept', async () => {
    setBridgeForTesting(createFakeBridge({ traces: { collections: async () => [status('a', 5, 'running', 10)] } }));
    useTracesStore.getState().applyCollection(status('a', 5, 'running', 50));
    await useTracesStore.getState().loadCollections();
    expect(useTracesStore.getState().collections[0]?.bytesDone).toBe(50);
    expect(upsertCollection([status('a', 1, 'running')], status('b', 2, 'running')).map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('revealBundle: opens Local Browse on the bundle\'s folder and lists it', async () => {
    const bridge = createFakeBridge({ traces: { bundles: async () => [] } });
    setBridgeForTesting(bridge);
    useTracesStore.getState().revealBundle('/out/cases/a.zip');
    expect(useTracesStore.getState()).toMatchObject({ tab: 'local', bundlesDir: '/out/cases', revealed: '/out/cases/a.zip' });
    await Promise.resolve();
    expect(bridge.calls.map((c) => [c.name, ...c.args])).toEqual([['traces.bundles', '/out/cases']]);
  });
});
