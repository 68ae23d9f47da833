/**
 * The backups and restores the app follows: each one a Job Status job (kind 'drs') and a DrsJobView pushed on every
 * status read (about every 2 s) and at its end, with the DRF alarms Alert Central raised on the cluster since it
 * started (guide Table 42) and, for a backup, the 20-hour deadline after which DRS ends the session (guide L10217).
 * A job found RUNNING on the cluster (the app restarted mid-backup, or someone started it elsewhere) is adopted.
 */
import type { DrsJobView, DrsOperation, DrsStatus } from '../../../shared/model/drs.js';
import { DRS_BACKUP_TIMEOUT_MS } from '../../../shared/model/drs.js';
import type { Disposable } from '../base/disposable.js';
import { AppError, toErrorPayload } from '../base/errors.js';
import type { JobResult, JobRunner } from '../jobs/jobRunner.js';
import { DEADLINE_GRACE_MS, type DrsOperations } from './drsOperations.js';

/** A DRF alarm raised this soon after a job ended is still the job's (syslog arrives after the status says so). */
const ALARM_LAG_MS = 30_000;
/** Ended jobs kept for the view (the History shows DRS's own last 20). */
const KEEP_ENDED = 50;

export interface DrsJobsOptions {
  readonly jobs: JobRunner;
  readonly onDidChange: (view: DrsJobView) => void;
  readonly now?: () => number;
}

interface Followed {
  view: DrsJobView;
  readonly ops: DrsOperations;
  readonly stop: AbortController;
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs.filter(Boolean))];

/** What the job's result says about DRS's final state. */
function jobResult(op: DrsOperation, s: DrsStatus): JobResult {
  const what = op === 'backup' ? 'Backup' : 'Restore';
  const message = `${what} ${s.state}${s.message ? `: ${s.message}` : ''}${s.tarFilename ? ` (${s.tarFilename})` : ''}`;
  const messageText = { key: `drs.job.${s.state.toLowerCase()}`, params: { operation: op, message: s.message, file: s.tarFilename } };
  if (s.state === 'SUCCESS') return { message, messageText, ...(op === 'restore' ? { note: 'Restart the restored servers in the guide’s order (After Restore).', noteText: { key: 'drs.job.restartNote' } } : {}) };
  if (s.state === 'CANCELLED') return { message, messageText, problems: [message] };
  throw new AppError('PRECONDITION', message);
}

export class DrsJobs implements Disposable {
  readonly #followed = new Map<string, Followed>();
  /** Cluster|operation being started by the app: not adopted meanwhile (it is followed once started). */
  readonly #starting = new Set<string>();
  readonly #now: () => number;
  #disposed = false;

  constructor(private readonly o: DrsJobsOptions) {
    this.#now = o.now ?? Date.now;
  }

  /**
   * Starts a backup or restore (`begin` asks DRS and resolves with its first status) and follows it. Until it is
   * followed, an overview that sees it RUNNING does not adopt it as someone else's.
   */
  async start(ops: DrsOperations, operation: DrsOperation, begin: () => Promise<DrsStatus>, init: { device: string; features: readonly string[]; servers?: readonly string[] }): Promise<DrsJobView> {
    const key = `${ops.cluster}\u0000${operation}`;
    this.#starting.add(key);
    try {
      const status = await begin();
      return this.follow(ops, operation, { ...init, status });
    } finally {
      this.#starting.delete(key);
    }
  }

  /** Follows a backup or restore DRS is running now; returns its first view (also pushed). */
  follow(ops: DrsOperations, operation: DrsOperation, init: { device: string; features: readonly string[]; servers?: readonly string[]; status?: DrsStatus }): DrsJobView {
    if (this.#disposed) throw new AppError('PRECONDITION', 'DRS jobs are closed');
    const cluster = ops.cluster;
    const startedMs = this.#now();
    const stop = new AbortController();
    // Set right after the job starts; the work waits for it (`registered`).
    const ref: { entry?: Followed } = {};
    let ready!: () => void;
    const registered = new Promise<void>((r) => (ready = r));
    const title = operation === 'backup' ? `Backup of ${cluster} to ${init.device}` : `Restore of ${cluster} from ${init.device}`;
    const job = this.o.jobs.start({ kind: 'drs', title, titleText: { key: `drs.job.${operation}`, params: { cluster, device: init.device } } }, async (p) => {
      await registered;
      const entry = ref.entry!;
      const signal = AbortSignal.any([p.signal, stop.signal]);
      // Checked on every read, a status or an error: a publisher that stays unreachable must not be watched forever.
      const pastDeadline = (unreadable?: AppError): void => {
        const at = entry.view.timeoutAtMs;
        if (at === undefined || this.#now() <= at + DEADLINE_GRACE_MS) return;
        const why = unreadable ? ` Its status could not be read: ${unreadable.message}` : '';
        stop.abort(new AppError('PRECONDITION', `DRS did not end the backup by its 20-hour timeout (guide L10217); start a brand-new backup.${why}`));
      };
      let final: DrsStatus;
      try {
        final = await ops.follow(operation, {
          signal,
          onStatus: (s) => {
            this.#update(entry, { status: s, error: undefined });
            p.progress(s.percentage / 100, `${s.state} ${s.percentage}%${s.message ? `: ${s.message}` : ''}`, { key: 'drs.job.progress', params: { state: s.state, percent: s.percentage, message: s.message } });
            if (s.state === 'RUNNING') pastDeadline();
          },
          onError: (e) => {
            this.#update(entry, { error: toErrorPayload(e) });
            pastDeadline(e);
          },
        });
      } catch (err) {
        // Stopped before any status was read (or following failed): the view ends too, saying why.
        const why = stop.signal.aborted && stop.signal.reason instanceof AppError ? stop.signal.reason : err;
        this.#update(entry, { endedMs: this.#now(), error: toErrorPayload(why) });
        throw why;
      }
      if (final.state === 'RUNNING') {
        // Stopped watching (app closing, or the deadline): DRS may still be at work.
        const why = stop.signal.aborted && stop.signal.reason instanceof AppError ? stop.signal.reason : new AppError('PRECONDITION', `stopped following the ${operation}; DRS is still running it`);
        this.#update(entry, { status: final, endedMs: this.#now(), error: toErrorPayload(why) });
        throw why;
      }
      this.#update(entry, { status: final, endedMs: this.#now(), error: undefined });
      return jobResult(operation, final);
    });
    const view: DrsJobView = {
      cluster,
      operation,
      jobId: job.id,
      startedMs,
      ...(operation === 'backup' ? { timeoutAtMs: startedMs + DRS_BACKUP_TIMEOUT_MS } : {}),
      device: init.device,
      features: [...init.features],
      ...(init.servers ? { servers: [...init.servers] } : {}),
      ...(init.status ? { status: init.status } : {}),
      alarms: [],
    };
    const entry: Followed = { view, ops, stop };
    ref.entry = entry;
    this.#followed.set(job.id, entry);
    this.#trim();
    this.#update(entry, {});
    ready();
    return entry.view;
  }

  /**
   * Adopts what DRS runs now that nobody follows (after an app restart): device and features from its status (the
   * storage location and the component rows).
   */
  async adopt(ops: DrsOperations): Promise<DrsJobView[]> {
    const known: Partial<Record<DrsOperation, DrsStatus>> = {};
    for (const op of ['backup', 'restore'] as const) {
      if (this.running(ops.cluster, op)) continue;
      const s = await ops.status(op).catch(() => undefined);
      if (s) known[op] = s;
    }
    return this.adoptKnown(ops, known);
  }

  /** Adopts from statuses just read: those RUNNING that no job follows yet. */
  adoptKnown(ops: DrsOperations, known: Partial<Record<DrsOperation, DrsStatus>>): DrsJobView[] {
    const out: DrsJobView[] = [];
    for (const op of ['backup', 'restore'] as const) {
      const s = known[op];
      if (s?.state !== 'RUNNING' || this.running(ops.cluster, op) || this.#starting.has(`${ops.cluster}\u0000${op}`) || this.#disposed) continue;
      out.push(this.follow(ops, op, { device: s.storageLocation, features: unique(s.rows.map((r) => r.feature)), ...(op === 'restore' ? { servers: unique(s.rows.map((r) => r.server)) } : {}), status: s }));
    }
    return out;
  }

  /** The job of this cluster and operation still being followed. */
  running(cluster: string, operation: DrsOperation): DrsJobView | undefined {
    return [...this.#followed.values()].find((f) => f.view.cluster === cluster && f.view.operation === operation && f.view.endedMs === undefined)?.view;
  }

  /** Marks the running backup as cancel-requested (DRS stops it after the current component). */
  cancelRequested(cluster: string): DrsJobView | undefined {
    const f = [...this.#followed.values()].find((x) => x.view.cluster === cluster && x.view.operation === 'backup' && x.view.endedMs === undefined);
    if (!f) return undefined;
    this.#update(f, { cancelRequested: true });
    return f.view;
  }

  /** Followed jobs, newest first, with the DRF alarms Alert Central has for each now. */
  list(cluster?: string): DrsJobView[] {
    const out: DrsJobView[] = [];
    for (const f of this.#followed.values()) {
      if (cluster !== undefined && f.view.cluster !== cluster) continue;
      f.view = { ...f.view, alarms: this.#alarmsOf(f) };
      out.push(f.view);
    }
    return out.sort((a, b) => b.startedMs - a.startedMs);
  }

  #trim(): void {
    const ended = [...this.#followed.entries()].filter(([, f]) => f.view.endedMs !== undefined).sort((a, b) => a[1].view.startedMs - b[1].view.startedMs);
    while (ended.length > KEEP_ENDED) this.#followed.delete(ended.shift()![0]);
  }

  #alarmsOf(f: Followed): DrsJobView['alarms'] {
    const all = f.ops.access.drfAlarms?.(f.view.startedMs);
    if (!all) return f.view.alarms;
    const end = f.view.endedMs;
    return end === undefined ? all : all.filter((a) => a.raisedAt <= end + ALARM_LAG_MS);
  }

  /** Stops following (the jobs end at their next wait); DRS goes on with its work. */
  dispose(): void {
    this.#disposed = true;
    for (const f of this.#followed.values()) f.stop.abort(new AppError('PRECONDITION', 'the app stopped following the DRS job'));
  }

  #update(f: Followed, patch: Partial<DrsJobView>): void {
    const merged: DrsJobView = { ...f.view, ...patch };
    const next: DrsJobView = { ...merged, alarms: this.#alarmsOf({ ...f, view: merged }) };
    if (patch.error === undefined && 'error' in patch) delete (next as { error?: unknown }).error;
    f.view = next;
    this.o.onDidChange(next);
  }
}
