import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { NodeSystemSummary, PartitionRow, ProcessRow } from '../../../shared/model/views.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { useServerStore } from './serverStore.js';

const initial = useServerStore.getState();
const summary = (node: string, cpuPercent: number): NodeSystemSummary => ({ cluster: 'c1', node, role: 'imp-subscriber', cpuPercent, memoryUsedPercent: 40 });
const proc = (pid: number, name: string): ProcessRow => ({ pid, name, cpuPercent: 1.5, memoryKb: 2048, status: 'running' });
const part = (name: string): PartitionRow => ({ name, totalMb: 1000, usedMb: 250, usedPercent: 25 });
const svc = (node: string, name: string, status: ServiceStatusRow['status'] = 'Started'): ServiceStatusRow => ({ cluster: 'c1', node, name, status, activated: true });

/** A node API answering per node name. */
function nodesApi(node: string) {
  return {
    processes: async (_c: string, n: string) => [proc(n === node ? 100 : 200, `${n}-proc`)],
    partitions: async (_c: string, n: string) => [part(`/${n}`)],
    services: async (_c: string, n: string) => [svc(n, 'Cisco XCP Router')],
  };
}

beforeEach(() => useServerStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('serverStore', () => {
  it('loadSystem: loading on first load, then the summaries; a refresh keeps the rows (no spinner) and replaces them', async () => {
    const first = deferred<NodeSystemSummary[]>();
    let answer: Promise<NodeSystemSummary[]> = first.promise;
    const bridge = createFakeBridge({ nodes: { system: () => answer } });
    setBridgeForTesting(bridge);
    const done = useServerStore.getState().loadSystem('c1');
    expect(useServerStore.getState().systemLoad.kind).toBe('loading');
    first.resolve([summary('imp1', 10), summary('imp2', 20)]);
    await done;
    expect(useServerStore.getState().systemLoad.kind).toBe('ready');
    expect(useServerStore.getState().system.map((s) => [s.node, s.cpuPercent])).toEqual([['imp1', 10], ['imp2', 20]]);
    expect(bridge.calls[0]).toEqual({ name: 'nodes.system', args: ['c1'] });

    const second = deferred<NodeSystemSummary[]>();
    answer = second.promise;
    const refresh = useServerStore.getState().loadSystem('c1');
    expect(useServerStore.getState().systemLoad.kind).toBe('ready');
    second.resolve([summary('imp1', 55)]);
    await refresh;
    expect(useServerStore.getState().system.map((s) => s.cpuPercent)).toEqual([55]);
  });

  it('loadSystem: an error from the bridge becomes systemLoad error', async () => {
    setBridgeForTesting(createFakeBridge({ nodes: { system: async () => { throw ipcFailure('POLL_CONNECT', 'connection refused', true); } } }));
    await useServerStore.getState().loadSystem('c1');
    expect(useServerStore.getState().systemLoad).toEqual({ kind: 'error', error: { code: 'POLL_CONNECT', message: 'connection refused', retryable: true } });
  });

  it('loadNode: loading, then processes, partitions and services of that node from three calls', async () => {
    const bridge = createFakeBridge({ nodes: nodesApi('imp1') });
    setBridgeForTesting(bridge);
    const done = useServerStore.getState().loadNode('c1', 'imp1');
    expect(useServerStore.getState().nodeLoad.kind).toBe('loading');
    expect(useServerStore.getState().nodeKey).toBe('c1|imp1');
    await done;
    const s = useServerStore.getState();
    expect(s.nodeLoad.kind).toBe('ready');
    expect(s.processes.map((p) => p.name)).toEqual(['imp1-proc']);
    expect(s.partitions.map((p) => p.name)).toEqual(['/imp1']);
    expect(s.services.map((r) => r.name)).toEqual(['Cisco XCP Router']);
    expect(bridge.calls.map((c) => c.name).sort()).toEqual(['nodes.partitions', 'nodes.processes', 'nodes.services']);
    expect(bridge.calls.every((c) => c.args[0] === 'c1' && c.args[1] === 'imp1')).toBe(true);
  });

  it('loadNode: a quiet refresh of the same node keeps ready; another node shows loading', async () => {
    setBridgeForTesting(createFakeBridge({ nodes: nodesApi('imp1') }));
    await useServerStore.getState().loadNode('c1', 'imp1');
    const quiet = useServerStore.getState().loadNode('c1', 'imp1', true);
    expect(useServerStore.getState().nodeLoad.kind).toBe('ready');
    await quiet;
    const other = useServerStore.getState().loadNode('c1', 'imp2', true);
    expect(useServerStore.getState().nodeLoad.kind).toBe('loading');
    await other;
    expect(useServerStore.getState().processes.map((p) => p.name)).toEqual(['imp2-proc']);
  });

  it('loadNode: an answer for a node the user has left is dropped', async () => {
    const slow = deferred<ProcessRow[]>();
    setBridgeForTesting(createFakeBridge({
      nodes: { ...nodesApi('imp1'), processes: (_c: string, n: string) => (n === 'imp1' ? slow.promise : Promise.resolve([proc(2, 'imp2-proc')])) },
    }));
    const first = useServerStore.getState().loadNode('c1', 'imp1');
    await useServerStore.getState().loadNode('c1', 'imp2');
    slow.resolve([proc(1, 'imp1-proc')]);
    await first;
    expect(useServerStore.getState().nodeKey).toBe('c1|imp2');
    expect(useServerStore.getState().processes.map((p) => p.name)).toEqual(['imp2-proc']);
  });

  it('loadNode: one failing call makes the node load an error (code from the bridge)', async () => {
    setBridgeForTesting(createFakeBridge({ nodes: { ...nodesApi('imp1'), partitions: async () => { throw ipcFailure('POLL_AUTH', 'admin password refused'); } } }));
    await useServerStore.getState().loadNode('c1', 'imp1');
    const load = useServerStore.getState().nodeLoad;
    expect(load).toEqual({ kind: 'error', error: { code: 'POLL_AUTH', message: 'admin password refused', retryable: false } });
  });
});
