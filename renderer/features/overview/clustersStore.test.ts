import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../../shared/model/cluster.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { useClustersStore } from './clustersStore.js';

const initial = useClustersStore.getState();
const cluster = (id: string, nodes: string[] = ['imp1']): ClusterSummary => ({
  id,
  name: `Cluster ${id}`,
  publisherHost: '127.0.0.1',
  simulated: true,
  nodes: nodes.map((name) => ({ cluster: id, name, host: '127.0.0.1', role: 'imp-publisher', reachability: 'up', protocols: { snmp: {}, soap: {}, ssh: {} } })),
});

beforeEach(() => useClustersStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('clustersStore', () => {
  it('loadClusters: loading while clusters.list runs, then the clusters and ready', async () => {
    const answer = deferred<ClusterSummary[]>();
    const bridge = createFakeBridge({ clusters: { list: () => answer.promise } });
    setBridgeForTesting(bridge);
    expect(useClustersStore.getState().load.kind).toBe('idle');
    const done = useClustersStore.getState().loadClusters();
    expect(useClustersStore.getState().load.kind).toBe('loading');
    answer.resolve([cluster('c1', ['imp1', 'imp2'])]);
    await done;
    const s = useClustersStore.getState();
    expect(s.load.kind).toBe('ready');
    expect(s.clusters.map((c) => c.id)).toEqual(['c1']);
    expect(s.clusters[0]!.nodes.map((n) => n.name)).toEqual(['imp1', 'imp2']);
    expect(bridge.calls.map((c) => c.name)).toEqual(['clusters.list']);
  });

  it('loadClusters: an error from the bridge becomes the error state with its code and retryable flag', async () => {
    setBridgeForTesting(createFakeBridge({ clusters: { list: async () => { throw ipcFailure('POLL_TIMEOUT', 'publisher did not answer', true); } } }));
    await useClustersStore.getState().loadClusters();
    const load = useClustersStore.getState().load;
    expect(load).toEqual({ kind: 'error', error: { code: 'POLL_TIMEOUT', message: 'publisher did not answer', retryable: true } });
    expect(useClustersStore.getState().clusters).toEqual([]);
  });

  it('loadClusters: a method main does not serve shows as NOT_FOUND, not a crash', async () => {
    setBridgeForTesting(createFakeBridge({}));
    await useClustersStore.getState().loadClusters();
    const load = useClustersStore.getState().load;
    expect(load.kind === 'error' && load.error.code).toBe('NOT_FOUND');
  });

  it('applyClusters (onDidChangeClusters) replaces the list and makes it ready, also after an error', async () => {
    setBridgeForTesting(createFakeBridge({ clusters: { list: async () => { throw ipcFailure('INTERNAL', 'boom'); } } }));
    await useClustersStore.getState().loadClusters();
    expect(useClustersStore.getState().load.kind).toBe('error');
    useClustersStore.getState().applyClusters([cluster('c2')]);
    expect(useClustersStore.getState().load.kind).toBe('ready');
    expect(useClustersStore.getState().clusters.map((c) => c.id)).toEqual(['c2']);
  });
});
