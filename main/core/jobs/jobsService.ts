/**
 * jobs/: long-running operations (a service restart, an HA failover) as jobs with steps and progress that the UI
 * follows (jobRunner.ts); jobsService.ts lists them as DesktopApi['jobs'].
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { JobRunner } from './jobRunner.js';

/** DesktopApi['jobs']: the jobs running and recently finished. */
export function createJobsService(d: { readonly jobs: Pick<JobRunner, 'list'> }): DesktopApi['jobs'] {
  return {
    list: async () => d.jobs.list(),
  };
}
