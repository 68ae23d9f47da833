import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { JobStatus } from '../../../shared/model/views.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { serviceKey, useControlStore } from './controlStore.js';

const initial = useControlStore.getState();
const svc = (node: string, name: string, status: ServiceStatusRow['status'] = 'Started'): ServiceStatusRow => ({ cluster: 'c1', node, name, status, activated: true });
const job = (id: string): JobStatus => ({ id, kind: 'service', title: 'Restart', state: 'running', startedAtMs: 1 });

beforeEach(() => useControlStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('controlStore', () => {
  it('loadServices: loading, then the services of every node keyed by node', async () => {
    const gate = deferred<void>();
    const bridge = createFakeBridge({
      nodes: {
        services: async (_cluster: string, node: string) => {
          await gate.promise;
          return [svc(node, 'Cisco XCP Router'), svc(node, 'Cisco Presence Engine', node === 'imp2' ? 'Stopped' : 'Started')];
        },
      },
    });
    setBridgeForTesting(bridge);
    const done = useControlStore.getState().loadServices('c1', ['imp1', 'imp2']);
    expect(useControlStore.getState().load.kind).toBe('loading');
    gate.resolve();
    await done;
    const s = useControlStore.getState();
    expect(s.load.kind).toBe('ready');
    expect(Object.keys(s.services).sort()).toEqual(['imp1', 'imp2']);
    expect(s.services['imp2']!.find((r) => r.name === 'Cisco Presence Engine')?.status).toBe('Stopped');
    expect(bridge.calls.map((c) => c.args)).toEqual([['c1', 'imp1'], ['c1', 'imp2']]);
  });

  it('loadServices: a quiet refresh stays ready; another cluster shows loading and drops a late answer of the old one', async () => {
    const slow = deferred<ServiceStatusRow[]>();
    let slowFor = '';
    setBridgeForTesting(createFakeBridge({ nodes: { services: (cluster: string, node: string) => (cluster === slowFor ? slow.promise : Promise.resolve([{ ...svc(node, `svc-${cluster}`), cluster }])) } }));
    await useControlStore.getState().loadServices('c1', ['imp1']);
    const quiet = useControlStore.getState().loadServices('c1', ['imp1'], true);
    expect(useControlStore.getState().load.kind).toBe('ready');
    await quiet;
    slowFor = 'c1';
    const late = useControlStore.getState().loadServices('c1', ['imp1']);
    const other = useControlStore.getState().loadServices('c2', ['impX'], true);
    expect(useControlStore.getState().load.kind).toBe('loading');
    await other;
    slow.resolve([svc('imp1', 'late')]);
    await late;
    expect(useControlStore.getState().cluster).toBe('c2');
    expect(useControlStore.getState().services).toEqual({ impX: [{ ...svc('impX', 'svc-c2'), cluster: 'c2' }] });
  });

  it('loadServices: an error from the bridge becomes the error state', async () => {
    setBridgeForTesting(createFakeBridge({ nodes: { services: async () => { throw ipcFailure('POLL_RATE_LIMIT', '80 requests a minute', true); } } }));
    await useControlStore.getState().loadServices('c1', ['imp1']);
    expect(useControlStore.getState().load).toEqual({ kind: 'error', error: { code: 'POLL_RATE_LIMIT', message: '80 requests a minute', retryable: true } });
  });

  it('control: sends the request and remembers its job under node|service', async () => {
    const bridge = createFakeBridge({ nodes: { controlService: async () => job('j7') } });
    setBridgeForTesting(bridge);
    const request = { cluster: 'c1', node: 'imp1', service: 'Cisco XCP Router', action: 'restart' } as const;
    await useControlStore.getState().control(request);
    expect(bridge.calls).toEqual([{ name: 'nodes.controlService', args: [request] }]);
    expect(useControlStore.getState().jobByService).toEqual({ [serviceKey('imp1', 'Cisco XCP Router')]: 'j7' });
    expect(serviceKey('imp1', 'Cisco XCP Router')).toBe('imp1|Cisco XCP Router');
    expect(useControlStore.getState().actionError).toBeUndefined();
  });

  it('control: a refused action becomes actionError, cleared by the next action', async () => {
    let fail = true;
    setBridgeForTesting(createFakeBridge({
      nodes: {
        controlService: async () => {
          if (fail) throw ipcFailure('VALIDATION', 'nodes.controlService: 0.action: Invalid option');
          return job('j8');
        },
      },
    }));
    await useControlStore.getState().control({ cluster: 'c1', node: 'imp1', service: 'Cisco XCP Router', action: 'stop' });
    expect(useControlStore.getState().actionError).toEqual({ code: 'VALIDATION', message: 'nodes.controlService: 0.action: Invalid option', retryable: false });
    expect(useControlStore.getState().jobByService).toEqual({});
    fail = false;
    await useControlStore.getState().control({ cluster: 'c1', node: 'imp1', service: 'Cisco XCP Router', action: 'start' });
    expect(useControlStore.getState().actionError).toBeUndefined();
  });

  it('setNodeFilter: keeps the node the page shows, and undefined for every node', () => {
    useControlStore.getState().setNodeFilter('imp2');
    expect(useControlStore.getState().nodeFilter).toBe('imp2');
    useControlStore.getState().setNodeFilter(undefined);
    expect(useControlStore.getState().nodeFilter).toBeUndefined();
  });
});
