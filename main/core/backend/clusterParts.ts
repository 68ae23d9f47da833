/**
 * The clusters' parts of the app (issue 15), built once per backend: ClusterAdmin over <state>/clusters.json, the
 * credential store and the pins; the saved clusters put in the collector at startup (one whose secret or pin is
 * missing is listed as failed, never stops the start); the embedded simulated cluster started and stopped here (the
 * `embeddedSimulator` option says whether this run may have it at all, the saved switch whether it runs); every IM&P
 * node's OVA read from the node (OvaReader) unless set with the cluster, and the JSMSessionsExceedsThreshold fact
 * (`jsmSessionsSupported`, guide L7003-7013) set from it for every cluster, halved only for an active/active pair: HA
 * enabled and the User Assignment Mode Balanced (read from the CUCM publisher, clusters/userAssignmentMode.ts). Disposing the backend's store stops the
 * embedded cluster and the reader.
 */
import type { EmbeddedClusterState } from '../../../shared/model/clusters.js';
import { supportedJsmSessions, type AlertEngine } from '../alerts/alertEngine.js';
import { AppError } from '../base/errors.js';
import type { AsyncDisposableStore } from '../base/disposable.js';
import { ClusterAdmin } from '../clusters/clusterAdmin.js';
import { createClustersService, failedClusterSummary, type FailedCluster } from '../clusters/clustersService.js';
import { EMBEDDED_CLUSTER_ID, embeddedClusterSpec } from '../clusters/embeddedClusterSpec.js';
import { OvaReader } from '../clusters/ovaReader.js';
import { UserAssignmentModeReader } from '../clusters/userAssignmentMode.js';
import type { ClusterSpec, Collector } from '../collector/collector.js';
import type { CredentialStore } from '../credentials/credentialStore.js';
import type { PinnedTrustStore } from '../credentials/pinnedTrustStore.js';
import { startEmbeddedCluster, type EmbeddedCluster } from '../simulator/embeddedCluster.js';
import type { DesktopApi } from '../../../shared/ipc/contract.js';

export interface ClusterPartsOptions {
  readonly stateDir: string;
  readonly collector: Collector;
  readonly alerts: Pick<AlertEngine, 'setNodeFact' | 'forgetNodeFacts'>;
  readonly credentials: CredentialStore;
  readonly trust: PinnedTrustStore;
  readonly store: AsyncDisposableStore;
  /** The embedded simulated cluster of this run: `available` false (BackendOptions.embeddedSimulator) keeps it off. */
  readonly embedded: {
    readonly available: boolean;
    readonly scenario: string | null;
    readonly speed: number;
    readonly basePort?: number;
    readonly intervals?: ClusterSpec['intervals'];
  };
  readonly log?: (message: string) => void;
}

export interface ClusterParts {
  readonly service: DesktopApi['clusters'];
  readonly admin: ClusterAdmin;
  /** The running embedded simulated cluster, if any. */
  embedded(): EmbeddedCluster | undefined;
}

export async function createClusterParts(o: ClusterPartsOptions): Promise<ClusterParts> {
  const log = o.log ?? ((m: string) => console.warn(`[clusters] ${m}`));
  const admin = await ClusterAdmin.open({ stateDir: o.stateDir, credentials: o.credentials, trust: o.trust, onProblem: log });
  const reader = o.store.add(new OvaReader(o.collector));
  // Balanced or Active/Standby from the CUCM publisher: NodeStatus.activeActive (and so the JSM fact) follows it.
  const modes = o.store.add(new UserAssignmentModeReader(o.collector));

  // The JSM capacity fact of every IM&P node with an OVA, whenever the nodes change (OVA read, HA groups polled);
  // those of a removed cluster (or a node no longer in its cluster) are forgotten, in the engine too.
  const facts = new Map<string, number>();
  const setFacts = (): void => {
    const clusters = o.collector.clusters();
    const present = new Set(clusters.flatMap((c) => c.nodes.map((n) => `${c.id}\u0000${n.name}`)));
    const clusterIds = new Set(clusters.map((c) => c.id));
    const goneClusters = new Set<string>();
    for (const key of [...facts.keys()]) {
      if (present.has(key)) continue;
      facts.delete(key);
      const [cluster = '', node = ''] = key.split('\u0000');
      if (clusterIds.has(cluster)) o.alerts.forgetNodeFacts(cluster, node);
      else goneClusters.add(cluster);
    }
    for (const id of goneClusters) o.alerts.forgetNodeFacts(id);
    for (const c of clusters) {
      for (const n of c.nodes) {
        if (!n.ova || n.role === 'cucm-publisher') continue;
        const value = supportedJsmSessions(n.ova.users, n.activeActive ?? false);
        const key = `${c.id}\u0000${n.name}`;
        if (facts.get(key) === value) continue;
        facts.set(key, value);
        o.alerts.setNodeFact(c.id, n.name, 'jsmSessionsSupported', value);
      }
    }
  };
  o.store.add(o.collector.onDidChangeNodes(() => setFacts()));

  const startSpec = (spec: ClusterSpec): void => {
    reader.read(spec.id);
    modes.read(spec.id);
    setFacts();
  };

  // Saved clusters, restored as they were; one that cannot start is listed as failed with the reason.
  const failed = new Map<string, FailedCluster>();
  for (const saved of await admin.specs()) {
    if ('spec' in saved) {
      try {
        o.collector.addCluster(saved.spec);
        startSpec(saved.spec);
        continue;
      } catch (err) {
        const c = admin.configs().find((x) => x.id === saved.id);
        if (c) failed.set(saved.id, { summary: failedClusterSummary(c, (err as Error).message) });
        log(`cluster ${saved.id} not started: ${(err as Error).message}`);
        continue;
      }
    }
    failed.set(saved.id, { summary: failedClusterSummary(saved.config, saved.problem) });
    log(`cluster ${saved.id} not started: ${saved.problem}`);
  }

  // The embedded simulated cluster.
  let sim: EmbeddedCluster | undefined;
  let simError: string | undefined;
  let switching: Promise<unknown> = Promise.resolve();
  const startEmbedded = async (): Promise<void> => {
    if (sim) return;
    const started = await startEmbeddedCluster({
      stateDir: o.stateDir,
      scenario: o.embedded.scenario,
      speed: o.embedded.speed,
      ...(o.embedded.basePort !== undefined ? { basePort: o.embedded.basePort } : {}),
    });
    try {
      // The simulator is reached only through its published endpoints document (the same JSON `npm run sim` writes).
      const spec = embeddedClusterSpec(started.endpoints, { ...(o.embedded.intervals ? { intervals: o.embedded.intervals } : {}) });
      o.collector.addCluster(spec);
      sim = started;
      simError = undefined;
      startSpec(spec);
    } catch (err) {
      o.collector.removeCluster(EMBEDDED_CLUSTER_ID);
      sim = undefined;
      await started.dispose();
      throw err;
    }
  };
  const stopEmbedded = async (): Promise<void> => {
    const running = sim;
    sim = undefined;
    if (!running) return;
    o.collector.removeCluster(EMBEDDED_CLUSTER_ID);
    await running.dispose();
  };
  let disposed = false;
  // A switch under way ends first: a start that finished after the stop would leave a simulated cluster running.
  o.store.add({
    dispose: async () => {
      disposed = true;
      await switching;
      await stopEmbedded();
    },
  });
  const state = (): EmbeddedClusterState => ({
    enabled: admin.embeddedEnabled(),
    running: sim !== undefined,
    ...(simError ? { error: simError } : !o.embedded.available && admin.embeddedEnabled() ? { error: 'not available in this run (started without the embedded simulated cluster)' } : {}),
  });
  // At startup a failure stops the start (a taken port is named, README); later it is reported in the state.
  if (o.embedded.available && admin.embeddedEnabled()) await startEmbedded();

  const service = createClustersService({
    collector: o.collector,
    admin,
    failed,
    onDidStart: startSpec,
    embedded: {
      state,
      set: async (on) => {
        const turn = switching.then(async () => {
          if (disposed) throw new AppError('PRECONDITION', 'the app is stopping: the embedded simulated cluster is not switched now');
          await admin.setEmbeddedEnabled(on);
          if (!on) return stopEmbedded();
          if (!o.embedded.available) return undefined;
          try {
            await startEmbedded();
          } catch (err) {
            simError = (err as Error).message;
          }
          return undefined;
        });
        switching = turn.catch(() => undefined);
        await turn;
        return state();
      },
    },
  });
  return { service, admin, embedded: () => sim };
}
