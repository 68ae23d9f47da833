/**
 * Alert Central data: rules by group, active alarms (kept fresh by onDidChangeAlarms) and history with filters,
 * with the operator actions acknowledge, clear, clear all, silence, save/reset/suspend a rule.
 */
import { create } from 'zustand';
import type { AlarmRecord, AlertRule, Silence } from '../../../shared/model/alert.js';
import type { AlarmHistoryFilter } from '../../../shared/ipc/contract.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';
import { useAppStore } from '../../app/appStore.js';
import { translate } from '../../i18n/messages.js';
import { mergeActiveAlarms, newCriticalAlarms, sortAlarms } from './alarmMerge.js';

/** Who the UI says did an action (no login in this tool: one operator name, editable later). */
export const OPERATOR = 'NOC operator';

/** State and actions of the alerts store. */
export interface AlertsState {
  readonly rules: readonly AlertRule[];
  readonly rulesLoad: LoadState;
  readonly active: readonly AlarmRecord[];
  readonly activeLoad: LoadState;
  readonly history: readonly AlarmRecord[];
  readonly historyLoad: LoadState;
  readonly historyFilter: AlarmHistoryFilter;
  /** Silences of notifications (in force, pending, and recently ended). */
  readonly silences: readonly Silence[];
  readonly silencesLoad: LoadState;
  /** The last action's error, shown as a banner until the next action. */
  readonly actionError?: ErrorInfo;
  /** Alarms to announce (consumed by the notifier). */
  readonly toAnnounce: readonly AlarmRecord[];
  loadRules(): Promise<void>;
  loadActive(): Promise<void>;
  loadHistory(filter?: AlarmHistoryFilter): Promise<void>;
  applyAlarmChanges(changed: readonly AlarmRecord[]): void;
  takeAnnouncements(): readonly AlarmRecord[];
  acknowledge(alarmId: string, comment?: string): Promise<void>;
  clear(alarmId: string): Promise<void>;
  /** Clears the alarms named: those the confirmation counted (one raised since stays). */
  clearAll(alarmIds: readonly string[]): Promise<void>;
  silence(alarm: AlarmRecord, minutes: number): Promise<void>;
  loadSilences(): Promise<void>;
  expireSilence(id: string): Promise<void>;
  saveRule(input: unknown): Promise<AlertRule | undefined>;
  resetRule(ruleId: string): Promise<void>;
  setSuspended(ruleId: string, suspended: boolean): Promise<void>;
}

/** The alerts store (zustand). */
export const useAlertsStore = create<AlertsState>()((set, get) => {
  async function act(work: () => Promise<void>): Promise<void> {
    set({ actionError: undefined });
    try {
      await work();
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
    }
  }
  const replaceRule = (rule: AlertRule): void => set({ rules: get().rules.map((r) => (r.id === rule.id ? rule : r)).concat(get().rules.some((r) => r.id === rule.id) ? [] : [rule]) });
  return {
    rules: [],
    rulesLoad: IDLE,
    active: [],
    activeLoad: IDLE,
    history: [],
    historyLoad: IDLE,
    historyFilter: { limit: 200 },
    silences: [],
    silencesLoad: IDLE,
    toAnnounce: [],
    async loadRules() {
      set({ rulesLoad: LOADING });
      try {
        set({ rules: await call('alerts', 'listRules'), rulesLoad: READY });
      } catch (err) {
        set({ rulesLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    async loadActive() {
      set({ activeLoad: LOADING });
      try {
        set({ active: sortAlarms(await call('alerts', 'listActive')), activeLoad: READY });
      } catch (err) {
        set({ activeLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    async loadHistory(filter) {
      const f = filter ?? get().historyFilter;
      set({ historyLoad: LOADING, historyFilter: f });
      try {
        set({ history: await call('alerts', 'history', f), historyLoad: READY });
      } catch (err) {
        set({ historyLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    applyAlarmChanges(changed) {
      const known = new Set(get().active.map((a) => a.id));
      const fresh = get().activeLoad.kind === 'ready' ? newCriticalAlarms(known, changed) : [];
      set({ active: mergeActiveAlarms(get().active, changed), toAnnounce: [...get().toAnnounce, ...fresh] });
    },
    takeAnnouncements() {
      const list = get().toAnnounce;
      if (list.length > 0) set({ toAnnounce: [] });
      return list;
    },
    acknowledge: (alarmId, comment) =>
      act(async () => {
        const record = await call('alerts', 'acknowledge', { alarmId, by: OPERATOR, comment });
        get().applyAlarmChanges([record]);
      }),
    clear: (alarmId) =>
      act(async () => {
        await call('alerts', 'clear', alarmId, OPERATOR);
        set({ active: get().active.filter((a) => a.id !== alarmId) });
      }),
    clearAll: (alarmIds) =>
      act(async () => {
        await call('alerts', 'clearAll', OPERATOR, alarmIds);
        await get().loadActive();
      }),
    silence: (alarm, minutes) =>
      act(async () => {
        const now = Date.now();
        // This rule on this node of this cluster: the alarm stays in Alert Central, its notifications stop.
        await call('alerts', 'silence', {
          matchers: { ruleId: alarm.ruleId, cluster: alarm.cluster, node: alarm.node },
          startsAtMs: now,
          endsAtMs: now + minutes * 60_000,
          // The comment is data kept with the silence: written in the operator's language.
          comment: translate(useAppStore.getState().locale, 'alerts.silenceComment', { rule: alarm.ruleName }),
          createdBy: OPERATOR,
        });
        await get().loadSilences();
      }),
    async loadSilences() {
      set({ silencesLoad: LOADING });
      try {
        set({ silences: await call('alerts', 'listSilences'), silencesLoad: READY });
      } catch (err) {
        set({ silencesLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    expireSilence: (id) =>
      act(async () => {
        await call('alerts', 'expireSilence', id);
        await get().loadSilences();
      }),
    async saveRule(input) {
      let saved: AlertRule | undefined;
      await act(async () => {
        saved = await call('alerts', 'saveRule', input);
        replaceRule(saved);
      });
      return saved;
    },
    resetRule: (ruleId) => act(async () => replaceRule(await call('alerts', 'resetRule', ruleId))),
    setSuspended: (ruleId, suspended) =>
      act(async () => {
        await call('alerts', 'setSuspended', ruleId, suspended);
        await get().loadRules();
      }),
  };
});
