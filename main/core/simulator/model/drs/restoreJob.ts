import { decryptWithKey, sha1Hex, unpackTar } from './backupArchive.js';
import type { BackupDevice } from './backupDevices.js';
import type { JobAlarm, JobOutcome } from './backupJob.js';
import { JobAbort, JobAborted, componentDurationMs, type DrsJobContext } from './drsJobContext.js';
import type { DrsJobStatus } from './drsJobStatus.js';
import { DRS_MESSAGES } from './drsMessages.js';
import { ComponentLogs } from './componentLog.js';
import type { DescriptorComponent } from './backupDescriptor.js';
import { applyRestoredComponent } from './restoreApply.js';
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
  /** The backup component each status row reads (a subsequent node's CCMDB row reads the first node's). */
  readonly #sources: DescriptorComponent[];
  readonly #logs: ComponentLogs;

  constructor(
    private readonly ctx: DrsJobContext,
    private readonly device: BackupDevice,
    private readonly checked: CheckedRestore,
  ) {
    const now = ctx.cluster.scheduler.now();
    this.#logs = new ComponentLogs(ctx.cluster);
    const comps = checked.descriptor.components.filter((c) => checked.servers.includes(c.node) && checked.features.includes(c.feature));
    // The first node (the CUCM publisher) restores before the subsequent nodes (guide L10418).
    const first = checked.descriptor.nodes.find((n) => n.role === 'cucm-publisher')?.hostname;
    comps.sort((a, b) => Number(b.node === first) - Number(a.node === first));
    // Entire cluster: once the first node is restored, DRS restores the CCMDB on the subsequent nodes (L10498).
    const ccmdb = comps.find((c) => c.node === first && c.component === 'CCMDB');
    const rows: { source: DescriptorComponent; node: string }[] = comps.filter((c) => c.node === first).map((c) => ({ source: c, node: c.node }));
    if (ccmdb) for (const s of checked.servers) if (s !== first) rows.push({ source: ccmdb, node: s });
    rows.push(...comps.filter((c) => c.node !== first).map((c) => ({ source: c, node: c.node })));
    this.#sources = rows.map((r) => r.source);
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
      rows: rows.map(({ source: c, node }) => ({
        feature: c.feature,
        node,
        component: c.component,
        state: 'PENDING',
        percent: 0,
        startedMs: undefined,
        durationMs: componentDurationMs(c.size),
        logFile: `activelog/platform/drf/log/${checked.name}_r_${node}_${c.feature}_${c.component}.log`.toLowerCase(),
        bytes: 0,
        error: undefined,
      })),
    };
  }

  /** Whether the job waits on virtual time (pacing a component) rather than on real I/O. */
  get pacing(): boolean {
    return this.#abort.pacing;
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
      for (const [i, row] of status.rows.entries()) {
        const comp = this.#sources[i]!;
        row.state = 'ACTIVE';
        row.startedMs = ctx.cluster.scheduler.now();
        this.#logs.append(row.node, row.logFile, 'INFO', `Restore of ${row.feature}/${row.component} on ${row.node} started from ${device.name}:${folder}/${comp.file}`);
        let body: unknown;
        try {
          const sealed = await this.#abort.guard(store.readFile(`${folder}/${comp.file}`));
          if (checked.integrityCheck && sha1Hex(sealed) !== comp.sha1) throw new Error(`SHA1 message digest mismatch for ${comp.file}`);
          const files = await unpackTar(decryptWithKey(sealed, checked.key));
          const json = files.find((f) => f.name.endsWith('.json'));
          if (!json) throw new Error(`${comp.file} holds no component data`);
          body = JSON.parse(json.data.toString('utf8'));
          row.bytes = sealed.length;
          if (checked.integrityCheck) this.#logs.append(row.node, row.logFile, 'INFO', `SHA1 message digest verified: ${comp.sha1}`);
        } catch (err) {
          if (err instanceof JobAborted) throw err;
          row.state = 'ERROR';
          row.error = (err as Error).message;
          alarms.push({ name: 'DRFMARestoreComponentFailure', text: `${row.node} ${row.feature} ${row.component}: ${row.error}` });
          ctx.trace(row.node, 'drf_local', 'ERROR', `Restore of ${row.feature}/${row.component} failed: ${row.error}`);
          this.#logs.append(row.node, row.logFile, 'ERROR', `Restore of ${row.feature}/${row.component} failed: ${row.error}`);
          continue;
        }
        await this.#abort.sleep(ctx.cluster, row.durationMs);
        // The component's data takes effect as it completes (restoreApply.ts).
        const applied = applyRestoredComponent(ctx.cluster, { node: row.node, component: row.component, body }, checked.databaseFrom);
        row.state = 'SUCCESS';
        row.percent = 100;
        ctx.trace(row.node, 'drf_local', 'INFO', `Restore of ${row.feature}/${row.component} completed: ${applied}`);
        this.#logs.append(row.node, row.logFile, 'INFO', `${applied}`);
        this.#logs.append(row.node, row.logFile, 'INFO', `Restore of ${row.feature}/${row.component} completed`);
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
      servers: checked.servers,
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
