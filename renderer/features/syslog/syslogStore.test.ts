import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyslogEntry, SyslogFilter } from '../../../shared/model/views.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { matchesSyslogFilter, useSyslogStore } from './syslogStore.js';

const initial = useSyslogStore.getState();
const entry = (id: number, receivedAtMs: number, extra: Partial<SyslogEntry> = {}): SyslogEntry => ({ id, receivedAtMs, host: '127.0.10.11', severity: 3, text: `message ${id}`, peer: '127.0.10.11', transport: 'udp', attributed: true, ...extra });

beforeEach(() => useSyslogStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('syslogStore', () => {
  it('query: keeps the filter, shows loading, then the entries newest first', async () => {
    const answer = deferred<SyslogEntry[]>();
    const bridge = createFakeBridge({ syslog: { query: () => answer.promise } });
    setBridgeForTesting(bridge);
    const filter: SyslogFilter = { host: '127.0.10.11', maxSeverity: 4, limit: 100 };
    const done = useSyslogStore.getState().query(filter);
    expect(useSyslogStore.getState().load.kind).toBe('loading');
    expect(useSyslogStore.getState().filter).toEqual(filter);
    answer.resolve([entry(1, 1000), entry(3, 3000), entry(2, 3000)]);
    await done;
    expect(useSyslogStore.getState().load.kind).toBe('ready');
    expect(useSyslogStore.getState().entries.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(bridge.calls).toEqual([{ name: 'syslog.query', args: [filter] }]);
  });

  it('query: an error from the bridge becomes the error state', async () => {
    setBridgeForTesting(createFakeBridge({ syslog: { query: async () => { throw ipcFailure('VALIDATION', 'syslog.query: 0.limit: Too big'); } } }));
    await useSyslogStore.getState().query({ limit: 1_000_000 });
    expect(useSyslogStore.getState().load).toEqual({ kind: 'error', error: { code: 'VALIDATION', message: 'syslog.query: 0.limit: Too big', retryable: false } });
  });

  it('applyIncoming: adds new entries that match the filter on top, once', async () => {
    setBridgeForTesting(createFakeBridge({ syslog: { query: async () => [entry(1, 1000)] } }));
    await useSyslogStore.getState().query({ maxSeverity: 3 });
    useSyslogStore.getState().applyIncoming([entry(2, 2000), entry(3, 3000, { severity: 6 }), entry(1, 1000)]);
    expect(useSyslogStore.getState().entries.map((e) => e.id)).toEqual([2, 1]);
    useSyslogStore.getState().applyIncoming([entry(2, 2000)]);
    expect(useSyslogStore.getState().entries.map((e) => e.id)).toEqual([2, 1]);
  });

  it('applyIncoming keeps at most 1000 rows, newest first', () => {
    useSyslogStore.getState().applyIncoming(Array.from({ length: 1005 }, (_, i) => entry(i + 1, i + 1)));
    const ids = useSyslogStore.getState().entries.map((e) => e.id);
    expect(ids.length).toBe(1000);
    expect(ids[0]).toBe(1005);
    expect(ids.at(-1)).toBe(6);
  });

  it('select remembers the selected entry', () => {
    useSyslogStore.getState().select(7);
    expect(useSyslogStore.getState().selectedId).toBe(7);
    useSyslogStore.getState().select(undefined);
    expect(useSyslogStore.getState().selectedId).toBeUndefined();
  });

  it('matchesSyslogFilter applies host, severity, since and text (case-insensitive, message name and app too)', () => {
    const e = entry(1, 5000, { host: 'h1', severity: 2, msgName: 'CriticalServiceDown', appName: 'Cisco AMC Service' });
    expect(matchesSyslogFilter(e, {})).toBe(true);
    expect(matchesSyslogFilter(e, { host: 'h2' })).toBe(false);
    expect(matchesSyslogFilter(e, { maxSeverity: 1 })).toBe(false);
    expect(matchesSyslogFilter(e, { maxSeverity: 2 })).toBe(true);
    expect(matchesSyslogFilter(e, { sinceMs: 5001 })).toBe(false);
    expect(matchesSyslogFilter(e, { text: 'criticalservice' })).toBe(true);
    expect(matchesSyslogFilter(e, { text: 'amc service' })).toBe(true);
    expect(matchesSyslogFilter(e, { text: 'nothing' })).toBe(false);
  });

  it('matchesSyslogFilter: attributed true/false keeps only those; absent keeps both', () => {
    const own = entry(1, 1000, { attributed: true, cluster: 'sim', node: 'imp-sub3' });
    const spoofed = entry(2, 1000, { attributed: false, host: 'fake-node-1', peer: '127.0.0.1' });
    expect([own, spoofed].filter((e) => matchesSyslogFilter(e, { attributed: false })).map((e) => e.id)).toEqual([2]);
    expect([own, spoofed].filter((e) => matchesSyslogFilter(e, { attributed: true })).map((e) => e.id)).toEqual([1]);
    expect([own, spoofed].filter((e) => matchesSyslogFilter(e, {})).map((e) => e.id)).toEqual([1, 2]);
  });

  it('applyIncoming under the unattributed filter lets only unattributed live messages in', async () => {
    setBridgeForTesting(createFakeBridge({ syslog: { query: async () => [] } }));
    await useSyslogStore.getState().query({ attributed: false });
    useSyslogStore.getState().applyIncoming([entry(1, 1000, { attributed: true }), entry(2, 2000, { attributed: false, host: 'fake-node-7' })]);
    expect(useSyslogStore.getState().entries.map((e) => e.id)).toEqual([2]);
  });
});
