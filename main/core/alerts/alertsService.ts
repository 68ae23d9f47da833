import type { AcknowledgeInput, AlarmHistoryFilter, DesktopApi, SilenceInput } from '../../../shared/ipc/contract.js';
import type { AlarmRecord, AlertRule, AlertSeverity, MatchField, Silence } from '../../../shared/model/alert.js';
import type { AlertEngine } from './alertEngine.js';

/**
 * The silences Alert Central shows and edits; notify/silenceBook.ts implements it (notify builds on alerts, not the
 * other way round).
 */
export interface SilencesPort {
  add(input: Omit<Silence, 'id' | 'source'>): Promise<Silence>;
  list(): Silence[];
  expire(id: string): Promise<Silence>;
}

/** What the alerts service is built from. */
export interface AlertsServiceDeps {
  readonly alerts: AlertEngine;
  /** Silences of notifications (notifications.json's and those made in the app). */
  readonly silences: SilencesPort;
}

/** DesktopApi['alerts']: Alert Central's rules, active alarms and history, acknowledging, clearing and silences. */
export function createAlertsService(d: AlertsServiceDeps): DesktopApi['alerts'] {
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
    acknowledge: async (a: AcknowledgeInput) => d.alerts.acknowledge(a.alarmId, a.by, a.comment ?? '', a.untilMs),
    clear: async (alarmId: string, by: string) => {
      d.alerts.clearAlarm(alarmId, by);
    },
    clearAll: async (by: string, alarmIds: readonly string[]) => d.alerts.clearAll(by, { ids: new Set(alarmIds) }),
    // Alertmanager's model: the matched alarms are still raised and shown; their notifications are held back.
    silence: async (s: SilenceInput) => {
      const matchers = Object.entries(s.matchers).flatMap(([field, value]) => (value === undefined ? [] : [{ field: field as MatchField, op: '=' as const, value }]));
      return (await d.silences.add({ matchers, startsAt: s.startsAtMs, endsAt: s.endsAtMs, createdBy: s.createdBy, comment: s.comment })).id;
    },
    listSilences: async () => d.silences.list(),
    expireSilence: (id: string) => d.silences.expire(id),
  };
}
