import type { MaintenanceWindow, MatchField, Silence } from '../../../shared/model/alert.js';
import { maintenanceCovers } from '../../../shared/model/maintenanceSchedule.js';
import { silenceOf } from '../../../shared/model/silenceMatch.js';
import type { NotifiedAlarm } from './notifier.js';

/** Decides whether an alarm is muted now (Alertmanager notify/mute.go: a Muter of one method). */
export interface Muter {
  readonly name: string;
  mutes(alarm: NotifiedAlarm, active: readonly NotifiedAlarm[], now: number): boolean;
}

/** An inhibition rule: while a source alarm fires, targets sharing the `equal` fields are muted. */
export interface InhibitRule {
  readonly sourceRuleIds: readonly string[];
  /** Target rule ids; empty = every rule other than the sources. */
  readonly targetRuleIds: readonly string[];
  readonly equal: readonly MatchField[];
}

/** Default inhibition: a node that is down silences every other alert on it (issue 5). */
export const DEFAULT_INHIBIT_RULES: readonly InhibitRule[] = [{ sourceRuleIds: ['ServerDown'], targetRuleIds: [], equal: ['cluster', 'node'] }];

/** Mutes alarms matched by an active silence. */
export class SilenceMuter implements Muter {
  readonly name = 'silence';
  constructor(private readonly silences: () => readonly Silence[]) {}
  mutes(a: NotifiedAlarm, _active: readonly NotifiedAlarm[], now: number): boolean {
    return silenceOf(a, this.silences(), now) !== undefined;
  }
}

/**
 * Mutes alarms of a node (or a whole cluster) in a maintenance window, one-off or weekly (NetXMS/Zabbix
 * maintenance: collection and evaluation go on, alarms are raised and shown, notifications are not sent). The
 * windows are those of the app's MaintenanceBook and of the settings file, asked for at each decision.
 */
export class MaintenanceMuter implements Muter {
  readonly name = 'maintenance';
  constructor(private readonly windows: () => readonly MaintenanceWindow[]) {}
  mutes(a: NotifiedAlarm, _active: readonly NotifiedAlarm[], now: number): boolean {
    return this.windows().some((w) => maintenanceCovers(w, a.cluster, a.node, now));
  }
}

/** Mutes targets of inhibition rules while a matching source alarm is active. */
export class InhibitMuter implements Muter {
  readonly name = 'inhibition';
  constructor(private readonly rules: readonly InhibitRule[] = DEFAULT_INHIBIT_RULES) {}
  mutes(a: NotifiedAlarm, active: readonly NotifiedAlarm[]): boolean {
    for (const r of this.rules) {
      if (r.sourceRuleIds.includes(a.ruleId)) continue;
      if (r.targetRuleIds.length > 0 && !r.targetRuleIds.includes(a.ruleId)) continue;
      if (active.some((s) => r.sourceRuleIds.includes(s.ruleId) && s.id !== a.id && r.equal.every((f) => s[f] === a[f]))) return true;
    }
    return false;
  }
}
