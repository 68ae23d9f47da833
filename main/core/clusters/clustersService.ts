/**
 * clusters/: the clusters the app monitors: adding one (connection checks, trust of its certificates and host keys)
 * and removing it (clustersService.ts), and the spec of the embedded simulated cluster (embeddedClusterSpec.ts).
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { ClusterSummary } from '../../../shared/model/cluster.js';
import type { NewClusterInput, TrustPrompt } from '../../../shared/model/views.js';
import { AppError } from '../base/errors.js';
import type { Collector } from '../collector/collector.js';
import type { ClusterOnboarding } from './clusterOnboarding.js';

/** What the clusters service is built from. */
export interface ClustersServiceDeps {
  readonly collector: Pick<Collector, 'clusters' | 'removeCluster'>;
  readonly onboarding: Pick<ClusterOnboarding, 'add' | 'pending' | 'decide'>;
}

/** DesktopApi['clusters']: the monitored clusters, onboarding a new one and the trust prompts it raises. */
export function createClustersService(d: ClustersServiceDeps): DesktopApi['clusters'] {
  return {
    list: async (): Promise<ClusterSummary[]> => d.collector.clusters(),
    add: (input: NewClusterInput) => d.onboarding.add(input),
    remove: async (id: string) => {
      if (!d.collector.clusters().some((c) => c.id === id)) throw new AppError('NOT_FOUND', `unknown cluster ${id}`);
      d.collector.removeCluster(id);
    },
    pendingTrust: async (): Promise<TrustPrompt[]> => d.onboarding.pending(),
    decideTrust: (id: string, accept: boolean) => d.onboarding.decide(id, accept),
  };
}
