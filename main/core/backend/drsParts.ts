/**
 * The Disaster Recovery System's parts for the app (issue 13), built once per backend: the action records (since
 * issue 16 entries of the audit log: `actions`, auditParts.ts, as the caller of each call; without it — the DRS
 * alone in a test — <state>/audit/actions.jsonl, source 'desktop' for Electron or 'web', operator the OS user), one DrsOperations per
 * cluster the collector monitors (through its nodes' pinned SSH targets; DRF alarms from Alert Central; a simulated
 * cluster's own backup server from its endpoints document) and the followed backups and restores (Job Status jobs,
 * each status read pushed as onDidChangeDrsJob). Disposing the backend's store stops following (DRS goes on), then
 * closes the publishers' sessions.
 */
import type { AlertEngine } from '../alerts/alertEngine.js';
import { ActionRecords, legacyActionsPath, type ActionRecorder } from '../audit/actionRecords.js';
import type { AsyncDisposableStore } from '../base/disposable.js';
import type { Collector } from '../collector/collector.js';
import { collectorAccess } from '../drs/drsAccess.js';
import { DrsClusters } from '../drs/drsClusters.js';
import { DrsJobs } from '../drs/drsJobs.js';
import type { DrsServiceDeps } from '../drs/drsService.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import type { EventHub } from '../transport/eventHub.js';

export interface DrsPartsOptions {
  readonly stateDir: string;
  readonly collector: Collector;
  readonly alerts: Pick<AlertEngine, 'queryAlarms'>;
  readonly jobs: JobRunner;
  readonly events: Pick<EventHub, 'emit'>;
  readonly store: AsyncDisposableStore;
  /** The backend's transport: an action's source. */
  readonly transport: 'electron' | 'web';
  /** Between two status reads of a followed job (default 2 s). */
  readonly statusIntervalMs?: number;
  /** Where changes are recorded: the audit log's recorder (createAuditParts(...).actions(...)); default the JSON lines file. */
  readonly actions?: ActionRecorder;
}

/** Where issue 13's action records are kept in a state folder (imported into the audit log at its first open). */
export function actionRecordsPath(stateDir: string): string {
  return legacyActionsPath(stateDir);
}

export async function createDrsParts(o: DrsPartsOptions): Promise<DrsServiceDeps> {
  const recorder = o.actions ?? (await ActionRecords.open(actionRecordsPath(o.stateDir), { source: o.transport === 'electron' ? 'desktop' : 'web' }));
  // Added before the jobs: disposed after them (the jobs stop reading status first).
  const clusters = o.store.add(
    new DrsClusters({
      access: (id) => (o.collector.spec(id) ? collectorAccess(o.collector, id, o.alerts) : undefined),
      clusters: () => o.collector.clusters().map((c) => c.id),
      recorder,
      operations: { ...(o.statusIntervalMs !== undefined ? { statusIntervalMs: o.statusIntervalMs } : {}) },
    }),
  );
  const jobs = o.store.add(new DrsJobs({ jobs: o.jobs, onDidChange: (v) => o.events.emit('onDidChangeDrsJob', v) }));
  return { clusters, jobs, recorder };
}
