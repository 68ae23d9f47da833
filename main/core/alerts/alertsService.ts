import type { AcknowledgeInput, AlarmHistoryFilter, DesktopApi, SilenceInput } from '../../../shared/ipc/contract.js';
import type { AlarmHistoryEntry, AlarmRecord, AlertRule, AlertSeverity, MaintenanceWindow, MaintenanceWindowInput, MatchField, Matcher, Silence } from '../../../shared/model/alert.js';
import type { AlertEngine } from './alertEngine.js';

/** A silence as the app makes or changes it: matchers, window, who and why. */
export interface SilenceFields {
  readonly matchers: readonly Matcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

/**
 * The silences Alert Central shows and edits; notify/silenceBook.ts implements it (notify builds on alerts, not the
 * other way round).
 */
export interface SilencesPort {
  add(input: SilenceFields): Promise<Silence>;
  /** Changes a silence made in the app; those of the settings file are refused (PRECONDITION). */
  update(id: string, input: SilenceFields): Promise<Silence>;
  list(): Silence[];
  expire(id: string): Promise<Silence>;
}

/** The maintenance windows Alert Central shows and edits; notify/maintenanceBook.ts implements it. */
export interface MaintenancePort {
  list(): MaintenanceWindow[];
  save(input: MaintenanceWindowInput, operator: string): Promise<MaintenanceWindow>;
  delete(id: string): Promise<void>;
}

/** What the alerts service is built from. */
export interface AlertsServiceDeps {
  readonly alerts: AlertEngine;
  /** Silences of notifications (notifications.json's and those made in the app). */
  readonly silences: SilencesPort;
  /** Maintenance windows (notifications.json's and those made in the app). */
  readonly maintenance: MaintenancePort;
  /**
   * Who acts, asked at each call: the caller the transport established (issue 16: currentCaller()'s operator — the
   * logged-in operator on a server, the OS user on the desktop and in web mode), else the backend's OS user.
   * Recorded on every acknowledgement, clear, note, silence and window; a request never names it (issue 15: `by`
   * left the contract, and validation refuses it as an unknown field).
   */
  readonly operator: () => string;
}

/**
 * A silence request (equality matchers as field → value, a window in epoch ms, why) as the silences keep it, made by
 * `createdBy` (the operator the backend knows, or the OS user of an `imp alarms silence` request).
 */
export function silenceFieldsOf(s: SilenceInput, createdBy: string): SilenceFields {
  return {
    matchers: Object.entries(s.matchers).flatMap(([field, value]) => (value === undefined ? [] : [{ field: field as MatchField, op: '=' as const, value }])),
    startsAt: s.startsAtMs,
    endsAt: s.endsAtMs,
    createdBy,
    comment: s.comment,
  };
}

/**
 * DesktopApi['alerts']: Alert Central's rules, active alarms and history, the alarm workflow (acknowledge until,
 * unacknowledge, clear, notes and the journal), silences and maintenance windows, every manual act recorded as the
 * caller (the operator of the call being served).
 */
export function createAlertsService(d: AlertsServiceDeps): DesktopApi['alerts'] {
  const who = d.operator;
  const silenceFields = (s: SilenceInput): SilenceFields => silenceFieldsOf(s, who());
  return {
    listRules: async (): Promise<AlertRule[]> => d.alerts.rules.list(),
    saveRule: async (input: unknown): Promise<AlertRule> => {
      const id = typeof input === 'object' && input !== null && typeof (input as { id?: unknown }).id === 'string' ? (input as { id: string }).id : undefined;
      const exists = id !== undefined && d.alerts.rules.list().some((r) => r.id === id);
      return exists ? d.alerts.rules.update(id!, input) : d.alerts.rules.create(input);
    },
    resetRule: async (id: string) => d.alerts.rules.resetToDefault(id),
    // RTMT's Suspend on a rule: the rule stops alerting until resumed (it keeps its settings).
    setSuspended: async (ruleId: string, suspended: boolean) => {
      d.alerts.rules.setEnabled(ruleId, !suspended);
    },
    listActive: async (): Promise<AlarmRecord[]> => d.alerts.activeAlarms(),
    // Every filter goes into the store's query, before its LIMIT (a cluster filter after it returned short pages).
    history: async (f: AlarmHistoryFilter): Promise<AlarmRecord[]> =>
      d.alerts.queryAlarms({ sinceMs: f.sinceMs, cluster: f.cluster, node: f.node, ruleId: f.ruleId, minSeverity: f.minSeverity as AlertSeverity | undefined, limit: f.limit ?? 500 }),
    acknowledge: async (a: AcknowledgeInput) => d.alerts.acknowledge(a.alarmId, who(), a.comment ?? '', a.untilMs),
    unacknowledge: async (alarmId: string, comment?: string) => d.alerts.unacknowledge(alarmId, who(), comment),
    clear: async (alarmId: string, comment?: string) => {
      d.alerts.clearAlarm(alarmId, who(), comment ?? '');
    },
    clearAll: async (alarmIds: readonly string[]) => d.alerts.clearAll(who(), { ids: new Set(alarmIds) }),
    addNote: async (alarmId: string, text: string): Promise<AlarmHistoryEntry> => d.alerts.addNote(alarmId, who(), text),
    journal: async (alarmId: string): Promise<AlarmHistoryEntry[]> => d.alerts.journal(alarmId),
    // Alertmanager's model: the matched alarms are still raised and shown; their notifications are held back.
    silence: async (s: SilenceInput) => (await d.silences.add(silenceFields(s))).id,
    updateSilence: (id: string, s: SilenceInput) => d.silences.update(id, silenceFields(s)),
    listSilences: async () => d.silences.list(),
    expireSilence: (id: string) => d.silences.expire(id),
    listMaintenance: async () => d.maintenance.list(),
    saveMaintenance: (input: MaintenanceWindowInput) => d.maintenance.save(input, who()),
    deleteMaintenance: (id: string) => d.maintenance.delete(id),
  };
}
