// Plain-data status of a DRS job, as the Current Status pages show it (guide L10221-10227, L10626-10632) and
// `utils disaster_recovery status` prints it (reference D.7: Status, Tar Filename, Storage Location,
// Operation, Percentage Complete, then one row per server and component with a log file).

/** Backup or restore. */
export type DrsOperation = 'backup' | 'restore';

/** A component's state in the status table. */
export type ComponentState = 'PENDING' | 'ACTIVE' | 'SUCCESS' | 'ERROR' | 'CANCELLED';

/** A job's state. */
export type JobState = 'RUNNING' | 'SUCCESS' | 'ERROR' | 'CANCELLED' | 'TIMEOUT';

/** One row of the per-component table. */
export interface ComponentRow {
  readonly feature: string;
  readonly node: string;
  readonly component: string;
  state: ComponentState;
  /** 0-100 for this component. */
  percent: number;
  startedMs: number | undefined;
  /** Virtual ms this component takes. */
  durationMs: number;
  /** Log file path as the status page links it (under activelog). */
  readonly logFile: string;
  /** Bytes written (backup) or read (restore). */
  bytes: number;
  error: string | undefined;
}

/** Status of the current or last job of an operation. */
export interface DrsJobStatus {
  readonly operation: DrsOperation;
  state: JobState;
  /** Short text after the state, e.g. "Backup Completed...". */
  message: string;
  /** Backup name (timestamp) with ".tar" as the CLI prints it. */
  readonly tarFilename: string;
  readonly device: string;
  readonly storageLocation: 'NETWORK';
  readonly kind: 'MANUAL' | 'SCHEDULED';
  readonly features: readonly string[];
  readonly startedMs: number;
  finishedMs: number | undefined;
  percentage: number;
  readonly rows: ComponentRow[];
}

/** Recomputes the running component's and the job's percentage at virtual time `nowMs`. */
export function refreshProgress(status: DrsJobStatus, nowMs: number): void {
  for (const r of status.rows) {
    if (r.state === 'ACTIVE' && r.startedMs !== undefined) r.percent = Math.min(99, Math.floor(((nowMs - r.startedMs) / Math.max(1, r.durationMs)) * 100));
  }
  if (status.state === 'SUCCESS') {
    status.percentage = 100;
    return;
  }
  const total = status.rows.length || 1;
  const done = status.rows.reduce((s, r) => s + (r.state === 'SUCCESS' || r.state === 'ERROR' ? 100 : r.state === 'ACTIVE' ? r.percent : 0), 0);
  status.percentage = Math.floor(done / total);
}

/** A deep copy safe to hand out (callers must not mutate the live job). */
export function snapshotStatus(status: DrsJobStatus): DrsJobStatus {
  return { ...status, features: [...status.features], rows: status.rows.map((r) => ({ ...r })) };
}
