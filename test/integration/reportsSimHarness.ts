/**
 * What the report tests share (issue 14): a simulated cluster with its clock stopped (speed 0; the test moves it),
 * settled for ten virtual minutes (users log in, JSM sessions are recreated); the clock moved in one-second ticks;
 * scenario steps played now; and the command line's access to the cluster (specReportAccess through the cluster's
 * endpoints document, as `npm run sim` publishes it).
 */
import { clusterSpecFromEndpoints, parseEndpointsDocument } from '../../main/core/collector/endpointsFileCluster.js';
import { specReportAccess, type SpecReportAccess } from '../../main/core/reports/specReportAccess.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import type { SimProfile } from '../../main/core/simulator/profile/profileSchema.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { parseScenario } from '../../main/core/simulator/scenarios/loadScenario.js';

/** A profile (the default one unless given), seed 7 unless given, clock stopped, settled for ten virtual minutes. */
export async function startSettledCluster(profile: SimProfile = loadProfile(), seed = 7): Promise<SimCluster> {
  const cluster = await startSimCluster({ profile, seed, speed: 0, basePort: 0 });
  advanceClock(cluster, 10 * 60_000);
  return cluster;
}

/** Moves the stopped clock on by `ms` in one-second ticks. */
export function advanceClock(cluster: SimCluster, ms: number): void {
  const end = cluster.model.now() + ms;
  while (cluster.model.now() < end) cluster.model.runUntil(Math.min(end, cluster.model.now() + 1000));
}

/** Plays scenario steps now and lets the clock run `settleMs` past the last one. */
export function playNow(cluster: SimCluster, name: string, steps: readonly Record<string, unknown>[], settleMs = 5_000): void {
  const running = cluster.runScenario(parseScenario({ name, steps: steps.map((s) => ({ at: '0s', ...s })) }));
  advanceClock(cluster, running.endMs - cluster.model.now() + settleMs);
}

/** The command line's access to the cluster (dispose it). */
export function reportAccessOf(cluster: SimCluster, id = 'sim'): SpecReportAccess {
  const doc = parseEndpointsDocument(JSON.parse(JSON.stringify(cluster.endpoints())));
  return specReportAccess(clusterSpecFromEndpoints(doc, { id, simulated: true }));
}
