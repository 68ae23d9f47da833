/**
 * clusters/: the clusters the app monitors (issue 15). ClusterAdmin (clusterAdmin.ts) keeps them — settings in
 * clusters.json, secrets in the credential store, pins in the trust store — and tests them (connectionProbes.ts,
 * connectionErrors.ts); this service puts a saved cluster in the collector and takes it out; the embedded simulated
 * cluster is switched on and off through `embedded` (backend/clusterParts.ts starts it).
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { ClusterSummary, NodeStatus } from '../../../shared/model/cluster.js';
import type { EmbeddedClusterState } from '../../../shared/model/clusters.js';
import { AppError } from '../base/errors.js';
import type { ClusterSpec, Collector } from '../collector/collector.js';
import type { ClusterAdmin } from './clusterAdmin.js';
import { EMBEDDED_CLUSTER_ID } from './embeddedClusterSpec.js';

/** A saved cluster that could not be started (a secret or a pin missing): listed as failed, never polled. */
export interface FailedCluster {
  readonly summary: ClusterSummary;
}

/** What the clusters service is built from. */
export interface ClustersServiceDeps {
  readonly collector: Pick<Collector, 'clusters' | 'addCluster' | 'removeCluster'>;
  readonly admin: ClusterAdmin;
  readonly embedded: { state(): EmbeddedClusterState; set(on: boolean): Promise<EmbeddedClusterState> };
  /** Saved clusters that could not be started, by id (clusterParts fills it at startup; a save replaces one). */
  readonly failed: Map<string, FailedCluster>;
  /** Called after a saved cluster started polling (the OVA reader). */
  readonly onDidStart?: (spec: ClusterSpec) => void;
}

/** A saved cluster that cannot be polled, as the list shows it: every node down with the reason on each protocol. */
export function failedClusterSummary(c: { id: string; name: string; publisherHost: string; nodes: readonly { name: string; host: string; role: NodeStatus['role'] }[] }, problem: string, nowMs = Date.now()): ClusterSummary {
  const health = { lastErrorMs: nowMs, lastErrorCode: 'PRECONDITION', lastErrorMessage: problem };
  return {
    id: c.id,
    name: c.name,
    publisherHost: c.publisherHost,
    simulated: false,
    nodes: c.nodes.map((n) => ({ cluster: c.id, name: n.name, host: n.host, role: n.role, reachability: 'down', protocols: { snmp: health, soap: health, ssh: health } })),
  };
}

/** DesktopApi['clusters']: list, form operations (identify, discover, test), save, remove, the embedded switch. */
export function createClustersService(d: ClustersServiceDeps): DesktopApi['clusters'] {
  const start = (spec: ClusterSpec): ClusterSummary => {
    d.collector.addCluster(spec);
    d.failed.delete(spec.id);
    d.onDidStart?.(spec);
    const summary = d.collector.clusters().find((c) => c.id === spec.id);
    if (!summary) throw new AppError('INTERNAL', `cluster ${spec.id} did not start`);
    return summary;
  };
  return {
    list: async (): Promise<ClusterSummary[]> => [...d.collector.clusters(), ...[...d.failed.values()].map((f) => f.summary)],
    configs: () => d.admin.configViews(),
    identify: (targets) => d.admin.identify(targets),
    discover: (input, accepted) => d.admin.discover(input, accepted),
    test: (input, accepted) => d.admin.test(input, accepted),
    testSaved: (id) => d.admin.testSaved(id),
    save: async (input, accepted) => {
      const { spec } = await d.admin.save(input, accepted);
      return start(spec);
    },
    remove: async (id) => {
      if (id === EMBEDDED_CLUSTER_ID) throw new AppError('VALIDATION', 'the embedded simulated cluster is switched off (setEmbedded(false)), not removed');
      await d.admin.remove(id);
      d.collector.removeCluster(id);
      d.failed.delete(id);
    },
    embedded: async () => d.embedded.state(),
    setEmbedded: (enabled) => d.embedded.set(enabled),
  };
}
