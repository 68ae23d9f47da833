/**
 * Reports and diagnostics' parts for the app (issue 14), built once per backend: the kept reports
 * (<state>/reports, reports/reportRuns.ts), the HA change watch (when the collector saw each group's HA turned on or
 * off, for the HA readiness checklist's two-minute wait), the runner (each report a Job Status job of kind `report`,
 * progress pushed as onDidChangeReport) over the collector's clusters (reports/collectorReportAccess.ts: its pooled
 * SSH sessions, its nodes' SOAP budgets, its last service and HA polls), and find-a-user across every monitored
 * cluster, and the Certificate Expiry Monitor (reports/certificateMonitor.ts) publishing each certificate's days left
 * through the collector. Disposing the backend's store stops the monitor and running reports first, then the watch.
 */
import type { AsyncDisposableStore } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import type { Collector } from '../collector/collector.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import { CertificateMonitor } from '../reports/certificateMonitor.js';
import { collectorReportAccess } from '../reports/collectorReportAccess.js';
import { findUser } from '../reports/findUser.js';
import { HaChangeWatch } from '../reports/haChangeWatch.js';
import { reportKindEntry } from '../reports/reportGenerators.js';
import { ReportRunner } from '../reports/reportRunner.js';
import { ReportRuns, reportsDir } from '../reports/reportRuns.js';
import type { ReportsServiceDeps } from '../reports/reportsService.js';
import type { EventHub } from '../transport/eventHub.js';

export interface ReportPartsOptions {
  readonly stateDir: string;
  readonly collector: Collector;
  readonly jobs: JobRunner;
  readonly events: Pick<EventHub, 'emit'>;
  readonly store: AsyncDisposableStore;
}

export async function createReportParts(o: ReportPartsOptions): Promise<ReportsServiceDeps> {
  const runs = await ReportRuns.open(reportsDir(o.stateDir));
  const watch = o.store.add(new HaChangeWatch(o.collector));
  const known = (): string[] => o.collector.clusters().map((c) => c.id);
  const access = (cluster: string, signal?: AbortSignal) => collectorReportAccess(o.collector, cluster, { haChangedAtMs: (g) => watch.changedAtMs(cluster, g), ...(signal ? { signal } : {}) });
  const runner = o.store.add(
    new ReportRunner({
      runs,
      jobs: o.jobs,
      resolveClusters: (requested) => {
        const ids = known();
        if (requested === undefined) return ids;
        const unknown = requested.filter((c) => !ids.includes(c));
        if (unknown.length > 0) throw new AppError('NOT_FOUND', `no monitored cluster ${unknown.join(', ')}`);
        return [...requested];
      },
      open: (clusters, signal) => ({ accesses: clusters.map((c) => access(c, signal)), dispose: async () => undefined }),
      kinds: reportKindEntry,
      onDidChange: (info) => o.events.emit('onDidChangeReport', info),
    }),
  );
  // The Certificate Expiry Monitor's cadence (daily, hourly while one expires within a day): Days Left samples go
  // where the collector's go (history, Alert Central's CertificateExpiry rule, the UI).
  const certificates = o.store.add(new CertificateMonitor({ clusters: () => known().map((c) => access(c)), publish: (cluster, node, samples) => o.collector.publish(cluster, node, samples) }));
  certificates.start();
  return { runner, runs, findUser: (query) => findUser(known().map((c) => access(c)), query) };
}
