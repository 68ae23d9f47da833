/**
 * How an active alarm reads on the wall screen: the order of the list (severity, then how long the condition
 * has lasted) and one sentence naming the service or counter first, with how long since it was raised
 * ("Cisco XCP Router stopped on imp-sub3 for 12 min"). Pure functions of the alarm, its rule and `now`.
 */
import type { AlarmRecord, AlertRule } from '../../../shared/model/alert.js';
import { formatDuration, formatNumber } from '../../app/format.js';
import { severityRank } from '../../components/severityScale.js';
import { alarmWords, type AlarmWordKey } from '../../i18n/alarmWords.js';
import type { Locale } from '../../i18n/messages.js';

/**
 * Wall-screen order: worst severity first; within a severity, alarms nobody has acknowledged yet before
 * acknowledged ones; then the condition that has lasted longest (oldest `raisedAt`) first; id last, so the
 * order is stable. The newest alarm never pushes an older, worse one below the fold.
 */
export function compareForWall(a: AlarmRecord, b: AlarmRecord): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    Number(a.status === 'acknowledged') - Number(b.status === 'acknowledged') ||
    a.raisedAt - b.raisedAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Returns the alarms in wall-screen order (a new array). */
export function sortForWall(alarms: readonly AlarmRecord[]): AlarmRecord[] {
  return [...alarms].sort(compareForWall);
}

/** Rules whose sentence is written out (status series and well-known counters). */
const NAMED: ReadonlySet<string> = new Set(['ServerDown', 'DBReplicationFailure', 'SystemVersionMismatched', 'SRMFailover', 'SRMFailed', 'CpuPegging', 'LowAvailableVirtualMemory', 'JSMSessionsExceedsThreshold']);

/**
 * Rules that match any message of a severity (RTMT's SyslogSeverityMatchFound): their name says nothing of what
 * happened, so the sentence names the message's own alarm and application, read from the CiscoLog head
 * `%APP-SEVERITY-NAME:` the engine keeps at the start of the alarm's message.
 */
const GENERIC_SYSLOG_RULES: ReadonlySet<string> = new Set(['SyslogSeverityMatchFound']);
const CISCOLOG_HEAD = /^%([^\s:]+)-(\d)-([^\s:]+):/;

/** Whether the rule's values are percentages (a "% …" counter, a share of a node fact, or a delta percentage). */
function isPercent(rule: AlertRule | undefined): boolean {
  const c = rule?.condition;
  if (c?.kind !== 'threshold') return false;
  return c.metric.percentOfNodeFact !== undefined || c.valueAs === 'deltaPercent' || c.metric.counter.trim().startsWith('%');
}

function valueText(value: number | undefined, percent: boolean, locale: Locale): string {
  const n = formatNumber(value, locale);
  return percent && value !== undefined && Number.isFinite(value) ? `${n}%` : n;
}

/**
 * One sentence for an active alarm, thing first, with how long the condition has lasted since it was raised.
 * `rule` is the alarm's rule when the rules are loaded; without it the sentence still names the rule and node.
 */
export function alarmHeadline(alarm: AlarmRecord, rule: AlertRule | undefined, locale: Locale, now: number): string {
  const duration = formatDuration(Math.max(0, Math.round((now - alarm.raisedAt) / 1000)), locale, 'short');
  const c = rule?.condition;
  const percent = isPercent(rule);
  const params: Record<string, string> = {
    node: alarm.node,
    instance: alarm.instance,
    duration,
    rule: alarm.ruleName,
    value: valueText(alarm.lastValue, percent, locale),
    threshold: c?.kind === 'threshold' ? valueText(c.threshold, percent, locale) : '',
    counter: c?.kind === 'threshold' ? c.metric.counter : '',
    object: c?.kind === 'threshold' ? c.metric.object : '',
    direction: c?.kind === 'threshold' ? alarmWords(locale, c.direction) : '',
  };
  let key: AlarmWordKey;
  if (alarm.ruleId === 'CriticalServiceDown') key = alarm.instance ? 'CriticalServiceDown' : 'CriticalServiceDownNoName';
  else if (NAMED.has(alarm.ruleId)) key = alarm.ruleId as AlarmWordKey;
  else if (c?.kind === 'threshold' && c.metric.object === 'Partition' && alarm.instance) key = 'partition';
  else if (c?.kind === 'threshold' && alarm.lastValue !== undefined) key = 'threshold';
  else key = 'event';
  const head = key === 'event' && GENERIC_SYSLOG_RULES.has(alarm.ruleId) ? CISCOLOG_HEAD.exec(alarm.message) : null;
  if (head) {
    key = 'syslogMessage';
    params['app'] = head[1]!;
    params['msgName'] = head[3]!;
  }
  // A threshold sentence without the value it quotes reads wrong: fall back to the rule's name.
  if ((key === 'CpuPegging' || key === 'LowAvailableVirtualMemory' || key === 'JSMSessionsExceedsThreshold') && (alarm.lastValue === undefined || c?.kind !== 'threshold')) key = 'event';
  return alarmWords(locale, key, params);
}

/** The full text shown on hover: the sentence, then the engine's own message. */
export function alarmHoverText(alarm: AlarmRecord, rule: AlertRule | undefined, locale: Locale, now: number): string {
  return `${alarmHeadline(alarm, rule, locale, now)}\n${alarm.ruleName} — ${alarm.message}`;
}
