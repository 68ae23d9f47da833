import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DrsJobView } from '../../../shared/model/drs.js';
import { DRS_BACKUP_TIMEOUT_MS } from '../../../shared/model/drs.js';
import type { JobStatus } from '../../../shared/model/views.js';
import { ActionRecords } from '../audit/actionRecords.js';
import { JobRunner } from '../jobs/jobRunner.js';
import { SshCliSession } from '../polling/ssh/sshCliSession.js';
import type { DrsClusterAccess } from './drsAccess.js';
import { DrsJobs } from './drsJobs.js';
import { DrsOperations } from './drsOperations.js';
import { closedPort } from '../../../test/helpers/closedPort.js';

/** A backup followed while its publisher cannot be reached (it went away mid-backup): no status is ever read. */
describe('DrsJobs with a publisher that stays unreachable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drs-jobs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function setup(now: () => number) {
    const port = await closedPort();
    const access: DrsClusterAccess = {
      cluster: 'c1',
      nodes: () => [{ name: 'cucm-pub', role: 'cucm-publisher', reachability: 'up' }],
      openCli: (node) => SshCliSession.connect({ cluster: 'c1', node, host: '127.0.0.1', port, username: 'admin', password: 'x', hostKeyFingerprint: 'SHA256:AAAA', readyTimeoutMs: 5000 }),
    };
    const records = await ActionRecords.open(join(dir, `${Math.random()}.jsonl`), { source: 'cli', operator: 't' });
    const ops = new DrsOperations(access, records, { statusIntervalMs: 5 });
    const runner = new JobRunner();
    const views: DrsJobView[] = [];
    let sawError!: () => void;
    const firstError = new Promise<void>((r) => (sawError = r));
    const jobs = new DrsJobs({
      jobs: runner,
      onDidChange: (v) => {
        views.push(v);
        if (v.error) sawError();
      },
      now,
    });
    const ended = (id: string) =>
      new Promise<JobStatus>((resolve) => {
        const sub = runner.onDidChange((j) => {
          if (j.id === id && j.state !== 'running') {
            sub.dispose();
            resolve(j);
          }
        });
      });
    return { ops, runner, jobs, views, ended, firstError, dispose: () => (jobs.dispose(), ops.dispose(), runner.dispose()) };
  }

  it('ends the job at the 20-hour deadline (guide L10217) although no status could be read, saying why', async () => {
    let t = 1_000_000;
    const s = await setup(() => t);
    const view = s.jobs.follow(s.ops, 'backup', { device: 'd1', features: ['UCM'] });
    const done = s.ended(view.jobId);
    // The first failed read is seen; then the clock passes the deadline.
    await s.firstError;
    t += DRS_BACKUP_TIMEOUT_MS + 11 * 60_000;
    const job = await done;
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/20-hour timeout \(guide L10217\).*could not be read/);
    const last = s.views.at(-1)!;
    expect(last.endedMs).toBe(t);
    expect(last.error?.message).toMatch(/20-hour timeout/);
    expect(s.jobs.running('c1', 'backup')).toBeUndefined();
    s.dispose();
  });

  it('a job stopped before any status was read (the app closes) ends its view too', async () => {
    const s = await setup(() => 5);
    const view = s.jobs.follow(s.ops, 'restore', { device: 'd1', features: ['UCM'], servers: ['cucm-pub'] });
    const done = s.ended(view.jobId);
    s.jobs.dispose();
    const job = await done;
    expect(job.state).toBe('failed');
    const last = s.views.at(-1)!;
    expect(last.endedMs).toBe(5);
    expect(last.error?.message).toMatch(/stopped following/);
    expect(s.jobs.running('c1', 'restore')).toBeUndefined();
    s.dispose();
  });
});
