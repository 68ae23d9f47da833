// Trace download on alert (issue 12; RTMT "Enable Trace Download", serviceability-reference.md A.3): Alert Central's
// real engine raises CriticalServiceDown for a stopped Cisco XCP Router; the rule's traceDownload collects that
// node's router traces from the simulated cluster (real SOAP/SFTP endpoints) into a bundle linked from the alarm.
// The rule's daily limit skips the next download and says why; links survive a restart; bad rule input is refused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAlertRuleInput } from '../../shared/validation/alertRuleInput.js';
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { AlertTraceDownloads } from '../../main/core/traces/alertTraceDownloads.js';
import { TraceCollections } from '../../main/core/traces/traceCollections.js';
import { TraceNodeClients } from '../../main/core/traces/traceNodeClients.js';
import { engineKit } from '../kits/engineTestKit.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';

const TOOLS = [{ path: '/usr/bin/unzip', apt: 'unzip' }];
// engineKit's cluster id.
const CLUSTER = 'c1';
const ROUTER = 'Cisco XCP Router';

let sim: SimCluster;
let clients: TraceNodeClients;
let collections: TraceCollections;
let work: string;

beforeAll(async () => {
  skipWithoutTools(TOOLS);
  sim = await startSimCluster({ profile: loadProfile(), seed: 5, speed: 0, basePort: 0 });
  const spec = clusterSpecFromEndpoints(parseEndpointsDocument(JSON.parse(JSON.stringify(sim.endpoints()))), { id: CLUSTER, simulated: true });
  const targets = new Map(spec.nodes.map((n) => [n.name, n]));
  clients = new TraceNodeClients({ targets: (c, n) => (c === CLUSTER ? targets.get(n) : undefined), nodes: () => [...targets.keys()].map((node) => ({ cluster: CLUSTER, node })) });
  collections = new TraceCollections({ clients, toolVersion: '0.1.0-test' });
  work = mkdtempSync(join(tmpdir(), 'trace-alert-'));
}, 60_000);

afterAll(async () => {
  await collections?.dispose();
  await clients?.dispose();
  await sim?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(skipWithoutTools(TOOLS))('trace download on alert', () => {
  it('collects the node\'s traces when the rule raises an alarm, links the bundle, and keeps to the daily limit', async () => {
    const k = engineKit();
    const linksPath = join(work, 'state', 'alarm-traces.json');
    const downloads = new AlertTraceDownloads({ onDidChangeAlarm: k.engine.onDidChangeAlarm, collections, outDir: join(work, 'alarms'), linksPath });
    await downloads.load();
    try {
      const rule = k.engine.rules.get('CriticalServiceDown');
      k.engine.rules.update(rule.id, { ...rule, traceDownload: { serviceLogs: [ROUTER], systemLogs: ['Event Viewer-System Log'], lastMinutes: 1440, maxPerDay: 1 } });
      const nodes = ['imp-pub', 'imp-sub1'];
      const stopped = new Set<string>();
      const poll = (): void => k.engine.updateServiceStatus(nodes.map((n) => k.service(n, ROUTER, stopped.has(n) ? 'Stopped' : 'Started')));
      k.engine.updateNodeStatus(nodes.map((n) => k.nodeStatus(n)));
      poll();
      k.engine.start();
      k.scheduler.advance(30_000);
      expect(k.engine.activeAlarms()).toHaveLength(0);

      stopped.add('imp-pub');
      poll();
      k.scheduler.advance(30_000);
      const alarm = k.engine.activeAlarms().find((a) => a.ruleId === 'CriticalServiceDown' && a.node === 'imp-pub')!;
      expect(alarm).toBeDefined();
      expect(downloads.linkFor(alarm.id)?.state).toBe('running');
      await downloads.settled();
      const link = downloads.linkFor(alarm.id)!;
      expect(link.reason).toBeUndefined();
      expect(link).toMatchObject({ alarmId: alarm.id, ruleId: 'CriticalServiceDown', cluster: CLUSTER, node: 'imp-pub', state: 'completed' });
      expect(existsSync(link.bundlePath!)).toBe(true);
      const entries = execFileSync('unzip', ['-Z1', link.bundlePath!], { encoding: 'utf8' }).split('\n');
      expect(entries.some((e) => /^imp-pub\/epas\/trace\/xcp\/log\/rtr-jsm-1\d+\.log(\.gz)?$/.test(e))).toBe(true);
      expect(entries.some((e) => e.startsWith('imp-sub1/'))).toBe(false);
      const meta = JSON.parse(execFileSync('unzip', ['-p', link.bundlePath!, 'collection.json'], { encoding: 'utf8' })) as { trigger: unknown };
      expect(meta.trigger).toEqual({ kind: 'alert', ruleId: 'CriticalServiceDown', alarmId: alarm.id });

      // The same rule on another node the same day: over the rule's limit of 1 per day, skipped and said so.
      stopped.add('imp-sub1');
      poll();
      k.scheduler.advance(30_000);
      const second = k.engine.activeAlarms().find((a) => a.ruleId === 'CriticalServiceDown' && a.node === 'imp-sub1')!;
      expect(second).toBeDefined();
      await downloads.settled();
      expect(downloads.linkFor(second.id)).toMatchObject({ state: 'skipped', node: 'imp-sub1' });
      expect(downloads.linkFor(second.id)!.reason).toMatch(/limit 1 per day/);
      // Rules without traceDownload (SyslogSeverityMatchFound …) start nothing.
      expect(downloads.list().every((l) => l.ruleId === 'CriticalServiceDown')).toBe(true);

      // A restart reads the links back: the alarm still links to its bundle.
      const again = new AlertTraceDownloads({ onDidChangeAlarm: k.engine.onDidChangeAlarm, collections, outDir: join(work, 'alarms'), linksPath });
      await again.load();
      expect(again.linkFor(alarm.id)?.bundlePath).toBe(link.bundlePath);
      again.dispose();
    } finally {
      downloads.dispose();
      k.engine.dispose();
    }
  });

  it('refuses a trace download option without any service, and bounds its numbers', () => {
    const base = { name: 'x', condition: { kind: 'threshold', metric: { object: 'Processor', counter: '% CPU Time' }, direction: 'over', threshold: 90 } };
    const none = parseAlertRuleInput({ ...base, traceDownload: { serviceLogs: [], lastMinutes: 10 } });
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.issues.join()).toMatch(/traceDownload.serviceLogs: choose at least one service/);
    const big = parseAlertRuleInput({ ...base, traceDownload: { serviceLogs: [ROUTER], lastMinutes: 5000, maxPerDay: 100 } });
    expect(big.ok).toBe(false);
    const ok = parseAlertRuleInput({ ...base, traceDownload: { serviceLogs: [ROUTER] } });
    expect(ok.ok && ok.value.traceDownload).toEqual({ serviceLogs: [ROUTER], systemLogs: [], lastMinutes: 15, maxPerDay: 1 });
  });
});
