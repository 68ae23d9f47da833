import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/model/views.js';
import { setBridgeForTesting } from '../../ipc/bridge.js';
import { createFakeBridge, deferred, ipcFailure } from '../../ipc/testing.js';
import { isJobDone, upsertJob, useJobsStore } from './jobsStore.js';

const initial = useJobsStore.getState();
const job = (id: string, startedAtMs: number, state: JobStatus['state'] = 'running'): JobStatus => ({ id, kind: 'service', title: `Restart ${id}`, state, startedAtMs });

beforeEach(() => useJobsStore.setState(initial, true));
afterEach(() => setBridgeForTesting(undefined));

describe('jobsStore', () => {
  it('loadJobs: loading while the list is empty, then the jobs newest first', async () => {
    const answer = deferred<JobStatus[]>();
    const bridge = createFakeBridge({ jobs: { list: () => answer.promise } });
    setBridgeForTesting(bridge);
    const done = useJobsStore.getState().loadJobs();
    expect(useJobsStore.getState().load.kind).toBe('loading');
    answer.resolve([job('a', 1), job('c', 3), job('b', 2)]);
    await done;
    expect(useJobsStore.getState().load.kind).toBe('ready');
    expect(useJobsStore.getState().jobs.map((j) => j.id)).toEqual(['c', 'b', 'a']);
    expect(bridge.calls.map((c) => c.name)).toEqual(['jobs.list']);
  });

  it('loadJobs: a refresh with jobs shown does not go back to loading, and merges the list with pushed jobs', async () => {
    let listed = [job('a', 1)];
    setBridgeForTesting(createFakeBridge({ jobs: { list: async () => listed } }));
    await useJobsStore.getState().loadJobs();
    // A job pushed by onDidChangeJob that the next list does not carry yet stays.
    useJobsStore.getState().applyJob(job('pushed', 5));
    listed = [{ ...job('a', 1), state: 'succeeded' }];
    const refresh = useJobsStore.getState().loadJobs();
    expect(useJobsStore.getState().load.kind).toBe('ready');
    await refresh;
    expect(useJobsStore.getState().jobs.map((j) => [j.id, j.state])).toEqual([['pushed', 'running'], ['a', 'succeeded']]);
  });

  it('loadJobs: an error from the bridge becomes the error state', async () => {
    setBridgeForTesting(createFakeBridge({ jobs: { list: async () => { throw ipcFailure('INTERNAL', 'job runner stopped'); } } }));
    await useJobsStore.getState().loadJobs();
    expect(useJobsStore.getState().load).toEqual({ kind: 'error', error: { code: 'INTERNAL', message: 'job runner stopped', retryable: false } });
  });

  it('applyJob (onDidChangeJob) inserts a new job and replaces a known one in place of its id', () => {
    useJobsStore.getState().applyJob(job('a', 1));
    useJobsStore.getState().applyJob(job('b', 2));
    useJobsStore.getState().applyJob({ ...job('a', 1), state: 'failed', message: 'Cisco XCP Router did not start' });
    const jobs = useJobsStore.getState().jobs;
    expect(jobs.map((j) => j.id)).toEqual(['b', 'a']);
    expect(jobs[1]).toMatchObject({ state: 'failed', message: 'Cisco XCP Router did not start' });
  });

  it('upsertJob and isJobDone', () => {
    expect(upsertJob([job('a', 1)], job('b', 0)).map((j) => j.id)).toEqual(['a', 'b']);
    expect(isJobDone(job('x', 1, 'running'))).toBe(false);
    expect(isJobDone(job('x', 1, 'queued'))).toBe(false);
    for (const s of ['succeeded', 'failed', 'cancelled'] as const) expect(isJobDone(job('x', 1, s))).toBe(true);
  });
});
