import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../shared/model/alert.js';
import type { JobStatus } from '../../shared/model/views.js';
import { useAlertsStore } from '../features/alerts/alertsStore.js';
import { useJobsStore } from '../features/jobs/jobsStore.js';
import { useTailStore } from '../features/traces/tail/tailStore.js';
import { bindDesktopEvents } from './bindDesktopEvents.js';
import { setBridgeForTesting } from './bridge.js';
import { createFakeBridge } from './testing.js';

const alarm = (id: string, status: AlarmRecord['status'] = 'outstanding'): AlarmRecord => ({
  id,
  key: `CriticalServiceDown|c1|imp1|Cisco Presence Engine`,
  ruleId: 'CriticalServiceDown',
  ruleName: 'CriticalServiceDown',
  group: 'System',
  severity: 'Critical',
  cluster: 'c1',
  node: 'imp1',
  instance: 'Cisco Presence Engine',
  status,
  message: 'Service Cisco Presence Engine is down',
  origin: 'poll',
  raisedAt: 1,
  lastOccurrenceAt: 1,
  occurrences: 1,
  flapping: false,
});

afterEach(() => setBridgeForTesting(undefined));

describe('stores over the fake bridge', () => {
  it('loads active alarms, announces a new critical one from onDidChangeAlarms, acknowledges, and unbinds', async () => {
    let stored = [alarm('a1')];
    const bridge = createFakeBridge({
      alerts: {
        listActive: async () => stored,
        acknowledge: async (input) => {
          const found = stored.find((a) => a.id === input.alarmId);
          if (!found) throw { code: 'NOT_FOUND', message: 'no such alarm', retryable: false };
          const acked: AlarmRecord = { ...found, status: 'acknowledged', ack: { by: 'alice', comment: input.comment ?? '', atMs: 2 } };
          stored = stored.map((a) => (a.id === acked.id ? acked : a));
          return acked;
        },
      },
    });
    setBridgeForTesting(bridge);
    const unbind = bindDesktopEvents();
    expect(bridge.listenerCount()).toBe(9);

    await useAlertsStore.getState().loadActive();
    expect(useAlertsStore.getState().active.map((a) => a.id)).toEqual(['a1']);

    bridge.emit('onDidChangeAlarms', [alarm('a2')]);
    expect(useAlertsStore.getState().active.map((a) => a.id).sort()).toEqual(['a1', 'a2']);
    expect(useAlertsStore.getState().takeAnnouncements().map((a) => a.id)).toEqual(['a2']);

    await useAlertsStore.getState().acknowledge('a1', 'on it');
    expect(useAlertsStore.getState().active.find((a) => a.id === 'a1')?.status).toBe('acknowledged');
    expect(bridge.calls.find((c) => c.name === 'alerts.acknowledge')?.args[0]).toMatchObject({ alarmId: 'a1', comment: 'on it' });

    await useAlertsStore.getState().acknowledge('nope');
    expect(useAlertsStore.getState().actionError).toEqual({ code: 'NOT_FOUND', message: 'no such alarm', retryable: false });

    unbind();
    expect(bridge.listenerCount()).toBe(0);
  });

  it('keeps the newest job first and replaces a job by id', () => {
    const bridge = createFakeBridge({});
    setBridgeForTesting(bridge);
    const unbind = bindDesktopEvents();
    const job = (state: JobStatus['state'], progress?: number, startedAtMs = 10): JobStatus => ({ id: 'j1', kind: 'service', title: 'Restart', state, progress, startedAtMs });
    bridge.emit('onDidChangeJob', job('running', 0.5));
    bridge.emit('onDidChangeJob', { ...job('queued', undefined, 20), id: 'j2' });
    bridge.emit('onDidChangeJob', job('succeeded', 1));
    expect(useJobsStore.getState().jobs.map((j) => [j.id, j.state])).toEqual([
      ['j2', 'queued'],
      ['j1', 'succeeded'],
    ]);
    unbind();
  });

  it('delivers real-time trace lines to the tail store exactly once, however often a tail starts (house-style 5.4)', async () => {
    let n = 0;
    const bridge = createFakeBridge({ traces: { tailStart: async () => `t${++n}`, tailStop: async () => undefined } });
    setBridgeForTesting(bridge);
    useTailStore.setState({ target: { cluster: 'c1', node: 'imp1' }, paths: ['/epas/trace/xcp/log/rtr-jsm-1.log'], status: 'idle', tailId: undefined, lines: [], held: [], paused: false, dropped: 0 });
    const unbind = bindDesktopEvents();
    const listeners = bridge.listenerCount();
    const line = (text: string) => ({ path: '/epas/trace/xcp/log/rtr-jsm-1.log', text, atMs: Date.UTC(2026, 11, 6, 10) });
    for (const round of [1, 2]) {
      await useTailStore.getState().start();
      expect(useTailStore.getState()).toMatchObject({ status: 'running', tailId: `t${round}` });
      // Starting a tail binds nothing more: the one listener is bindDesktopEvents'.
      expect(bridge.listenerCount()).toBe(listeners);
      bridge.emit('onDidTailLines', { tailId: `t${round}`, lines: [line(`round ${round}`)] });
      await useTailStore.getState().stop();
    }
    expect(useTailStore.getState().lines.map((l) => l.text)).toEqual(['round 1', 'round 2']);
    unbind();
    bridge.emit('onDidTailLines', { tailId: 't2', lines: [line('after unbind')] });
    expect(useTailStore.getState().lines).toHaveLength(2);
  });

  it('turns a failed list into an error state with code and retryable flag', async () => {
    setBridgeForTesting(createFakeBridge({ alerts: { listActive: async () => Promise.reject({ code: 'POLL_TIMEOUT', message: 'slow', retryable: true }) } }));
    await useAlertsStore.getState().loadActive();
    expect(useAlertsStore.getState().activeLoad).toEqual({ kind: 'error', error: { code: 'POLL_TIMEOUT', message: 'slow', retryable: true } });
  });
});
