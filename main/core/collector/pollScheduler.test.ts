import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PollScheduler, type TaskOutcome } from './pollScheduler.js';

describe('PollScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a task on its interval and never overlaps it', async () => {
    const s = new PollScheduler({ jitter: 0, random: () => 0 });
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    s.add({
      id: 't',
      node: 'n1',
      intervalMs: 10_000,
      run: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 15_000));
        running--;
        runs++;
        return { ok: true };
      },
    });
    await vi.advanceTimersByTimeAsync(100_000);
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(runs).toBeLessThanOrEqual(5);
    s.dispose();
  });

  it('a slow task with firstRunWithinMs runs first within that window, then on its interval', async () => {
    const s = new PollScheduler({ jitter: 0.1, random: () => 0.99 });
    const runsAt: number[] = [];
    const t0 = Date.now();
    s.add({ id: 'v', node: 'n1', intervalMs: 600_000, firstRunWithinMs: 5_000, run: async () => {
      runsAt.push(Date.now() - t0);
      return { ok: true };
    } });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runsAt).toHaveLength(1); // without the window: 0.99 × 600 s × 0.2 ≈ 119 s
    await vi.advanceTimersByTimeAsync(500_000);
    expect(runsAt).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200_000);
    expect(runsAt).toHaveLength(2);
    s.dispose();
  });

  it('dispose aborts a running task and leaves no timer of its own, even when the task ignores its signal', async () => {
    const s = new PollScheduler({ jitter: 0, random: () => 0, timeoutMs: 20_000 });
    let aborted = false;
    let release: () => void = () => undefined;
    s.add({
      id: 'deaf',
      node: 'n1',
      intervalMs: 10_000,
      firstRunWithinMs: 1,
      run: (signal) => {
        signal.addEventListener('abort', () => (aborted = true));
        return new Promise<TaskOutcome>((r) => (release = () => r({ ok: true })));
      },
    });
    await vi.advanceTimersByTimeAsync(10);
    expect(vi.getTimerCount()).toBe(1); // the run limit of the running task
    s.dispose();
    expect(aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    release();
  });

  it('caps concurrency per node', async () => {
    const s = new PollScheduler({ perNodeConcurrency: 2, jitter: 0, random: () => 0 });
    let running = 0;
    let maxRunning = 0;
    for (let i = 0; i < 5; i++) {
      s.add({ id: `t${i}`, node: 'n1', intervalMs: 5_000, run: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 1_000));
        running--;
        return { ok: true };
      } });
    }
    await vi.advanceTimersByTimeAsync(30_000);
    expect(maxRunning).toBe(2);
    s.dispose();
  });

  it('backs off exponentially while a node is unreachable and recovers', async () => {
    const s = new PollScheduler({ jitter: 0, random: () => 0, backoffInitialMs: 10_000, backoffMaxMs: 80_000 });
    const times: number[] = [];
    let down = true;
    s.add({ id: 't', node: 'n1', intervalMs: 5_000, run: async (): Promise<TaskOutcome> => {
      times.push(Date.now());
      return down ? { ok: false, unreachable: true, code: 'POLL_TIMEOUT', message: 'timeout' } : { ok: true };
    } });
    await vi.advanceTimersByTimeAsync(200_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.slice(0, 4)).toEqual([10_000, 20_000, 40_000, 80_000]);
    down = false;
    await vi.advanceTimersByTimeAsync(100_000);
    const after = times.slice(-3);
    expect(after[2]! - after[1]!).toBe(5_000);
    expect(s.states()[0]!.consecutiveFailures).toBe(0);
    s.dispose();
  });

  it('a task with its own backoff cap (the reachability probe) keeps asking at least that often while unreachable', async () => {
    const s = new PollScheduler({ jitter: 0, random: () => 0, backoffInitialMs: 10_000, backoffMaxMs: 120_000 });
    const times: number[] = [];
    s.add({ id: 'probe', node: 'n1', intervalMs: 5_000, backoffMaxMs: 5_000, run: async (): Promise<TaskOutcome> => {
      times.push(Date.now());
      return { ok: false, unreachable: true, code: 'POLL_TIMEOUT', message: 'timeout' };
    } });
    await vi.advanceTimersByTimeAsync(60_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...gaps)).toBe(5_000); // without the cap: 10, 20, 40, 80 s …
    s.dispose();
  });

  it('refuses intervals under the shared minimum (a 1 s table panel, shared/model/perfLimits.ts) and reports a throwing task as data', async () => {
    const s = new PollScheduler({ jitter: 0, random: () => 0 });
    expect(() => s.add({ id: 'x', node: 'n', intervalMs: 999, run: async () => ({ ok: true }) })).toThrow(/minimum/);
    s.add({ id: 'table', node: 'n', intervalMs: 1_000, run: async () => ({ ok: true }) });
    s.remove('table');
    const seen: TaskOutcome[] = [];
    s.onDidRun((e) => seen.push(e.outcome));
    s.add({ id: 'y', node: 'n', intervalMs: 5_000, run: async () => {
      throw new Error('boom');
    } });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(seen[0]).toMatchObject({ ok: false, code: 'INTERNAL', message: 'boom' });
    s.dispose();
  });
});
