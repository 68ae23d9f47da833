/**
 * Reports bench (`npm run bench:reports`, issue 14). For the default profile (6,000 users, 4 IM&P nodes) and
 * `users-15k.yaml` (15,000 users, 6 IM&P nodes in 3 pairs), each run against a simulated cluster in a process of its
 * own (`npm run sim -- --profile … --endpoints-file F --base-port 0`, so the nodes never share our event loop):
 *  1. the time to generate each report as the command line does (specReportAccess: one admin CLI login per node kept
 *     for the run, SOAP over HTTPS with the node's 80/min budget), and the requests it sent per node: SOAP must stay
 *     within the 20 a minute the collector leaves free on a node (collector/soapDemand.ts), RIS within its own rate;
 *  2. a reference side by side: OpenSSH `ssh` (test/helpers/openssh.ts, one process per command, as a person or a
 *     script runs the raw CLI) running the same admin CLI commands the report ran, in the same order, so the
 *     figure compared is ours (everything, SOAP included) against the raw CLI round trips alone.
 * Prints figures and ratios; asserts nothing. Bounded: stops by itself (at most RUN_LIMIT_MS, simulators included).
 * REPORTS_BENCH_PROFILES=default,users-15k picks the profiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPORT_KINDS, type ReportKind } from '../../shared/model/reports.js';
import { clusterSpecFromEndpoints, readEndpointsFile } from '../../main/core/collector/endpointsFileCluster.js';
import type { ReportClusterAccess } from '../../main/core/reports/reportAccess.js';
import { reportGenerator, reportSummary } from '../../main/core/reports/reportGenerators.js';
import { standaloneReportContext } from '../../main/core/reports/reportRunner.js';
import { specReportAccess } from '../../main/core/reports/specReportAccess.js';
import { runProcess, sshExec, type SshTarget } from '../helpers/openssh.js';
import { until } from '../helpers/until.js';
import { benchEndLine, benchStartLine } from './benchLoad.js';

const PROFILES: Record<string, string> = {
  default: 'main/core/simulator/profile/profiles/default.yaml',
  'users-15k': 'main/core/simulator/profile/profiles/users-15k.yaml',
};
const RUN_LIMIT_MS = 25 * 60_000;
/** SOAP requests a minute the collector leaves free on each node (80 − 60, collector/soapDemand.ts). */
const FREE_SOAP_PER_MIN = 20;
/** The UI's HA readiness Watch regenerates this often (renderer: every 20 s while the tab is open). */
const WATCH_EVERY_MS = 20_000;
/** Virtual seconds per second while the cluster settles (users log in, JSM sessions are recreated). */
const SETTLE_SPEED = 60;
const SETTLE_MS = 15_000;

interface EndpointsNode {
  readonly name: string;
  readonly ssh: SshTarget;
}

async function startSimulator(profile: string, work: string): Promise<{ child: ChildProcess; endpointsFile: string }> {
  const endpointsFile = join(work, 'endpoints.json');
  const child = spawn(process.execPath, ['--import', 'tsx', '--max-semi-space-size=32', 'main/core/simulator/cli/simMain.ts', '--profile', profile, '--endpoints-file', endpointsFile, '--base-port', '0', '--speed', String(SETTLE_SPEED)], {
    env: { ...process.env, IMP_SIM_STATE_DIR: join(work, 'sim-identity') },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  process.once('exit', () => child.kill('SIGKILL'));
  await until('the simulator to write its endpoints file', () => {
    if (exited !== undefined) throw new Error(`the simulator exited (${exited}) before it listened`);
    return existsSync(endpointsFile) ? true : undefined;
  }, 180_000);
  return { child, endpointsFile };
}

async function stopSimulator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await done;
  clearTimeout(timer);
}

/** The access with every CLI command it runs recorded in order. */
function recording(access: ReportClusterAccess, log: { node: string; command: string }[]): ReportClusterAccess {
  return { ...access, cli: (node, command, timeoutMs) => (log.push({ node, command }), access.cli(node, command, timeoutMs)) };
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function benchProfile(name: string, path: string, hasOpenSsh: boolean): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'reports-bench-'));
  const sim = await startSimulator(path, work);
  try {
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const doc = readEndpointsFile(sim.endpointsFile);
    const spec = clusterSpecFromEndpoints(doc, { id: 'sim', simulated: true });
    const nodes = (JSON.parse(readFileSync(sim.endpointsFile, 'utf8')) as { nodes: EndpointsNode[] }).nodes;
    const ssh = new Map(nodes.map((n) => [n.name, n.ssh]));
    console.log(`\n== ${name}: ${spec.nodes.length} nodes (${spec.nodes.filter((n) => n.role !== 'cucm-publisher').length} IM&P) ==`);
    console.log('report        | ours      | steps | problems | SOAP/node max | SSH cmds | RIS | OpenSSH ref | ours/ref | summary');
    const soapPerRun = new Map<ReportKind, number>();
    for (const kind of REPORT_KINDS as readonly ReportKind[]) {
      const log: { node: string; command: string }[] = [];
      const access = specReportAccess(spec);
      let steps = 0;
      const ctx = standaloneReportContext({ clusters: [recording(access, log)], onProgress: (p) => (steps = p.done) });
      const t0 = performance.now();
      let summary: string;
      try {
        summary = reportSummary(await reportGenerator(kind)(ctx));
      } catch (err) {
        summary = `FAILED: ${(err as Error).message}`;
      }
      const ours = performance.now() - t0;
      const counts = access.requestCounts();
      await access.dispose();
      const soapMax = Math.max(0, ...[...counts.values()].map((c) => c.soap));
      const ris = [...counts.values()].reduce((s, c) => s + c.ris, 0);
      soapPerRun.set(kind, soapMax);
      // The same commands through OpenSSH, one `ssh` per command, in the report's order.
      let ref = Number.NaN;
      if (hasOpenSsh && log.length > 0) {
        const r0 = performance.now();
        for (const { node, command } of log) {
          const target = ssh.get(node);
          if (target) await sshExec(target, command);
        }
        ref = performance.now() - r0;
      }
      const within = soapMax <= FREE_SOAP_PER_MIN ? 'ok' : 'OVER';
      console.log(
        `${kind.padEnd(13)} | ${sec(ours).padStart(9)} | ${String(steps).padStart(5)} | ${String(ctx.problems.length).padStart(8)} | ${`${soapMax} (${within} ≤${FREE_SOAP_PER_MIN})`.padStart(13)} | ${String(log.length).padStart(8)} | ${String(ris).padStart(3)} | ${(Number.isNaN(ref) ? '-' : sec(ref)).padStart(11)} | ${(Number.isNaN(ref) ? '-' : (ours / ref).toFixed(2)).padStart(8)} | ${summary}`,
      );
      for (const p of ctx.problems.slice(0, 3)) console.log(`    problem: ${p.node ?? p.cluster}: ${p.source}: ${p.error.message.slice(0, 160)}`);
      const perNode = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([n, c]) => `${n} soap ${c.soap} ssh ${c.ssh}`);
      console.log(`    requests: ${perNode.join('; ')}`);
    }
    // Per minute, not per run: the HA readiness Watch regenerates every 20 s while a person watches, and another
    // report may run in the same minute (one per kind at a time). RIS: no report asks it (the column above stays 0).
    const watch = (soapPerRun.get('ha-readiness') ?? 0) * (60_000 / WATCH_EVERY_MS);
    const [heaviest, other] = [...soapPerRun].filter(([k]) => k !== 'ha-readiness').sort((a, b) => b[1] - a[1])[0] ?? ['none', 0];
    const both = watch + other;
    console.log(`SOAP a minute per node: HA readiness watched (every ${WATCH_EVERY_MS / 1000} s) ${watch}; with ${heaviest} in the same minute ${both} (${both <= FREE_SOAP_PER_MIN ? 'ok' : 'OVER'} ≤${FREE_SOAP_PER_MIN})`);
  } finally {
    await stopSimulator(sim.child);
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const limit = setTimeout(() => {
    console.error(`bench:reports: stopped after ${RUN_LIMIT_MS / 60_000} min`);
    process.exit(1);
  }, RUN_LIMIT_MS);
  limit.unref();
  console.log(benchStartLine('bench:reports'));
  const hasOpenSsh = (await runProcess('sh', ['-c', 'command -v ssh && command -v sshpass']).catch(() => ({ code: 1 }))).code === 0;
  if (!hasOpenSsh) console.log('OpenSSH ssh or sshpass is missing: the reference column is left out');
  const wanted = (process.env.REPORTS_BENCH_PROFILES ?? 'default,users-15k').split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of wanted) {
    const path = PROFILES[name];
    if (!path) throw new Error(`unknown profile ${name} (${Object.keys(PROFILES).join(', ')})`);
    await benchProfile(name, path, hasOpenSsh);
  }
  console.log(benchEndLine('bench:reports'));
  clearTimeout(limit);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:reports: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
