import { DisposableStore, type Disposable } from '../../../base/disposable.js';
import { Emitter } from '../../../base/emitter.js';
import { BackupDevices, MAX_BACKUP_DEVICES, validateBackupDevice, type BackupDevice, type BackupDeviceInput } from './backupDevices.js';
import { BACKUP_TIMEOUT_MS, BackupJob, type JobOutcome } from './backupJob.js';
import { BackupSchedules, type BackupSchedule, type BackupScheduleInput } from './backupSchedules.js';
import type { BackupDescriptor } from './backupDescriptor.js';
import { DrsError, isMaliciousPattern } from './drsErrors.js';
import { clusterFeatures, nodeRegistrations, type DrsCluster, type FeatureRegistration } from './drsFeatures.js';
import { DrsHistory, type DrsHistoryEntry } from './drsHistory.js';
import type { DrsJobContext } from './drsJobContext.js';
import { refreshProgress, snapshotStatus, type DrsJobStatus, type DrsOperation } from './drsJobStatus.js';
import { DRS_MESSAGES } from './drsMessages.js';
import { SftpBackupTransport, type BackupTransport } from './drsSftpClient.js';
import { OneStepRestore, type OneStepState } from './oneStepRestore.js';
import { checkRestoreInput, readDescriptor, runRestoreChecks, type RestoreCheckResult, type RestoreRequest } from './restoreChecks.js';
import { RestoreJob } from './restoreJob.js';
import { RestoredNodes } from './restoredNodes.js';
import { checkNewSecurityPassword } from './securityPassword.js';

/** Options of {@link DrsSystem}. */
export interface DrsSystemOptions {
  /** How backups reach the SFTP server; ssh2 SFTP by default. */
  readonly transport?: BackupTransport;
}

const BACKUP_FAILURE_ALARMS = ['DRFBackupFailure', 'DRFSftpFailure', 'DRFBackupDeviceError', 'DRFMABackupComponentFailure'];
const RESTORE_FAILURE_ALARMS = ['DRFRestoreFailure', 'DRFRestoreDeviceError', 'DRFMARestoreComponentFailure'];

/**
 * The cluster's Disaster Recovery System: the Master Agent on the CUCM publisher drives Local Agents on
 * every node (guide L10321-10333). It keeps backup devices and schedules, runs one backup or restore at a
 * time, keeps the last 20 of each in history, and raises the DRF alarms of Table 42 on the publisher.
 */
export class DrsSystem implements Disposable {
  readonly #devices = new BackupDevices();
  readonly #schedules: BackupSchedules;
  readonly #history = { backup: new DrsHistory(), restore: new DrsHistory() };
  readonly #last: Partial<Record<DrsOperation, DrsJobStatus>> = {};
  readonly #store = new DisposableStore();
  readonly #ctx: DrsJobContext;
  readonly #oneStep: OneStepRestore;
  #current: { job: BackupJob | RestoreJob; done: Promise<void> } | undefined;
  #jsch = false;
  /** The cluster security password in effect now: the profile's until `set password user security` (L10042). */
  #securityPassword: string;
  readonly #restored: RestoredNodes;
  readonly #onDidChange = new Emitter<DrsJobStatus>();
  /** Fires when a job starts or finishes. */
  readonly onDidChange = this.#onDidChange.event;

  constructor(
    readonly cluster: DrsCluster,
    options: DrsSystemOptions = {},
  ) {
    const master = [...cluster.nodes.values()].find((n) => n.role === 'cucm-publisher') ?? [...cluster.nodes.values()][0];
    if (!master) throw new DrsError('VALIDATION', 'DRS needs at least one node');
    this.#securityPassword = cluster.profile.securityPassword;
    this.#ctx = {
      cluster,
      transport: options.transport ?? new SftpBackupTransport(),
      masterNode: master.name,
      securityPassword: () => this.#securityPassword,
      trace: (node, set, level, text) => {
        cluster.nodes.get(node)?.logs.appendTrace(set, cluster.scheduler.now(), level, text);
        if (this.#jsch && set === 'drf_master') cluster.nodes.get(node)?.logs.appendTrace(set, cluster.scheduler.now(), 'DEBUG', `JSch: ${text}`);
      },
    };
    this.#schedules = this.#store.add(new BackupSchedules(cluster.scheduler, (s) => this.#fireSchedule(s)));
    this.#oneStep = this.#store.add(new OneStepRestore(cluster, master.name));
    this.#restored = this.#store.add(new RestoredNodes(cluster));
  }

  // ---- cluster security password ------------------------------------------------------------------------

  /**
   * `set password user security`: changes the cluster security password used to encrypt later backups (guide
   * L10042, L10130, L10256); older backups need the password in effect when they were taken. DrsError when the
   * old password is wrong or the new one is not acceptable.
   */
  changeSecurityPassword(oldPassword: string, newPassword: string): void {
    if (oldPassword !== this.#securityPassword) throw new DrsError('PRECONDITION', 'The old password is incorrect.');
    checkNewSecurityPassword(newPassword, oldPassword);
    this.#securityPassword = newPassword;
    this.#ctx.trace(this.masterNode, 'drf_master', 'INFO', 'Cluster security password changed; later backups are encrypted with the new password');
  }

  /** Restored nodes that still need their restart (first node first), cleared as each restarts. */
  nodesAwaitingRestart(): string[] {
    return this.#restored.pending();
  }

  /** The node whose Master Agent works (the CUCM publisher). */
  get masterNode(): string {
    return this.#ctx.masterNode;
  }

  /** Features and components registered on a node (`show_registration`). */
  registrations(node: string): readonly FeatureRegistration[] {
    const n = this.cluster.nodes.get(node);
    if (!n) throw new DrsError('NOT_FOUND', `drfCliMsg: Server ${node} is not registered with the Master Agent.`);
    return nodeRegistrations(n);
  }

  /** Every feature registered in the cluster. */
  features(): string[] {
    return clusterFeatures(this.cluster);
  }

  // ---- devices and schedules ----------------------------------------------------------------------------

  devices(): BackupDevice[] {
    return this.#devices.list();
  }

  /**
   * Validates and adds a device; the Master Agent checks it can reach the directory (guide L10065) unless
   * `verify` is false. Rejects with DrsError (a failed check raises DRFBackupDeviceError).
   */
  async addDevice(input: BackupDeviceInput, verify = true): Promise<BackupDevice> {
    const device = this.#guard(() => validateBackupDevice(input));
    if (!this.#devices.get(device.name) && this.#devices.list().length >= MAX_BACKUP_DEVICES) throw new DrsError('CONFLICT', DRS_MESSAGES.tooManyDevices);
    if (verify) {
      try {
        const store = await this.#ctx.transport.open(device);
        try {
          await store.list(device.path);
        } finally {
          store.close();
        }
      } catch (err) {
        this.#raise('DRFBackupDeviceError', `${device.name}: ${(err as Error).message}`);
        throw new DrsError('PRECONDITION', `drfCliMsg: Unable to access device ${device.name}: ${(err as Error).message}`, 'DRFBackupDeviceError');
      }
    }
    this.#devices.put(device);
    return device;
  }

  /** Whether a device of that name exists (adding it again edits it). */
  hasDevice(name: string): boolean {
    return this.#devices.get(name) !== undefined;
  }

  /** Schedules that back up to `device` (`device list detail`). */
  schedulesUsing(device: string): string[] {
    return this.#schedules.list().filter((s) => s.device === device).map((s) => s.name);
  }

  deleteDevice(name: string): void {
    this.#devices.delete(name, (d) => this.#schedules.usingDevice(d));
  }

  schedules(): BackupSchedule[] {
    return this.#schedules.list();
  }

  addSchedule(input: BackupScheduleInput): BackupSchedule {
    this.#devices.require(input.device);
    this.#checkFeatures(input.features);
    return this.#guard(() => this.#schedules.add(input));
  }

  enableSchedule(name: string): void {
    this.#schedules.enable(name);
  }

  disableSchedule(name: string): void {
    this.#schedules.disable(name);
  }

  deleteSchedule(name: string): void {
    this.#schedules.delete(name);
  }

  // ---- backup ---------------------------------------------------------------------------------------------

  /** Starts a backup now (manual, or fired by a schedule); throws DrsError when refused. */
  startBackup(deviceName: string, features: readonly string[], kind: 'MANUAL' | 'SCHEDULED' = 'MANUAL'): DrsJobStatus {
    this.#checkIdle('backup');
    const device = this.#devices.require(deviceName);
    this.#checkFeatures(features);
    const job = new BackupJob(this.#ctx, device, features, kind);
    if (job.status.rows.length === 0) {
      this.#raise('DRFNoRegisteredComponent', `features ${features.join(',')}`);
      throw new DrsError('PRECONDITION', 'drfCliMsg: No registered components available, so backup failed.', 'DRFNoRegisteredComponent');
    }
    const timeout = this.cluster.scheduler.setTimeout(BACKUP_TIMEOUT_MS, () => job.abort('timeout'));
    this.#run(job, () => timeout.dispose());
    return snapshotStatus(job.status);
  }

  /** Cancels the running backup after its current component (guide L10227); false when none runs. */
  cancelBackup(): boolean {
    const job = this.#current?.job;
    if (!(job instanceof BackupJob)) return false;
    job.cancel();
    this.#ctx.trace(this.masterNode, 'drf_master', 'INFO', `Cancel requested for backup ${job.name}`);
    return true;
  }

  // ---- restore --------------------------------------------------------------------------------------------

  /** Backup names found on a device (`show_backupfiles`), newest first. */
  async listBackups(deviceName: string): Promise<string[]> {
    const device = this.#devices.require(deviceName);
    try {
      const store = await this.#ctx.transport.open(device);
      try {
        const entries = await store.list(device.path);
        return entries.filter((e) => e.isDirectory && /^\d{4}(-\d\d){5}$/.test(e.name)).map((e) => e.name).sort().reverse();
      } finally {
        store.close();
      }
    } catch (err) {
      this.#raise('DRFRestoreDeviceError', `${device.name}: ${(err as Error).message}`);
      throw new DrsError('PRECONDITION', `drfCliMsg: Unable to access device ${device.name}: ${(err as Error).message}`, 'DRFRestoreDeviceError');
    }
  }

  /** Reads a backup's descriptor (features, servers, version) from a device; rejects with DrsError. */
  async describeBackup(deviceName: string, tarFilename: string): Promise<BackupDescriptor> {
    const name = tarFilename.replace(/\.tar$/, '');
    if (!/^\d{4}(-\d\d){5}$/.test(name)) {
      if (isMaliciousPattern(name) || name.includes('/')) {
        this.#raise('DRFSecurityViolation', `backup name ${JSON.stringify(name)}`);
        throw new DrsError('VALIDATION', DRS_MESSAGES.securityViolation, 'DRFSecurityViolation');
      }
      throw new DrsError('VALIDATION', `drfCliMsg: ${tarFilename} is not a valid backup file name (yyyy-mm-dd-hh-mm-ss.tar).`);
    }
    return this.#guardAsync(readDescriptor(this.#ctx, this.#devices.require(deviceName), name));
  }

  /** Validates a restore's input at once (traversal patterns, the backup name, unknown servers); throws DrsError. */
  checkRestoreInput(req: Pick<RestoreRequest, 'tarFilename' | 'servers' | 'features' | 'databaseFrom'>): void {
    this.#guard(() => checkRestoreInput(req));
    for (const s of req.servers) {
      if (!this.cluster.nodes.has(s)) throw new DrsError('NOT_FOUND', DRS_MESSAGES.hostMismatch(`hostname ${s} is not a node of this cluster`));
    }
  }

  /**
   * Runs DRS's restore checks one by one without starting anything (the CLI prints each); a failed check raises
   * DRFRestoreFailure. Input and device errors reject with DrsError.
   */
  async checkRestore(req: RestoreRequest): Promise<RestoreCheckResult> {
    const device = this.#devices.require(req.device);
    const r = await this.#guardAsync(runRestoreChecks(this.#ctx, device, req));
    if (r.failure?.alarm) this.#raise(r.failure.alarm, r.failure.message);
    return r;
  }

  /** Checks a restore (version, hostnames, IPs, security password) and starts it; rejects with DrsError. */
  async startRestore(req: RestoreRequest): Promise<DrsJobStatus> {
    this.#checkIdle('restore');
    const device = this.#devices.require(req.device);
    const r = await this.#guardAsync(runRestoreChecks(this.#ctx, device, req));
    if (!r.checked) {
      if (r.failure?.alarm) this.#raise(r.failure.alarm, r.failure.message);
      throw r.failure!;
    }
    const checked = r.checked;
    this.#checkIdle('restore');
    const job = new RestoreJob(this.#ctx, device, checked);
    this.#run(job, () => undefined);
    return snapshotStatus(job.status);
  }

  /**
   * Starts the one-step restore's "become cluster aware" step (guide L10484-10494); returns its message.
   * With a backup given, the option exists only for a cluster backup whose features are registered on both
   * publisher and subscriber nodes (L10486).
   */
  async prepareOneStepRestore(backup?: { device: string; tarFilename: string }): Promise<string> {
    this.#checkIdle('restore');
    if (backup) {
      const d = await readDescriptor(this.#ctx, this.#devices.require(backup.device), backup.tarFilename.replace(/\.tar$/, ''));
      const pubs = new Set(d.nodes.filter((n) => n.role !== 'imp-subscriber').map((n) => n.hostname));
      const shared = d.features.some((f) => {
        const on = new Set(d.components.filter((c) => c.feature === f).map((c) => c.node));
        return [...on].some((n) => pubs.has(n)) && [...on].some((n) => !pubs.has(n));
      });
      if (d.nodes.length < 2 || !shared) throw new DrsError('PRECONDITION', DRS_MESSAGES.oneStepUnavailable);
    }
    this.#checkIdle('restore');
    return this.#oneStep.prepare();
  }

  /** State and message of the one-step restore preparation. */
  oneStepState(): { state: OneStepState; message: string; readyAtMs?: number } {
    return this.#oneStep.current();
  }

  // ---- status and history ---------------------------------------------------------------------------------

  /** The running or last job of an operation, with progress at virtual now; undefined when none ran. */
  status(op: DrsOperation): DrsJobStatus | undefined {
    const s = this.#last[op];
    if (!s) return undefined;
    refreshProgress(s, this.cluster.scheduler.now());
    return snapshotStatus(s);
  }

  /** The last 20 jobs of an operation, oldest first. */
  history(op: DrsOperation): DrsHistoryEntry[] {
    return this.#history[op].list();
  }

  /** Estimated tar size in bytes from backup history (guide L10103-10107); undefined without history. */
  estimateTarSize(features: readonly string[]): number | undefined {
    this.#checkFeatures(features);
    return this.#history.backup.estimate(features);
  }

  /** Enables or disables JSch library logging (Table 41 `jschLogs`). */
  setJschLogging(enabled: boolean): void {
    this.#jsch = enabled;
  }

  get jschLogging(): boolean {
    return this.#jsch;
  }

  /** Resolves when no job runs (tests and orderly shutdown). */
  async whenIdle(): Promise<void> {
    while (this.#current) await this.#current.done;
  }

  /** Whether the running job waits on virtual time now (tests advance the clock only then, for determinism). */
  get pacing(): boolean {
    return this.#current?.job.pacing ?? false;
  }

  /** Whether a backup or restore runs now. */
  get busy(): boolean {
    return this.#current !== undefined;
  }

  dispose(): void {
    this.#current?.job.abort('disposed');
    this.#store.dispose();
    this.#onDidChange.dispose();
  }

  // ---- internals ------------------------------------------------------------------------------------------

  #run(job: BackupJob | RestoreJob, cleanup: () => void): void {
    const op = job.status.operation;
    this.#last[op] = job.status;
    this.#onDidChange.fire(snapshotStatus(job.status));
    const done = job.run().then((outcome) => {
      cleanup();
      this.#current = undefined;
      this.#finish(op, outcome);
      this.#onDidChange.fire(snapshotStatus(job.status));
    });
    this.#current = { job, done };
  }

  #finish(op: DrsOperation, outcome: JobOutcome): void {
    this.#history[op].add(outcome.history);
    // Restoring only the first node means restarting every node of the cluster (guide L10418, L10420).
    if (op === 'restore' && outcome.history.result === 'SUCCESS' && outcome.servers) {
      this.#restored.markRestored(outcome.servers.includes(this.masterNode) ? [...this.cluster.nodes.keys()] : outcome.servers);
    }
    this.cluster.alarms.clear(this.masterNode, 'DRFBackupInProgress');
    if (outcome.history.result === 'SUCCESS') for (const a of op === 'backup' ? BACKUP_FAILURE_ALARMS : RESTORE_FAILURE_ALARMS) this.cluster.alarms.clearAll(this.masterNode, a);
    for (const a of outcome.alarms) this.#raise(a.name, a.text);
    this.cluster.event('drs', `${op} ${outcome.history.tarFilename} ${outcome.history.result}`, this.masterNode);
  }

  #fireSchedule(s: BackupSchedule): void {
    try {
      this.startBackup(s.device, s.features, 'SCHEDULED');
    } catch (err) {
      this.#ctx.trace(this.masterNode, 'drf_master', 'ERROR', `Scheduled backup ${s.name} not started: ${(err as Error).message}`);
    }
  }

  #checkIdle(op: DrsOperation): void {
    if (this.#current || this.#oneStep.current().state === 'preparing') {
      this.#raise('DRFBackupInProgress', `${op} refused: another backup or restore is running`);
      throw new DrsError('CONFLICT', op === 'backup' ? DRS_MESSAGES.inProgress : DRS_MESSAGES.restoreInProgress, 'DRFBackupInProgress');
    }
  }

  #checkFeatures(features: readonly string[]): void {
    if (features.length === 0) {
      this.#raise('DRFNoRegisteredFeature', 'no feature selected');
      throw new DrsError('VALIDATION', DRS_MESSAGES.noFeature, 'DRFNoRegisteredFeature');
    }
    const known = this.features();
    const unknown = features.filter((f) => !known.includes(f));
    if (unknown.length > 0) throw new DrsError('VALIDATION', `drfCliMsg: Feature(s) ${unknown.join(',')} are not registered. Registered features: ${known.join(',')}`);
  }

  #guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof DrsError && err.alarm) this.#raise(err.alarm, err.message);
      throw err;
    }
  }

  async #guardAsync<T>(p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (err) {
      if (err instanceof DrsError && err.alarm) this.#raise(err.alarm, err.message);
      throw err;
    }
  }

  #raise(name: string, text: string): void {
    this.cluster.alarms.raise(this.masterNode, name, text);
  }
}
