import type { NotifiedAlarm } from './notifier.js';

/** Decides whether an alarm is muted now (Alertmanager notify/mute.go: a Muter of one method). */
export interface Muter {
  readonly name: string;
  mutes(alarm: NotifiedAlarm, active: readonly NotifiedAlarm[], now: number): boolean;
}

/** Fields a matcher can look at. */
export type MatchField = 'ruleId' | 'ruleName' | 'cluster' | 'node' | 'instance' | 'severity' | 'group';

/** One matcher: equality or regular expression, possibly negated (Alertmanager silences). */
export interface Matcher {
  readonly field: MatchField;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/** A silence: matchers and a time window, who made it and why. */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly Matcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
}

/** A per-node maintenance window: collection and evaluation go on, notifications do not (NetXMS/Zabbix). */
export interface MaintenanceWindow {
  readonly id: string;
  readonly cluster: string;
  readonly node: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly comment?: string;
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

/** Returns whether every matcher of a list matches an alarm. */
export function matchesAll(matchers: readonly Matcher[], a: NotifiedAlarm): boolean {
  return matchers.every((m) => {
    const v = a[m.field];
    if (m.op === '=') return v === m.value;
    if (m.op === '!=') return v !== m.value;
    const re = safeRegex(m.value);
    const hit = re ? re.test(v) : false;
    return m.op === '=~' ? hit : !hit;
  });
}

const cache = new Map<string, RegExp | null>();
function safeRegex(s: string): RegExp | null {
  let r = cache.get(s);
  if (r === undefined) {
    try {
      r = new RegExp(`^(?:${s})$`);
    } catch {
      r = null;
    }
    if (cache.size > 1000) cache.clear();
    cache.set(s, r);
  }
  return r;
}

/** Mutes alarms matched by an active silence. */
export class SilenceMuter implements Muter {
  readonly name = 'silence';
  constructor(private readonly silences: () => readonly Silence[]) {}
  mutes(a: NotifiedAlarm, _active: readonly NotifiedAlarm[], now: number): boolean {
    return this.silences().some((s) => s.startsAt <= now && now < s.endsAt && matchesAll(s.matchers, a));
  }
}

/** Mutes alarms of nodes in a maintenance window. */
export class MaintenanceMuter implements Muter {
  readonly name = 'maintenance';
  constructor(private readonly windows: () => readonly MaintenanceWindow[]) {}
  mutes(a: NotifiedAlarm, _active: readonly NotifiedAlarm[], now: number): boolean {
    return this.windows().some((w) => w.cluster === a.cluster && w.node === a.node && w.startsAt <= now && now < w.endsAt);
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
