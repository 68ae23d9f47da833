import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { AsyncDisposableStore } from '../base/disposable.js';
import { Collector, type ClusterSpec } from '../collector/collector.js';
import type { CollectorConfig } from '../collector/collectorConfig.js';
import { PinnedTrustStore } from '../credentials/pinnedTrustStore.js';
import { CollectorMetrics } from '../export/collectorMetrics.js';
import { LatestSamples } from '../export/latestSamples.js';
import { startMetricsServer, type MetricsServer } from '../export/metricsServer.js';
import { samplesToFamilies } from '../export/prometheusExposition.js';
import { startEmbeddedCluster, type SimCluster } from '../simulator/embeddedCluster.js';
import { embeddedClusterSpec } from '../clusters/embeddedClusterSpec.js';
import { secureDatabaseFile, secureStateFolder } from '../credentials/stateFolderHygiene.js';
import { Database } from '../storage/sqlite/database.js';
import { SqliteSampleStore } from '../storage/sqlite/sqliteSampleStore.js';
import { clusterSpecFromConfig } from './clusterFromConfig.js';

/** How the headless collector starts. */
export interface HeadlessOptions {
  /** The clusters to monitor; without it the embedded simulated cluster is started and monitored. */
  readonly config?: CollectorConfig;
  /** Path of the config file: relative storage and state paths resolve against its folder; named in errors. */
  readonly configPath?: string;
  /** Port of /metrics (overrides the config; 0 = any free port). */
  readonly metricsPort?: number;
  /** Without a config: where the history database and pins go (default IMP_MONITOR_STATE_DIR or ~/.imp-monitor/headless). */
  readonly stateDir?: string;
  /** Without a config: virtual seconds per real second of the embedded cluster (default 1). */
  readonly simSpeed?: number;
  /** Without a config: poll intervals of the embedded cluster (default RTMT's 30 s views). */
  readonly simIntervalsSec?: ClusterSpec['intervals'];
  /** Progress lines (default console.log). */
  readonly log?: (line: string) => void;
  /** Environment for `{ env: NAME }` secrets (default process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

/** A running headless collector. */
export interface HeadlessCollector {
  readonly collector: Collector;
  readonly metrics: MetricsServer;
  readonly store: SqliteSampleStore;
  readonly latest: LatestSamples;
  readonly selfMetrics: CollectorMetrics;
  /** The embedded simulated cluster when no config was given. */
  readonly sim: SimCluster | undefined;
  /** Stops polling, flushes and closes storage, closes /metrics and the simulator. */
  dispose(): Promise<void>;
}

/**
 * The headless composition root (a NOC server, no Electron): the collector polls the clusters of one config (a
 * shard: run one process per group of clusters), samples go to SQLite and to the latest-value cache served on
 * `/metrics` with the collector's own metrics. With no config it monitors the embedded simulated cluster, reached
 * only through its published endpoints document, started and specified as createBackend does it
 * (simulator/embeddedCluster.ts, clusters/embeddedClusterSpec.ts).
 */
export async function startHeadlessCollector(options: HeadlessOptions = {}): Promise<HeadlessCollector> {
  const log = options.log ?? ((l: string) => console.log(l));
  const { config } = options;
  const base = options.configPath ? dirname(resolve(options.configPath)) : process.cwd();
  const at = (p: string): string => (isAbsolute(p) ? p : join(base, p));
  const stateDir = config ? at(config.stateDir) : (options.stateDir ?? process.env.IMP_MONITOR_STATE_DIR ?? join(homedir(), '.imp-monitor', 'headless'));
  // For the owner only, as the app's (issue 15): the folder 0700, history.db (and so its -wal/-shm) 0600.
  const dbPath = config ? at(config.storage.path) : join(stateDir, 'history.db');
  mkdirSync(dirname(dbPath), { recursive: true, mode: 0o700 });
  for (const w of [...secureStateFolder(stateDir), ...secureDatabaseFile(dbPath)]) log(`warning: ${w}`);

  const disposables = new AsyncDisposableStore();
  try {
    const db = disposables.add(Database.open(dbPath));
    const store = disposables.add(new SqliteSampleStore(db));
    const latest = new LatestSamples();
    const selfMetrics = new CollectorMetrics();
    // Disposed before storage (the store is LIFO): no poll may land after storage closed.
    const collector = disposables.add(await Collector.create());

    disposables.add(collector.onDidCollect((batch) => {
      store.append(batch);
      latest.update(batch);
      selfMetrics.recordSamples(batch.length);
    }));
    disposables.add(collector.onDidPollError((e) => selfMetrics.recordPollError(e.protocol, e.error.code)));
    // A locked database delays writes (retried with backoff, nothing dropped) and shows on /metrics.
    disposables.add(store.onDidFailWrite((e) => selfMetrics.recordStorageError(e.code)));
    disposables.add(collector.onDidChangeNodes((clusters) => {
      for (const c of clusters) for (const n of c.nodes) if (n.reachability !== 'unknown') selfMetrics.setNodeUp(c.id, n.name, n.reachability !== 'down');
    }));

    let sim: SimCluster | undefined;
    const specs: ClusterSpec[] = [];
    if (config) {
      const trust = await PinnedTrustStore.open(join(stateDir, 'trust.json'));
      const policy = { trust, trustOnFirstUse: config.trustOnFirstUse, ...(options.configPath ? { configPath: options.configPath } : {}) };
      for (const c of config.clusters) specs.push(await clusterSpecFromConfig(c, policy, options.env));
    } else {
      // Free ports on every node's own address; the nodes keep their certificates in the state folder across runs.
      const embedded = disposables.add(await startEmbeddedCluster({ stateDir, speed: options.simSpeed ?? 1, basePort: 0 }));
      sim = embedded.simulator;
      const spec = embeddedClusterSpec(embedded.endpoints, { ...(options.simIntervalsSec ? { intervals: options.simIntervalsSec } : {}) });
      specs.push(spec);
      log(`no config: monitoring the embedded simulated cluster "${embedded.name}" (${spec.nodes.length} nodes)`);
    }

    const metrics = await startMetricsServer({
      port: options.metricsPort ?? config?.metrics.port ?? 9464,
      collect: () => {
        selfMetrics.setStoragePending(store.pendingCount);
        return [...samplesToFamilies(latest.snapshot(Date.now())), ...selfMetrics.families()];
      },
    });
    disposables.add(metrics);
    for (const s of specs) {
      collector.addCluster(s);
      log(`cluster ${s.id}: ${s.nodes.length} nodes (${s.nodes.map((n) => n.name).join(', ')})`);
    }
    log(`history: ${dbPath}`);
    log(`metrics: port ${metrics.port}, ${metrics.url}`);
    return { collector, metrics, store, latest, selfMetrics, sim, dispose: () => disposables.dispose() };
  } catch (err) {
    return disposables.disposeAndRethrow(err);
  }
}
