/**
 * Reports and diagnostics (issue 14): the plain data the renderer, the command line and main exchange about the
 * reports an administrator generates on demand — the IM and Presence User Session Report (guide L7019-7045), Presence
 * topology and balance (L1219-1223, L1741-1745, L9950), the safe-to-enable-HA checklist (L1437-1462, L2174-2198,
 * L9942-9968), the System Troubleshooter (L11224-11250), the user troubleshooter (L8448-8470, L8537-8580),
 * certificates (L4833-4858), database replication (L2045-2066, L10551-10555, L10616-10618) and the System Dashboard
 * (L908-910, L11265-11268) — plus "find a user" across every monitored cluster. Each report is read from interfaces a
 * real node offers (Perfmon, the admin CLI, ControlCenter); what could not be read is a problem in the report, and a
 * check that could not be made says "not checked" and why, never a pass.
 */
import type { ErrorPayload } from '../errors.js';

/** The reports, in the order the Reports area lists them. */
export const REPORT_KINDS = ['sessions', 'topology', 'ha-readiness', 'troubleshoot', 'users', 'certificates', 'replication', 'dashboard'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Reports kept per kind (older runs are removed when a new one finishes; ours). Watch runs are not counted: one, the latest, is kept per kind and clusters. */
export const REPORT_RUNS_KEPT = 20;

/** Options some reports take; each has a default. */
export interface ReportOptions {
  /** Topology / HA readiness: the nodes' OVA users (5,000 / 15,000 / 25,000; default 15,000) until clusters carry it (issue 15). */
  readonly ovaUsers?: number;
  /** Topology: active/active HA halves a node's supported sessions (guide L6977-7017). */
  readonly activeActive?: boolean;
  /** Certificates: a certificate expiring within this many days is "expiring" (default 30; the guide gives none). */
  readonly warnDays?: number;
}

/** What to generate: a kind, for some clusters (default every cluster the app monitors). */
export interface ReportRequest {
  readonly kind: ReportKind;
  readonly clusters?: readonly string[];
  readonly options?: ReportOptions;
  /**
   * A run of the UI's Watch mode (regenerated every 20-60 s): kept apart from the REPORT_RUNS_KEPT ordinary runs —
   * only the latest finished watch run per kind and clusters is kept, so watching never pushes out a run a person
   * keeps (e.g. the "before" run to compare with).
   */
  readonly watch?: boolean;
}

/** Requests a report sent to one node, by interface (the benchmark prints them; the SOAP budget is 80/min/node). */
export interface NodeRequestCount {
  readonly cluster: string;
  readonly node: string;
  /** Perfmon and ControlCenter SOAP requests (the node's shared 80/min budget). */
  readonly soap: number;
  /** RIS SelectCmDevice requests (RIS has its own rate). */
  readonly ris: number;
  /** Admin CLI commands over SSH. */
  readonly ssh: number;
}

export type ReportState = 'running' | 'done' | 'failed' | 'cancelled';

/** One run of a report: what the list of kept reports shows, and the progress of a running one. */
export interface ReportRunInfo {
  readonly id: string;
  readonly kind: ReportKind;
  readonly clusters: readonly string[];
  readonly options: ReportOptions;
  readonly state: ReportState;
  readonly startedAtMs: number;
  /** The "generated at" time stamp of the report (the guide's date and time stamp). */
  readonly finishedAtMs?: number;
  /** Steps done of steps known so far (a step is one node asked one thing); `step` says what runs now. */
  readonly progress: { readonly done: number; readonly total: number; readonly step: string };
  readonly requests: readonly NodeRequestCount[];
  /** Why the whole run failed (a partial failure is a ReportProblem instead). */
  readonly error?: ErrorPayload;
  /** One line for lists, in English: e.g. "3 nodes, 4,812 sessions" or "2 failed, 1 warning". */
  readonly summary?: string;
  /**
   * The summary's figures by name, per kind (main/core/reports/reportGenerators.ts reportSummaryValues: sessions
   * {nodes, users, sessions}; topology {nodes, assigned, unbalancedGroups}; ha-readiness {ready, nodes};
   * troubleshoot {failed, warning, notChecked, passed}; users {problems, users}; certificates {expired, expiring,
   * total}; replication {nodes, notReplicating, notKnown}; dashboard {clusters, users}): the renderer words them in
   * the UI language. Absent in runs kept before it existed (the renderer shows `summary` then).
   */
  readonly summaryValues?: Readonly<Record<string, number>>;
  /** A Watch-mode run (ReportRequest.watch): the next watch run of its kind and clusters replaces it. */
  readonly watch?: boolean;
}

/** A part of a report that could not be read (a node down, a command refused): partial failures are data. */
export interface ReportProblem {
  readonly cluster: string;
  readonly node?: string;
  /** What was asked: e.g. `run sql …`, `Cisco XCP JSM\JsmClientSessionsActive`. */
  readonly source: string;
  readonly error: ErrorPayload;
}

// ---- IM and Presence User Session Report (guide L7019-7045) ----

/** Device types the report shows; an Android tablet logs in as Desktop (guide L7039). */
export const SESSION_DEVICE_TYPES = ['Desktop', 'iPhone', 'iPad'] as const;
export type SessionDeviceType = (typeof SESSION_DEVICE_TYPES)[number];
export type DeviceCounts = Readonly<Record<SessionDeviceType, number>>;

/** Totals at one level (cluster, presence redundancy group or node). */
export interface SessionTotals {
  /** Users logged in from one or more devices. */
  readonly usersLoggedIn: number;
  /** Total sessions. */
  readonly sessions: number;
  readonly byDevice: DeviceCounts;
}

export interface SessionClusterRow extends SessionTotals {
  readonly cluster: string;
}

export interface SessionGroupRow extends SessionTotals {
  readonly cluster: string;
  /** The presence redundancy group (subcluster) name. */
  readonly group: string;
}

export interface SessionNodeRow extends SessionTotals {
  readonly cluster: string;
  readonly group: string;
  readonly node: string;
  /** `Cisco XCP JSM\JsmClientSessionsActive` read just before and just after the node's sessions were listed. */
  readonly counterBefore?: number;
  readonly counterAfter?: number;
}

/** One user's sessions on a node (the drill-down). */
export interface SessionUserRow {
  readonly cluster: string;
  readonly group: string;
  readonly node: string;
  readonly userId: string;
  readonly sessions: number;
  /** One entry per session, e.g. ['Desktop', 'iPhone']. */
  readonly devices: readonly SessionDeviceType[];
}

export interface SessionReport {
  readonly kind: 'sessions';
  readonly clusters: readonly SessionClusterRow[];
  readonly groups: readonly SessionGroupRow[];
  readonly nodes: readonly SessionNodeRow[];
  /** Every logged-in user, sorted by cluster, node, user. */
  readonly users: readonly SessionUserRow[];
}

// ---- Presence topology and balance (guide L1219-1223, L1741-1745, L9950) ----

export interface TopologyNodeRow {
  readonly cluster: string;
  readonly group: string;
  readonly node: string;
  /** Users assigned to the node (enduser.primarynodeid). */
  readonly assignedUsers: number;
  /** `Cisco Presence Engine\ActiveJsmSessions` (users the node hosts now, whoever is logged in; guide L1455). */
  readonly activeJsmSessions?: number;
  /** Supported JSM sessions: 1.5 × the OVA's users, half in active/active HA. */
  readonly capacity: number;
  /** assignedUsers / capacity × 100. */
  readonly percentOfCapacity: number;
}

export interface TopologyGroupRow {
  readonly cluster: string;
  readonly group: string;
  readonly nodes: readonly string[];
  readonly haEnabled?: boolean;
  readonly assignedUsers: number;
  /** (most − fewest assigned) / most × 100 within the group; 0 for one node. */
  readonly imbalancePercent: number;
  /** Over the threshold (ours: 20 %), or a node above its capacity. */
  readonly unbalanced: boolean;
  /** The guide's advice when unbalanced (IM&P never rebalances by itself), in English; the UI translates by code. */
  readonly adviceCode?: 'rebalance-group' | 'over-capacity' | 'no-users-assigned';
}

export interface TopologyClusterRow {
  readonly cluster: string;
  readonly totalUsers: number;
  readonly assignedUsers: number;
  readonly unassignedUsers: number;
  /** (most − fewest assigned) / most × 100 across groups. */
  readonly groupImbalancePercent: number;
}

export interface TopologyReport {
  readonly kind: 'topology';
  readonly ovaUsers: number;
  readonly activeActive: boolean;
  readonly clusters: readonly TopologyClusterRow[];
  readonly groups: readonly TopologyGroupRow[];
  readonly nodes: readonly TopologyNodeRow[];
}

// ---- Safe to enable HA / restart check (guide L1437-1462, L2174-2198, L9942-9968) ----

/** One item of the checklist, on one node or group. */
export type ChecklistState = 'ok' | 'wait' | 'act' | 'unknown';

export interface HaReadinessItem {
  /**
   * services-running: every activated service Started; replication: runtime state 2 (L2179);
   * sessions-recreated: ActiveJsmSessions = assigned users (L1455); restart-age: minutes since XCP Router / Presence
   * Engine / node started, against 15 (sessions should be back) and 30 (restart Presence Engine) minutes (L9964-9966);
   * ha-toggle-wait: two minutes after HA was turned off or on (L9958).
   */
  readonly check: 'services-running' | 'replication' | 'sessions-recreated' | 'restart-age' | 'ha-toggle-wait';
  readonly state: ChecklistState;
  /** Figures for the text, e.g. { assigned: 2000, active: 1450, minutes: 12 }. */
  readonly values: Readonly<Record<string, number | string>>;
}

export interface HaReadinessNodeRow {
  readonly cluster: string;
  readonly group: string;
  readonly node: string;
  readonly assignedUsers?: number;
  readonly activeJsmSessions?: number;
  /** When XCP Router, Presence Engine or the node last started (the latest of them), if known. */
  readonly lastRestartMs?: number;
  readonly items: readonly HaReadinessItem[];
  /** ok only when every item is ok. */
  readonly verdict: ChecklistState;
}

export interface HaReadinessGroupRow {
  readonly cluster: string;
  readonly group: string;
  readonly haEnabled?: boolean;
  /** When the app last saw HA turned on or off for the group (its HA status changed), if it did. */
  readonly haChangedAtMs?: number;
  /** ok: HA may be enabled (or stays enabled) now. */
  readonly verdict: ChecklistState;
}

export interface HaReadinessReport {
  readonly kind: 'ha-readiness';
  readonly groups: readonly HaReadinessGroupRow[];
  readonly nodes: readonly HaReadinessNodeRow[];
}

// ---- System Troubleshooter (guide L11224-11250) ----

/** The guide's fifteen categories, in its order (L11228-11243). */
export const TROUBLESHOOT_CATEGORIES = [
  'system',
  'sync-agent',
  'presence-engine',
  'sip-proxy',
  'microsoft-rcc',
  'calendar',
  'intercluster',
  'topology',
  'jabber-redundancy',
  'external-servers',
  'compliance',
  'third-party-ldap',
  'ldap',
  'xcp-status',
  'user-configuration',
] as const;
export type TroubleshootCategory = (typeof TROUBLESHOOT_CATEGORIES)[number];

/** Test Passed / Test Failed / Test Warning (L11269) and ours: not checked (with why). */
export type TroubleshootResult = 'passed' | 'failed' | 'warning' | 'not-checked';

export interface TroubleshootTest {
  readonly cluster: string;
  readonly category: TroubleshootCategory;
  /** Stable id of the test within its category (e.g. "services-running", "ntp-synchronised"). */
  readonly test: string;
  readonly result: TroubleshootResult;
  /** What is wrong (failed, warning) or why it was not checked (not-checked), in English; absent when passed. */
  readonly problem?: string;
  /** The guide's solution, in English. */
  readonly solution?: string;
  /** Where a person fixes it (e.g. "Cisco Unified Serviceability > Tools > Control Center - Network Services"). */
  readonly fixAt?: string;
  /** Stable code + values of the problem for translation (the renderer's catalogue), when it has one. */
  readonly problemCode?: string;
  readonly values?: Readonly<Record<string, string | number>>;
  /** Nodes, users or items the problem is about (at most 200; `more` counts the rest). */
  readonly subjects?: readonly string[];
  readonly more?: number;
  /** What the test read: e.g. "utils service list on imp-pub". */
  readonly evidence?: string;
}

export interface TroubleshootReport {
  readonly kind: 'troubleshoot';
  readonly tests: readonly TroubleshootTest[];
}

// ---- User troubleshooter (guide L8448-8470, L8537-8580) ----

export type UserProblemKind = 'duplicate-userid' | 'no-directory-uri' | 'invalid-directory-uri' | 'duplicate-directory-uri' | 'no-mail-id' | 'duplicate-mail-id';

export interface UserProblemRow {
  readonly cluster: string;
  readonly kind: UserProblemKind;
  readonly userId: string;
  /** The URI or mail ID concerned, when the problem has one. */
  readonly value?: string;
  /** Nodes the CLI names for it. */
  readonly nodes: readonly string[];
}

export interface UsersReport {
  readonly kind: 'users';
  /** Users checked per cluster (enduser rows). */
  readonly checked: readonly { readonly cluster: string; readonly users: number }[];
  /** Every problem (the admin page stops at 10; this does not). */
  readonly rows: readonly UserProblemRow[];
}

// ---- Certificates (guide L4833-4858, Table 15 L4320-4329) ----

export type CertificateStatus = 'expired' | 'expiring' | 'valid';

export interface CertificateRow {
  readonly cluster: string;
  readonly node: string;
  /** tomcat, cup, cup-xmpp, cup-xmpp-s2s, ipsec, or a trust store (tomcat-trust …). */
  readonly unit: string;
  readonly type: 'own' | 'trust';
  /** File name in the store, e.g. "imp-pub.pem". */
  readonly fileName: string;
  readonly subject: string;
  readonly issuer: string;
  readonly serial?: string;
  readonly notBeforeMs: number;
  readonly notAfterMs: number;
  /** Whole days from the report's time to expiry (negative once expired). */
  readonly daysLeft: number;
  readonly status: CertificateStatus;
}

export interface CertificatesReport {
  readonly kind: 'certificates';
  readonly warnDays: number;
  /** Sorted by expiry, soonest first, across every cluster. */
  readonly rows: readonly CertificateRow[];
}

// ---- Database replication (guide L2045-2066, L10551-10555, L10616-10618) ----

export interface ReplicationNodeRow {
  readonly cluster: string;
  /** The node that answered (`utils dbreplication runtimestate` lists every node of the cluster). */
  readonly reportedBy: string;
  readonly node: string;
  readonly ip?: string;
  readonly pingMs?: number;
  readonly queue?: number;
  /** The REPLICATION SETUP value: 2 = setup completed (good); 0, 1, 3, 4 are not (reference D.3). */
  readonly setupState?: number;
  readonly setupText: string;
  readonly good: boolean;
}

export interface ReplicationClusterRow {
  readonly cluster: string;
  /** `utils dbreplication status` run by this report: tables checked, mismatches, errors. */
  readonly statusRan: boolean;
  readonly tablesChecked?: number;
  readonly tablesTotal?: number;
  readonly mismatches: readonly string[];
  readonly errors: readonly string[];
  /**
   * The guide's remedy: none; `utils dbreplication reset all` (a node's state is not 2, L10618); rebuild (setup
   * failed, L10555); unknown when a node's state (or every node's) could not be read and nothing else calls for a
   * reset or a rebuild — a clean status check alone does not show that replication is set up.
   */
  readonly remedy: 'none' | 'reset' | 'rebuild' | 'unknown';
}

export interface ReplicationReport {
  readonly kind: 'replication';
  readonly clusters: readonly ReplicationClusterRow[];
  readonly nodes: readonly ReplicationNodeRow[];
}

// ---- System Dashboard (guide L908-910, L11265-11268) ----

export interface DashboardCluster {
  readonly cluster: string;
  /** enduser rows. */
  readonly users?: number;
  readonly assignedUsers?: number;
  /** Devices of the CUCM cluster (device rows on the CUCM publisher). */
  readonly devices?: number;
  /** Contacts (rosters rows) and the average per user. */
  readonly contacts?: number;
  /** Users with a primary extension (enduser.telephonenumber set). */
  readonly primaryExtensions?: number;
  readonly cucmPublisher?: { readonly name: string; readonly ip?: string };
  /** Cisco Sync Agent on the IM&P database publisher and its last synchronisation. */
  readonly syncAgent: { readonly service: 'running' | 'stopped' | 'unknown'; readonly status?: string; readonly lastSyncMs?: number };
  readonly nodes: readonly { readonly name: string; readonly role: string; readonly reachability: string }[];
  /** Items that could not be read, with why. */
  readonly notChecked: readonly { readonly item: string; readonly reason: string }[];
}

export interface DashboardReport {
  readonly kind: 'dashboard';
  readonly clusters: readonly DashboardCluster[];
}

export type ReportData = SessionReport | TopologyReport | HaReadinessReport | TroubleshootReport | UsersReport | CertificatesReport | ReplicationReport | DashboardReport;

/** A finished (or failed) report with its data. */
export interface Report {
  readonly info: ReportRunInfo;
  readonly problems: readonly ReportProblem[];
  /** Absent when the run failed or was cancelled before any data. */
  readonly data?: ReportData;
}

// ---- Find a user ----

/** One session of a found user. */
export interface FoundSession {
  readonly node: string;
  readonly device: SessionDeviceType;
  /** The client's own words (e.g. "jabber_12345" resource), when the node gives it. */
  readonly resource?: string;
  readonly loginAtMs?: number;
}

/** Where a user is, in one cluster. */
export interface UserLocation {
  readonly cluster: string;
  readonly userId: string;
  readonly directoryUri?: string;
  readonly mailId?: string;
  /** The node the user is assigned to (undefined: unassigned). */
  readonly node?: string;
  readonly group?: string;
  readonly haEnabled?: boolean;
  /** The assigned node's HA state and reason as `utils ha status` prints them. */
  readonly haState?: string;
  readonly haReason?: string;
  /** The node serving the user now (its HA peer after a failover). */
  readonly servedBy?: string;
  readonly sessions: readonly FoundSession[];
}

export interface FindUserResult {
  /** Users matched (a prefix or an exact user ID / directory URI; at most 50). */
  readonly users: readonly UserLocation[];
  /** More users matched than were returned. */
  readonly truncated: boolean;
  readonly problems: readonly ReportProblem[];
}
