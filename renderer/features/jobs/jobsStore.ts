/**
 * Long work with progress (service control, HA commands …): `jobs.list` plus `onDidChangeJob` updates.
 */
import { create } from 'zustand';
import type { JobStatus } from '../../../shared/model/views.js';
import { toErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** State and actions of the jobs store. */
export interface JobsState {
  readonly jobs: readonly JobStatus[];
  readonly load: LoadState;
  loadJobs(): Promise<void>;
  applyJob(job: JobStatus): void;
}

/** Returns the job list with `job` inserted or replaced, newest first. */
export function upsertJob(jobs: readonly JobStatus[], job: JobStatus): JobStatus[] {
  const rest = jobs.filter((j) => j.id !== job.id);
  return [job, ...rest].sort((a, b) => b.startedAtMs - a.startedAtMs);
}

/** Whether a job has finished (its state will not change any more). */
export function isJobDone(job: JobStatus): boolean {
  return job.state === 'succeeded' || job.state === 'completedWithProblems' || job.state === 'failed' || job.state === 'cancelled';
}

/** The jobs store (zustand). */
export const useJobsStore = create<JobsState>()((set, get) => ({
  jobs: [],
  load: IDLE,
  async loadJobs() {
    if (get().jobs.length === 0) set({ load: LOADING });
    try {
      const listed = await call('jobs', 'list');
      set({ jobs: listed.reduce<JobStatus[]>((acc, j) => upsertJob(acc, j), [...get().jobs]), load: READY });
    } catch (err) {
      set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  applyJob(job) {
    set({ jobs: upsertJob(get().jobs, job) });
  },
}));
