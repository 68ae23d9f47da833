/**
 * Notification settings data (issue 15): the settings main keeps (secrets only as "stored" flags), save (applied at
 * once; the notification log is kept), "Send a test" per notifier with its result, and the notification log.
 */
import { create } from 'zustand';
import type { NotificationLogEntry, NotificationSettingsInput, NotificationSettingsView, NotificationTestRequest, NotificationTestResult } from '../../../shared/model/notifications.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** A test's state per target. */
export type TestState = { readonly kind: 'running' } | { readonly kind: 'done'; readonly result: NotificationTestResult } | { readonly kind: 'error'; readonly error: ErrorInfo };

/** State and actions of the notifications store. */
export interface NotificationsState {
  readonly settings?: NotificationSettingsView;
  readonly settingsLoad: LoadState;
  readonly saving: boolean;
  readonly saveError?: ErrorInfo;
  /** Set after a save went through (cleared by the next edit). */
  readonly savedAtMs?: number;
  readonly tests: Readonly<Partial<Record<NotificationTestRequest['target'], TestState>>>;
  readonly log: readonly NotificationLogEntry[];
  readonly logLoad: LoadState;
  load(): Promise<void>;
  save(input: NotificationSettingsInput): Promise<boolean>;
  test(request: NotificationTestRequest): Promise<void>;
  loadLog(limit?: number): Promise<void>;
  edited(): void;
}

/** The notifications store (zustand). */
export const useNotificationsStore = create<NotificationsState>()((set, get) => ({
  settingsLoad: IDLE,
  saving: false,
  tests: {},
  log: [],
  logLoad: IDLE,
  async load() {
    set({ settingsLoad: LOADING });
    try {
      set({ settings: await call('notifications', 'settings'), settingsLoad: READY });
    } catch (err) {
      set({ settingsLoad: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async save(input) {
    set({ saving: true, saveError: undefined, savedAtMs: undefined });
    try {
      const settings = await call('notifications', 'save', input);
      set({ settings, saving: false, savedAtMs: Date.now() });
      return true;
    } catch (err) {
      set({ saving: false, saveError: toErrorInfo(err) });
      return false;
    }
  },
  async test(request) {
    set({ tests: { ...get().tests, [request.target]: { kind: 'running' } } });
    let state: TestState;
    try {
      state = { kind: 'done', result: await call('notifications', 'test', request) };
    } catch (err) {
      state = { kind: 'error', error: toErrorInfo(err) };
    }
    set({ tests: { ...get().tests, [request.target]: state } });
    // A test is logged too (reason 'test').
    void get().loadLog();
  },
  async loadLog(limit = 200) {
    set({ logLoad: get().log.length > 0 ? READY : LOADING });
    try {
      set({ log: await call('notifications', 'log', limit), logLoad: READY });
    } catch (err) {
      set({ logLoad: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  edited() {
    if (get().savedAtMs !== undefined || get().saveError) set({ savedAtMs: undefined, saveError: undefined });
  },
}));
