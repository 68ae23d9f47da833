/**
 * Our SnmpPoller walking one simulated node's hrSWRunTable vs Debian's snmpbulkwalk (Net-SNMP) on the same agent,
 * with the tool's process start taken out. snmpbulkwalk walks one OID per process (`snmpbulkwalk [OPTIONS] AGENT
 * [OID]`), so its start cannot be shared by several walks: each round runs, back to back,
 *   - our warm in-process walk (SnmpPoller.walk, the collector's code, max-repetitions 25);
 *   - `snmpbulkwalk -Cr25` of hrSWRunEntry (process start + the walk);
 *   - `snmpbulkwalk -Cr25` of sysUpTime, a subtree of one value (process start + one GETBULK round trip),
 * and the tool's walk is the difference of the two runs of the same round (the paired difference, so a burst of
 * load on this shared machine hits both). That difference still lacks one round trip of the walk (the start run
 * made one); the ratio is ours / (tool's walk without its start). The end-to-end ratio is printed beside it.
 * Run: npx tsx test/bench/collectorSnmpBench.ts [rounds=200]   (target: ratio <= 1.2)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { SnmpPoller } from '../../main/core/polling/snmp/snmpPoller.js';
import { SNMP_OIDS } from '../../main/core/polling/snmp/snmpOids.js';
import type { SnmpTarget } from '../../main/core/polling/snmp/snmpSession.js';
import { ClusterModel } from '../../main/core/simulator/model/clusterModel.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startNodeProtocolEndpoints } from '../../main/core/simulator/runtime/nodeProtocolEndpoints.js';
import { netSnmpEnv } from '../helpers/netSnmpEnv.js';
import { benchEndLine, benchStartLine } from './benchLoad.js';

const run = promisify(execFile);
const rounds = Number(process.argv[2] ?? 200);
const SYS_UPTIME = '1.3.6.1.2.1.1.3';

console.log(benchStartLine('collectorSnmpBench'));
const profile = loadProfile();
const model = new ClusterModel(profile, { seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'collector-snmp-bench-'));
const ep = profile.endpoints;
const node = await startNodeProtocolEndpoints(model, 'imp-pub', {
  snmpPort: 0, soapPort: 0, community: ep.snmpCommunity, v3User: ep.snmpV3, appUser: ep.applicationUser, certDir: dir, log: () => undefined,
});
const poller = await SnmpPoller.create({ bindAddress: '127.0.0.1' });
const target: SnmpTarget = { cluster: 'bench', node: 'imp-pub', host: '127.0.0.1', port: node.snmp.port, version: 'v2c', community: node.snmp.community, maxRepetitions: 25 };
const toolArgs = (oid: string): string[] => ['-v2c', '-c', node.snmp.community, '-On', '-Oq', '-Cr25', `127.0.0.1:${node.snmp.port}`, oid];
const env = netSnmpEnv();

async function timed(fn: () => Promise<number>): Promise<{ ms: number; values: number }> {
  const t0 = performance.now();
  const values = await fn();
  return { ms: performance.now() - t0, values };
}
const ours = (): Promise<number> =>
  poller.walk(target, SNMP_OIDS.hrSWRunEntry).then((r) => {
    if (!r.ok) throw r.error;
    return r.varbinds.length;
  });
const tool = (oid: string) => async (): Promise<number> => (await run('snmpbulkwalk', toolArgs(oid), { env })).stdout.trim().split('\n').length;

function stats(xs: readonly number[]): { median: number; p90: number } {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? Number.NaN, p90: s[Math.floor(s.length * 0.9)] ?? Number.NaN };
}

try {
  await ours();
  await tool(SNMP_OIDS.hrSWRunEntry)();
  await tool(SYS_UPTIME)();
  const o: number[] = [];
  const t: number[] = [];
  const s: number[] = [];
  const d: number[] = [];
  let varbinds = { ours: 0, tool: 0, start: 0 };
  for (let i = 0; i < rounds; i++) {
    const a = await timed(ours);
    const b = await timed(tool(SNMP_OIDS.hrSWRunEntry));
    const c = await timed(tool(SYS_UPTIME));
    o.push(a.ms);
    t.push(b.ms);
    s.push(c.ms);
    d.push(b.ms - c.ms);
    varbinds = { ours: a.values, tool: b.values, start: c.values };
  }
  const fmt = (x: { median: number; p90: number }): string => `${x.median.toFixed(1)} ms / ${x.p90.toFixed(1)} ms`;
  const [so, st, ss, sd] = [stats(o), stats(t), stats(s), stats(d)];
  console.log(`hrSWRunTable walk of imp-pub, max-repetitions 25, ${rounds} interleaved rounds (median / p90)`);
  console.log(`  SnmpPoller.walk : ${fmt(so)}  (${varbinds.ours} varbinds, warm, in process)`);
  console.log(`  snmpbulkwalk    : ${fmt(st)}  (${varbinds.tool} varbinds, includes process start)`);
  console.log(`  tool start      : ${fmt(ss)}  (snmpbulkwalk of sysUpTime: ${varbinds.start} value, process start + one round trip)`);
  console.log(`  tool walk only  : ${fmt(sd)}  (per-round difference of the two tool runs)`);
  console.log(`  ratio ours/tool : ${(so.median / sd.median).toFixed(2)} with the tool's start taken out (target ≤ 1.2)`);
  console.log(`  ratio end to end: ${(so.median / st.median).toFixed(2)} (the tool's process start included)`);
  if (varbinds.ours !== varbinds.tool) console.log(`  WARNING: varbind counts differ (${varbinds.ours} vs ${varbinds.tool})`);
} finally {
  poller.dispose();
  await node.dispose();
  model.dispose();
  rmSync(dir, { recursive: true, force: true });
  console.log(benchEndLine('collectorSnmpBench'));
}
