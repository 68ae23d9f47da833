import type { AlarmHistoryEntry, AlarmRecord, AlarmTraceDownload, AlertRule, AlertTransition, MaintenanceWindow, MaintenanceWindowInput, MatchField, Silence } from '../model/alert.js';
import type { AcceptedKey, ClusterConfigView, ClusterInput, ConnectionTestResult, DiscoveredNode, EmbeddedClusterState, EndpointIdentity, IdentifyTarget } from '../model/clusters.js';
import type { NodeReceiverSetup, ReceiverSettings, ReceiversStatus } from '../model/receivers.js';
import type { NotificationLogEntry, NotificationSettingsInput, NotificationSettingsView, NotificationTestRequest, NotificationTestResult } from '../model/notifications.js';
import type { ClusterSummary, ServiceStatusRow } from '../model/cluster.js';
import type { SampleBatch } from '../model/sample.js';
import type {
  AppInfo,
  HaCommandRequest,
  JobStatus,
  NodeSystemSummary,
  PartitionRow,
  PerfLayout,
  PerfObjectInfo,
  PrgStatus,
  ProcessRow,
  SeriesData,
  SeriesQuery,
  SeriesRef,
  ServiceControlRequest,
  StorageStatus,
  SyslogEntry,
  SyslogFilter,
  WatchRequest,
} from '../model/views.js';
import type {
  CoreDumpInfo,
  LogDocument,
  LogFindQuery,
  LogLine,
  LogSource,
  NodeTraceServices,
  RemoteLogEntry,
  TailBatch,
  TailRequest,
  TraceBundleEntry,
  TraceBundleInfo,
  TraceBundleVerification,
  TraceCollectionStatus,
  TraceCollectRequest,
  TracePreset,
  TraceSchedule,
  TraceScheduleInput,
  TraceSearchRequest,
  TraceSearchResult,
  TraceSettings,
} from '../model/traces.js';
import type {
  ActionRecord,
  DrsAfterRestore,
  DrsBackupFile,
  DrsDevice,
  DrsDeviceInput,
  DrsEstimate,
  DrsHistoryEntry,
  DrsJobView,
  DrsOneStepState,
  DrsOperation,
  DrsOverview,
  DrsRestoreCheck,
  DrsRestoreRequest,
  DrsSchedule,
  DrsScheduleInput,
  DrsStatus,
} from '../model/drs.js';
import type { OperatorInput, OperatorView, Role, SessionState } from '../model/access.js';
import type { AuditEntry, AuditFilter, AuditVerification } from '../model/audit.js';
import type { FindUserResult, Report, ReportKind, ReportRequest, ReportRunInfo } from '../model/reports.js';

/**
 * Silence: matchers (rule, node, severity) and a time window (Alertmanager model). Who made it is the operator the
 * backend knows (AppInfo.operator), never a field of the request.
 */
export interface SilenceInput {
  /** Field → value, each an equality matcher. */
  readonly matchers: Readonly<Partial<Record<MatchField, string>>>;
  readonly startsAtMs: number;
  readonly endsAtMs: number;
  readonly comment: string;
}

/** Acknowledge an alarm (RTMT + comment/until); who acknowledged is the operator the backend knows. */
export interface AcknowledgeInput {
  readonly alarmId: string;
  readonly comment?: string;
  /** The acknowledgement ends then and the alarm is outstanding again. */
  readonly untilMs?: number;
}

/** A CSV export of series over a time range: every stored point (raw samples where kept, rollups before), no point cap. */
export interface CsvExportQuery {
  readonly series: readonly SeriesRef[];
  readonly fromMs: number;
  readonly toMs: number;
}

/** One counter of one node, for its description (perfmonQueryCounterDescription). */
export interface CounterDescriptionQuery {
  readonly cluster: string;
  readonly node: string;
  readonly object: string;
  readonly counter: string;
}

/** Filter of the alarm history. */
export interface AlarmHistoryFilter {
  readonly cluster?: string;
  readonly node?: string;
  readonly ruleId?: string;
  /** Only alarms of this severity or a more severe one (one of ALERT_SEVERITIES; validated). */
  readonly minSeverity?: string;
  readonly sinceMs?: number;
  readonly limit?: number;
}

/**
 * Request/response services the renderer may call: one typed contract served over Electron IPC and over the
 * local web mode (house-style.md 5.4). All methods take and return plain data. Arguments are `unknown` to main
 * and validated there.
 */
export interface DesktopApi {
  /**
   * Who the caller is (issue 16). On a server, `login` opens a session (an HttpOnly cookie in web mode; kept by the
   * main process in client mode) and every other method needs one; on the desktop and in `--web` mode the caller is
   * the OS user with the admin role and login is refused (PRECONDITION).
   */
  session: {
    state(): Promise<SessionState>;
    /** Opens a session: AUTH_FAILED on a wrong name or password (the same words for both), ACCOUNT_LOCKED while locked. */
    login(name: string, password: string): Promise<SessionState>;
    /** Ends the caller's session (nothing happens without one). */
    logout(): Promise<void>;
    /** Changes the caller's own password (the current one is checked); other sessions of the operator end. */
    changePassword(current: string, next: string): Promise<void>;
  };
  /** Operator accounts of the server's data folder (admin; the same accounts `imp operators` manages). */
  operators: {
    list(): Promise<OperatorView[]>;
    add(input: OperatorInput): Promise<OperatorView>;
    /** Changes a role; the operator's open sessions end (they log in again with the new role). */
    setRole(name: string, role: Role): Promise<OperatorView>;
    /** Disables (sessions end, logins refused) or enables an account. The last enabled admin cannot be disabled or demoted. */
    setDisabled(name: string, disabled: boolean): Promise<OperatorView>;
    /** Sets a new password, unlocks the account and ends its sessions. */
    resetPassword(name: string, password: string): Promise<OperatorView>;
    /** Lifts a lockout after too many wrong passwords. */
    unlock(name: string): Promise<OperatorView>;
  };
  /** The audit log (issue 16): who changed what, logins, failed logins and refused calls; HMAC-chained. */
  audit: {
    /** Entries newest first. */
    list(filter: AuditFilter): Promise<AuditEntry[]>;
    /** Checks the whole chain (and the head the server recorded); names the first bad entry. */
    verify(): Promise<AuditVerification>;
    /** The filtered entries as CSV (RFC 4180, UTF-8, header row), every match (no page limit). */
    exportCsv(filter: AuditFilter): Promise<string>;
  };
  app: {
    info(): Promise<AppInfo>;
    /** The history's write health (a locked database delays writes; nothing is lost). */
    storage(): Promise<StorageStatus>;
  };
  /**
   * The monitored clusters (issue 15): added, edited and removed in the app, kept across restarts (settings in
   * <state>/clusters.json, secrets only in the credential store). Keys are pinned only with the person's consent.
   */
  clusters: {
    list(): Promise<ClusterSummary[]>;
    /** Saved clusters as the form shows them (no secrets). */
    configs(): Promise<ClusterConfigView[]>;
    /** The SSH host key and TLS certificate each endpoint presents, against the pins; no credential is sent. */
    identify(targets: readonly IdentifyTarget[]): Promise<EndpointIdentity[]>;
    /** The nodes `show network cluster` lists on the publisher (whose SSH key must be among `accepted` or pinned). */
    discover(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<DiscoveredNode[]>;
    /** Tests every protocol towards every node of the form (stored secrets stand in for those left out of an edit). */
    test(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<ConnectionTestResult[]>;
    /** Tests a saved cluster with its stored settings. */
    testSaved(id: string): Promise<ConnectionTestResult[]>;
    /** Adds (no id) or replaces (id) a cluster: pins the accepted keys, stores the secrets, starts polling. */
    save(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<ClusterSummary>;
    /** Stops polling and forgets the cluster: its settings, its secrets and the pins no other cluster uses. */
    remove(id: string): Promise<void>;
    embedded(): Promise<EmbeddedClusterState>;
    /** Switches the embedded simulated cluster on or off (kept across restarts). */
    setEmbedded(enabled: boolean): Promise<EmbeddedClusterState>;
  };
  /** Syslog and SNMP trap receivers for the nodes (issue 15). */
  receivers: {
    status(): Promise<ReceiversStatus>;
    /** Rebinds on the new address and ports and keeps them; a port that cannot be bound is reported, never thrown. */
    save(settings: ReceiverSettings): Promise<ReceiversStatus>;
    /** Points a simulated cluster's nodes at the receivers over their admin CLI (remote syslog + trap destination). */
    configureNodes(cluster: string): Promise<NodeReceiverSetup[]>;
  };
  /** Notification settings edited in the app (kept in notifications.json, secrets in the store) and the log. */
  notifications: {
    settings(): Promise<NotificationSettingsView>;
    /** Saves and applies at once (the notification log is kept, so nothing is sent twice). */
    save(input: NotificationSettingsInput): Promise<NotificationSettingsView>;
    /** Sends a test through one notifier, with the saved settings or the form's. */
    test(request: NotificationTestRequest): Promise<NotificationTestResult>;
    /** What was sent, newest first. */
    log(limit?: number): Promise<NotificationLogEntry[]>;
  };
  nodes: {
    system(cluster: string): Promise<NodeSystemSummary[]>;
    services(cluster: string, node: string): Promise<ServiceStatusRow[]>;
    processes(cluster: string, node: string): Promise<ProcessRow[]>;
    partitions(cluster: string, node: string): Promise<PartitionRow[]>;
    controlService(request: ServiceControlRequest): Promise<JobStatus>;
  };
  perf: {
    listObjects(cluster: string, node: string): Promise<PerfObjectInfo[]>;
    listInstances(cluster: string, node: string, object: string): Promise<string[]>;
    query(query: SeriesQuery): Promise<SeriesData[]>;
    watch(request: WatchRequest): Promise<string>;
    unwatch(watchId: string): Promise<void>;
    /** The range's samples at full resolution as a PerfMonLog CSV (read from storage page by page). */
    exportCsv(query: CsvExportQuery): Promise<string>;
    /** A counter's help text from the node (fetched once within the node's SOAP budget, then cached). */
    describeCounter(query: CounterDescriptionQuery): Promise<string>;
    saveLayout(layout: PerfLayout): Promise<void>;
    listLayouts(): Promise<PerfLayout[]>;
    /** Deletes a saved layout by name (nothing happens if there is none). */
    deleteLayout(name: string): Promise<void>;
  };
  ha: {
    groups(cluster: string): Promise<PrgStatus[]>;
    command(request: HaCommandRequest): Promise<JobStatus>;
  };
  alerts: {
    listRules(): Promise<AlertRule[]>;
    saveRule(input: unknown): Promise<AlertRule>;
    resetRule(ruleId: string): Promise<AlertRule>;
    setSuspended(ruleId: string, suspended: boolean): Promise<void>;
    listActive(): Promise<AlarmRecord[]>;
    history(filter: AlarmHistoryFilter): Promise<AlarmRecord[]>;
    acknowledge(input: AcknowledgeInput): Promise<AlarmRecord>;
    /** Takes an acknowledgement back: the alarm is outstanding again. */
    unacknowledge(alarmId: string, comment?: string): Promise<AlarmRecord>;
    clear(alarmId: string, comment?: string): Promise<void>;
    /** Clears the active alarms named (those the person confirmed; one raised since is left alone); returns how many. */
    clearAll(alarmIds: readonly string[]): Promise<number>;
    /** Adds a note to an alarm's journal. */
    addNote(alarmId: string, text: string): Promise<AlarmHistoryEntry>;
    /** An alarm's journal, oldest first: raised, acknowledged, notes, unacknowledged, resolved … with who and when. */
    journal(alarmId: string): Promise<AlarmHistoryEntry[]>;
    /** Holds back notifications of the alarms the matchers match, for a time window; returns the silence id. */
    silence(input: SilenceInput): Promise<string>;
    /** Changes a silence made in the app (matchers, window, comment). */
    updateSilence(id: string, input: SilenceInput): Promise<Silence>;
    /** Silences in force, pending, and ended within the last 120 h, soonest end first. */
    listSilences(): Promise<Silence[]>;
    /** Ends a silence made in the app now (Alertmanager expire). */
    expireSilence(id: string): Promise<Silence>;
    /** Maintenance windows (those of notifications.json too), in force first. */
    listMaintenance(): Promise<MaintenanceWindow[]>;
    /** Creates (no id) or edits (id) a maintenance window made in the app. */
    saveMaintenance(input: MaintenanceWindowInput): Promise<MaintenanceWindow>;
    deleteMaintenance(id: string): Promise<void>;
  };
  syslog: {
    query(filter: SyslogFilter): Promise<SyslogEntry[]>;
  };
  jobs: {
    list(): Promise<JobStatus[]>;
  };
  /** Trace & Log Central (issue 12; serviceability-reference.md A.6, B.4, B.5, D.6). */
  traces: {
    settings(): Promise<TraceSettings>;
    /** Problem-to-trace presets of the guide's Table 44. */
    presets(): Promise<TracePreset[]>;
    /** What each node of the cluster lists (listNodeServiceLogs); `node` narrows to one. Failures are data. */
    services(cluster: string, node?: string): Promise<NodeTraceServices[]>;
    /** Starts a Collect Files collection (also a Job Status entry); returns its first status at once. */
    collect(request: TraceCollectRequest): Promise<TraceCollectionStatus>;
    /** Collections running and recently finished, newest first. */
    collections(): Promise<TraceCollectionStatus[]>;
    /** Stops a collection; what was fetched stays and `resume` continues it. */
    cancel(id: string): Promise<void>;
    /** Continues an interrupted, cancelled or partial collection from its work folder. */
    resume(workDir: string): Promise<TraceCollectionStatus>;
    /** Remote Browse: one directory of a node's active log tree. */
    browse(cluster: string, node: string, dir: string): Promise<RemoteLogEntry[]>;
    /** Collect Crash Dump: the node's core files (`utils core active list`). */
    cores(cluster: string, node: string): Promise<CoreDumpInfo[]>;
    /** Local Browse: bundles in a folder (the default output folder when omitted). */
    bundles(dir?: string): Promise<TraceBundleInfo[]>;
    bundleEntries(bundlePath: string): Promise<TraceBundleEntry[]>;
    verifyBundle(bundlePath: string): Promise<TraceBundleVerification>;
    /** Log viewer: opens a remote file, a bundle entry or a local file without loading it whole. */
    openLog(source: LogSource): Promise<LogDocument>;
    readLines(docId: string, fromLine: number, count: number): Promise<LogLine[]>;
    /** The next (or previous) matching line, or -1. */
    findInLog(docId: string, query: LogFindQuery): Promise<number>;
    /** The first line stamped at or after `timeMs` (or the last line). */
    lineAtTime(docId: string, timeMs: number): Promise<number>;
    closeLog(docId: string): Promise<void>;
    /** Query Wizard: on the nodes or in a bundle. */
    search(request: TraceSearchRequest): Promise<TraceSearchResult>;
    /** Real-time trace: follows files; lines arrive as onDidTailLines. Returns the tail id. */
    tailStart(request: TailRequest): Promise<string>;
    tailStop(tailId: string): Promise<void>;
    schedules(): Promise<TraceSchedule[]>;
    saveSchedule(input: TraceScheduleInput): Promise<TraceSchedule>;
    deleteSchedule(id: string): Promise<void>;
    /** Runs a schedule now (outside its timetable); returns the collection's first status. */
    runSchedule(id: string): Promise<TraceCollectionStatus>;
    /**
     * Trace download on alert: the bundle an alarm's rule collected (RTMT "Enable Trace Download", reference A.3),
     * with its state (running, completed, skipped and why …). Empty when the alarm's rule asked for none.
     */
    alarmTraces(alarmId: string): Promise<AlarmTraceDownload[]>;
  };
  /**
   * Disaster Recovery System (issue 13): driven through the CUCM publisher's admin CLI (Table 41). Every method that
   * changes the cluster records an ActionRecord; a DRS refusal rejects with its words (the guide's) as the message.
   */
  drs: {
    /** Registration, devices, schedules, current status and the one-step state; each part may fail on its own. */
    overview(cluster: string): Promise<DrsOverview>;
    devices(cluster: string): Promise<DrsDevice[]>;
    /** Adds a device, or replaces the one of the same name (edit); DRS checks it can reach the directory. */
    saveDevice(input: DrsDeviceInput): Promise<DrsDevice[]>;
    deleteDevice(cluster: string, name: string): Promise<DrsDevice[]>;
    schedules(cluster: string): Promise<DrsSchedule[]>;
    saveSchedule(input: DrsScheduleInput): Promise<DrsSchedule[]>;
    setSchedulesEnabled(cluster: string, names: readonly string[], enabled: boolean): Promise<DrsSchedule[]>;
    deleteSchedule(cluster: string, name: string): Promise<DrsSchedule[]>;
    estimate(cluster: string, features: readonly string[]): Promise<DrsEstimate>;
    /** Starts a manual backup and follows it (a Job Status job; progress as onDidChangeDrsJob). */
    startBackup(cluster: string, device: string, features: readonly string[]): Promise<DrsJobView>;
    /** Asks DRS to cancel after the current component (guide L10227). */
    cancelBackup(cluster: string): Promise<DrsJobView | undefined>;
    status(cluster: string, operation: DrsOperation): Promise<DrsStatus | undefined>;
    /** Backups and restores the app follows or followed, newest first. */
    jobs(cluster?: string): Promise<DrsJobView[]>;
    /** The last 20 of each operation, newest first. */
    history(cluster: string): Promise<DrsHistoryEntry[]>;
    /** Backup files on a device with their date, version, features and servers (Restore Wizard step 2). */
    backupFiles(cluster: string, device: string): Promise<DrsBackupFile[]>;
    /** Asks DRS whether it would restore this (version, hostname, IP, DNS, deployment type, security password). */
    checkRestore(request: DrsRestoreRequest): Promise<DrsRestoreCheck>;
    /** One-Step Restore: the publisher becomes cluster aware (five minutes). */
    prepareOneStep(cluster: string, device: string, fileName: string): Promise<DrsOneStepState>;
    oneStepState(cluster: string): Promise<DrsOneStepState>;
    startRestore(request: DrsRestoreRequest): Promise<DrsJobView>;
    /** The guide's restart order for the restored nodes and the replication check. */
    afterRestore(cluster: string, servers: readonly string[]): Promise<DrsAfterRestore>;
    /** Restarts one node (`utils system restart`) in the guide's order; refused while it would break it. */
    restartNode(cluster: string, node: string): Promise<void>;
    /** What was done to the cluster's DRS, by whom, newest first. */
    actions(cluster?: string): Promise<ActionRecord[]>;
  };
  /**
   * Reports and diagnostics (issue 14): generated on demand from the nodes' Perfmon counters, admin CLI and
   * ControlCenter, kept with their time stamp (the last REPORT_RUNS_KEPT of each kind) so that two runs can be compared.
   */
  reports: {
    /** Starts a report (also a Job Status job); returns its run at once, progress as onDidChangeReport. */
    generate(request: ReportRequest): Promise<ReportRunInfo>;
    /** Running and kept reports, newest first (of one kind when given). */
    runs(kind?: ReportKind): Promise<ReportRunInfo[]>;
    /** A kept or running report with its data (NOT_FOUND when removed). */
    get(id: string): Promise<Report>;
    /** Stops a running report (what it read so far is dropped). */
    cancel(id: string): Promise<void>;
    /** Deletes a kept report. */
    remove(id: string): Promise<void>;
    /** Where a user is assigned and logged in, across every monitored cluster (user ID or directory URI, or a prefix). */
    findUser(query: string): Promise<FindUserResult>;
  };
}

/** Push events main → renderer, named onDid<Verb> (vscode convention); batched by main. */
export interface DesktopEvents {
  onDidAppendSamples: SampleBatch;
  onDidChangeClusters: ClusterSummary[];
  onDidTransitionAlerts: AlertTransition[];
  onDidChangeAlarms: AlarmRecord[];
  onDidChangeJob: JobStatus;
  onDidReceiveSyslog: SyslogEntry[];
  /** A trace collection's progress (at most a few per second per collection) and its end. */
  onDidChangeTraceCollection: TraceCollectionStatus;
  /** Lines of a real-time trace. */
  onDidTailLines: TailBatch;
  /** A DRS backup or restore the app follows: each status read (every few seconds) and its end. */
  onDidChangeDrsJob: DrsJobView;
  /** A report's progress (at most a few per second) and its end. */
  onDidChangeReport: ReportRunInfo;
}
