/**
 * Alert engine benchmark: rule evaluations per second with 10,000 rules over series shaped like the default
 * profile (5 nodes, a few hundred series each). Target: a full evaluation of 10,000 rules in under 50 ms.
 * The engine runs as the app runs it (createBackend.ts): alarms in a SQLite file, a listener on transitions and
 * on alarm changes. Run: npx tsx test/bench/alertsBench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from '../../shared/model/sample.js';
import { AlertEngine } from '../../main/core/alerts/alertEngine.js';
import { FakeAlertScheduler } from '../kits/fakeAlertScheduler.js';
import { Database } from '../../main/core/storage/sqlite/database.js';
import { SqliteAlertStore } from '../../main/core/storage/sqlite/sqliteAlertStore.js';

const NODES = ['cucm-pub', 'imp-pub', 'imp-sub1', 'imp-sub2', 'imp-sub3'];
// Objects × instances × counters of the default profile (counterCatalog / nodeCounters).
const SHAPE: Array<[object: string, instances: string[], counters: string[]]> = [
  ['Processor', ['_Total', '0', '1', '2', '3'], ['% CPU Time', 'Idle Percentage', 'IOwait Percentage', 'System Percentage', 'User Percentage', 'Irq Percentage', 'Softirq Percentage', 'Nice Percentage']],
  ['Memory', [''], ['% Mem Used', '% VM Used', '% Page Usage', 'Total KBytes', 'Used KBytes', 'Free KBytes', 'Cached KBytes', 'Buffers KBytes', 'Shared KBytes', 'Total Swap KBytes', 'Used Swap KBytes', 'Free Swap KBytes', 'Total VM KBytes', 'Used VM KBytes', 'Free VM KBytes']],
  ['Partition', ['Active', 'Inactive', 'Common', 'Boot', 'Swap', 'SharedMemory'], ['% Used', 'Total Mbytes', 'Used Mbytes', 'Queue Length', 'Read Bytes Per Sec', 'Write Bytes Per Sec', '% CPU Time']],
  ['Process', Array.from({ length: 25 }, (_, i) => `proc${i}`), ['% CPU Time', '% Memory Usage', 'VmRSS', 'VmSize', 'VmData', 'Process Status', 'PID', 'Thread Count', 'Page Fault Count']],
  ['Cisco Presence Engine', [''], ['ActiveJsmSessions', 'ActiveCalendarSubscriptions', 'ActiveSubscriptions']],
  ['Cisco XCP JSM', [''], ['JsmIMSessions', 'JsmTotalMessagePackets', 'JsmMsgsInLastSlice', 'JsmSessionsComposed', 'JsmSessionsClient', 'JsmSessionsClientInactive', 'InactiveJsmSessions', 'JsmClientSessionsActive', 'JsmPhantomSessionsActive', 'JsmHybridSessionsActive']],
  ['Cisco XCP MDM', [''], ['MDMSessions', 'MDMSilentModeSessions', 'MDMQuietModeSessions', 'MDMBufferFlushes', 'MDMBufferFlushesLimitReached', 'MDMBufferFlushPacketCount', 'MDMBufferAvgQueuedTime']],
  ['Cisco SIP Proxy', [''], ['NumIdleSipdWorkers', 'SIPInviteRequestIn', 'SIPMessageRequestIn', 'SIPClientRegisteredUsers']],
];

const series: Array<{ object: string; instance: string; counter: string }> = [];
for (const [object, instances, counters] of SHAPE) for (const instance of instances) for (const counter of counters) series.push({ object, instance, counter });

const scheduler = new FakeAlertScheduler();
const dir = mkdtempSync(join(tmpdir(), 'alerts-bench-'));
const db = Database.open(join(dir, 'history.db'));
const engine = new AlertEngine({ store: new SqliteAlertStore(db), scheduler });
// What the backend subscribes (createBackend.ts): the UI's transition and alarm events.
let transitionsSeen = 0;
let alarmChanges = 0;
engine.onDidTransition((t) => (transitionsSeen += t.length));
engine.onDidChangeAlarm(() => alarmChanges++);
let seed = 1;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
// Steady state: about 1 % of values breach (a storm is the notification pipeline's test, not this one).
const batch = (): Sample[] => NODES.flatMap((node) => series.map((s) => ({ cluster: 'c1', node, ...s, value: rand() < 0.01 ? 100 : rand() * 45, ts: scheduler.now(), source: 'perfmon' as const })));

const RULES = 10_000;
const CUSTOM = RULES - engine.rules.list().length;
for (let i = 0; i < CUSTOM; i++) {
  const s = series[i % series.length]!;
  engine.rules.create({
    id: `bench.${i}`,
    name: `bench ${i}`,
    condition: { kind: 'threshold', metric: { object: s.object, counter: s.counter, instance: i % 20 === 0 ? '*' : s.instance }, direction: i % 2 ? 'over' : 'under', threshold: i % 2 ? 50 + (i % 40) : 0.5, ...(i % 4 === 0 ? { recoveryThreshold: i % 2 ? 45 : 1 } : {}), valueAs: i % 7 === 0 ? 'delta' : 'absolute' },
    duration: i % 5 === 0 ? { kind: 'sustained', seconds: 60 } : { kind: 'immediate' },
    frequency: i % 2 ? { kind: 'everyPoll' } : { kind: 'limited', maxAlerts: 3, withinMinutes: 30 },
  });
}
const totalRules = engine.rules.list().length;
console.log(`series: ${series.length} per node × ${NODES.length} nodes = ${series.length * NODES.length}; rules: ${totalRules} (${CUSTOM} custom + ${totalRules - CUSTOM} preconfigured)`);

const times: number[] = [];
// CPU time of the process per evaluation too: on a shared machine wall time also counts other programs' turns.
const cpuTimes: number[] = [];
// The evaluation's alarm changes are written behind it (alarmJournal.ts: the next turn of the event loop). The
// bench writes them right after each evaluation, timed on their own: the same work the deferred write does.
const writeTimes: number[] = [];
let instances = 0;
for (let round = 0; round < 30; round++) {
  engine.ingestSamples(batch());
  scheduler.advance(30_000);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const s = engine.evaluate();
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpuTimes.push((c.user + c.system) / 1000);
  instances = s.instancesEvaluated;
  const w0 = performance.now();
  engine.flushWrites();
  writeTimes.push(performance.now() - w0);
  // A turn of the event loop between evaluations, as under the engine's interval timer.
  await new Promise((r) => setImmediate(r));
}
const stats = (xs: number[]): { median: number; p95: number } => {
  const steady = xs.slice(5).sort((a, b) => a - b);
  return { median: steady[Math.floor(steady.length / 2)]!, p95: steady[Math.floor(steady.length * 0.95)]! };
};
const { median, p95 } = stats(times);
const medianCpu = stats(cpuTimes).median;
const writes = stats(writeTimes);
const both = stats(times.map((t, i) => t + writeTimes[i]!));
console.log(`instances evaluated per full evaluation: ${instances}`);
console.log(`full evaluation: first ${times[0]!.toFixed(1)} ms, median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target < 50 ms)`);
console.log(`CPU time per full evaluation: median ${medianCpu.toFixed(1)} ms (all threads of the process, GC included); load average ${loadavg()[0]!.toFixed(1)}`);
console.log(`writing the evaluation's alarm changes to SQLite (one transaction, behind the evaluation): median ${writes.median.toFixed(1)} ms, p95 ${writes.p95.toFixed(1)} ms; evaluation + write: median ${both.median.toFixed(1)} ms, p95 ${both.p95.toFixed(1)} ms`);
console.log(`rule evaluations/s: ${Math.round(totalRules / (median / 1000)).toLocaleString('en')}; instance evaluations/s: ${Math.round(instances / (median / 1000)).toLocaleString('en')}`);
console.log(`per evaluation: ${Math.round(transitionsSeen / times.length)} state transitions, ${Math.round(alarmChanges / times.length)} alarm changes written to SQLite; active alarms at the end: ${engine.activeAlarms().length}`);
engine.dispose();
db.dispose();
rmSync(dir, { recursive: true, force: true });
