import { describe, expect, it } from 'vitest';
import type { PrgStatus } from '../../../shared/model/views.js';
import { scaledPollClock } from '../polling/base/pollClock.js';
import { startHaCommandJob } from './haCommandJob.js';
import { JobRunner } from '../jobs/jobRunner.js';

const until = async (cond: () => boolean, limitMs = 5_000): Promise<void> => {
  const end = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const pair = (state: string): PrgStatus =>
  ({ name: 'Subcluster-2', haEnabled: true, nodes: [{ name: 'imp-sub2', state, reason: '' }, { name: 'imp-sub3', state: 'Taking Over', reason: '' }] }) as unknown as PrgStatus;

describe('HA command job', () => {
  it('ends at its deadline when the group disappears mid-command (it looped for the life of the process)', async () => {
    const jobs = new JobRunner();
    let view: PrgStatus | undefined = pair('Failing Over');
    const job = startHaCommandJob(
      { jobs, run: async () => ({ ok: true, output: 'Success' }), refresh: () => undefined, view: () => view, clock: scaledPollClock(1000), pollIntervalMs: 3000, settleTimeoutMs: 60_000 },
      { cluster: 'sim', action: 'failover', target: 'imp-sub2' },
      'imp-sub2',
    );
    view = undefined; // the cluster was removed
    await until(() => jobs.list().find((j) => j.id === job.id)?.state !== 'running');
    const done = jobs.list().find((j) => j.id === job.id)!;
    expect(done.state).toBe('failed');
    expect(done.message).toMatch(/no longer monitored/);
    jobs.dispose();
  });

  it('stops waiting when the job runner is disposed', async () => {
    const jobs = new JobRunner();
    let refreshes = 0;
    const job = startHaCommandJob(
      { jobs, run: async () => ({ ok: true, output: 'Success' }), refresh: () => void refreshes++, view: () => pair('Failing Over'), pollIntervalMs: 50, settleTimeoutMs: 60 * 60_000 },
      { cluster: 'sim', action: 'failover', target: 'imp-sub2' },
      'imp-sub2',
    );
    await until(() => refreshes >= 2);
    jobs.dispose();
    const seen = refreshes;
    await new Promise((r) => setTimeout(r, 300));
    expect(refreshes - seen).toBeLessThanOrEqual(1);
    expect(job.state).toBe('running'); // the first status; the loop itself has ended
  });
});
