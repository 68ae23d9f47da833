/**
 * Clusters and their nodes as the collector sees them (reachability, role, version, PRG and HA state), loaded
 * from `clusters.list` and kept fresh by `onDidChangeClusters`.
 */
import { create } from 'zustand';
import type { ClusterSummary } from '../../../shared/model/cluster.js';
import { toErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** State and actions of the clusters store. */
export interface ClustersState {
  readonly clusters: readonly ClusterSummary[];
  readonly load: LoadState;
  loadClusters(): Promise<void>;
  applyClusters(clusters: readonly ClusterSummary[]): void;
}

/** The clusters store (zustand). */
export const useClustersStore = create<ClustersState>()((set) => ({
  clusters: [],
  load: IDLE,
  async loadClusters() {
    set({ load: LOADING });
    try {
      const clusters = await call('clusters', 'list');
      set({ clusters, load: READY });
    } catch (err) {
      set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  applyClusters(clusters) {
    set({ clusters, load: READY });
  },
}));
