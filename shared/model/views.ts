import type { AccessMode, Role } from './access.js';
import type { ErrorPayload } from '../errors.js';
import type { NodeRole } from './cluster.js';

/** What the app is and how it runs. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly transport: 'electron' | 'web';
  /** BCP 47 tag of the system language, for the default UI language. */
  readonly systemLocale: string;
  readonly startedAtMs: number;
  /**
   * Who acts: the operator the backend records on every acknowledgement, clear, note and silence (issue 15: never
   * taken from a request). The OS user who runs the desktop app, or who started web mode.
   */
  readonly operator: string;
  /** The caller's role (admin on the desktop and in --web mode); absent on a server before login (operator is then ''). */
  readonly role?: Role;
  /** How this UI reaches its backend. */
  readonly mode: AccessMode;
}

/**
 * How the history's writes are doing: samples waiting and, while writes fail (STORAGE_BUSY: another process holds
 * the database), why. Nothing waiting is lost; the app shows it so that a person knows charts lag.
 */
export interface StorageStatus {
  readonly pending: number;
  readonly failures: number;
  readonly error?: ErrorPayload;
}

/** CPU, memory and uptime of a node (System Summary / Server views). */
export interface NodeSystemSummary {
  readonly cluster: string;
  readonly node: string;
  readonly role: NodeRole;
  readonly cpuPercent?: number;
  readonly memoryUsedPercent?: number;
  readonly memoryTotalKb?: number;
  readonly swapUsedPercent?: number;
  readonly uptimeSec?: number;
  readonly updatedAtMs?: number;
}

/** One process row (RTMT Process view). */
export interface ProcessRow {
  readonly pid: number;
  readonly name: string;
  readonly cpuPercent: number;
  readonly memoryKb: number;
  readonly status: string;
}

/** One disk partition row. */
export interface PartitionRow {
  readonly name: string;
  readonly totalMb: number;
  readonly usedMb: number;
  readonly usedPercent: number;
}

/** A perfmon object with its counters (for browsing). */
export interface PerfObjectInfo {
  readonly name: string;
  readonly multiInstance: boolean;
  readonly counters: readonly { readonly name: string; readonly description?: string }[];
}

/** A series to chart: one counter instance of one node. */
export interface SeriesRef {
  readonly cluster: string;
  readonly node: string;
  readonly object: string;
  readonly instance: string;
  readonly counter: string;
}

/** A query for chart data. */
export interface SeriesQuery {
  readonly series: readonly SeriesRef[];
  readonly fromMs: number;
  readonly toMs: number;
  /** Chart width in pixels: at most this many points come back per series. */
  readonly maxPoints: number;
}

/** Points of one series: [time ms, value] (avg of a bucket when downsampled, with min/max). */
export interface SeriesData {
  readonly series: SeriesRef;
  readonly points: readonly (readonly [number, number])[];
  readonly min?: readonly number[];
  readonly max?: readonly number[];
  readonly resolution: 'raw' | '1m' | '1h';
}

/** Ask the collector to poll counters for a chart or table at an interval (shared/model/perfLimits.ts: chart ≥ 5 s, table ≥ 1 s, as RTMT). */
export interface WatchRequest {
  readonly series: readonly SeriesRef[];
  readonly intervalSec: number;
  /** The presentation the counters are polled for (default 'chart'); it sets the minimum rate. */
  readonly kind?: 'chart' | 'table';
}

/** Both nodes of a presence redundancy group with the guide's states and recommended action. */
export interface PrgStatus {
  readonly cluster: string;
  readonly name: string;
  readonly haEnabled: boolean;
  readonly nodes: readonly {
    readonly name: string;
    readonly state: string;
    readonly reason: string;
    /** `utils dbreplication runtimestate` setup state (0-4, reference: 2 = good). */
    readonly replicationState?: number;
    /** Whether the collector reaches the node (false: its buttons are disabled with that reason). */
    readonly reachable?: boolean;
    /** "Cisco Presence Engine" ActiveJsmSessions and "Cisco XCP JSM" JsmSessionsComposed, latest values. */
    readonly activeJsmSessions?: number;
    readonly composedSessions?: number;
    /** Users assigned to the node: its composed sessions last seen while it was Normal. */
    readonly assignedUsers?: number;
  }[];
  /** The row of the guide's Table 4 both nodes match, with its recommended action (en + zh). */
  readonly tableRow?: { readonly row: number; readonly actionEn: string; readonly actionZh: string };
  /**
   * For a pair no Table 4 row describes (e.g. an automatic Failing Over / Critical Service Down): the action of
   * the rows the pair leads to, with the rows it is based on.
   */
  readonly otherAction?: { readonly actionEn: string; readonly actionZh: string; readonly basedOnRows: readonly number[] };
  /** Which buttons the guide allows in this state. */
  readonly allowed: { readonly failover: readonly string[]; readonly fallback: readonly string[]; readonly recover: boolean };
  /**
   * Why each button is disabled, keyed `failover:<node>`, `fallback:<node>` and `recover`: a reason id the
   * renderer words (`haDisabled.<id>`) with its parameters. Absent for an enabled button.
   */
  readonly disabledReasons?: Readonly<Record<string, JobText>>;
  /** While the pair is in transition: the states each node is heading to (English CLI labels). */
  readonly headingTo?: Readonly<Record<string, string>>;
  /** While users move (Failing Over / Taking Over / Falling Back / Taking Back): how many so far. */
  readonly users?: UsersMoved;
  readonly updatedAtMs: number;
}

/** An HA command from the PRG view. */
export interface HaCommandRequest {
  readonly cluster: string;
  readonly action: 'failover' | 'fallback' | 'recover';
  /** Node for failover/fallback, group for recover. */
  readonly target: string;
}

/** Start, stop or restart a service from Control Center. */
export interface ServiceControlRequest {
  readonly cluster: string;
  readonly node: string;
  readonly service: string;
  readonly action: 'start' | 'stop' | 'restart';
}

/**
 * A text of a job the renderer formats in the user's language: a message key (renderer/i18n/messages.ts,
 * without its `jobText.` prefix) and its parameters. The English `title`/`message`/`note` stay beside it for
 * logs and clients that do not translate.
 */
export interface JobText {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** What a job step is: the service steps of Control Center and the HA steps. */
export type JobStepKey = 'requested' | 'stopping' | 'stopped' | 'starting' | 'started' | 'dependants' | 'dependantsBack' | 'verified' | 'haRequested' | 'haTransition' | 'haSettled';

/** One step of a job, added as it is observed (not a guessed percentage). */
export interface JobStep {
  readonly key: JobStepKey;
  /** The service (or node, for HA steps) the step is about. */
  readonly subject?: string;
  readonly state: 'active' | 'done' | 'failed';
  readonly atMs: number;
  /** What was observed, e.g. the pair's states or the dependants still stopped. */
  readonly detail?: JobText;
}

/** Users moving between the nodes of a presence redundancy group, from the nodes' JSM counters. */
export interface UsersMoved {
  readonly from: string;
  readonly to: string;
  readonly moved: number;
  /** Users assigned to the node they move from (its JSM composed sessions while the pair was Normal). */
  readonly total: number;
}

/** Long work with progress (service control, HA commands, trace collection, backups). */
export interface JobStatus {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  /**
   * `completedWithProblems`: the work ran to its end but what it promised does not hold (e.g. a restarted
   * service's dependants did not come back); `problems` names what.
   */
  readonly state: 'queued' | 'running' | 'succeeded' | 'completedWithProblems' | 'failed' | 'cancelled';
  /** 0..1, or undefined when unknown. */
  readonly progress?: number;
  readonly message?: string;
  readonly startedAtMs: number;
  readonly endedAtMs?: number;
  /** A note from the guide to show with the result (e.g. another service needs a restart). */
  readonly note?: string;
  /** The title, message and note as translatable texts (JobText). */
  readonly titleText?: JobText;
  readonly messageText?: JobText;
  readonly noteText?: JobText;
  /** The steps observed so far, oldest first. */
  readonly steps?: readonly JobStep[];
  /** What did not hold at the end (services that did not come back). */
  readonly problems?: readonly string[];
  /** HA jobs: the states the pair is heading to (English labels as the CLI prints them) and users moved so far. */
  readonly ha?: { readonly group: string; readonly headingTo?: Readonly<Record<string, string>>; readonly users?: UsersMoved };
}

/** One syslog message received from a node. */
export interface SyslogEntry {
  readonly id: number;
  readonly receivedAtMs: number;
  readonly cluster?: string;
  readonly host: string;
  readonly severity: number;
  readonly appName?: string;
  readonly msgName?: string;
  readonly text: string;
  /** Definition and recommended action when the message is a known alarm. */
  readonly known?: { readonly description: string; readonly recommendedAction: string };
  /** Sender address as seen on the socket. */
  readonly peer: string;
  /** How it came: syslog over UDP or TCP, or an SNMP trap. */
  readonly transport: 'udp' | 'tcp' | 'trap';
  /**
   * True when the sender address and the host name agree with a node the cluster reports (then `cluster` and
   * `node` name it); false messages are kept and shown, never raised as alarms on a node.
   */
  readonly attributed: boolean;
  readonly node?: string;
}

/** Filter of the syslog viewer. */
export interface SyslogFilter {
  readonly host?: string;
  /** Only attributed (true) or only unattributed (false) messages; absent = both. */
  readonly attributed?: boolean;
  readonly maxSeverity?: number;
  readonly text?: string;
  readonly sinceMs?: number;
  readonly limit?: number;
}

/** A saved chart layout of the Performance view. */
export interface PerfLayout {
  readonly name: string;
  readonly charts: readonly { readonly title: string; readonly series: readonly SeriesRef[]; readonly intervalSec: number }[];
}
