/**
 * UI bench in web mode on the simulated cluster (Debian Chromium via playwright-core). Prints:
 *  - time from page load to the first chart with data (System Summary CPU chart);
 *  - frame times (p50/p95/max, requestAnimationFrame) while ten Performance charts with a 24 h range update live;
 *    (UI_BENCH_RANGE picks another range, e.g. 10m, where a fresh backend's charts hold more rows);
 *  - renderer JS heap (CDP Performance.getMetrics) at the start and after N minutes (UI_BENCH_MINUTES, default 2).
 * Run: npx tsx test/bench/uiBench.ts   (needs main/core/backend/createBackend.ts and /usr/bin/chromium)
 */
import { backendAvailable, chromiumAvailable, openView, startE2eSession } from '../e2e/webModeHarness.js';

const MINUTES = Number(process.env.UI_BENCH_MINUTES ?? 2);
/** Chart range picked in Performance (24h by default; on a fresh backend a 24 h chart holds one bucket per chart). */
const RANGE = process.env.UI_BENCH_RANGE ?? '24h';
const FRAME_WINDOW_MS = Number(process.env.UI_BENCH_FRAME_MS ?? 30_000);
// Ten counters a node has on every role (counterCatalog: Processor, Memory, Partition).
const COUNTERS: readonly [string, string][] = [
  ['Memory', '% Mem Used'],
  ['Memory', '% VM Used'],
  ['Memory', 'Used KBytes'],
  ['Memory', 'Free KBytes'],
  ['Memory', 'Cached KBytes'],
  ['Memory', 'Buffers KBytes'],
  ['Memory', 'Used Swap KBytes'],
  ['Memory', '% Page Usage'],
  ['Memory', 'Used VM KBytes'],
  ['Memory', 'Shared KBytes'],
];

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  if (!backendAvailable() || !chromiumAvailable()) {
    console.log('uiBench: skipped (needs main/core/backend/createBackend.ts and /usr/bin/chromium)');
    return;
  }
  const t0 = performance.now();
  const s = await startE2eSession();
  try {
    const { page } = s;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapMb = async () => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1024 / 1024;
    };
    const loadStart = performance.now();
    await openView(page, 'system');
    // Browser-side expressions are strings: this file is type-checked for Node, without the DOM library.
    await page.waitForFunction(`Number(document.querySelector('[data-testid="cpu-chart"]')?.getAttribute('data-points') ?? 0) > 0`, undefined, { timeout: 300_000 });
    const firstChartMs = performance.now() - loadStart;
    console.log(`first chart with data: ${firstChartMs.toFixed(0)} ms after page load (${(performance.now() - t0).toFixed(0)} ms after process start incl. backend)`);

    await openView(page, 'performance');
    await page.locator('select').filter({ has: page.locator(`option[value="${RANGE}"]`) }).selectOption(RANGE);
    for (const [object, counter] of COUNTERS) {
      await page.locator('[data-testid="perf-objects"] li', { hasText: new RegExp(`^${object}$`) }).click();
      await page.locator('[data-testid="perf-counters"] li', { hasText: new RegExp(`^${counter.replace(/[%]/g, '\\$&')}$`) }).click();
      await page.locator('[data-testid="add-chart"]').click();
    }
    await page.waitForFunction(`document.querySelectorAll('[data-testid="perf-chart"]').length >= 10`);
    const frames = (await page.evaluate(`new Promise((resolve) => {
      const out = [];
      let last = performance.now();
      const end = last + ${FRAME_WINDOW_MS};
      const tick = (now) => { out.push(now - last); last = now; if (now < end) requestAnimationFrame(tick); else resolve(out); };
      requestAnimationFrame(tick);
    })`)) as number[];
    const sorted = [...frames].sort((a, b) => a - b);
    const points = await page.locator('[data-testid="perf-chart"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-points'))));
    console.log(
      `frame time, 10 charts × ${RANGE}, ${(FRAME_WINDOW_MS / 1000).toFixed(0)} s: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms over ${frames.length} frames; rows per chart ${points.join(',')}`,
    );

    const heapStart = await heapMb();
    console.log(`renderer heap: ${heapStart.toFixed(1)} MB at start; waiting ${MINUTES} min…`);
    for (let m = 1; m <= MINUTES; m++) {
      await new Promise((r) => setTimeout(r, 60_000));
      await cdp.send('HeapProfiler.collectGarbage').catch(() => undefined);
      console.log(`  after ${m} min: ${(await heapMb()).toFixed(1)} MB`);
    }
    console.log(`renderer heap after ${MINUTES} min: ${(await heapMb()).toFixed(1)} MB (start ${heapStart.toFixed(1)} MB)`);
    if (s.consoleErrors.length) console.log(`browser errors: ${s.consoleErrors.slice(0, 5).join(' | ')}`);
  } finally {
    await s.dispose();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
