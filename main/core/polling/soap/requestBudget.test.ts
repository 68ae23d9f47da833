import { describe, expect, it } from 'vitest';
import type { PollClock } from '../base/pollClock.js';
import { RequestBudget } from './requestBudget.js';

/** A manual clock: sleeping advances time at once (the budget is the only sleeper). */
function manualClock(): PollClock & { t: number } {
  const c = { t: 0, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

describe('RequestBudget', () => {
  it('never grants more than the limit in any window, however many callers ask', async () => {
    const clock = manualClock();
    const budget = new RequestBudget({ clock, limit: 80, windowMs: 60_000, marginMs: 1000 });
    const grants: number[] = [];
    await Promise.all(Array.from({ length: 300 }, async () => {
      const done = await budget.acquire();
      grants.push(clock.now());
      done?.();
    }));
    expect(grants).toHaveLength(300);
    grants.sort((a, b) => a - b);
    for (let i = 80; i < grants.length; i++) expect(grants[i]! - grants[i - 80]!).toBeGreaterThanOrEqual(60_000);
  });

  it('gives up instead of waiting past a deadline', async () => {
    const clock = manualClock();
    const budget = new RequestBudget({ clock, limit: 1 });
    expect(await budget.acquire()).toBeTypeOf('function');
    expect(await budget.acquire(clock.now() + 1000)).toBeUndefined();
  });

  it('a request with an early deadline gives up at once instead of queueing behind a patient one', async () => {
    // A real clock: the patient waiter really sleeps, so a request queued behind it would wait as long.
    const budget = new RequestBudget({ limit: 1, windowMs: 60_000, marginMs: 0 });
    (await budget.acquire())!();
    const patient = new AbortController();
    const waiting = budget.acquire(Date.now() + 90_000, patient.signal);
    const t0 = Date.now();
    expect(await budget.acquire(Date.now() + 5_000)).toBeUndefined();
    expect(Date.now() - t0).toBeLessThan(1_000);
    patient.abort();
    expect(await waiting).toBeUndefined();
  });

  it('backs off 5, 10, 20 s after rate-limit faults and resets after a success', () => {
    const clock = manualClock();
    const budget = new RequestBudget({ clock });
    expect([budget.penalize(), budget.penalize(), budget.penalize(), budget.penalize()]).toEqual([5000, 10_000, 20_000, 20_000]);
    expect(budget.delayMs()).toBe(20_000);
    budget.succeeded();
    expect(budget.penalize()).toBe(5000);
  });
});
