/**
 * The `drs` namespace of the contract (issue 13): one DrsOperations per monitored cluster (DrsClusters), each backup
 * and restore followed as a Job Status job with its DrsJobView pushed as onDidChangeDrsJob (DrsJobs), every change
 * recorded (ActionRecords; source 'desktop' or 'web' from the backend's transport). A backup or restore DRS runs that
 * the app does not follow yet (the app restarted mid-backup) is adopted when the DRS view asks for the cluster's
 * overview or jobs. Arguments arrive validated (shared/validation/drs.ts).
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { DrsJobView } from '../../../shared/model/drs.js';
import type { ActionRecorder } from '../audit/actionRecords.js';
import type { DrsClusters } from './drsClusters.js';
import type { DrsJobs } from './drsJobs.js';

/** What the service is made of (backend/drsParts.ts builds them). */
export interface DrsServiceDeps {
  readonly clusters: DrsClusters;
  readonly jobs: DrsJobs;
  readonly recorder: ActionRecorder;
}

/** At most this many action records per call (newest first). */
const ACTIONS_LIMIT = 1000;

export function createDrsService(d: DrsServiceDeps): DesktopApi['drs'] {
  const ops = (cluster: string) => d.clusters.get(cluster);
  return {
    overview: async (cluster) => {
      const o = ops(cluster);
      const view = await o.overview();
      // What DRS runs now and nobody follows (after an app restart): followed from here on.
      const running = { ...(view.backup?.state === 'RUNNING' ? { backup: view.backup } : {}), ...(view.restore?.state === 'RUNNING' ? { restore: view.restore } : {}) };
      if (running.backup || running.restore) d.jobs.adoptKnown(o, running);
      return view;
    },
    devices: (cluster) => ops(cluster).devices(),
    saveDevice: (input) => ops(input.cluster).saveDevice(input),
    deleteDevice: (cluster, name) => ops(cluster).deleteDevice(name),
    schedules: (cluster) => ops(cluster).schedules(),
    saveSchedule: (input) => ops(input.cluster).saveSchedule(input),
    setSchedulesEnabled: (cluster, names, enabled) => ops(cluster).setSchedulesEnabled(names, enabled),
    deleteSchedule: (cluster, name) => ops(cluster).deleteSchedule(name),
    estimate: (cluster, features) => ops(cluster).estimate(features),
    startBackup: async (cluster, device, features) => {
      const o = ops(cluster);
      return d.jobs.start(o, 'backup', () => o.startBackup(device, features), { device, features });
    },
    cancelBackup: async (cluster) => {
      const o = ops(cluster);
      await o.cancelBackup();
      if (!d.jobs.running(cluster, 'backup')) await d.jobs.adopt(o);
      return d.jobs.cancelRequested(cluster);
    },
    status: (cluster, operation) => ops(cluster).status(operation),
    jobs: async (cluster) => {
      const targets = cluster === undefined ? d.clusters.all() : [ops(cluster)];
      for (const o of targets) await d.jobs.adopt(o).catch((): DrsJobView[] => []);
      return d.jobs.list(cluster);
    },
    history: (cluster) => ops(cluster).history(),
    backupFiles: (cluster, device) => ops(cluster).backupFiles(device),
    checkRestore: (request) => ops(request.cluster).checkRestore(request),
    prepareOneStep: (cluster, device, fileName) => ops(cluster).prepareOneStep(device, fileName),
    oneStepState: (cluster) => ops(cluster).oneStepState(),
    startRestore: async (request) => {
      const o = ops(request.cluster);
      return d.jobs.start(o, 'restore', () => o.startRestore(request), { device: request.device, features: request.features, servers: request.servers });
    },
    afterRestore: (cluster, servers) => ops(cluster).afterRestore(servers),
    restartNode: (cluster, node) => ops(cluster).restartNode(node),
    actions: (cluster) => d.recorder.list({ ...(cluster !== undefined ? { cluster } : {}), limit: ACTIONS_LIMIT }),
  };
}
