/**
 * What "Clear all" would close, said before it happens: how many active alarms, and how many of them are for
 * conditions still present at the last check. RTMT's Clear closes the alarm and resets detection
 * (alertEngine.clearAlarm): it fixes nothing, and a condition still present is raised again once it lasts the
 * rule's duration.
 */
import type { AlarmRecord, AlertRule } from '../../../shared/model/alert.js';

/** Counts shown in the confirmation. */
export interface ClearAllSummary {
  readonly total: number;
  /** The alarms counted: Clear all sends these, so one raised after the confirmation showed is not cleared unseen. */
  readonly ids: readonly string[];
  /** Alarms whose condition was still present at the last evaluation (e.g. a service still down). */
  readonly ongoing: number;
}

/**
 * Whether an active alarm's condition is still present. A threshold rule's alarm (counters, service and node
 * status) is resolved by the engine as soon as a poll shows normal, so while it is active its condition holds; a
 * syslog rule with a clearing message (e.g. CriticalServiceDownCleared) likewise. A plain syslog event has no
 * condition that lasts: only a person closes it.
 */
export function isOngoing(alarm: AlarmRecord, rule: AlertRule | undefined): boolean {
  if (alarm.status !== 'outstanding' && alarm.status !== 'acknowledged') return false;
  const c = rule?.condition;
  if (!c) return alarm.origin === 'poll';
  return c.kind === 'threshold' || c.clearMsgName !== undefined;
}

/** Returns how many active alarms Clear all closes and how many of them are for conditions still present. */
export function clearAllSummary(active: readonly AlarmRecord[], rules: readonly AlertRule[]): ClearAllSummary {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const ids: string[] = [];
  let ongoing = 0;
  for (const a of active) {
    if (a.status !== 'outstanding' && a.status !== 'acknowledged') continue;
    ids.push(a.id);
    if (isOngoing(a, byId.get(a.ruleId))) ongoing += 1;
  }
  return { total: ids.length, ids, ongoing };
}
