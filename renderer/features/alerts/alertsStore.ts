/**
 * Alert Central data: rules by group, active alarms (kept fresh by onDidChangeAlarms) and history with filters,
 * with the operator actions acknowledge (comment, until), unacknowledge, clear with a comment, clear all, notes in an
 * alarm's journal, silences (made, edited, ended), maintenance windows, save/reset/suspend a rule. Who acts is never
 * sent (issue 15): the backend records its operator, shown here from `app.info().operator`.
 */
import { create } from 'zustand';
import type { AlarmHistoryEntry, AlarmRecord, AlertRule, MaintenanceWindow, MaintenanceWindowInput, Silence } from '../../../shared/model/alert.js';
import type { AlarmHistoryFilter, SilenceInput } from '../../../shared/ipc/contract.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';
import { mergeActiveAlarms, newCriticalAlarms, sortAlarms } from './alarmMerge.js';

/** One alarm's journal as loaded. */
export interface AlarmJournal {
  readonly alarmId: string;
  readonly entries: readonly AlarmHistoryEntry[];
  readonly load: LoadState;
}

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
  /** Who the backend records as acting (AppInfo.operator), once known. */
  readonly operator?: string;
  /** The journal of the alarm whose details are open. */
  readonly journal?: AlarmJournal;
  readonly maintenance: readonly MaintenanceWindow[];
  readonly maintenanceLoad: LoadState;
  loadRules(): Promise<void>;
  loadActive(): Promise<void>;
  loadHistory(filter?: AlarmHistoryFilter): Promise<void>;
  applyAlarmChanges(changed: readonly AlarmRecord[]): void;
  takeAnnouncements(): readonly AlarmRecord[];
  loadOperator(): Promise<void>;
  /** True when done; false when refused (actionError says why). */
  acknowledge(alarmId: string, comment?: string, untilMs?: number): Promise<boolean>;
  unacknowledge(alarmId: string, comment?: string): Promise<boolean>;
  clear(alarmId: string, comment?: string): Promise<boolean>;
  /** Clears the alarms named: those the confirmation counted (one raised since stays). */
  clearAll(alarmIds: readonly string[]): Promise<void>;
  loadJournal(alarmId: string): Promise<void>;
  addNote(alarmId: string, text: string): Promise<boolean>;
  silence(input: SilenceInput): Promise<boolean>;
  updateSilence(id: string, input: SilenceInput): Promise<boolean>;
  loadSilences(): Promise<void>;
  expireSilence(id: string): Promise<void>;
  loadMaintenance(): Promise<void>;
  saveMaintenance(input: MaintenanceWindowInput): Promise<boolean>;
  deleteMaintenance(id: string): Promise<void>;
  saveRule(input: unknown): Promise<AlertRule | undefined>;
  resetRule(ruleId: string): Promise<void>;
  setSuspended(ruleId: string, suspended: boolean): Promise<void>;
}

/** The alerts store (zustand). */
export const useAlertsStore = create<AlertsState>()((set, get) => {
  async function act(work: () => Promise<void>): Promise<boolean> {
    set({ actionError: undefined });
    try {
      await work();
      return true;
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
      return false;
    }
  }
  /** Reloads the open journal when it is this alarm's (an action adds to it). */
  const refreshJournal = async (alarmId: string): Promise<void> => {
    if (get().journal?.alarmId === alarmId) await get().loadJournal(alarmId);
  };
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
    maintenance: [],
    maintenanceLoad: IDLE,
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
    async loadOperator() {
      try {
        set({ operator: (await call('app', 'info')).operator });
      } catch {
        // Shown as unknown; every action still records the backend's operator.
      }
    },
    acknowledge: (alarmId, comment, untilMs) =>
      act(async () => {
        const record = await call('alerts', 'acknowledge', { alarmId, ...(comment ? { comment } : {}), ...(untilMs !== undefined ? { untilMs } : {}) });
        get().applyAlarmChanges([record]);
        await refreshJournal(alarmId);
      }),
    unacknowledge: (alarmId, comment) =>
      act(async () => {
        const record = await call('alerts', 'unacknowledge', alarmId, comment || undefined);
        get().applyAlarmChanges([record]);
        await refreshJournal(alarmId);
      }),
    clear: (alarmId, comment) =>
      act(async () => {
        await call('alerts', 'clear', alarmId, comment || undefined);
        set({ active: get().active.filter((a) => a.id !== alarmId) });
        await refreshJournal(alarmId);
      }),
    clearAll: async (alarmIds) => {
      await act(async () => {
        await call('alerts', 'clearAll', alarmIds);
        await get().loadActive();
      });
    },
    async loadJournal(alarmId) {
      const keep = get().journal?.alarmId === alarmId ? get().journal!.entries : [];
      set({ journal: { alarmId, entries: keep, load: keep.length > 0 ? READY : LOADING } });
      try {
        const entries = await call('alerts', 'journal', alarmId);
        if (get().journal?.alarmId === alarmId) set({ journal: { alarmId, entries, load: READY } });
      } catch (err) {
        if (get().journal?.alarmId === alarmId) set({ journal: { alarmId, entries: keep, load: { kind: 'error', error: toErrorInfo(err) } } });
      }
    },
    addNote: (alarmId, text) =>
      act(async () => {
        await call('alerts', 'addNote', alarmId, text);
        await refreshJournal(alarmId);
      }),
    silence: (input) =>
      act(async () => {
        await call('alerts', 'silence', input);
        await get().loadSilences();
      }),
    updateSilence: (id, input) =>
      act(async () => {
        await call('alerts', 'updateSilence', id, input);
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
    expireSilence: async (id) => {
      await act(async () => {
        await call('alerts', 'expireSilence', id);
        await get().loadSilences();
      });
    },
    async loadMaintenance() {
      set({ maintenanceLoad: LOADING });
      try {
        set({ maintenance: await call('alerts', 'listMaintenance'), maintenanceLoad: READY });
      } catch (err) {
        set({ maintenanceLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    saveMaintenance: (input) =>
      act(async () => {
        await call('alerts', 'saveMaintenance', input);
        await get().loadMaintenance();
      }),
    deleteMaintenance: async (id) => {
      await act(async () => {
        await call('alerts', 'deleteMaintenance', id);
        await get().loadMaintenance();
      });
    },
    async saveRule(input) {
      let saved: AlertRule | undefined;
      await act(async () => {
        saved = await call('alerts', 'saveRule', input);
        replaceRule(saved);
      });
      return saved;
    },
    resetRule: async (ruleId) => {
      await act(async () => replaceRule(await call('alerts', 'resetRule', ruleId)));
    },
    setSuspended: async (ruleId, suspended) => {
      await act(async () => {
        await call('alerts', 'setSuspended', ruleId, suspended);
        await get().loadRules();
      });
    },
  };
});
