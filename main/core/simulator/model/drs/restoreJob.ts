import { decryptWithKey, sha1Hex, unpackTar } from './backupArchive.js';
import type { BackupDevice } from './backupDevices.js';
import type { JobAlarm, JobOutcome } from './backupJob.js';
import { JobAbort, JobAborted, componentDurationMs, type DrsJobContext } from './drsJobContext.js';
import type { DrsJobStatus } from './drsJobStatus.js';
import { DRS_MESSAGES } from './drsMessages.js';
import type { CheckedRestore } from './restoreChecks.js';
import type { BackupStore } from './drsSftpClient.js';

/**
 * One restore of checked nodes and features: each component tar is read over SFTP, optionally verified
 * with SHA-1 (L10388), decrypted with the backup key, unpacked and checked, paced in virtual time. When done
 * the restored servers must be restarted, the first node first (L10418-10422).
 */
export class RestoreJob {
  readonly status: DrsJobStatus;
  readonly #abort = new JobAbort();

  constructor(
    private readonly ctx: DrsJobContext,
    private readonly device: BackupDevice,
    private readonly checked: CheckedRestore,
  ) {
    const now = ctx.cluster.scheduler.now();
    const comps = checked.descriptor.components.filter((c) => checked.servers.includes(c.node) && checked.features.includes(c.feature));
    this.status = {
      operation: 'restore',
      state: 'RUNNING',
      message: 'Restore Running...',
      tarFilename: `${checked.name}.tar`,
      device: device.name,
      storageLocation: 'NETWORK',
      kind: 'MANUAL',
      features: checked.features,
      startedMs: now,
      finishedMs: undefined,
      percentage: 0,
      rows: comps.map((c) => ({
        feature: c.feature,
        node: c.node,
        component: c.component,
        state: 'PENDING',
        percent: 0,
        startedMs: undefined,
        durationMs: componentDurationMs(c.size),
        logFile: `activelog/platform/drf/log/${checked.name}_r_${c.node}_${c.feature}_${c.component}.log`.toLowerCase(),
        bytes: 0,
        error: undefined,
      })),
    };
  }

  abort(reason: 'timeout' | 'disposed'): void {
    this.#abort.abort(reason);
  }

  /** Runs the restore to its end; never rejects. */
  async run(): Promise<JobOutcome> {
    const { ctx, checked, status, device } = this;
    const alarms: JobAlarm[] = [];
    const folder = `${device.path === '/' ? '' : device.path}/${checked.name}`;
    ctx.trace(ctx.masterNode, 'drf_master', 'INFO', `Restore of ${checked.name} started: servers=${checked.servers.join(',')} features=${checked.features.join(',')}`);
    let store: BackupStore | undefined;
    let fatal: string | undefined;
    try {
      store = await this.#abort.guard(ctx.transport.open(device));
      for (const row of status.rows) {
        const comp = checked.descriptor.components.find((c) => c.node === row.node && c.feature === row.feature && c.component === row.component)!;
        row.state = 'ACTIVE';
        row.startedMs = ctx.cluster.scheduler.now();
        try {
          const sealed = await this.#abort.guard(store.readFile(`${folder}/${comp.file}`));
          if (checked.integrityCheck && sha1Hex(sealed) !== comp.sha1) throw new Error(`SHA1 message digest mismatch for ${comp.file}`);
          const files = await unpackTar(decryptWithKey(sealed, checked.key));
          const json = files.find((f) => f.name.endsWith('.json'));
          if (!json) throw new Error(`${comp.file} holds no component data`);
          JSON.parse(json.data.toString('utf8'));
          row.bytes = sealed.length;
        } catch (err) {
          if (err instanceof JobAborted) throw err;
          row.state = 'ERROR';
          row.error = (err as Error).message;
          alarms.push({ name: 'DRFMARestoreComponentFailure', text: `${row.node} ${row.feature} ${row.component}: ${row.error}` });
          ctx.trace(row.node, 'drf_local', 'ERROR', `Restore of ${row.feature}/${row.component} failed: ${row.error}`);
          continue;
        }
        await this.#abort.sleep(ctx.cluster, row.durationMs);
        row.state = 'SUCCESS';
        row.percent = 100;
        ctx.trace(row.node, 'drf_local', 'INFO', `Restore of ${row.feature}/${row.component} completed`);
      }
    } catch (err) {
      fatal = err instanceof JobAborted ? 'DRS stopped' : (err as Error).message;
      alarms.push({ name: 'DRFRestoreDeviceError', text: `${device.name}: ${fatal}` });
    } finally {
      store?.close();
    }
    const now = ctx.cluster.scheduler.now();
    for (const r of status.rows) if (r.state !== 'SUCCESS') r.state = 'ERROR';
    const failed = status.rows.filter((r) => r.state === 'ERROR');
    status.state = fatal === undefined && failed.length === 0 ? 'SUCCESS' : 'ERROR';
    status.message = status.state === 'SUCCESS' ? DRS_MESSAGES.restoreDone : `Restore failed: ${fatal ?? `${failed.length} component(s) failed`}`;
    status.finishedMs = now;
    if (status.state === 'SUCCESS') status.percentage = 100;
    alarms.push(status.state === 'SUCCESS' ? { name: 'DRFRestoreCompleted', text: `Restore of ${status.tarFilename} completed on ${checked.servers.join(',')}` } : { name: 'DRFRestoreFailure', text: `Restore of ${status.tarFilename} failed: ${status.message}` });
    ctx.trace(ctx.masterNode, 'drf_master', status.state === 'SUCCESS' ? 'INFO' : 'ERROR', `Restore of ${checked.name} finished: ${status.state}`);
    const failedFeatures = [...new Set(failed.map((r) => r.feature))];
    return {
      alarms,
      history: {
        operation: 'restore',
        tarFilename: status.tarFilename,
        device: device.name,
        completedMs: now,
        result: status.state === 'SUCCESS' ? 'SUCCESS' : 'ERROR',
        version: checked.descriptor.nodes.find((n) => n.hostname === checked.servers[0])?.version ?? '',
        kind: 'MANUAL',
        featuresDone: checked.features.filter((f) => !failedFeatures.includes(f)),
        featuresFailed: failedFeatures,
        bytesByFeature: {},
      },
    };
  }
}
