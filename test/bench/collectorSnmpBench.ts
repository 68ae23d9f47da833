// Benchmark: our SnmpPoller walking one node's hrSWRunTable vs Debian's snmpbulkwalk on the same simulated agent.
// Run: npx tsx test/bench/collectorSnmpBench.ts [rounds]   (target: ratio ours/snmpbulkwalk ≤ 1.2)
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

const run = promisify(execFile);
const rounds = Number(process.argv[2] ?? 30);
const profile = loadProfile();
const model = new ClusterModel(profile, { seed: 1 });
const dir = mkdtempSync(join(tmpdir(), 'collector-snmp-bench-'));
const ep = profile.endpoints;
const node = await startNodeProtocolEndpoints(model, 'imp-pub', {
  snmpPort: 0, soapPort: 0, community: ep.snmpCommunity, v3User: ep.snmpV3, appUser: ep.applicationUser, certDir: dir, log: () => undefined,
});
const poller = await SnmpPoller.create({ bindAddress: '127.0.0.1' });
const target: SnmpTarget = { cluster: 'bench', node: 'imp-pub', host: '127.0.0.1', port: node.snmp.port, version: 'v2c', community: node.snmp.community, maxRepetitions: 25 };
const toolArgs = ['-v2c', '-c', node.snmp.community, '-On', '-Oq', '-Cr25', `127.0.0.1:${node.snmp.port}`, SNMP_OIDS.hrSWRunEntry];
const env = netSnmpEnv();

async function timeIt(fn: () => Promise<number>): Promise<{ median: number; p90: number; varbinds: number }> {
  await fn(); // warm up
  const times: number[] = [];
  let varbinds = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    varbinds = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p90: times[Math.floor(times.length * 0.9)]!, varbinds };
}

try {
  const ours = await timeIt(async () => {
    const r = await poller.walk(target, SNMP_OIDS.hrSWRunEntry);
    if (!r.ok) throw r.error;
    return r.varbinds.length;
  });
  const tool = await timeIt(async () => {
    const { stdout } = await run('snmpbulkwalk', toolArgs, { env });
    return stdout.trim().split('\n').length;
  });
  // The tool's own start-up: a Get of one scalar, to subtract from its walk time.
  const startup = await timeIt(async () => {
    await run('snmpget', ['-v2c', '-c', node.snmp.community, '-On', `127.0.0.1:${node.snmp.port}`, '1.3.6.1.2.1.1.3.0'], { env });
    return 1;
  });
  const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;
  console.log(`hrSWRunTable walk of imp-pub, max-repetitions 25, ${rounds} rounds (median / p90)`);
  console.log(`  SnmpPoller.walk : ${fmt(ours.median)} / ${fmt(ours.p90)}  (${ours.varbinds} varbinds)`);
  console.log(`  snmpbulkwalk    : ${fmt(tool.median)} / ${fmt(tool.p90)}  (${tool.varbinds} varbinds, includes process start)`);
  console.log(`  snmpget 1 scalar: ${fmt(startup.median)} (the tool's process start + 1 round trip)`);
  console.log(`  ratio ours/tool : ${(ours.median / tool.median).toFixed(2)} end to end (target ≤ 1.2)`);
  const toolWire = tool.median - startup.median;
  if (toolWire > 2) console.log(`  ratio vs the tool's walk minus its start-up: ${(ours.median / toolWire).toFixed(2)}`);
  else console.log('  (the tool\'s walk time is inside its start-up noise here; only the end-to-end ratio is meaningful)');
  if (ours.varbinds !== tool.varbinds) console.log(`  WARNING: varbind counts differ (${ours.varbinds} vs ${tool.varbinds})`);
} finally {
  poller.dispose();
  await node.dispose();
  model.dispose();
  rmSync(dir, { recursive: true, force: true });
}
