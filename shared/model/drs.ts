/**
 * Disaster Recovery System (issue 13): the plain data the renderer, the command line and main exchange about DRS
 * backup devices, schedules, backups, restores and the Restore Wizard. Everything is read from and done through the
 * admin CLI of the cluster's CUCM publisher, where the Master Agent works (guide L10321-10323; Table 41
 * L10664-10700; seed-inventory.md section 7). The app never stores a device password or the security password.
 */
import type { ErrorPayload } from '../errors.js';
import type { AlarmRecord } from './alert.js';

/** Backup or restore. */
export type DrsOperation = 'backup' | 'restore';

/** At most 10 devices (guide L10060) and 10 schedules (L10128). */
export const DRS_MAX_DEVICES = 10;
export const DRS_MAX_SCHEDULES = 10;
/** Device and schedule names: letters, digits, spaces, dashes and underscores (guide L10085). */
export const DRS_NAME_PATTERN = /^[A-Za-z0-9 _-]+$/;
/** "Number of backups to store on Network Directory": the guide gives no range (L10093); 1-14 as the cluster takes. */
export const DRS_MAX_BACKUPS_TO_KEEP = 14;
/** The backup session times out after 20 hours (guide L10217). */
export const DRS_BACKUP_TIMEOUT_MS = 20 * 3600_000;
/** One-Step Restore: the publisher takes five minutes to become cluster aware (guide L10490). */
export const DRS_CLUSTER_AWARE_MS = 5 * 60_000;
/** The History windows keep the last 20 jobs (guide L10243, L10646). */
export const DRS_HISTORY_LIMIT = 20;

/** A feature and its components as a node registered them (`show_registration <hostname>`). */
export interface DrsFeatureRegistration {
  readonly feature: string;
  readonly components: readonly string[];
}

/** What one node registered with the Master Agent; a node that could not be asked carries the error. */
export interface DrsNodeRegistration {
  readonly node: string;
  readonly features: readonly DrsFeatureRegistration[];
  readonly error?: ErrorPayload;
}

/** A network (SFTP) backup device as the cluster lists it (`device list`). Never a password. */
export interface DrsDevice {
  readonly name: string;
  /** 'NETWORK' (tape is not supported for virtualized deployments, guide L10188). */
  readonly type: string;
  readonly host: string;
  /** SFTP port: our extension (the guide's device has none); 22 when the cluster lists none. */
  readonly port: number;
  readonly path: string;
  /** Known when the app or the cluster says it (the CLI's `device list` does not print them). */
  readonly username?: string;
  readonly backupsToKeep?: number;
  /** Schedules that use this device (it cannot be deleted while any does, guide L10081). */
  readonly usedBySchedules: readonly string[];
}

/** Add or edit a device (edit = the same name). The password goes to the cluster only. */
export interface DrsDeviceInput {
  readonly cluster: string;
  readonly name: string;
  readonly host: string;
  /** Default 22. */
  readonly port?: number;
  readonly path: string;
  readonly username: string;
  readonly password: string;
  /** Default 2. */
  readonly backupsToKeep?: number;
}

/** Schedule frequency (guide L10159: once a day, weekly with days, monthly; the CLI adds once). */
export const DRS_FREQUENCIES = ['once', 'daily', 'weekly', 'monthly'] as const;
export type DrsFrequency = (typeof DRS_FREQUENCIES)[number];
/** "Set Default": weekly, Tuesday through Saturday (guide L10161); 0 = Sunday. */
export const DRS_DEFAULT_WEEKDAYS: readonly number[] = [2, 3, 4, 5, 6];

/** A backup schedule as the cluster lists it. */
export interface DrsSchedule {
  readonly name: string;
  readonly device: string;
  readonly enabled: boolean;
  /** Known when the cluster's listing gives them (designed detail listing) or the app set them. */
  readonly features?: readonly string[];
  readonly frequency?: DrsFrequency;
  readonly weekdays?: readonly number[];
  /** First run (UTC ms) and the next one while enabled. */
  readonly startMs?: number;
  readonly nextRunMs?: number;
}

/** Add or edit a schedule. Editing keeps the name (the CLI keys schedules by name; guide L10145). */
export interface DrsScheduleInput {
  readonly cluster: string;
  readonly name: string;
  readonly device: string;
  /** At least one (guide L10155). */
  readonly features: readonly string[];
  /** First run, UTC ms (the CLI takes yyyy/mm/dd-hh:mm). */
  readonly startMs: number;
  readonly frequency: DrsFrequency;
  /** Weekly: the days (0 = Sunday); "Set Default" = DRS_DEFAULT_WEEKDAYS. */
  readonly weekdays?: readonly number[];
  /** Enable it after saving (guide L10171 "Enable Schedule"). */
  readonly enabled?: boolean;
  /** True when editing an existing schedule (the cluster has no edit: it is deleted and added again). */
  readonly replace?: boolean;
}

/** `estimate_tar_size`: bytes, or why there is none (no backup history yet, guide L10103-10107). */
export type DrsEstimate =
  | { readonly ok: true; readonly bytes: number; readonly text: string }
  | { readonly ok: false; readonly message: string };

/** A component's state in the status table. */
export type DrsComponentState = 'PENDING' | 'ACTIVE' | 'SUCCESS' | 'ERROR' | 'CANCELLED';
/** A job's state as DRS states it. */
export type DrsJobState = 'RUNNING' | 'SUCCESS' | 'ERROR' | 'CANCELLED' | 'TIMEOUT';

/** One row of the status table: a component of a feature on a server. */
export interface DrsComponentRow {
  readonly feature: string;
  readonly server: string;
  readonly component: string;
  readonly state: DrsComponentState;
  /** 0-100 while active. */
  readonly percent: number;
  readonly startedMs?: number;
  /** The component's log, under the node's active log (open it in the Log Viewer). */
  readonly logFile?: string;
}

/** `utils disaster_recovery status backup|restore`, parsed. */
export interface DrsStatus {
  readonly operation: DrsOperation;
  readonly state: DrsJobState;
  /** The text after the state ("Backup Completed...", the guide's failure text). */
  readonly message: string;
  readonly tarFilename: string;
  readonly storageLocation: string;
  readonly percentage: number;
  readonly rows: readonly DrsComponentRow[];
}

/** One History row (guide L10241, L10643); `result` exactly as DRS states it. */
export interface DrsHistoryEntry {
  readonly operation: DrsOperation;
  readonly fileName: string;
  readonly device: string;
  readonly completedAt: number;
  readonly result: 'SUCCESS' | 'ERROR' | 'CANCELLED' | 'TIMEOUT';
  readonly version: string;
  readonly kind: 'MANUAL' | 'SCHEDULED';
  readonly features: readonly string[];
  readonly failedFeatures: readonly string[];
}

/** A server as recorded in a backup (what restore checks: guide L10344, L10437). */
export interface DrsBackupServer {
  readonly hostname: string;
  readonly ip: string;
  readonly role: string;
  readonly deploymentType: string;
  readonly version: string;
}

/** A backup file on a device, with what its descriptor says (Restore Wizard step 2). */
export interface DrsBackupFile {
  /** "2026-12-06-10-00-00.tar". */
  readonly fileName: string;
  /** When it was taken (from the name). */
  readonly createdMs: number;
  readonly version?: string;
  readonly kind?: 'MANUAL' | 'SCHEDULED';
  readonly features?: readonly string[];
  readonly servers?: readonly DrsBackupServer[];
  /** The backup holds the CCMDB component (the "Select Server Name" choice, guide L10410). */
  readonly hasCcmdb?: boolean;
  /** Details could not be read (the row stays; the reason is shown). */
  readonly error?: ErrorPayload;
}

/** Which restore the server choice amounts to (guide L10345-10364). */
export type DrsRestoreKind = 'firstNode' | 'subsequentNodes' | 'entireCluster' | 'oneStep';

/** What the Restore Wizard collected (steps 1-4). */
export interface DrsRestoreRequest {
  readonly cluster: string;
  readonly device: string;
  readonly fileName: string;
  readonly features: readonly string[];
  /** Host names of the nodes to restore. */
  readonly servers: readonly string[];
  /** "Perform file integrity check using SHA1 Message Digest" (guide L10388-10394). */
  readonly integrityCheck: boolean;
  /** The cluster security password in effect when the backup was taken (guide L10042, L10345). */
  readonly securityPassword: string;
  /** "Select Server Name": restore the publisher database from this running subscriber (guide L10410). */
  readonly databaseFrom?: string;
  readonly kind: DrsRestoreKind;
}

/** One check DRS makes before it restores (version, hostname, IP, DNS, deployment type, security password). */
export interface DrsRestoreCheckItem {
  readonly check: 'version' | 'hostname' | 'ip' | 'dns' | 'deploymentType' | 'securityPassword' | 'features' | 'servers' | 'other';
  readonly ok: boolean;
  /** The guide's words for a refusal, or what passed. */
  readonly message: string;
}

/** The pre-check's verdict: DRS asked, nothing started. */
export interface DrsRestoreCheck {
  readonly ok: boolean;
  readonly items: readonly DrsRestoreCheckItem[];
  /** What the server choice amounts to. */
  readonly kind: DrsRestoreKind;
  /** What DRS answered, verbatim (the guide's words). */
  readonly transcript: string;
}

/** One-Step Restore's preparation (guide L10484-10494): its three messages. */
export interface DrsOneStepState {
  readonly state: 'idle' | 'preparing' | 'ready' | 'failed';
  readonly message: string;
  /** When the five minutes end (preparing). */
  readonly readyAtMs?: number;
}

/** A backup or restore the app started or watches: DRS's status, the job, the DRF alarms raised meanwhile. */
export interface DrsJobView {
  readonly cluster: string;
  readonly operation: DrsOperation;
  /** The Job Status job that follows it. */
  readonly jobId: string;
  readonly startedMs: number;
  readonly endedMs?: number;
  /** Backups: when the 20-hour timeout ends it (guide L10217). */
  readonly timeoutAtMs?: number;
  readonly device: string;
  readonly features: readonly string[];
  readonly servers?: readonly string[];
  readonly status?: DrsStatus;
  readonly cancelRequested?: boolean;
  /** DRF alarms raised on the cluster since the job started (also in Alert Central). */
  readonly alarms: readonly AlarmRecord[];
  /** The status could not be read right now (the job keeps watching). */
  readonly error?: ErrorPayload;
}

/** One node in the guide's restart order after a restore (L10594-10624). */
export interface DrsRestartStep {
  readonly node: string;
  readonly role: string;
  /** 1-based position: CUCM publisher, CUCM subscribers, IM&P publisher, IM&P subscribers. */
  readonly order: number;
  readonly reachability: 'up' | 'down' | 'degraded' | 'unknown';
  /** Why it must wait (e.g. "the CUCM publisher is offline: IM and Presence subscribers' services cannot start"). */
  readonly blockedBy?: string;
  /**
   * The same reason as a code the UI words in its language, and the node it waits for: `publisherOffline` (the CUCM
   * publisher is not up, L10618), `restartFirst` (an earlier node in the order is not restarted yet, L10547, L10592),
   * `notBack` (an earlier node restarted but is not up again, L10598).
   */
  readonly blockedReason?: 'publisherOffline' | 'restartFirst' | 'notBack';
  readonly blockedByNode?: string;
}

/** One node's `utils dbreplication runtimestate` value (2 = good, guide L10553). */
export interface DrsReplicationRow {
  readonly node: string;
  readonly state?: number;
  readonly text?: string;
  readonly error?: ErrorPayload;
}

/** After a restore: the restart order and the replication check with the guide's remedy. */
export interface DrsAfterRestore {
  readonly restart: readonly DrsRestartStep[];
  readonly replication: readonly DrsReplicationRow[];
  readonly replicationOk: boolean;
  /** The guide's remedy when not every node is 2 (`utils dbreplication reset all`, L10555 / L10618). */
  readonly remedy?: string;
}

/** What the DRS view shows first for a cluster; each part may fail on its own. */
export interface DrsOverview {
  readonly cluster: string;
  /** The CUCM publisher whose Master Agent works, as the app reaches it. */
  readonly masterNode?: string;
  readonly registration: readonly DrsNodeRegistration[];
  /** Every feature registered in the cluster (UCM, CDR_CAR, PLM, IM&P …), as registered. */
  readonly features: readonly string[];
  readonly devices: readonly DrsDevice[];
  readonly schedules: readonly DrsSchedule[];
  readonly backup?: DrsStatus;
  readonly restore?: DrsStatus;
  readonly oneStep?: DrsOneStepState;
  /**
   * A simulated cluster's own SFTP backup server (from its endpoints document: a test server, not a secret),
   * offered by the Add Device form; absent for a real cluster.
   */
  readonly simulatedBackupServer?: { readonly host: string; readonly port: number; readonly path: string; readonly username: string; readonly password: string };
  /** The part that failed, by name ('devices', 'schedules' …). */
  readonly errors: Readonly<Record<string, ErrorPayload>>;
}

/** Who did something that changed a cluster, where from and with what result (entries of the audit log, issue 16). */
export interface ActionRecord {
  readonly id: string;
  readonly atMs: number;
  /** The operator: the OS user on the desktop, in web mode and on the command line; the logged-in operator on a server. */
  readonly operator: string;
  /** Where from (the audit log's sources: a server's operators are 'server', the backend itself 'system'). */
  readonly source: 'desktop' | 'web' | 'cli' | 'server' | 'system';
  /** e.g. "drs.device.add", "drs.backup", "drs.restore". */
  readonly action: string;
  readonly cluster: string;
  readonly target?: string;
  /** Parameters, never a secret. */
  readonly params: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  readonly result: 'ok' | 'refused' | 'failed';
  readonly message?: string;
}
