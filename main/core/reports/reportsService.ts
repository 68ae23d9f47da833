/**
 * The `reports` namespace of the DesktopApi (issue 14): generate (a Job Status job, progress as onDidChangeReport),
 * the running and kept runs, a run with its data, cancel, remove and find a user across every monitored cluster.
 * Arguments arrive validated by the router (shared/validation/reports.ts).
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { FindUserResult, ReportRunInfo } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import type { ReportRunner } from './reportRunner.js';
import type { ReportRuns } from './reportRuns.js';

export interface ReportsServiceDeps {
  readonly runner: ReportRunner;
  readonly runs: ReportRuns;
  readonly findUser: (query: string) => Promise<FindUserResult>;
}

export function createReportsService(d: ReportsServiceDeps): DesktopApi['reports'] {
  return {
    async generate(request) {
      return d.runner.generate(request);
    },
    async runs(kind) {
      const kept = d.runs.list(kind);
      const ids = new Set(kept.map((i) => i.id));
      // A run that just ended may be kept already while the runner lets it go: listed once, as kept.
      const running = d.runner.running(kind).filter((i) => !ids.has(i.id));
      return [...running, ...kept].sort((a: ReportRunInfo, b: ReportRunInfo) => b.startedAtMs - a.startedAtMs);
    },
    async get(id) {
      if (d.runs.has(id)) return d.runs.get(id);
      const running = d.runner.current(id);
      if (running) return running;
      throw new AppError('NOT_FOUND', `no report ${id}`);
    },
    async cancel(id) {
      if (d.runner.cancel(id)) {
        await d.runner.settled(id);
        return;
      }
      if (d.runs.has(id)) throw new AppError('PRECONDITION', `report ${id} has already ended`);
      throw new AppError('NOT_FOUND', `no running report ${id}`);
    },
    async remove(id) {
      if (d.runner.current(id) && !d.runs.has(id)) throw new AppError('PRECONDITION', `report ${id} is still running: cancel it first`);
      await d.runs.remove(id);
    },
    findUser: (query) => d.findUser(query),
  };
}
