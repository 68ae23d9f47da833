/**
 * UI bench (`npm run bench:ui`): the app in web mode on the embedded simulated cluster, in Debian's headless
 * Chromium (playwright-core). What it does and prints:
 *  - writes 24 h of 5 s history (17,280 samples) for each of ten Memory counters (two per node of the default
 *    profile) into the app's history.db before the app starts (historyFill.ts, through the app's SqliteSampleStore,
 *    rollups included), then starts the app as `npm start` does (demo scenario, RTMT's poll intervals) on free ports;
 *  - the display's refresh interval: the median requestAnimationFrame interval of an empty page in the same browser;
 *  - first chart: from the start of the page's navigation to System Summary's CPU chart holding data;
 *  - opens Performance, range 24 h, and loads a saved layout of ten charts, one counter each, as a person does; the
 *    charts query their 24 h through `perf.query` (downsampled by the history store to the chart's width);
 *  - updates every chart every second for UI_BENCH_MINUTES (default 10): the app polls a chart's counter at most
 *    every 5 s (RTMT's chart minimum, shared/model/perfLimits.ts) and a node's SOAP budget (80 requests a minute)
 *    cannot carry a 1 s Perfmon poll beside the collector's own, so the bench pushes one sample per chart per second
 *    into the backend's EventHub (`onDidAppendSamples`), the path every collected sample takes to the renderer
 *    (500 ms batches over the web-mode socket, the renderer's appendBatch). The app's own polls keep running;
 *  - frame times (rAF intervals) over the whole run: p50/p95/p99/max, frames longer than two refresh intervals,
 *    and in how many seconds each chart's line was redrawn (a MutationObserver on its SVG paths);
 *  - the renderer process's memory (VmRSS and Pss from /proc, rendererMemory.ts) at the start and every minute,
 *    beside the JS heap (CDP Performance.getMetrics) and DOM counters (CDP Memory.getDOMCounters).
 * Targets: first chart < 3 s; p95 frame time within one frame of the refresh interval (p95 <= 2 x refresh);
 * renderer memory < 300 MB. Prints figures; asserts nothing; stops by itself.
 * Env: UI_BENCH_MINUTES (default 10), UI_BENCH_REBUILD=0 to reuse dist/renderer (default: build it fresh),
 * UI_BENCH_PROFILE=SEC to print the renderer's top functions by self time over the first SEC s of updates (CDP Profiler).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import type { Sample } from '../../shared/model/sample.js';
import type { PerfLayout, SeriesRef } from '../../shared/model/views.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { startWebMode, type WebMode } from '../../main/core/transport/webMode.js';
import { apiCall, backendAvailable, CHROMIUM_ARGS, CHROMIUM_PATH, chromiumAvailable, ensureRendererBuilt, openView, RENDERER_DIR } from '../e2e/webModeHarness.js';
import { benchEndLine, benchStartLine } from './benchLoad.js';
import { fillHistory } from './historyFill.js';
import { rendererMemory } from './rendererMemory.js';

const MINUTES = Number(process.env.UI_BENCH_MINUTES ?? 10);
const REBUILD = process.env.UI_BENCH_REBUILD !== '0';
const PROFILE_SEC = Number(process.env.UI_BENCH_PROFILE ?? 0);
/** The cluster id createBackend gives the embedded simulated cluster. */
const CLUSTER = 'sim';
const COUNTERS = ['% Mem Used', '% VM Used'] as const;
const LAYOUT = 'bench: ten 24 h charts';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const ms = (x: number): string => `${x.toFixed(1)} ms`;
const mb = (x: number): string => `${x.toFixed(1)} MB`;
const sleep = (t: number): Promise<void> => new Promise((r) => setTimeout(r, t));

/**
 * Polls a browser-side expression every 20 ms until it is true. (page.waitForFunction polls with eval inside the page,
 * which the app's Content-Security-Policy forbids; page.evaluate goes through CDP.)
 */
async function waitFor(page: Page, expression: string, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await sleep(20);
  }
}

/** Browser-side code is passed as strings: this file is type-checked for Node, without the DOM library. */
const RAF_MEDIAN = `new Promise((resolve) => {
  const out = []; let last = performance.now();
  const tick = (now) => { out.push(now - last); last = now; if (out.length < 301) requestAnimationFrame(tick); else resolve(out.slice(1).sort((a, b) => a - b)[150]); };
  requestAnimationFrame(tick);
})`;
const START_RECORDING = `(() => {
  const w = window;
  w.__bench = { frames: [], stop: false, redrawSeconds: [] };
  let last = performance.now();
  const tick = (now) => { w.__bench.frames.push(now - last); last = now; if (!w.__bench.stop) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  document.querySelectorAll('[data-testid="perf-chart"]').forEach((chart, i) => {
    const seconds = new Set();
    w.__bench.redrawSeconds[i] = seconds;
    new MutationObserver(() => seconds.add(Math.floor(performance.now() / 1000))).observe(chart, { subtree: true, childList: true, attributes: true, attributeFilter: ['d'] });
  });
  return document.querySelectorAll('[data-testid="perf-chart"]').length;
})()`;
const STOP_RECORDING = `(() => { const b = window.__bench; b.stop = true; return { frames: b.frames, redraws: b.redrawSeconds.map((s) => s.size) }; })()`;

/** Profiles the page's main thread for `sec` seconds and prints the functions with the most self time. */
async function printProfile(cdp: CDPSession, sec: number): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  await sleep(sec * 1000);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
  };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)?.callFrame;
    const key = f ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}` : '?';
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`renderer main thread over ${sec} s, top self time:`);
  for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${t.toFixed(0).padStart(6)} ms ${((100 * t) / total).toFixed(1).padStart(5)} %  ${key}`);
}

async function main(): Promise<void> {
  if (!backendAvailable() || !chromiumAvailable()) {
    console.log('uiBench: skipped (needs main/core/backend/createBackend.ts and /usr/bin/chromium)');
    return;
  }
  console.log(benchStartLine('bench:ui'));
  if (REBUILD) ensureRendererBuilt(true);
  const profile = loadProfile();
  const series: SeriesRef[] = profile.nodes.flatMap((n) => COUNTERS.map((counter) => ({ cluster: CLUSTER, node: n.name, object: 'Memory', instance: '', counter })));
  const stateDir = mkdtempSync(join(tmpdir(), 'imp-ui-bench-'));
  let backend: Backend | undefined;
  let web: WebMode | undefined;
  let browser: Browser | undefined;
  let pusher: ReturnType<typeof setInterval> | undefined;
  try {
    const filled = fillHistory({ stateDir, series });
    console.log(`history: ${filled.samplesPerSeries} samples (24 h at 5 s) x ${series.length} series = ${filled.totalSamples} written in ${(filled.elapsedMs / 1000).toFixed(1)} s`);

    const t0 = performance.now();
    backend = await createBackend({ transport: 'web', stateDir, simBasePort: 0 });
    const app = backend;
    web = await startWebMode({ backend: app, rendererDir: RENDERER_DIR, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const browserCdp = await browser.newBrowserCDPSession();
    console.log(`app started (backend, embedded cluster, web server, Chromium) in ${(performance.now() - t0).toFixed(0)} ms`);

    const blank = await browser.newPage();
    await blank.goto('data:text/html,<title>refresh</title>');
    const refreshMs = (await blank.evaluate(RAF_MEDIAN)) as number;
    await blank.context().close();
    console.log(`display refresh interval (median rAF interval of an empty page): ${ms(refreshMs)} (${(1000 / refreshMs).toFixed(1)} Hz)`);

    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    const navStart = performance.now();
    await page.goto(web.server.url);
    await openView(page, 'system');
    await waitFor(page, `Number(document.querySelector('[data-testid="cpu-chart"]')?.getAttribute('data-points') ?? 0) > 0`, 300_000);
    const firstChartMs = performance.now() - navStart;
    console.log(`first chart with data: ${firstChartMs.toFixed(0)} ms from navigation start`);

    const baseline = await rendererMemory(browserCdp);
    console.log(`renderer on System Summary, before the Performance charts: pid ${baseline.page.pid} RSS ${mb(baseline.page.rssMb)}, PSS ${mb(baseline.page.pssMb)}`);

    const layout: PerfLayout = { name: LAYOUT, charts: series.map((s) => ({ title: `${s.node} ${s.object}\\${s.counter}`, series: [s], intervalSec: 10 })) };
    await apiCall(page, 'perf/saveLayout', [layout]);
    await openView(page, 'performance');
    await page.locator('[data-testid="perf-range"]').selectOption('24h');
    const layoutStart = performance.now();
    await page.locator('[data-testid="load-layout"]').selectOption(LAYOUT);
    await waitFor(page, `(() => { const c = [...document.querySelectorAll('[data-testid="perf-chart"]')]; return c.length === ${series.length} && c.every((e) => Number(e.getAttribute('data-points')) >= 100); })()`, 120_000);
    const chartsMs = performance.now() - layoutStart;
    const rows = await page.locator('[data-testid="perf-chart"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-points'))));
    console.log(`ten 24 h charts drawn ${chartsMs.toFixed(0)} ms after picking the layout; rows per chart (bucketed to its width): ${rows.join(',')}`);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapMb = async (): Promise<number> => {
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / 1e6;
    };
    const domCounters = async (): Promise<string> => {
      const c = (await cdp.send('Memory.getDOMCounters')) as { documents: number; nodes: number; jsEventListeners: number };
      return `${c.nodes} DOM nodes, ${c.jsEventListeners} listeners, ${c.documents} documents`;
    };
    const memoryLine = async (): Promise<{ rss: number; pss: number; line: string }> => {
      const r = await rendererMemory(browserCdp);
      return { rss: r.page.rssMb, pss: r.page.pssMb, line: `renderer pid ${r.page.pid}: RSS ${mb(r.page.rssMb)}, PSS ${mb(r.page.pssMb)}; JS heap ${mb(await heapMb())}; ${await domCounters()}` };
    };
    const start = await memoryLine();
    console.log(`at start: ${start.line}`);

    // One sample per chart every second through the backend's push path (see the header).
    const values = series.map(() => 50);
    let pushed = 0;
    pusher = setInterval(() => {
      const ts = Date.now();
      const samples: Sample[] = series.map((s, i) => {
        values[i] = Math.max(0, Math.min(100, (values[i] ?? 50) + (Math.random() - 0.5) * 4));
        return { ...s, value: values[i] ?? 50, ts, source: 'perfmon' };
      });
      app.events.emit('onDidAppendSamples', { samples });
      pushed++;
    }, 1000);
    const charts = (await page.evaluate(START_RECORDING)) as number;
    const runStart = performance.now();
    console.log(`updating ${charts} charts every second for ${MINUTES} min…`);
    if (PROFILE_SEC > 0) await printProfile(cdp, PROFILE_SEC);
    for (let m = 1; m <= MINUTES; m++) {
      await sleep(Math.max(0, runStart + m * 60_000 - performance.now()));
      console.log(`  after ${m} min: ${(await memoryLine()).line}`);
    }
    const { frames, redraws } = (await page.evaluate(STOP_RECORDING)) as { frames: number[]; redraws: number[] };
    const runSec = (performance.now() - runStart) / 1000;
    clearInterval(pusher);
    pusher = undefined;
    const end = await rendererMemory(browserCdp);
    const sorted = frames.slice(1).sort((a, b) => a - b);
    const long = sorted.filter((f) => f > 2 * refreshMs).length;
    console.log(`frame time over ${runSec.toFixed(0)} s, ${sorted.length} frames: p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted.at(-1) ?? Number.NaN)}; ${long} frames longer than two refresh intervals`);
    console.log(`updates: ${pushed} pushes of ${series.length} samples (one per chart each second); seconds in which each chart's line was redrawn: ${redraws.join(',')} of ${runSec.toFixed(0)}`);
    console.log(`renderer processes at the end: ${end.all.map((p) => `pid ${p.pid} ${p.kind} RSS ${mb(p.rssMb)} PSS ${mb(p.pssMb)} CPU ${p.cpuSec.toFixed(1)} s`).join('; ')}`);
    const p95 = percentile(sorted, 95);
    console.log('| measure | figure | target |');
    console.log('| --- | --- | --- |');
    console.log(`| first chart with data, from navigation start | ${(firstChartMs / 1000).toFixed(2)} s | < 3 s |`);
    console.log(`| frame time p95 (p50), ten 24 h charts each updated every second, ${MINUTES} min | ${ms(p95)} (${ms(percentile(sorted, 50))}); refresh interval ${ms(refreshMs)}; ${long} of ${sorted.length} frames > 2 intervals | <= ${ms(2 * refreshMs)} |`);
    console.log(`| renderer process memory after ${MINUTES} min (RSS / PSS; at start) | ${mb(end.page.rssMb)} / ${mb(end.page.pssMb)} (${mb(start.rss)} / ${mb(start.pss)}) | < 300 MB |`);
    if (consoleErrors.length) console.log(`browser errors: ${consoleErrors.slice(0, 5).join(' | ')}`);
  } finally {
    if (pusher) clearInterval(pusher);
    await browser?.close();
    if (web) await web.dispose();
    else await backend?.dispose();
    rmSync(stateDir, { recursive: true, force: true });
    console.log(benchEndLine('bench:ui'));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
