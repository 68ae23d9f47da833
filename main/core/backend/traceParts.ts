/**
 * Trace & Log Central's parts for the app (issue 12), built once per backend: the per-node trace clients over the
 * collector's node targets (the same pinned host keys, certificates and credentials as polling), the collections
 * (each a Job Status job, progress pushed as onDidChangeTraceCollection), Schedule Collection (schedules in
 * <state>/traces/schedules.json, SFTP passwords in the credential store), the log viewer's documents (cache in
 * <state>/traces/cache), the real-time tails (lines pushed as onDidTailLines) and the pseudonym mapping
 * (<state>/traces/pseudonyms.json, never in a bundle), the "high CPU" preset's diagnostics (CLI outputs and the
 * collector's latest Perfmon values) and the trace downloads alert rules ask for (bundles in <state>/traces/alarms,
 * the alarm → bundle links in <state>/traces/alarm-traces.json). Everything is added to the backend's store: disposing it
 * stops running collections as 'interrupted' (resumable), then closes the nodes' connections.
 */
import { join } from 'node:path';
import type { AlertEngine } from '../alerts/alertEngine.js';
import type { AsyncDisposableStore } from '../base/disposable.js';
import type { Collector } from '../collector/collector.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import type { JobRunner } from '../jobs/jobRunner.js';
import { AlertTraceDownloads } from '../traces/alertTraceDownloads.js';
import { createCollectionExtras, LatestSamples } from '../traces/collectionExtras.js';
import { serverLocalRoots } from '../traces/localRoots.js';
import { LogDocuments } from '../traces/logDocuments.js';
import { PseudonymMap } from '../traces/pseudonymMap.js';
import { Pseudonymizer } from '../traces/pseudonymizer.js';
import { TailSessions } from '../traces/tailSessions.js';
import { TraceCollections } from '../traces/traceCollections.js';
import { TraceNodeClients, type TraceNodeResolver } from '../traces/traceNodeClients.js';
import { TRACE_PRESETS } from '../traces/tracePresets.js';
import { TraceSchedules } from '../traces/traceSchedules.js';
import { TraceScheduleStore } from '../traces/traceScheduleStore.js';
import type { TracesServiceDeps } from '../traces/tracesService.js';
import type { EventHub } from '../transport/eventHub.js';

export interface TracePartsOptions {
  readonly stateDir: string;
  readonly collector: Collector;
  /** Alert Central: a rule may ask for the node's traces when it fires. */
  readonly alerts: AlertEngine;
  readonly jobs: JobRunner;
  readonly credentials: CredentialStore;
  readonly events: EventHub;
  readonly store: AsyncDisposableStore;
  readonly toolVersion: string;
  /** A server (issue 16): local files only in its bundle folders, never elsewhere in its data folder. */
  readonly confineLocalFiles?: boolean;
}

/** The nodes the collector monitors, as the trace clients look them up. */
export function collectorNodeResolver(collector: Collector): TraceNodeResolver {
  return {
    targets(cluster, node) {
      try {
        return collector.node(cluster, node).targets;
      } catch {
        return undefined;
      }
    },
    nodes(cluster) {
      const ids = cluster === undefined ? collector.clusters().map((c) => c.id) : [cluster];
      return ids.flatMap((id) => collector.nodes(id).map((n) => ({ cluster: id, node: n.name })));
    },
  };
}

/** Builds the parts and returns what the `traces` service is made of. */
export async function createTraceParts(o: TracePartsOptions): Promise<TracesServiceDeps> {
  const dir = join(o.stateDir, 'traces');
  // Added first, disposed last: the collections and tails below still use the connections while they stop.
  const clients = o.store.add(new TraceNodeClients(collectorNodeResolver(o.collector)));
  const pseudonyms = new PseudonymMap(join(dir, 'pseudonyms.json'));
  // The "high CPU" preset's diagnostics: CLI outputs on the node's trace session, Perfmon values the collector holds.
  const latest = o.store.add(new LatestSamples(o.collector.onDidCollect));
  const extras = createCollectionExtras({ cli: (cluster, node, use) => clients.cli(cluster, node, use), latest });
  const collections = o.store.add(new TraceCollections({ clients, jobs: o.jobs, toolVersion: o.toolVersion, extras, pseudonymizer: () => new Pseudonymizer(pseudonyms) }));
  o.store.add(collections.onDidChange((s) => o.events.emit('onDidChangeTraceCollection', s)));
  const schedules = o.store.add(new TraceSchedules({ store: new TraceScheduleStore(join(dir, 'schedules.json')), credentials: o.credentials, collections, stagingDir: join(dir, 'schedule-staging') }));
  await schedules.load();
  const alarmTraces = o.store.add(new AlertTraceDownloads({ onDidChangeAlarm: o.alerts.onDidChangeAlarm, collections, outDir: join(dir, 'alarms'), linksPath: join(dir, 'alarm-traces.json') }));
  await alarmTraces.load();
  const documents = o.store.add(new LogDocuments({ cacheDir: join(dir, 'cache'), clients }));
  const tails = o.store.add(new TailSessions({ clients, onBatch: (b) => o.events.emit('onDidTailLines', b) }));
  const defaultOutDir = join(o.stateDir, 'bundles');
  // A server confines local files to its bundle folders (traces/localRoots.ts: its data folder holds the secrets);
  // the same folders its downloads serve (server/serverMode.ts).
  const localRoots = o.confineLocalFiles ? serverLocalRoots(o.stateDir) : undefined;
  return { defaultOutDir, clients, collections, schedules, presets: TRACE_PRESETS, documents, tails, alarmTraces, ...(localRoots ? { localRoots } : {}) };
}
