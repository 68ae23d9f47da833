/**
 * One polling limit for the Performance view (issue 10: table panels offered 1 s, and the contract and PerfWatches
 * refused anything under 5 s). Every rate the renderer offers, or clamps a typed value to, is accepted by the
 * contract's validation and by PerfWatches, for charts and tables; a rate under a presentation's minimum is refused
 * by both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_ARGUMENT_PARSERS } from '../../shared/validation/ipcArguments.js';
import { MAX_POLL_SEC, MIN_POLL_SEC, PERF_PANEL_KINDS } from '../../shared/model/perfLimits.js';
import { clampPollSec, pollChoices, TABLE_TITLE_PREFIX } from '../../renderer/features/perf/perfLimits.js';
import { PerfWatches } from '../../main/core/perfmon/perfWatches.js';
import { Collector } from '../../main/core/collector/collector.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';

const series = [{ cluster: 'sim', node: 'imp-pub', object: 'Memory', instance: '', counter: '% Mem Used' }];

// PerfWatches on a real collector monitoring one simulated node: a watch goes through the collector's scheduler.
let sim: SimCluster;
let collector: Collector;
let watches: PerfWatches;
beforeAll(async () => {
  sim = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 0, basePort: 0 });
  collector = await Collector.create();
  const spec = clusterSpecFromEndpoints(parseEndpointsDocument(JSON.parse(JSON.stringify(sim.endpoints()))), { id: 'sim', simulated: true });
  collector.addCluster({ ...spec, nodes: spec.nodes.filter((n) => n.name === 'imp-pub') });
  watches = new PerfWatches(collector);
});
afterAll(async () => {
  watches?.dispose();
  collector?.dispose();
  await sim?.dispose();
});

const perfWatchesAccepts = (intervalSec: number, kind: 'chart' | 'table'): boolean => {
  try {
    watches.unwatch(watches.watch({ series, intervalSec, kind }));
    return true;
  } catch {
    return false;
  }
};

describe('Performance polling rates: renderer choices = contract = PerfWatches', () => {
  for (const kind of PERF_PANEL_KINDS) {
    it(`accepts every rate a ${kind} panel offers or clamps to`, () => {
      const offered = new Set([...pollChoices(kind), ...[0, 0.4, 1, 2, 4.6, 5, 7, 10, 3599.6, 99_999, Number.NaN].map((v) => clampPollSec(v, kind))]);
      expect(Math.min(...offered)).toBe(MIN_POLL_SEC[kind]);
      for (const intervalSec of offered) {
        const watch = IPC_ARGUMENT_PARSERS.perf.watch([{ series, intervalSec, kind }]);
        expect(watch.ok, `perf.watch ${kind} ${intervalSec} s: ${watch.ok ? '' : watch.issues.join('; ')}`).toBe(true);
        const title = kind === 'table' ? `${TABLE_TITLE_PREFIX}t` : 't';
        expect(IPC_ARGUMENT_PARSERS.perf.saveLayout([{ name: 'l', charts: [{ title, series, intervalSec }] }]).ok).toBe(true);
        expect(perfWatchesAccepts(intervalSec, kind), `PerfWatches ${kind} ${intervalSec} s`).toBe(true);
      }
    });

    it(`refuses a ${kind} rate under its minimum or over the maximum, in the contract and in PerfWatches`, () => {
      for (const intervalSec of [MIN_POLL_SEC[kind] - 1, MAX_POLL_SEC + 1]) {
        expect(IPC_ARGUMENT_PARSERS.perf.watch([{ series, intervalSec, kind }]).ok).toBe(false);
        expect(perfWatchesAccepts(intervalSec, kind)).toBe(false);
      }
    });
  }

  it('a watch without a kind is a chart (5 s minimum)', () => {
    expect(IPC_ARGUMENT_PARSERS.perf.watch([{ series, intervalSec: 1 }]).ok).toBe(false);
    expect(IPC_ARGUMENT_PARSERS.perf.watch([{ series, intervalSec: 5 }]).ok).toBe(true);
  });
});

describe('a chart watch and the node SOAP budget', () => {
  it('when the node budget is spent, a watch poll gives up within its interval (rate limited) instead of queueing ahead of the collector', async () => {
    // Another user of the node takes its whole minute of requests.
    const budget = collector.node('sim', 'imp-pub').soap.budget;
    for (let i = 0; i < budget.limit; i++) (await budget.acquire(Date.now() + 1000))?.();
    const outcomes: { outcome: { ok: boolean; code?: string }; durationMs: number }[] = [];
    const sub = collector.scheduler.onDidRun((e) => {
      if (e.task.id.startsWith('watch-')) outcomes.push({ outcome: e.outcome as { ok: boolean; code?: string }, durationMs: e.durationMs });
    });
    const id = watches.watch({ series, intervalSec: 5, kind: 'chart' });
    try {
      // The watch may have to wait for a node slot: the collector's own SOAP polls (two per node at most) wait for
      // the same spent budget up to the scheduler's 20 s run limit. Once it runs, it gives up within its interval.
      await expect.poll(() => outcomes.length, { timeout: 27_000, interval: 200 }).toBeGreaterThan(0);
      expect(outcomes[0]!.outcome).toMatchObject({ ok: false, code: 'POLL_RATE_LIMIT' });
      expect(outcomes[0]!.durationMs).toBeLessThanOrEqual(5_000 + 1_000);
    } finally {
      watches.unwatch(id);
      sub.dispose();
    }
  }, 40_000);
});
