import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus, PrgStatus } from '../../../shared/model/views.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { useHaStore } from './haStore.js';

const initial = useHaStore.getState();
const group = (cluster: string, name: string, state = 'Normal'): PrgStatus => ({
  cluster,
  name,
  haEnabled: true,
  nodes: [
    { name: `${name}-a`, state, reason: 'Normal' },
    { name: `${name}-b`, state, reason: 'Normal' },
  ],
  allowed: { failover: [`${name}-a`, `${name}-b`], fallback: [], recover: false },
  updatedAtMs: 1,
});
const job = (id: string): JobStatus => ({ id, kind: 'ha', title: 'Failover', state: 'running', startedAtMs: 1 });

beforeEach(() => useHaStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('haStore', () => {
  it('loadGroups: loading for a new cluster, then the groups; a quiet refresh stays ready', async () => {
    let answer = deferred<PrgStatus[]>();
    const bridge = createFakeBridge({ ha: { groups: () => answer.promise } });
    setBridgeForTesting(bridge);
    const done = useHaStore.getState().loadGroups('c1');
    expect(useHaStore.getState().load.kind).toBe('loading');
    expect(useHaStore.getState().cluster).toBe('c1');
    answer.resolve([group('c1', 'prg1'), group('c1', 'prg2')]);
    await done;
    expect(useHaStore.getState().load.kind).toBe('ready');
    expect(useHaStore.getState().groups.map((g) => g.name)).toEqual(['prg1', 'prg2']);
    expect(bridge.calls[0]).toEqual({ name: 'ha.groups', args: ['c1'] });

    answer = deferred<PrgStatus[]>();
    const quiet = useHaStore.getState().loadGroups('c1', true);
    expect(useHaStore.getState().load.kind).toBe('ready');
    answer.resolve([group('c1', 'prg1', 'Failing Over')]);
    await quiet;
    expect(useHaStore.getState().groups[0]!.nodes[0]!.state).toBe('Failing Over');
  });

  it('loadGroups: the answer for a cluster the user has left is dropped', async () => {
    const slow = deferred<PrgStatus[]>();
    setBridgeForTesting(createFakeBridge({ ha: { groups: (cluster: string) => (cluster === 'c1' ? slow.promise : Promise.resolve([group('c2', 'other')])) } }));
    const first = useHaStore.getState().loadGroups('c1');
    await useHaStore.getState().loadGroups('c2');
    slow.resolve([group('c1', 'prg1')]);
    await first;
    expect(useHaStore.getState().cluster).toBe('c2');
    expect(useHaStore.getState().groups.map((g) => g.name)).toEqual(['other']);
  });

  it('loadGroups: an error from the bridge becomes the error state', async () => {
    setBridgeForTesting(createFakeBridge({ ha: { groups: async () => { throw ipcFailure('POLL_TIMEOUT', 'utils ha status timed out', true); } } }));
    await useHaStore.getState().loadGroups('c1');
    expect(useHaStore.getState().load).toEqual({ kind: 'error', error: { code: 'POLL_TIMEOUT', message: 'utils ha status timed out', retryable: true } });
  });

  it('runCommand: sends the request, remembers the job per group and returns it', async () => {
    const bridge = createFakeBridge({ ha: { command: async () => job('j1') } });
    setBridgeForTesting(bridge);
    const started = await useHaStore.getState().runCommand('prg1', { cluster: 'c1', action: 'failover', target: 'prg1-a' });
    expect(started?.id).toBe('j1');
    expect(useHaStore.getState().jobByGroup).toEqual({ prg1: 'j1' });
    expect(useHaStore.getState().commandError).toBeUndefined();
    expect(bridge.calls).toEqual([{ name: 'ha.command', args: [{ cluster: 'c1', action: 'failover', target: 'prg1-a' }] }]);
  });

  it('runCommand: a refused command becomes commandError and returns undefined; the next command clears it', async () => {
    let fail = true;
    setBridgeForTesting(createFakeBridge({
      ha: {
        command: async () => {
          if (fail) throw ipcFailure('PRECONDITION', 'the pair is Failing Over');
          return job('j2');
        },
      },
    }));
    await expect(useHaStore.getState().runCommand('prg1', { cluster: 'c1', action: 'fallback', target: 'prg1-a' })).resolves.toBeUndefined();
    expect(useHaStore.getState().commandError).toEqual({ code: 'PRECONDITION', message: 'the pair is Failing Over', retryable: false });
    expect(useHaStore.getState().jobByGroup).toEqual({});
    fail = false;
    await useHaStore.getState().runCommand('prg1', { cluster: 'c1', action: 'recover', target: 'prg1' });
    expect(useHaStore.getState().commandError).toBeUndefined();
    expect(useHaStore.getState().jobByGroup).toEqual({ prg1: 'j2' });
  });
});
