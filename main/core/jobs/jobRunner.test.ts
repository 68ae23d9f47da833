import { describe, expect, it } from 'vitest';
import type { JobStatus } from '../../../shared/model/views.js';
import { JobRunner } from './jobRunner.js';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('JobRunner', () => {
  it('a job whose promise does not hold ends as completedWithProblems naming what, never "succeeded"', async () => {
    let t = 1000;
    const jobs = new JobRunner(() => (t += 10));
    const seen: JobStatus[] = [];
    jobs.onDidChange((j) => seen.push(j));
    const j = jobs.start({ kind: 'service', title: 'Restart X', titleText: { key: 'service.title.restart', params: { service: 'X', node: 'n' } } }, async (p) => {
      p.step({ key: 'stopping', subject: 'X', state: 'active' });
      p.step({ key: 'stopping', subject: 'X', state: 'done' });
      p.step({ key: 'started', subject: 'X', state: 'done' });
      return { message: 'Completed with problems', problems: ['Y'] };
    });
    expect(j.state).toBe('running');
    expect(j.progress).toBeUndefined();
    await settle();
    const done = jobs.list()[0]!;
    expect(done.state).toBe('completedWithProblems');
    expect(done.problems).toEqual(['Y']);
    expect(done.titleText?.key).toBe('service.title.restart');
    // The active step was replaced by its done form, not duplicated.
    expect(done.steps?.map((s) => `${s.key}:${s.state}`)).toEqual(['stopping:done', 'started:done']);
    // A step keeps the time it began: the list reads in time order.
    const times = done.steps!.map((s) => s.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(seen.find((j) => j.steps?.[0]?.state === 'active')!.steps![0]!.atMs);
    expect(seen.at(-1)).toBe(done);
    jobs.dispose();
  });

  it('succeeds with no problems; a thrown error fails the job and marks the active step failed', async () => {
    const jobs = new JobRunner();
    jobs.start({ kind: 'service', title: 'ok' }, async () => ({ message: 'fine', problems: [] }));
    jobs.start({ kind: 'ha', title: 'bad' }, async (p) => {
      p.step({ key: 'haRequested', state: 'active' });
      throw new Error('boom');
    });
    await settle();
    const [bad, ok] = [jobs.list().find((j) => j.title === 'bad')!, jobs.list().find((j) => j.title === 'ok')!];
    expect(ok.state).toBe('succeeded');
    expect(bad.state).toBe('failed');
    expect(bad.messageText).toEqual({ key: 'failed', params: { code: 'INTERNAL', message: 'boom' } });
    expect(bad.steps?.[0]?.state).toBe('failed');
    jobs.dispose();
  });
});
