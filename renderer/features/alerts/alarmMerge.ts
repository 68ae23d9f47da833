/**
 * Pure merging of alarm updates (onDidChangeAlarms sends the changed records) into the active list, and the
 * choice of which changes deserve a desktop notification.
 */
import { isAlarmActive, type AlarmRecord } from '../../../shared/model/alert.js';
import { severityRank } from '../../components/severityScale.js';

/** Returns the active list after `changed`: updated in place, new active ones added, inactive ones removed. */
export function mergeActiveAlarms(active: readonly AlarmRecord[], changed: readonly AlarmRecord[]): AlarmRecord[] {
  const byId = new Map(active.map((a) => [a.id, a]));
  for (const a of changed) {
    if (isAlarmActive(a)) byId.set(a.id, a);
    else byId.delete(a.id);
  }
  return sortAlarms([...byId.values()]);
}

/** Sorts alarms by severity (worst first), then newest first. */
export function sortAlarms(alarms: readonly AlarmRecord[]): AlarmRecord[] {
  return [...alarms].sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || b.lastOccurrenceAt - a.lastOccurrenceAt);
}

/**
 * Returns the alarms of `changed` that are new, outstanding and Critical or worse (Emergency, Alert, Critical):
 * the ones a desktop notification announces. An alarm already known (by id) is not announced again.
 */
export function newCriticalAlarms(knownIds: ReadonlySet<string>, changed: readonly AlarmRecord[]): AlarmRecord[] {
  return changed.filter((a) => a.status === 'outstanding' && !knownIds.has(a.id) && severityRank(a.severity) <= severityRank('Critical'));
}
