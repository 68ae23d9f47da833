import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { AsyncDisposable } from '../../base/disposable.js';
import { embeddedClusterSpec } from '../../clusters/embeddedClusterSpec.js';
import type { ClusterSpec } from '../../collector/collector.js';
import { loadCollectorConfig } from '../../collector/collectorConfig.js';
import { clusterSpecFromEndpoints, readEndpointsFile } from '../../collector/endpointsFileCluster.js';
import { PinnedTrustStore } from '../../credentials/pinnedTrustStore.js';
import { clusterSpecFromConfig } from '../../headless/clusterFromConfig.js';
import { startEmbeddedCluster } from '../../simulator/embeddedCluster.js';
import type { CliIo } from './cliIo.js';
import { configSecretsEnv } from './secretOptions.js';
import type { Where } from './whereOptions.js';

/** The clusters a verb acts on, and what was started to reach them (the embedded cluster), closed by dispose. */
export interface OpenClusters extends AsyncDisposable {
  readonly source: 'embedded' | 'endpoints' | 'config';
  readonly clusters: readonly ClusterSpec[];
}

/** Id of the cluster of an endpoints file: a simulated cluster, as the app names its embedded one. */
const ENDPOINTS_CLUSTER_ID = 'sim';

/**
 * Opens where a verb acts. `--config`: every cluster of a collector config, reached as `npm run collector` reaches
 * them (nodes listed or discovered from the publisher, secrets inline or from the environment, SSH host keys and
 * certificates checked against the pins in the config's stateDir, trustOnFirstUse as the config says).
 * `--endpoints`: the simulated cluster of a running `npm run sim`, its keys pinned from the file. Neither: the
 * embedded simulated cluster, started in this process on free ports (no scenario: every node healthy), its
 * nodes' certificates kept in the data folder as the app keeps them.
 */
export async function openClusters(where: Where, io: CliIo, log: (line: string) => void): Promise<OpenClusters> {
  if (where.configPath) {
    const config = loadCollectorConfig(where.configPath);
    const base = dirname(where.configPath);
    const stateDir = isAbsolute(config.stateDir) ? config.stateDir : join(base, config.stateDir);
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const trust = await PinnedTrustStore.open(join(stateDir, 'trust.json'));
    const env = await configSecretsEnv(io, config);
    const policy = { trust, trustOnFirstUse: config.trustOnFirstUse, configPath: where.configPath };
    const clusters: ClusterSpec[] = [];
    for (const c of config.clusters) clusters.push(await clusterSpecFromConfig(c, policy, env));
    return { source: 'config', clusters, dispose: async () => undefined };
  }
  if (where.endpointsPath) {
    const doc = readEndpointsFile(where.endpointsPath);
    const name = doc.nodes[0]?.cluster;
    const spec = clusterSpecFromEndpoints(doc, { id: ENDPOINTS_CLUSTER_ID, ...(name ? { name: `${name} (simulated)` } : {}), simulated: true });
    return { source: 'endpoints', clusters: [spec], dispose: async () => undefined };
  }
  mkdirSync(where.dataDir, { recursive: true, mode: 0o700 });
  log('starting the embedded simulated cluster (free ports)…');
  const embedded = await startEmbeddedCluster({ stateDir: where.dataDir, basePort: 0, scenario: null });
  try {
    return { source: 'embedded', clusters: [embeddedClusterSpec(embedded.endpoints)], dispose: () => embedded.dispose() };
  } catch (err) {
    await embedded.dispose();
    throw err;
  }
}
