import { isAlarmActive, type AlarmRecord, type AlarmStatus } from '../../../shared/model/alert.js';

/**
 * Pure transitions of the alarm record people act on (peers-and-limits.md 2.5; NetXMS outstanding /
 * acknowledged / resolved / terminated, RTMT Clear Alert). Each returns the new record, or a string saying why
 * the action does not apply.
 */

/** Fields a new alarm needs (its id comes from the alarm book). */
export type NewAlarm = Pick<AlarmRecord, 'key' | 'ruleId' | 'ruleName' | 'group' | 'severity' | 'cluster' | 'node' | 'instance' | 'message' | 'origin' | 'raisedAt' | 'lastValue'> & { readonly flapping?: boolean };

/** Returns a new outstanding alarm with one occurrence. */
export function openAlarm(id: string, a: NewAlarm): AlarmRecord {
  // Every field named, in one order: one object, one shape for all alarms (thousands in a storm).
  const alarm = {
    id, key: a.key, ruleId: a.ruleId, ruleName: a.ruleName, group: a.group, severity: a.severity, cluster: a.cluster, node: a.node,
    instance: a.instance, status: 'outstanding' as const, message: a.message, origin: a.origin, raisedAt: a.raisedAt,
    lastOccurrenceAt: a.raisedAt, occurrences: 1, flapping: a.flapping ?? false,
  };
  return a.lastValue === undefined ? alarm : { ...alarm, lastValue: a.lastValue };
}

/** Records one more alert occurrence of an active alarm (RTMT frequency decides when). */
export function recordOccurrence(a: AlarmRecord, now: number, value: number | undefined, flapping: boolean): AlarmRecord {
  return { ...a, occurrences: a.occurrences + 1, lastOccurrenceAt: now, flapping, ...(value !== undefined ? { lastValue: value } : {}) };
}

/** Acknowledges an active alarm; `untilMs` makes the ack expire (timed sticky ack). */
export function acknowledgeAlarm(a: AlarmRecord, by: string, comment: string, now: number, untilMs?: number): AlarmRecord | string {
  if (!isAlarmActive(a)) return `alarm is ${a.status}`;
  if (untilMs !== undefined && untilMs <= now) return 'acknowledge-until time is in the past';
  return { ...a, status: 'acknowledged', ack: { by, comment, atMs: now, ...(untilMs !== undefined ? { untilMs } : {}) } };
}

/** Returns the alarm to outstanding (a person undid the ack, or the ack expired). */
export function unacknowledgeAlarm(a: AlarmRecord): AlarmRecord | string {
  if (a.status !== 'acknowledged') return `alarm is ${a.status}`;
  const { ack: _ack, ...rest } = a;
  return { ...rest, status: 'outstanding' };
}

/** Returns whether an acknowledgement has expired at `now`. */
export function ackExpired(a: AlarmRecord, now: number): boolean {
  return a.status === 'acknowledged' && a.ack?.untilMs !== undefined && a.ack.untilMs <= now;
}

/** Resolves an active alarm because detection returned to normal. */
export function resolveAlarm(a: AlarmRecord, now: number): AlarmRecord | string {
  if (!isAlarmActive(a)) return `alarm is ${a.status}`;
  return { ...a, status: 'resolved', resolvedAt: now, closedAt: now };
}

/** Closes an active alarm by hand: 'cleared' (RTMT Clear Alert) or 'terminated' (NetXMS: stays quiet until normal). */
export function closeAlarm(a: AlarmRecord, how: Extract<AlarmStatus, 'cleared' | 'terminated'>, by: string, comment: string, now: number): AlarmRecord | string {
  if (!isAlarmActive(a)) return `alarm is ${a.status}`;
  return { ...a, status: how, closedAt: now, closedBy: by, closeComment: comment };
}
