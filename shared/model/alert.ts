/**
 * Alert Central data shared by the engine (main/core/alerts) and the UI: rules with every RTMT setting
 * (serviceability-reference.md A.3), detection instances (house-style.md 5.6, Grafana state.go) and the alarm
 * record people act on (peers-and-limits.md 2.4/2.5, NetXMS model). Plain, structured-clone safe data.
 */

/** Syslog severities 0..7 with Cisco's alarm severity names (RFC 5424 table 2, MSG-0101). */
export const ALERT_SEVERITIES = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'] as const;
/** One of Cisco's alarm severity names. */
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** RTMT Alert Central tabs we show (serviceability-reference.md A.3). */
export type AlertGroup = 'System' | 'IM and Presence Service' | 'Custom';

/** RTMT "Trigger alert when following conditions met (Over, Under)". */
export type ThresholdDirection = 'over' | 'under';

/** RTMT "Value Calculated As": Absolute, Delta, Delta Percentage. */
export type ValueCalculation = 'absolute' | 'delta' | 'deltaPercent';

/** Which series a threshold rule reads. `instance` '*' (or absent) means every instance. */
export interface MetricSelector {
  readonly object: string;
  readonly counter: string;
  readonly instance?: string;
  /**
   * Divide the value by a per-node fact and express it in percent (JSMSessionsExceedsThreshold: sessions as a
   * percentage of the supported sessions, seed-inventory.md 4.1).
   */
  readonly percentOfNodeFact?: NodeFactName;
}

/** Per-node facts the engine can be told about (not collected as samples). */
export type NodeFactName = 'jsmSessionsSupported';

/** RTMT "Duration": trigger immediately, or only when the value is constantly over/under for N seconds. */
export type AlertDuration = { readonly kind: 'immediate' } | { readonly kind: 'sustained'; readonly seconds: number };

/** RTMT "Frequency": trigger on every poll, or up to N alerts within M minutes. */
export type AlertFrequency =
  | { readonly kind: 'everyPoll' }
  | { readonly kind: 'limited'; readonly maxAlerts: number; readonly withinMinutes: number };

/**
 * RTMT "Schedule": 24 hours daily, or a daily start/stop time. Minutes after midnight in the time zone given by
 * `utcOffsetMinutes`; a window whose end is before its start spans midnight.
 */
export type AlertSchedule =
  | { readonly kind: 'always' }
  | { readonly kind: 'daily'; readonly startMinute: number; readonly endMinute: number; readonly utcOffsetMinutes: number };

/** What a missing series or a failed collection does to an instance (Grafana NoDataState / ExecErrState). */
export type MissingDataPolicy = 'noData' | 'error' | 'alerting' | 'ok' | 'keepLast';

/** A threshold on a counter (every RTMT threshold alert, and custom alerts on any counter). */
export interface ThresholdCondition {
  readonly kind: 'threshold';
  readonly metric: MetricSelector;
  readonly direction: ThresholdDirection;
  readonly threshold: number;
  /**
   * Beyond RTMT: hysteresis. A firing instance recovers only once the value is on the safe side of this value
   * (e.g. fire over 90, recover under 85; Grafana "stop alerting when", Zabbix recovery expression).
   */
  readonly recoveryThreshold?: number;
  readonly valueAs: ValueCalculation;
}

/** Matches CiscoLog messages received by syslog or trap (SyslogSeverityMatchFound, SyslogStringMatchFound…). */
export interface SyslogMatch {
  /** Matches when the message severity is at most this (0 Emergency … 7 Debug). */
  readonly maxSeverity?: number;
  /** CiscoLog APPNAME, exact (case-insensitive). */
  readonly appName?: string;
  /** CiscoLog MSGNAME (alarm name), exact (case-insensitive). */
  readonly msgName?: string;
  /** Substring of the whole message (case-insensitive). */
  readonly contains?: string;
  /** A regular expression whose first group gives the instance (e.g. the service name). */
  readonly instancePattern?: string;
}

/** An alert raised by syslog messages only (no polled counter). */
export interface SyslogCondition {
  readonly kind: 'syslog';
  readonly match: SyslogMatch;
  /** A CiscoLog MSGNAME that resolves the alarm (e.g. "CriticalServiceDownCleared"); otherwise a person clears it. */
  readonly clearMsgName?: string;
}

/** The condition a rule evaluates. */
export type AlertCondition = ThresholdCondition | SyslogCondition;

/** A rule: one row of Alert Central with its "Set Alert/Properties" settings. */
export interface AlertRule {
  readonly id: string;
  readonly name: string;
  readonly group: AlertGroup;
  readonly description: string;
  readonly recommendedAction?: string;
  /** Preconfigured rules can be disabled and reset, never deleted (RTMT). */
  readonly preconfigured: boolean;
  readonly enabled: boolean;
  /** RTMT "Enable/Disable this alert on the following servers": node names where the rule is off. */
  readonly disabledNodes: readonly string[];
  readonly severity: AlertSeverity;
  readonly condition: AlertCondition;
  /** Beyond RTMT: also raise from syslog between polls (a service that went down and came back). */
  readonly syslogAlso?: SyslogMatch;
  readonly duration: AlertDuration;
  readonly frequency: AlertFrequency;
  readonly schedule: AlertSchedule;
  /** Keep firing this long after recovery (Prometheus keep_firing_for); 0 = resolve at once. */
  readonly keepFiringForSeconds: number;
  readonly noDataPolicy: MissingDataPolicy;
  readonly errorPolicy: MissingDataPolicy;
  /** RTMT "Enable E-mail". */
  readonly emailEnabled: boolean;
  /** RTMT "Trigger Alert Action": the name of an alert action (default "Default"). */
  readonly alertAction: string;
  /** Where the default of this rule comes from (document and line), or "ours". */
  readonly source?: string;
  /** RTMT "Enable Trace Download": collect these services' traces from the node when the rule raises an alarm. */
  readonly traceDownload?: AlertTraceDownload;
}

/**
 * RTMT's alert "Enable Trace Download" (serviceability-reference.md A.3; RTMT offers it for CriticalServiceDown,
 * CodeYellow and CoreDumpFileFound, here any rule): when the rule raises an alarm, the traces of the chosen
 * services from the alarm's node, the last `lastMinutes` minutes, are collected into a bundle linked from the
 * alarm. Cisco cautions "Trace Download may affect services on the node", hence the daily limit per rule (and a
 * limit per day for all rules together, set by the app).
 */
export interface AlertTraceDownload {
  /** Service log names as the node lists them (LogCollection listNodeServiceLogs). */
  readonly serviceLogs: readonly string[];
  readonly systemLogs: readonly string[];
  /** How far back before the alarm, minutes. */
  readonly lastMinutes: number;
  /** Most downloads this rule starts per day (UTC). */
  readonly maxPerDay: number;
}

/** A trace download an alarm started (or one its limit skipped): the bundle linked from the alarm. */
export interface AlarmTraceDownload {
  readonly alarmId: string;
  readonly ruleId: string;
  readonly cluster: string;
  readonly node: string;
  readonly atMs: number;
  /** The collection (Trace & Log Central, Job Status); absent when skipped. */
  readonly collectionId?: string;
  readonly state: 'running' | 'completed' | 'partial' | 'failed' | 'cancelled' | 'interrupted' | 'skipped';
  /** The bundle, once packed (also for a partial one). */
  readonly bundlePath?: string;
  /** Why it was skipped or failed. */
  readonly reason?: string;
}

/** Detection states of one rule × node × instance. */
export type AlertStateKind = 'normal' | 'pending' | 'firing' | 'recovering' | 'noData' | 'error';

/** Detection state of one rule × node × instance (Grafana state.go: state + reason + timestamps). */
export interface AlertInstance {
  readonly key: string;
  readonly ruleId: string;
  readonly cluster: string;
  readonly node: string;
  readonly instance: string;
  readonly state: AlertStateKind;
  /** Why the state was entered, e.g. 'threshold', 'noData', 'error: POLL_TIMEOUT', 'cleared'. */
  readonly reason: string;
  /** When the current breach started (pending or firing). */
  readonly activeSince?: number;
  /** When it fired, kept through noData/error/recovering so a return does not raise again. */
  readonly firedAt?: number;
  readonly recoveringSince?: number;
  readonly lastEvaluatedAt: number;
  readonly lastValue?: number;
  /** Last 21 evaluations as bits (1 = breached), newest in bit 0 (Nagios flap window). */
  readonly history: number;
  readonly historyLength: number;
  readonly flapping: boolean;
}

/** A state change of an instance (Grafana StateTransition). */
export interface AlertTransition {
  readonly previous: AlertStateKind;
  readonly current: AlertInstance;
}

/** Lifecycle of an alarm record (NetXMS: outstanding, acknowledged, resolved, terminated; RTMT Clear). */
export type AlarmStatus = 'outstanding' | 'acknowledged' | 'resolved' | 'cleared' | 'terminated';

/** Who acknowledged an alarm, why and until when. */
export interface AlarmAck {
  readonly by: string;
  readonly comment: string;
  readonly atMs: number;
  /** The ack expires at this time and the alarm becomes outstanding again (NetXMS timed sticky ack). */
  readonly untilMs?: number;
}

/** The record NOC staff act on: one per firing episode of a key. */
export interface AlarmRecord {
  readonly id: string;
  /** ruleId|cluster|node|instance. */
  readonly key: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly group: AlertGroup;
  readonly severity: AlertSeverity;
  readonly cluster: string;
  readonly node: string;
  readonly instance: string;
  readonly status: AlarmStatus;
  readonly message: string;
  /** 'poll' for detection, 'syslog' / 'trap' for messages caught between polls. */
  readonly origin: 'poll' | 'syslog' | 'trap';
  readonly raisedAt: number;
  readonly lastOccurrenceAt: number;
  /** RTMT alerts raised for this episode (bounded by the rule's frequency). */
  readonly occurrences: number;
  readonly lastValue?: number;
  readonly flapping: boolean;
  readonly ack?: AlarmAck;
  readonly resolvedAt?: number;
  readonly closedAt?: number;
  readonly closedBy?: string;
  readonly closeComment?: string;
}

/** Whether an alarm still needs attention. */
export function isAlarmActive(a: Pick<AlarmRecord, 'status'>): boolean {
  return a.status === 'outstanding' || a.status === 'acknowledged';
}

/** One line of alarm history (what happened to which alarm). */
export interface AlarmHistoryEntry {
  readonly alarmId: string;
  readonly key: string;
  readonly atMs: number;
  /** 'note': a person's note in the alarm's journal (the status is the alarm's at that time). */
  readonly event: 'raised' | 'occurred' | 'acknowledged' | 'unacknowledged' | 'resolved' | 'cleared' | 'terminated' | 'note';
  readonly by?: string;
  readonly comment?: string;
  readonly status: AlarmStatus;
}

/** A received syslog message, parsed (RFC 3164 header + CiscoLog body), for alerts and the Syslog viewer. */
export interface SyslogMessage {
  readonly receivedAt: number;
  /** 'udp' | 'tcp' | 'trap'. */
  readonly transport: 'udp' | 'tcp' | 'trap';
  /** Sender address as seen on the socket. */
  readonly peer: string;
  readonly facility?: number;
  /** 0..7. */
  readonly severity: number;
  /** Host from the header or the CiscoLog body. */
  readonly host: string;
  readonly timestamp?: string;
  readonly appName?: string;
  readonly msgName?: string;
  /** The message text after `%APP-SEV-NAME: `, or the whole content for non-CiscoLog lines. */
  readonly text: string;
  /** The raw line as received (truncated to 2048 characters). */
  readonly raw: string;
}

/** Fields a silence matcher can look at (Alertmanager labels, as Alert Central names them). */
export const SILENCE_MATCH_FIELDS = ['ruleId', 'ruleName', 'cluster', 'node', 'instance', 'severity', 'group'] as const;

/** A field a silence matcher looks at. */
export type MatchField = (typeof SILENCE_MATCH_FIELDS)[number];

/** One matcher: equality or regular expression, possibly negated (Alertmanager silences). */
export interface Matcher {
  readonly field: MatchField;
  readonly op: '=' | '!=' | '=~' | '!~';
  readonly value: string;
}

/**
 * A silence: matchers and a time window, who made it and why (Alertmanager). Alarms it matches are still raised
 * and shown; only their notifications are held back. `source`: made in the app ('app', can be ended there) or
 * read from notifications.json ('settings', changed by editing that file).
 */
export interface Silence {
  readonly id: string;
  readonly matchers: readonly Matcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
  readonly source?: 'app' | 'settings';
}

/**
 * When a maintenance window holds: once (a start and an end), or every week on the chosen days (0 = Sunday … 6;
 * all seven = daily) from `startMinute` (minutes after midnight in `timeZone`, an IANA name) for `durationMinutes`
 * (a window may run past midnight), optionally only between `validFrom` and `validUntil`.
 */
export type MaintenanceSchedule =
  | { readonly kind: 'once'; readonly startsAt: number; readonly endsAt: number }
  | {
      readonly kind: 'weekly';
      readonly days: readonly number[];
      readonly startMinute: number;
      readonly durationMinutes: number;
      readonly timeZone: string;
      readonly validFrom?: number;
      readonly validUntil?: number;
    };

/**
 * A maintenance window on a node or a whole cluster (NetXMS/Zabbix maintenance): collection and evaluation go on,
 * alarms are raised and shown, notifications are not sent.
 */
export interface MaintenanceWindow {
  readonly id: string;
  readonly cluster: string;
  /** Absent: every node of the cluster. */
  readonly node?: string;
  readonly schedule: MaintenanceSchedule;
  readonly comment: string;
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly updatedBy?: string;
  readonly updatedAtMs?: number;
  /** 'settings': from notifications.json (read-only in the app). */
  readonly source: 'app' | 'settings';
}

/** Creating (no id) or editing (id) a maintenance window. */
export interface MaintenanceWindowInput {
  readonly id?: string;
  readonly cluster: string;
  readonly node?: string;
  readonly schedule: MaintenanceSchedule;
  readonly comment: string;
}
