// Debian's prometheus scrapes /metrics of the headless collector and answers a PromQL query about a simulated
// counter (issue 4, "Tests and benchmarks"). The scrape config is the one documented in the README.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCounterKind, perfmonMetricName } from '../../main/core/export/prometheusExposition.js';
import { startHeadlessCollector, type HeadlessCollector } from '../../main/core/headless/headlessCollector.js';
import { readNodeCounters } from '../../main/core/simulator/model/counters/nodeCounters.js';

let dir: string;
let headless: HeadlessCollector | undefined;
let prometheus: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface VectorResult { metric: Record<string, string>; value: [number, string] }

async function query(base: string, promql: string): Promise<VectorResult[]> {
  try {
    const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`);
    if (!res.ok) return [];
    const body = (await res.json()) as { status: string; data: { result: VectorResult[] } };
    return body.status === 'success' ? body.data.result : [];
  } catch {
    return []; // not listening yet
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'prom-scrape-'));
  headless = await startHeadlessCollector({ stateDir: join(dir, 'state'), metricsPort: 0, simSpeed: 0, simIntervalsSec: { systemSec: 5, servicesSec: 5, haSec: 30 }, log: () => undefined });
});

afterAll(async () => {
  if (prometheus && prometheus.exitCode === null) {
    const exited = new Promise((r) => prometheus!.once('exit', r));
    prometheus.kill('SIGTERM');
    await exited;
  }
  await headless?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Prometheus scrapes the headless collector', () => {
  it('answers a PromQL query with the simulated counter value', async () => {
    const h = headless!;
    const sim = h.sim!;
    // Let the Presence Engine build its JSM sessions (they ramp up after start), so the value is not a trivial 0.
    sim.model.runUntil(sim.model.now() + 30 * 60_000);
    // The simulated counter: the Presence Engine's ActiveJsmSessions when sessions are up, else another counter
    // of that object with a non-zero value, read from the model itself.
    const node = 'imp-pub';
    const counters = readNodeCounters(sim.model.node(node), { nowMs: sim.model.now() }).filter((c) => c.instance === '' && c.value > 0 && defaultCounterKind({ ...c, cluster: 'sim', node }) === 'gauge');
    const pick = counters.find((c) => c.counter === 'ActiveJsmSessions') ?? counters.find((c) => c.object === 'Cisco Presence Engine') ?? counters[0]!;
    const expected = pick.value;
    expect(expected).toBeGreaterThan(0);
    const metric = perfmonMetricName(pick.object, pick.counter);
    // Wait until the collector has polled the advanced model (the test timeout bounds it).
    const inCollector = (): number | undefined => h.collector.node('sim', node).value(pick.object, '', pick.counter);
    while (inCollector() !== expected) await sleep(200);

    const port = await freePort();
    const config = join(dir, 'prometheus.yml');
    writeFileSync(config, [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: imp-monitor',
      '    honor_labels: true',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${h.metrics.port}']`,
      '',
    ].join('\n'));
    prometheus = spawn('prometheus', [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
    const base = `http://127.0.0.1:${port}`;
    let result: VectorResult[] = [];
    for (let i = 0; i < 150 && result.length === 0; i++) {
      await sleep(200);
      result = await query(base, `${metric}{cluster="sim",node="${node}"}`);
    }
    expect(result).toHaveLength(1);
    expect(Number(result[0]!.value[1])).toBe(expected);
    expect(result[0]!.metric.job).toBe('imp-monitor');
    console.log(`PromQL ${metric}{node="${node}"} = ${result[0]!.value[1]} (model ${expected})`);
    // The collector's own metrics came along: every node of the simulated cluster is up.
    const up = await query(base, 'imp_node_up{cluster="sim"}');
    expect(up.map((r) => r.metric.node).sort()).toEqual(expect.arrayContaining([node]));
    expect(up.every((r) => r.value[1] === '1')).toBe(true);
    // honor_labels keeps our Perfmon `instance` label instead of Prometheus' target address.
    const partition = await query(base, '{__name__=~"partition_.+",node="imp-pub"}');
    expect(partition.length).toBeGreaterThan(0);
    expect(partition.some((r) => r.metric.instance !== `127.0.0.1:${h.metrics.port}`)).toBe(true);
  }, 60_000);

  it('dispose closes /metrics', async () => {
    const url = headless!.metrics.url;
    expect((await fetch(url)).status).toBe(200);
    await headless!.dispose();
    headless = undefined;
    await expect(fetch(url)).rejects.toThrow();
  });
});
