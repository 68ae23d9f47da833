import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { AccessMode } from '../../../shared/model/access.js';
import type { AppInfo } from '../../../shared/model/views.js';
import type { AlertEngine } from '../alerts/alertEngine.js';
import { createAlertsService } from '../alerts/alertsService.js';
import { currentCaller } from '../base/callerContext.js';
import { AppError } from '../base/errors.js';
import type { Collector } from '../collector/collector.js';
import type { NodeRuntime } from '../collector/nodeRuntime.js';
import { createNodesService } from '../controlCenter/nodesService.js';
import { createHaService } from '../ha/haService.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import { createJobsService } from '../jobs/jobsService.js';
import type { SilenceBook } from '../notify/silenceBook.js';
import type { MaintenanceBook } from '../notify/maintenanceBook.js';
import type { PerfLayoutStore } from '../perfmon/perfLayoutStore.js';
import { createPerfService } from '../perfmon/perfService.js';
import type { PerfWatches } from '../perfmon/perfWatches.js';
import type { StorageHealth } from '../storage/sqlite/sqliteSampleStore.js';
import type { SampleStore } from '../storage/storage.js';
import { createTracesService, type TracesServiceDeps } from '../traces/tracesService.js';
import { createDrsService, type DrsServiceDeps } from '../drs/drsService.js';
import { createReportsService, type ReportsServiceDeps } from '../reports/reportsService.js';
import { createAppService } from './appService.js';

/** The parts the services are built from (constructor injection, house-style.md 5.7). */
export interface DesktopServiceDeps {
  readonly info: Omit<AppInfo, 'transport' | 'operator' | 'role' | 'mode'>;
  readonly transport: AppInfo['transport'];
  /** How this backend is reached (issue 16): desktop, web or server. */
  readonly mode: Exclude<AccessMode, 'client'>;
  /** Who the caller is (backend/localSession.ts; a server's web layer answers session.* itself). */
  readonly session: DesktopApi['session'];
  /** Operator accounts of the data folder (backend/operatorParts.ts). */
  readonly operators: DesktopApi['operators'];
  /** The audit log's list, verify and export (backend/auditParts.ts). */
  readonly audit: DesktopApi['audit'];
  readonly collector: Collector;
  readonly store: SampleStore;
  /** The history's write health (SqliteSampleStore.health). */
  readonly storageHealth: () => StorageHealth;
  readonly alerts: AlertEngine;
  /** Saved Performance layouts (a file in the state folder). */
  readonly layouts: PerfLayoutStore;
  /** Silences of notifications (notifications.json's and those made in the app). */
  readonly silences: SilenceBook;
  /** Maintenance windows (notifications.json's and those made in the app). */
  readonly maintenance: MaintenanceBook;
  /**
   * The OS user the backend runs as: who acts when no caller is known (issue 16: the operator of the call being
   * served, currentCaller(), is recorded on every acknowledgement, clear, note, silence and window).
   */
  readonly operator: string;
  /** The syslog viewer's query over the received messages (backend/receiverParts.ts). */
  readonly syslog: DesktopApi['syslog'];
  /** The syslog and trap receivers (backend/receiverParts.ts). */
  readonly receivers: DesktopApi['receivers'];
  /** Notification settings, tests and log (backend/notificationParts.ts). */
  readonly notifications: DesktopApi['notifications'];
  readonly jobs: JobRunner;
  readonly watches: PerfWatches;
  /** The clusters service (backend/clusterParts.ts: ClusterAdmin, saved clusters, the embedded switch). */
  readonly clusters: DesktopApi['clusters'];
  /** Trace & Log Central's parts (collections, schedules, per-node clients, viewer, tails). */
  readonly traces: TracesServiceDeps;
  /** The Disaster Recovery System's parts (issue 13). */
  readonly drs: DrsServiceDeps;
  /** Reports and diagnostics' parts (issue 14). */
  readonly reports: ReportsServiceDeps;
  readonly now?: () => number;
}

/**
 * The application core behind the typed contract: one service per DesktopApi namespace, each built in its domain
 * folder from the parts it uses. Arguments arrive validated by the router.
 */
export function createDesktopService(d: DesktopServiceDeps): DesktopApi {
  // A node the renderer names: an unknown one is NOT_FOUND (the collector's own lookup throws a RangeError).
  const node = (cluster: string, name: string): NodeRuntime => {
    try {
      return d.collector.node(cluster, name);
    } catch {
      throw new AppError('NOT_FOUND', `unknown node ${cluster}/${name}`);
    }
  };
  const now = d.now ?? Date.now;
  return {
    session: d.session,
    operators: d.operators,
    audit: d.audit,
    app: createAppService({ info: d.info, transport: d.transport, mode: d.mode, storageHealth: d.storageHealth }),
    clusters: d.clusters,
    nodes: createNodesService({ collector: d.collector, node, store: d.store, jobs: d.jobs, now }),
    perf: createPerfService({ node, store: d.store, watches: d.watches, layouts: d.layouts }),
    ha: createHaService({ collector: d.collector, jobs: d.jobs, now }),
    alerts: createAlertsService({ alerts: d.alerts, silences: d.silences, maintenance: d.maintenance, operator: () => currentCaller()?.operator ?? d.operator }),
    receivers: d.receivers,
    notifications: d.notifications,
    syslog: d.syslog,
    jobs: createJobsService({ jobs: d.jobs }),
    traces: createTracesService(d.traces),
    drs: createDrsService(d.drs),
    reports: createReportsService(d.reports),
  };
}
