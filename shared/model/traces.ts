/**
 * Trace & Log Central (issue 12): the plain data the renderer, the command line and main exchange about trace
 * collections, remote and local browsing, the log viewer, real-time trace, the query wizard, crash dumps and
 * scheduled collections. RTMT's tree (serviceability-reference.md A.6): Collect Files, Query Wizard, Schedule
 * Collection, Collect Crash Dump, Local Browse, Remote Browse, Real Time Trace.
 */
import type { ErrorPayload } from '../errors.js';

/**
 * A comparable form of a service log name, for matching the guide's names to a node's (main's presets, the CLI and
 * the wizard): lower case, letters and digits only, without "Cisco", a parenthesised abbreviation ("(CPA)") or a
 * plural "Logs" (the guide says "Cisco Tomcat Security Log" where RTMT lists "Cisco Tomcat Security Logs").
 */
export function serviceNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\bcisco\b/g, ' ')
    .replace(/[^a-z0-9]+/g, '')
    .replace(/logs$/, 'log');
}

/** One node of one cluster. */
export interface TraceNodeRef {
  readonly cluster: string;
  readonly node: string;
}

/**
 * How RTMT groups the Collect Files tree: system services (platform, Tomcat, DB, DRF ...), IM and Presence
 * services (XCP, Presence Engine, SIP Proxy ...), system logs (listNodeServiceLogs' SystemLog list).
 */
export type TraceServiceGroup = 'system' | 'imp' | 'systemLog';

/** What one node says it has (LogCollection `listNodeServiceLogs`, reference B.4); a failure is data. */
export interface NodeTraceServices extends TraceNodeRef {
  /** Service log names exactly as the node returned them. */
  readonly serviceLogs: readonly string[];
  /** System log names exactly as the node returned them. */
  readonly systemLogs: readonly string[];
  /** RTMT's group of each service log name (unknown names are 'system'). */
  readonly groups: Readonly<Record<string, TraceServiceGroup>>;
  readonly error?: ErrorPayload;
}

/** Units of a relative range (LogCollection RelText: Minutes, Hours, Days, Weeks, Months). */
export const TRACE_RANGE_UNITS = ['minutes', 'hours', 'days', 'weeks', 'months'] as const;
export type TraceRangeUnit = (typeof TRACE_RANGE_UNITS)[number];

/**
 * The collection time: the last N units before now, or an absolute range. `timeZone` says in which zone the user
 * entered the absolute dates ('node' = the reference node's zone, or an IANA name); fromMs/toMs are instants.
 */
export type TraceTimeRange =
  | { readonly kind: 'relative'; readonly amount: number; readonly unit: TraceRangeUnit }
  | { readonly kind: 'absolute'; readonly fromMs: number; readonly toMs: number; readonly timeZone: string };

export const TRACE_ARCHIVE_FORMATS = ['zip', 'tar.gz'] as const;
export type TraceArchiveFormat = (typeof TRACE_ARCHIVE_FORMATS)[number];

/**
 * Diagnostics a preset adds beside the trace files (guide Table 44 "high CPU / low virtual memory"): CLI outputs
 * (`show process using-most cpu|memory`, `utils service list`) and the Perfmon counters at the time.
 */
export const TRACE_EXTRAS = ['processCpu', 'processMemory', 'serviceList', 'perfmonCounters'] as const;
export type TraceExtra = (typeof TRACE_EXTRAS)[number];

/** What to collect from one node. */
export interface TraceNodeSelection extends TraceNodeRef {
  /** Service log names as the node lists them. */
  readonly serviceLogs: readonly string[];
  /** System log names as the node lists them. */
  readonly systemLogs: readonly string[];
  /** Explicit files (crash dumps, a Remote Browse pick): paths relative to the node's active log root. */
  readonly files?: readonly string[];
}

/** A Collect Files request (the wizard's answers, or `imp traces collect`'s options). */
export interface TraceCollectRequest {
  readonly nodes: readonly TraceNodeSelection[];
  readonly range: TraceTimeRange;
  readonly archive: TraceArchiveFormat;
  /** Destination folder on the machine main runs on. */
  readonly outDir: string;
  /** The preset the selection came from (guide Table 44), recorded in collection.json. */
  readonly presetId?: string;
  /** Replace user IDs, JIDs, e-mail addresses and IP addresses in text logs (mapping kept locally). */
  readonly pseudonymize?: boolean;
  readonly extras?: readonly TraceExtra[];
  /** A name for the bundle and the job (defaults to one built from the time). */
  readonly label?: string;
}

/** A problem-to-trace preset of the guide's Table 44 (L11289-11322); labels are translated by id. */
export interface TracePreset {
  readonly id: string;
  /** English title (the renderer shows its own translation of the id when it has one). */
  readonly title: string;
  /** Where in the guide it comes from, e.g. "Table 44, L11295". */
  readonly guideRef: string;
  /** Service log names the preset selects (matched against what each node lists). */
  readonly serviceLogs: readonly string[];
  readonly systemLogs: readonly string[];
  readonly extras: readonly TraceExtra[];
  readonly range: TraceTimeRange;
}

export type TraceCollectionState = 'planning' | 'running' | 'packing' | 'completed' | 'partial' | 'failed' | 'cancelled' | 'interrupted';

/** The interface a file came through. */
export type TraceTransport = 'sftp' | 'dime' | 'cli';

/** One file of a collection. */
export interface TraceFileProgress extends TraceNodeRef {
  /** Path relative to the node's active log root ('/epas/trace/xcp/log/rtr-jsm-1.log.gz'). */
  readonly path: string;
  /** Size the node reported when the collection was planned (selectLogFiles / file list). */
  readonly size: number;
  readonly doneBytes: number;
  readonly state: 'pending' | 'fetching' | 'done' | 'skipped' | 'failed';
  readonly via?: TraceTransport;
  /** Why it was skipped or failed, or what changed (the size while it was read). */
  readonly reason?: string;
}

/** One node's part of a collection. */
export interface TraceNodeProgress extends TraceNodeRef {
  readonly state: 'planning' | 'fetching' | 'done' | 'partial' | 'failed';
  readonly files: number;
  readonly filesDone: number;
  readonly bytesTotal: number;
  readonly bytesDone: number;
  readonly bytesPerSec: number;
  /** Seconds left at the current rate, when it can be estimated. */
  readonly etaSec?: number;
  readonly error?: ErrorPayload;
}

/** Why a collection ran. */
export type TraceTrigger =
  | { readonly kind: 'manual' }
  | { readonly kind: 'schedule'; readonly scheduleId: string }
  | { readonly kind: 'alert'; readonly ruleId: string; readonly alarmId: string };

/** A collection as the UI and the command line follow it. */
export interface TraceCollectionStatus {
  readonly id: string;
  /** The Job Status entry that shows it. */
  readonly jobId?: string;
  readonly label: string;
  readonly state: TraceCollectionState;
  readonly trigger: TraceTrigger;
  readonly startedAtMs: number;
  readonly endedAtMs?: number;
  readonly request: TraceCollectRequest;
  /** The folder the collection works in; `traces.resume(workDir)` continues it. */
  readonly workDir: string;
  /** The finished archive (also set for a partial bundle). */
  readonly bundlePath?: string;
  readonly nodes: readonly TraceNodeProgress[];
  /** Files, capped at TRACE_STATUS_MAX_FILES (fetching and failed first); `fileCount` is the true count. */
  readonly files: readonly TraceFileProgress[];
  readonly fileCount: number;
  readonly bytesTotal: number;
  readonly bytesDone: number;
  readonly bytesPerSec: number;
  readonly etaSec?: number;
  /** Files not collected and why (also in collection.json). */
  readonly skipped: readonly { readonly cluster: string; readonly node: string; readonly path: string; readonly reason: string }[];
  readonly error?: ErrorPayload;
}

/** Most files a status carries (the rest are counted in fileCount). */
export const TRACE_STATUS_MAX_FILES = 500;

/** An entry of a node's log tree (Remote Browse: SFTP, or `file list activelog ... detail`). */
export interface RemoteLogEntry {
  /** Path relative to the node's active log root. */
  readonly path: string;
  readonly name: string;
  readonly kind: 'file' | 'directory';
  readonly size: number;
  readonly modifiedMs: number;
}

/** A core file (`utils core active list`, Collect Crash Dump). */
export interface CoreDumpInfo extends TraceNodeRef {
  readonly name: string;
  /** Path relative to the node's active log root, when the node said where it is. */
  readonly path?: string;
  readonly size: number;
  readonly modifiedMs: number;
}

/** A collected bundle on disk (Local Browse). */
export interface TraceBundleInfo {
  readonly path: string;
  readonly sizeBytes: number;
  readonly createdMs: number;
  readonly format: TraceArchiveFormat;
  /** From its collection.json: partial, node names, file count, label. */
  readonly partial: boolean;
  readonly nodes: readonly string[];
  readonly fileCount: number;
  readonly label?: string;
  /** Set when the bundle cannot be read (not an archive, no collection.json). */
  readonly problem?: string;
}

/** A file inside a bundle. */
export interface TraceBundleEntry {
  readonly path: string;
  readonly size: number;
}

/** The result of checking a bundle against its MANIFEST.sha256. */
export interface TraceBundleVerification {
  readonly ok: boolean;
  readonly checked: number;
  /** Entries whose hash differs, that are missing, or that the manifest does not list. */
  readonly problems: readonly { readonly path: string; readonly problem: 'mismatch' | 'missing' | 'unlisted' }[];
}

/** What the log viewer opens. */
export type LogSource =
  | { readonly kind: 'remote'; readonly cluster: string; readonly node: string; readonly path: string }
  | { readonly kind: 'bundle'; readonly bundlePath: string; readonly entry: string }
  | { readonly kind: 'file'; readonly path: string };

/** An open log in the viewer (main keeps a line index; the renderer asks for windows of lines). */
export interface LogDocument {
  readonly id: string;
  readonly title: string;
  readonly source: LogSource;
  readonly sizeBytes: number;
  readonly lineCount: number;
  /** First and last timestamps found, for "jump to time". */
  readonly firstTimeMs?: number;
  readonly lastTimeMs?: number;
}

export interface LogLine {
  /** 0-based line number. */
  readonly n: number;
  readonly text: string;
}

/** A search inside an open log. */
export interface LogFindQuery {
  readonly pattern: string;
  readonly regex: boolean;
  readonly ignoreCase: boolean;
  /** Line to search from (inclusive), and direction. */
  readonly fromLine: number;
  readonly backwards?: boolean;
}

/** The query wizard's request: on the nodes (`file search activelog`) or in a collected bundle. */
export type TraceSearchRequest =
  | {
      readonly where: 'nodes';
      readonly nodes: readonly TraceNodeSelection[];
      readonly range: TraceTimeRange;
      readonly pattern: string;
      readonly regex: boolean;
      readonly ignoreCase: boolean;
    }
  | { readonly where: 'bundle'; readonly bundlePath: string; readonly pattern: string; readonly regex: boolean; readonly ignoreCase: boolean };

export interface TraceSearchHit {
  readonly cluster?: string;
  readonly node: string;
  /** Path relative to the node's active log root (or the entry inside the bundle). */
  readonly path: string;
  /** 0-based line, when known (bundle searches; `file search` does not print line numbers). */
  readonly line?: number;
  readonly text: string;
}

export interface TraceSearchResult {
  readonly hits: readonly TraceSearchHit[];
  /** More hits than TRACE_SEARCH_MAX_HITS were found. */
  readonly truncated: boolean;
  readonly errors: readonly { readonly node: string; readonly error: ErrorPayload }[];
}

export const TRACE_SEARCH_MAX_HITS = 5000;

/** Follow files live (`file tail activelog`). */
export interface TailRequest extends TraceNodeRef {
  readonly paths: readonly string[];
  /** Only lines matching this regular expression. */
  readonly filter?: string;
}

/** Lines seen by a tail, pushed in batches. */
export interface TailBatch {
  readonly tailId: string;
  readonly lines: readonly { readonly path: string; readonly text: string; readonly atMs: number }[];
  /** The tail ended (stopped, node closed the session); `error` says why when it was not asked. */
  readonly closed?: boolean;
  readonly error?: ErrorPayload;
}

/** Where a scheduled collection puts its bundles. */
export type TraceDestination =
  | { readonly kind: 'local'; readonly dir: string }
  | {
      readonly kind: 'sftp';
      readonly host: string;
      readonly port: number;
      readonly username: string;
      readonly directory: string;
      /** The server's host key, "SHA256:…", pinned when the schedule was saved. */
      readonly hostKeyFingerprint?: string;
    };

/** RTMT's Schedule Collection: every N hours, the files of the last N hours, keep the newest `keep` bundles. */
export interface TraceSchedule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly nodes: readonly TraceNodeSelection[];
  readonly everyHours: number;
  readonly lastHours: number;
  readonly archive: TraceArchiveFormat;
  readonly pseudonymize: boolean;
  readonly destination: TraceDestination;
  readonly keep: number;
  readonly nextRunMs?: number;
  readonly lastRun?: { readonly atMs: number; readonly state: TraceCollectionState; readonly bundlePath?: string; readonly error?: ErrorPayload };
}

/** A schedule as saved from the UI: the SFTP password travels once and goes to the credential store. */
export interface TraceScheduleInput extends Omit<TraceSchedule, 'id' | 'nextRunMs' | 'lastRun'> {
  readonly id?: string;
  readonly password?: string;
}

/** Trace & Log Central's settings shown by the UI. */
export interface TraceSettings {
  /** Where collections go when the user does not choose (the app state folder's bundles/). */
  readonly defaultOutDir: string;
}
