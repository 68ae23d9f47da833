import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NotificationSettingsView } from '../../../shared/model/notifications.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, ipcFailure } from '../../ipc/testing.js';
import { useNotificationsStore } from './notificationsStore.js';

const initial = useNotificationsStore.getState();
const view: NotificationSettingsView = { alertActions: [], groupWaitSeconds: 30, groupIntervalSeconds: 300, repeatIntervalSeconds: 14400, file: '/x/notifications.json', active: { notifiers: [] } };
beforeEach(() => useNotificationsStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('notificationsStore', () => {
  it('loads the settings; save applies and keeps what main returns; a refusal is saveError', async () => {
    const bridge = createFakeBridge({
      notifications: {
        settings: async () => view,
        save: async (input) => {
          if (input.groupIntervalSeconds < 1) throw ipcFailure('VALIDATION', 'groupIntervalSeconds too small');
          return { ...view, groupWaitSeconds: input.groupWaitSeconds, active: { notifiers: ['webhook'] } };
        },
      },
    });
    setBridgeForTesting(bridge);
    await useNotificationsStore.getState().load();
    expect(useNotificationsStore.getState().settings).toEqual(view);
    const input = { alertActions: [], groupWaitSeconds: 5, groupIntervalSeconds: 60, repeatIntervalSeconds: 3600 };
    await expect(useNotificationsStore.getState().save(input)).resolves.toBe(true);
    expect(useNotificationsStore.getState().settings?.active.notifiers).toEqual(['webhook']);
    expect(useNotificationsStore.getState().savedAtMs).toBeDefined();
    await expect(useNotificationsStore.getState().save({ ...input, groupIntervalSeconds: 0 })).resolves.toBe(false);
    expect(useNotificationsStore.getState().saveError?.code).toBe('VALIDATION');
    expect(useNotificationsStore.getState().savedAtMs).toBeUndefined();
  });

  it('a test keeps its result per target (a failed send is data, a refused request an error) and reloads the log', async () => {
    const bridge = createFakeBridge({
      notifications: {
        test: async (r) => {
          if (r.target === 'webhook') throw ipcFailure('VALIDATION', 'no webhook URL');
          return { target: r.target, ok: r.target === 'email', sentTo: ['noc@example.com'], durationMs: 12, ...(r.target === 'email' ? {} : { error: { code: 'NOTIFY_FAILED', message: 'ECONNREFUSED', retryable: true } }) };
        },
        log: async () => [{ id: 1, atMs: 1, groupKey: 'g', groupLabels: {}, notifier: 'email', reason: 'test', firing: [], resolved: [], ok: true, attempts: 1 }],
      },
    });
    setBridgeForTesting(bridge);
    await useNotificationsStore.getState().test({ target: 'email', alertAction: 'Default' });
    await useNotificationsStore.getState().test({ target: 'alertmanager' });
    await useNotificationsStore.getState().test({ target: 'webhook' });
    const { tests } = useNotificationsStore.getState();
    expect(tests.email).toMatchObject({ kind: 'done', result: { ok: true, sentTo: ['noc@example.com'] } });
    expect(tests.alertmanager).toMatchObject({ kind: 'done', result: { ok: false, error: { message: 'ECONNREFUSED' } } });
    expect(tests.webhook).toMatchObject({ kind: 'error', error: { code: 'VALIDATION' } });
    await useNotificationsStore.getState().loadLog();
    expect(useNotificationsStore.getState().log.map((e) => e.reason)).toEqual(['test']);
    expect(bridge.calls.find((c) => c.name === 'notifications.log')?.args).toEqual([200]);
  });
});
