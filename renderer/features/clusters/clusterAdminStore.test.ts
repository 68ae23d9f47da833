import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../../shared/model/cluster.js';
import type { AcceptedKey, ClusterConfigView, ClusterInput, ConnectionTestResult } from '../../../shared/model/clusters.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { useClustersStore } from '../overview/clustersStore.js';
import { useClusterAdminStore } from './clusterAdminStore.js';

const initial = useClusterAdminStore.getState();
const initialClusters = useClustersStore.getState();
const config = (id: string): ClusterConfigView => ({ id, name: id, publisherHost: '127.0.20.10', ports: { ssh: 22, soap: 8443, snmp: 161 }, adminUsername: 'admin', appUsername: 'axl', snmp: { version: '2c', hasCommunity: true }, nodes: [], hasAdminPassword: true, hasAppPassword: true, addedAtMs: 1 });
const summary = (id: string): ClusterSummary => ({ id, name: id, publisherHost: '127.0.20.10', simulated: false, nodes: [] });
const input: ClusterInput = { name: 'lab', publisherHost: '127.0.20.10', ports: { ssh: 22, soap: 8443, snmp: 161 }, adminUsername: 'admin', adminPassword: 'wrong', appUsername: 'axl', appPassword: 'x', snmp: { version: '2c', community: 'public' }, nodes: [] };
const key: AcceptedKey = { host: '127.0.20.10', port: 22, kind: 'ssh', fingerprintSha256: 'SHA256:abc' };
const wrongPassword: ConnectionTestResult = { node: 'cucm-pub', host: '127.0.20.10', protocol: 'ssh', port: 22, ok: false, error: { kind: 'wrongPassword', code: 'SSH_AUTH', message: 'All configured authentication methods failed', retryable: false } };

beforeEach(() => {
  useClusterAdminStore.setState(initial, true);
  useClustersStore.setState(initialClusters, true);
});
afterEach(() => setBridgeForTesting(undefined));

describe('clusterAdminStore', () => {
  it('loadAll: loading, then the saved configs and the embedded switch', async () => {
    const answer = deferred<ClusterConfigView[]>();
    setBridgeForTesting(createFakeBridge({ clusters: { configs: () => answer.promise, embedded: async () => ({ enabled: true, running: true }) } }));
    const done = useClusterAdminStore.getState().loadAll();
    expect(useClusterAdminStore.getState().load.kind).toBe('loading');
    answer.resolve([config('lab')]);
    await done;
    expect(useClusterAdminStore.getState()).toMatchObject({ load: { kind: 'ready' }, configs: [config('lab')], embedded: { enabled: true, running: true } });
  });

  it('testForm passes the form and the accepted keys, and returns the per-node results with their error kind', async () => {
    const bridge = createFakeBridge({ clusters: { test: async () => [wrongPassword] } });
    setBridgeForTesting(bridge);
    const results = await useClusterAdminStore.getState().testForm(input, [key]);
    expect(results?.[0]?.error?.kind).toBe('wrongPassword');
    expect(bridge.calls).toEqual([{ name: 'clusters.test', args: [input, [key]] }]);
    expect(useClusterAdminStore.getState().busy).toBeUndefined();
  });

  it('a refused save keeps its error, the configs stay and the app list is not reloaded', async () => {
    const bridge = createFakeBridge({ clusters: { save: async () => Promise.reject(ipcFailure('VALIDATION', 'host key changed for 127.0.20.10:22')), configs: async () => [] } });
    setBridgeForTesting(bridge);
    useClusterAdminStore.setState({ configs: [config('old')] });
    expect(await useClusterAdminStore.getState().save(input, [])).toBeUndefined();
    expect(useClusterAdminStore.getState().actionError).toEqual({ action: 'save', error: { code: 'VALIDATION', message: 'host key changed for 127.0.20.10:22', retryable: false } });
    expect(useClusterAdminStore.getState().configs).toEqual([config('old')]);
    expect(bridge.calls.map((c) => c.name)).toEqual(['clusters.save']);
  });

  it('save: then the configs and the app-wide cluster list are loaded again', async () => {
    const bridge = createFakeBridge({ clusters: { save: async () => summary('lab'), configs: async () => [config('lab')], list: async () => [summary('sim'), summary('lab')] } });
    setBridgeForTesting(bridge);
    const saved = await useClusterAdminStore.getState().save(input, [key]);
    expect(saved?.id).toBe('lab');
    expect(useClusterAdminStore.getState().configs.map((c) => c.id)).toEqual(['lab']);
    expect(useClustersStore.getState().clusters.map((c) => c.id)).toEqual(['sim', 'lab']);
    expect(bridge.calls.map((c) => c.name).sort()).toEqual(['clusters.configs', 'clusters.list', 'clusters.save']);
  });

  it('testSaved keeps results per cluster; remove forgets the cluster, its results, and reloads the lists', async () => {
    let configs = [config('a'), config('b')];
    const bridge = createFakeBridge({
      clusters: {
        testSaved: async () => [wrongPassword],
        remove: async (id: string) => {
          configs = configs.filter((c) => c.id !== id);
        },
        configs: async () => configs,
        list: async () => configs.map((c) => summary(c.id)),
      },
    });
    setBridgeForTesting(bridge);
    useClusterAdminStore.setState({ configs });
    await useClusterAdminStore.getState().testSaved('a');
    expect(useClusterAdminStore.getState().savedTests.a).toEqual([wrongPassword]);
    expect(await useClusterAdminStore.getState().remove('a')).toBe(true);
    expect(useClusterAdminStore.getState().savedTests.a).toBeUndefined();
    expect(useClusterAdminStore.getState().configs.map((c) => c.id)).toEqual(['b']);
    expect(useClustersStore.getState().clusters.map((c) => c.id)).toEqual(['b']);
    expect(bridge.calls.find((c) => c.name === 'clusters.remove')?.args).toEqual(['a']);
  });

  it('setEmbedded switches the simulated cluster and reloads the cluster list; a failure is kept', async () => {
    const bridge = createFakeBridge({ clusters: { setEmbedded: async (on: boolean) => ({ enabled: on, running: false }), list: async () => [] } });
    setBridgeForTesting(bridge);
    await useClusterAdminStore.getState().setEmbedded(false);
    expect(useClusterAdminStore.getState().embedded).toEqual({ enabled: false, running: false });
    expect(bridge.calls.map((c) => c.name)).toEqual(['clusters.setEmbedded', 'clusters.list']);
    setBridgeForTesting(createFakeBridge({ clusters: { setEmbedded: async () => Promise.reject(ipcFailure('CONFLICT', 'ports taken', true)) } }));
    await useClusterAdminStore.getState().setEmbedded(true);
    expect(useClusterAdminStore.getState().actionError?.action).toBe('embedded');
    expect(useClusterAdminStore.getState().embedded).toEqual({ enabled: false, running: false });
  });
});
