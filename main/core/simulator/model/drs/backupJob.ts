import { encryptWithKey, newBackupKey, packTar, sha1Hex, wrapKey } from './backupArchive.js';
import { buildDescriptor, descriptorFileName, type DescriptorComponent } from './backupDescriptor.js';
import type { BackupDevice } from './backupDevices.js';
import { componentData, componentTasks, deploymentType } from './drsFeatures.js';
import type { DrsHistoryEntry } from './drsHistory.js';
import { JobAbort, JobAborted, backupName, componentDurationMs, type DrsJobContext } from './drsJobContext.js';
import type { DrsJobStatus } from './drsJobStatus.js';
import { DRS_MESSAGES } from './drsMessages.js';
import { BackupStoreError, type BackupStore } from './drsSftpClient.js';
import { ComponentLogs } from './componentLog.js';

/** A backup times out when it does not complete within 20 hours (guide L10217). */
export const BACKUP_TIMEOUT_MS = 20 * 3600_000;

/** A DRF alarm the job asks the system to raise. */
export interface JobAlarm {
  readonly name: string;
  readonly text: string;
}

/** The outcome of a job: its history row and the alarms to raise. */
export interface JobOutcome {
  readonly history: DrsHistoryEntry;
  readonly alarms: readonly JobAlarm[];
  /** A restore's servers (they need a restart when it succeeded). */
  readonly servers?: readonly string[];
}

function isReachable(ctx: DrsJobContext, name: string): boolean {
  const n = ctx.cluster.nodes.get(name);
  return n !== undefined && n.power === 'on' && !n.isolated;
}

/**
 * One backup: for each node and component of the selected features, the Local Agent's data is tarred,
 * encrypted with a random key and uploaded over SFTP to `<path>/<name>/<name>_<node>_<feature>_<component>.tar`;
 * the descriptor follows. Progress is paced in virtual time; cancel takes effect after the current component
 * (L10227); the 20-hour timeout aborts it (L10217).
 */
export class BackupJob {
  readonly status: DrsJobStatus;
  readonly #abort = new JobAbort();
  #cancelRequested = false;
  readonly #logs: ComponentLogs;

  constructor(
    private readonly ctx: DrsJobContext,
    private readonly device: BackupDevice,
    features: readonly string[],
    kind: 'MANUAL' | 'SCHEDULED',
  ) {
    const now = ctx.cluster.scheduler.now();
    this.#logs = new ComponentLogs(ctx.cluster);
    const name = backupName(now);
    this.status = {
      operation: 'backup',
      state: 'RUNNING',
      message: 'Backup Running...',
      tarFilename: `${name}.tar`,
      device: device.name,
      storageLocation: 'NETWORK',
      kind,
      features: [...features],
      startedMs: now,
      finishedMs: undefined,
      percentage: 0,
      rows: componentTasks(ctx.cluster, features)
        // Servers unreachable at backup time are not backed up (guide L10175).
        .filter((t) => isReachable(ctx, t.node))
        .map((t) => ({
        ...t,
        state: 'PENDING',
        percent: 0,
        startedMs: undefined,
        durationMs: 0,
        logFile: `activelog/platform/drf/log/${name}_b_${t.node}_${t.feature}_${t.component}.log`.toLowerCase(),
        bytes: 0,
        error: undefined,
      })),
    };
  }

  get name(): string {
    return this.status.tarFilename.replace(/\.tar$/, '');
  }

  /** Asks the job to stop after the current component. */
  cancel(): void {
    this.#cancelRequested = true;
  }

  /** Stops at once (the 20-hour timeout, or the system being disposed). */
  /** Whether the job waits on virtual time (pacing a component) rather than on real I/O. */
  get pacing(): boolean {
    return this.#abort.pacing;
  }

  abort(reason: 'timeout' | 'disposed'): void {
    this.#abort.abort(reason);
  }

  /** Runs the backup to its end; never rejects. */
  async run(): Promise<JobOutcome> {
    const { ctx, device, status } = this;
    const alarms: JobAlarm[] = [];
    const folder = `${device.path === '/' ? '' : device.path}/${this.name}`;
    ctx.trace(ctx.masterNode, 'drf_master', 'INFO', `Backup ${this.name} started: device=${device.name} features=${status.features.join(',')} components=${status.rows.length}`);
    let store: BackupStore | undefined;
    const done: DescriptorComponent[] = [];
    let fatal: string | undefined;
    try {
      const key = newBackupKey();
      const wrapped = await this.#abort.guard(wrapKey(key, ctx.securityPassword()));
      store = await this.#abort.guard(ctx.transport.open(device));
      await this.#abort.guard(store.mkdir(folder));
      for (const row of status.rows) {
        if (this.#cancelRequested) break;
        row.state = 'ACTIVE';
        row.startedMs = ctx.cluster.scheduler.now();
        const file = `${this.name}_${row.node}_${row.feature}_${row.component}.tar`;
        ctx.trace(row.node, 'drf_local', 'INFO', `Backup of ${row.feature}/${row.component} started -> ${file}`);
        this.#logs.append(row.node, row.logFile, 'INFO', `Backup of ${row.feature}/${row.component} on ${row.node} started -> ${device.name}:${folder}/${file}`);
        const tarball = await packTar([{ name: `${row.component.toLowerCase()}.json`, data: componentData(ctx.cluster, row) }], row.startedMs);
        const sealed = encryptWithKey(tarball, key);
        row.durationMs = componentDurationMs(sealed.length);
        try {
          await this.#abort.guard(store.writeFile(`${folder}/${file}`, sealed));
        } catch (err) {
          if (!(err instanceof BackupStoreError)) throw err;
          row.state = 'ERROR';
          row.error = err.message;
          ctx.trace(row.node, 'drf_local', 'ERROR', `Backup of ${row.feature}/${row.component} failed: ${err.message}`);
          this.#logs.append(row.node, row.logFile, 'ERROR', `Backup of ${row.feature}/${row.component} failed: ${err.message}`);
          alarms.push({ name: 'DRFMABackupComponentFailure', text: `${row.node} ${row.feature} ${row.component}: ${err.message}` });
          if (err.kind === 'noSpace' || err.kind === 'unreachable' || err.kind === 'permission') {
            fatal = err.kind === 'noSpace' ? 'No space left on device' : err.message;
            alarms.push({ name: 'DRFSftpFailure', text: `SFTP write to ${device.host}:${folder} failed: ${err.message}` });
            break;
          }
          continue;
        }
        await this.#abort.sleep(ctx.cluster, row.durationMs);
        row.state = 'SUCCESS';
        row.percent = 100;
        row.bytes = sealed.length;
        done.push({ node: row.node, feature: row.feature, component: row.component, file, size: sealed.length, sha1: sha1Hex(sealed) });
        ctx.trace(row.node, 'drf_local', 'INFO', `Backup of ${row.feature}/${row.component} completed (${sealed.length} bytes)`);
        this.#logs.append(row.node, row.logFile, 'INFO', `Backup of ${row.feature}/${row.component} completed (${sealed.length} bytes, SHA1 ${sha1Hex(sealed)})`);
      }
      if (done.length > 0 && fatal === undefined) {
        const xml = buildDescriptor({
          name: this.name,
          kind: status.kind,
          createdMs: status.startedMs,
          cluster: ctx.cluster.profile.name,
          features: status.features,
          key: wrapped,
          nodes: [...ctx.cluster.nodes.values()].map((n) => ({ hostname: n.name, ip: n.ipAddress, role: n.role, deploymentType: deploymentType(n), version: n.version, domain: ctx.cluster.profile.domain })),
          components: done,
        });
        await this.#abort.guard(store.writeFile(`${folder}/${descriptorFileName(this.name)}`, Buffer.from(xml)));
        await this.#prune(store);
      }
    } catch (err) {
      if (err instanceof JobAborted) fatal = err.reason === 'timeout' ? DRS_MESSAGES.timedOut : 'DRS stopped';
      else if (err instanceof BackupStoreError) {
        fatal = err.message;
        alarms.push({ name: err.kind === 'auth' || err.kind === 'unreachable' ? 'DRFBackupDeviceError' : 'DRFSftpFailure', text: `${device.name}: ${err.message}` });
        if (err.kind === 'noSpace') alarms.push({ name: 'DRFSftpFailure', text: `${device.name}: ${err.message}` });
      } else fatal = `internal error: ${(err as Error).message}`;
    } finally {
      store?.close();
    }
    return this.#finish(alarms, fatal);
  }

  /** Keeps only the newest `backupsToKeep` backups on the device. */
  async #prune(store: BackupStore): Promise<void> {
    const entries = await store.list(this.device.path);
    const backups = entries.filter((e) => e.isDirectory && /^\d{4}(-\d\d){5}$/.test(e.name)).map((e) => e.name).sort();
    for (const old of backups.slice(0, Math.max(0, backups.length - this.device.backupsToKeep))) {
      const dir = `${this.device.path === '/' ? '' : this.device.path}/${old}`;
      for (const f of await store.list(dir)) await store.remove(`${dir}/${f.name}`);
      await store.rmdir(dir);
      this.ctx.trace(this.ctx.masterNode, 'drf_master', 'INFO', `Deleted old backup ${old} from ${this.device.name} (keep ${this.device.backupsToKeep})`);
    }
  }

  #finish(alarms: JobAlarm[], fatal: string | undefined): JobOutcome {
    const { status, ctx } = this;
    const now = ctx.cluster.scheduler.now();
    const timedOut = this.#abort.reason === 'timeout';
    for (const r of status.rows) {
      if (r.state === 'ACTIVE') {
        r.state = 'ERROR';
        r.error ??= fatal;
      } else if (r.state === 'PENDING') r.state = fatal !== undefined ? 'ERROR' : 'CANCELLED';
    }
    const failed = status.rows.filter((r) => r.state === 'ERROR');
    const cancelled = this.#cancelRequested && fatal === undefined && status.rows.some((r) => r.state === 'CANCELLED');
    status.state = timedOut ? 'TIMEOUT' : fatal !== undefined || failed.length > 0 ? 'ERROR' : cancelled ? 'CANCELLED' : 'SUCCESS';
    status.message =
      status.state === 'SUCCESS' ? 'Backup Completed...' : status.state === 'CANCELLED' ? 'Backup Cancelled...' : timedOut ? DRS_MESSAGES.timedOut : DRS_MESSAGES.backupFailedRemote(fatal ?? `${failed.length} component(s) failed`);
    status.finishedMs = now;
    status.percentage = status.state === 'SUCCESS' ? 100 : status.percentage;
    if (status.state === 'SUCCESS') alarms.push({ name: 'DRFBackupCompleted', text: `Backup ${status.tarFilename} to ${status.device} completed` });
    else if (status.state !== 'CANCELLED') alarms.push({ name: 'DRFBackupFailure', text: `Backup ${status.tarFilename} to ${status.device} failed: ${status.message}` });
    ctx.trace(ctx.masterNode, 'drf_master', status.state === 'SUCCESS' ? 'INFO' : 'ERROR', `Backup ${this.name} finished: ${status.state} ${status.message}`);
    const bytesByFeature: Record<string, number> = {};
    for (const r of status.rows) if (r.state === 'SUCCESS') bytesByFeature[r.feature] = (bytesByFeature[r.feature] ?? 0) + r.bytes;
    const failedFeatures = [...new Set(failed.map((r) => r.feature))];
    return {
      alarms,
      history: {
        operation: 'backup',
        tarFilename: status.tarFilename,
        device: status.device,
        completedMs: now,
        result: status.state as DrsHistoryEntry['result'],
        version: ctx.cluster.profile.version,
        kind: status.kind,
        featuresDone: status.features.filter((f) => !failedFeatures.includes(f) && bytesByFeature[f] !== undefined),
        featuresFailed: failedFeatures,
        bytesByFeature,
      },
    };
  }
}
