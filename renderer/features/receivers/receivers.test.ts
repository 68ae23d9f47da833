import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RECEIVER_SETTINGS, type ReceiverSettings, type ReceiversStatus } from '../../../shared/model/receivers.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, ipcFailure } from '../../ipc/testing.js';
import { privilegedPort, receiverForm, receiverProblems, toReceiverSettings } from './receiverForm.js';
import { useReceiversStore } from './receiversStore.js';

const initial = useReceiversStore.getState();
const status = (settings: ReceiverSettings, failed = false): ReceiversStatus => ({
  settings,
  launchOverride: false,
  listeners: [
    { kind: 'syslog-udp', address: settings.address, port: settings.syslogUdpPort, state: failed ? 'failed' : 'listening', ...(failed ? { error: { code: 'EACCES', message: 'ports below 1024 need root' } } : {}), received: 0, accepted: 0, dropped: 0, ratePerSec: 0, unattributed: 0 },
  ],
});

beforeEach(() => useReceiversStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('receiver form', () => {
  it('round-trips the defaults and finds bad addresses, ports and communities', () => {
    const f = receiverForm(DEFAULT_RECEIVER_SETTINGS);
    expect(f).toEqual({ address: '127.0.0.1', syslogUdpPort: '5514', syslogTcpPort: '5514', trapPort: '10162', communities: 'public' });
    expect(receiverProblems(f)).toEqual([]);
    expect(toReceiverSettings(f)).toEqual(DEFAULT_RECEIVER_SETTINGS);
    expect(receiverProblems({ ...f, address: '300.1.1.1', syslogUdpPort: '70000', communities: '' })).toEqual(['address', 'syslogUdpPort', 'communities']);
    // A trap port of 0 switches traps off: no community needed then.
    expect(receiverProblems({ ...f, trapPort: '0', communities: '' })).toEqual([]);
    expect(toReceiverSettings({ ...f, address: ' 0.0.0.0 ', communities: 'public, ops  lab' })).toMatchObject({ address: '0.0.0.0', trapCommunities: ['public', 'ops', 'lab'] });
    expect(receiverProblems({ ...f, address: '::' })).toEqual([]);
  });

  it('privileged ports are 1-1023', () => {
    expect([0, 162, 514, 1023, 1024, 5514].map(privilegedPort)).toEqual([false, true, true, true, false, false]);
  });
});

describe('receiversStore', () => {
  it('loadStatus then save: the new status (a bind failure is data, not an error)', async () => {
    const bridge = createFakeBridge({ receivers: { status: async () => status(DEFAULT_RECEIVER_SETTINGS), save: async (s: ReceiverSettings) => status(s, true) } });
    setBridgeForTesting(bridge);
    await useReceiversStore.getState().loadStatus();
    expect(useReceiversStore.getState().status?.listeners[0]?.state).toBe('listening');
    const next = { ...DEFAULT_RECEIVER_SETTINGS, syslogUdpPort: 514 };
    expect(await useReceiversStore.getState().save(next)).toBe(true);
    expect(useReceiversStore.getState().status?.listeners[0]).toMatchObject({ state: 'failed', error: { code: 'EACCES' } });
    expect(bridge.calls.at(-1)).toEqual({ name: 'receivers.save', args: [next] });
  });

  it('a refused save keeps the error and the last status', async () => {
    setBridgeForTesting(createFakeBridge({ receivers: { status: async () => status(DEFAULT_RECEIVER_SETTINGS), save: async () => Promise.reject(ipcFailure('VALIDATION', 'receivers.save: 0.address: Invalid')) } }));
    await useReceiversStore.getState().loadStatus();
    expect(await useReceiversStore.getState().save({ ...DEFAULT_RECEIVER_SETTINGS, address: 'x' })).toBe(false);
    expect(useReceiversStore.getState().actionError?.code).toBe('VALIDATION');
    expect(useReceiversStore.getState().status?.settings).toEqual(DEFAULT_RECEIVER_SETTINGS);
  });

  it('configureNodes keeps each node\u2019s result per cluster', async () => {
    const bridge = createFakeBridge({ receivers: { configureNodes: async (c: string) => [{ cluster: c, node: 'imp-pub', ok: true, commands: ['utils remotesyslog set server 127.0.0.1 5514 udp'] }] } });
    setBridgeForTesting(bridge);
    await useReceiversStore.getState().configureNodes('sim');
    expect(useReceiversStore.getState().setups.sim?.[0]).toMatchObject({ node: 'imp-pub', ok: true });
    expect(useReceiversStore.getState().busy).toBeUndefined();
  });
});
