/**
 * Collector benchmark (issue 4, `npm run bench:collector`), printed side by side in one table:
 *  1. our SnmpPoller walking a node's hrSWRunTable vs Debian's snmpbulkwalk on the same agent, the tool's process
 *     start measured and taken out (collectorSnmpBench.ts);
 *  2. samples/s sustained by one Collector polling 10 simulated clusters x 5 nodes (the default profile scaled to
 *     50 nodes; a cluster holds at most six IM&P nodes, guide L972) with SNMP and services every 5 s and Perfmon at
 *     the interval the collector stretches it to within a node's SOAP budget (collector/soapDemand.ts), with the
 *     collector's CPU share over the window. The simulators run in a child process so the parent's
 *     process.cpuUsage() is the collector's alone (pollers + parsing + LatestSamples + SQLite append, as in
 *     headless mode);
 *  3. SQLite ingest rate and the 24 h query time of one counter (storageBench.ts).
 * Prints figures; asserts nothing. Options: --window SEC (default 60), --clusters N (default 10).
 */
import { execFile, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Collector } from '../../main/core/collector/collector.js';
import { perfmonIntervalSec, soapRequestsPerMinute } from '../../main/core/collector/soapDemand.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { LatestSamples } from '../../main/core/export/latestSamples.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { SqliteSampleStore } from '../../main/core/storage/sqlite/sqliteSampleStore.js';
import { benchEndLine, benchStartLine } from './benchLoad.js';

const run = promisify(execFile);
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

/** SNMP, services and HA every 5 s; Perfmon at what the collector stretches it to within the SOAP budget. */
const INTERVALS = { systemSec: 5, servicesSec: 5, haSec: 5 } as const;

// ---- child mode: the simulated clusters, out of the measured process -------------------------------------
if (process.argv[2] === '--sims') {
  const { loadProfile } = await import('../../main/core/simulator/profile/loadProfile.js');
  const { startSimCluster } = await import('../../main/core/simulator/runtime/simCluster.js');
  const n = Number(process.argv[3]);
  const clusters: Array<Awaited<ReturnType<typeof startSimCluster>>> = [];
  for (let i = 0; i < n; i++) clusters.push(await startSimCluster({ profile: { ...loadProfile(), name: `bench-${i}` }, seed: i + 1, speed: 1, basePort: 0 }));
  process.send!(clusters.map((c) => c.endpoints()));
  process.on('disconnect', () => void Promise.all(clusters.map((c) => c.dispose())).then(() => process.exit(0)));
} else {
  await main();
}

async function runScript(script: string, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], { maxBuffer: 1 << 22 });
  return stdout;
}

async function scaleRun(clusterCount: number, windowSec: number): Promise<{ nodes: number; rate: number; cpuPct: number; errors: number; series: number; errorCodes: string }> {
  const child = fork(new URL(import.meta.url).pathname, ['--sims', String(clusterCount)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const docs = await new Promise<unknown[]>((resolve, reject) => {
    child.once('message', (m) => resolve(m as unknown[]));
    child.once('exit', (code) => reject(new Error(`simulators exited (${code})`)));
  });
  const dir = mkdtempSync(join(tmpdir(), 'collector-bench-'));
  const db = Database.open(join(dir, 'history.db'));
  const store = new SqliteSampleStore(db);
  const latest = new LatestSamples();
  const collector = await Collector.create();
  let samples = 0;
  let errors = 0;
  const codes = new Map<string, number>();
  collector.onDidCollect((b) => {
    store.append(b);
    latest.update(b);
    samples += b.length;
  });
  collector.onDidPollError((e) => {
    errors++;
    const code = `${e.protocol} ${e.error.code}`;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  });
  let nodes = 0;
  docs.forEach((raw, i) => {
    const spec = clusterSpecFromEndpoints(parseEndpointsDocument(raw), { id: `c${i}`, simulated: true });
    nodes += spec.nodes.length;
    collector.addCluster({ ...spec, intervals: INTERVALS });
  });
  await new Promise((r) => setTimeout(r, 10_000)); // warm-up: sessions opened, first polls done
  const s0 = samples;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, windowSec * 1000));
  const cpu = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  const result = {
    nodes,
    rate: (samples - s0) / (ms / 1000),
    cpuPct: ((cpu.user + cpu.system) / 1000 / ms) * 100,
    errors,
    series: latest.size,
    errorCodes: [...codes].map(([c, n]) => `${c} ${n}`).join(', '),
  };
  collector.dispose();
  store.dispose();
  db.dispose();
  rmSync(dir, { recursive: true, force: true });
  child.disconnect();
  await new Promise((r) => child.once('exit', r));
  return result;
}

async function main(): Promise<void> {
  const windowSec = arg('--window', 60);
  console.log(benchStartLine('bench:collector'));
  const clusters = arg('--clusters', 10);
  const here = new URL('.', import.meta.url).pathname;
  const snmp = await runScript(join(here, 'collectorSnmpBench.ts'), ['200']);
  process.stdout.write(snmp);
  const scale = await scaleRun(clusters, windowSec);
  const storage = await runScript(join(here, 'storageBench.ts'), []);
  const line = (text: string, re: RegExp): string => re.exec(text)?.[1]?.trim() ?? '?';
  const ours = line(snmp, /SnmpPoller\.walk\s*:\s*([^\n]+)/);
  const tool = line(snmp, /tool walk only\s*:\s*([^\n]+)/);
  const start = line(snmp, /tool start\s*:\s*([^\n]+)/);
  const ratio = line(snmp, /ratio ours\/tool : ([0-9.]+)/);
  const endToEnd = line(snmp, /ratio end to end: ([0-9.]+)/);
  const ingest = line(storage, /\| ingest batched[^|]*\| ([^|]+)\|/);
  const query = line(storage, /\| query 24 h[^|]*\| ([^|]+)\|/);
  const perfmonSec = perfmonIntervalSec(INTERVALS);
  const soapPerMin = soapRequestsPerMinute('imp-subscriber', INTERVALS);
  console.log('| measure | figure | target |');
  console.log('| --- | --- | --- |');
  console.log(`| hrSWRunTable walk, SnmpPoller, warm in process (median / p90) | ${ours} | - |`);
  console.log(`| hrSWRunTable walk, snmpbulkwalk without its process start (median / p90) | ${tool}; start ${start} | - |`);
  console.log(`| ratio ours / snmpbulkwalk, start taken out (end to end) | ${ratio} (${endToEnd}) | <= 1.2 |`);
  console.log(`| samples/s, ${scale.nodes} nodes (${clusters} clusters), SNMP and services every 5 s, Perfmon every ${perfmonSec} s (${soapPerMin.toFixed(0)} SOAP requests/min per IM&P node), ${windowSec} s window | ${scale.rate.toFixed(0)} samples/s (${scale.series} series, ${scale.errors} poll errors${scale.errorCodes ? `: ${scale.errorCodes}` : ''}) | - |`);
  console.log(`| collector CPU for it (simulators in a child process) | ${scale.cpuPct.toFixed(1)} % of one core | < 25 % |`);
  console.log(`| SQLite ingest, batched | ${ingest} | >= 100,000/s |`);
  console.log(`| query 24 h of one counter -> 1,000 points | ${query} | < 20 ms |`);
  console.log(benchEndLine('bench:collector'));
}
