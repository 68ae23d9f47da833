/**
 * System Summary and Server views data: CPU/memory/uptime per node (`nodes.system`), and for the selected node
 * its processes, partitions and services (RTMT System > Server, serviceability-reference.md A.2/A.7).
 */
import { create } from 'zustand';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { NodeSystemSummary, PartitionRow, ProcessRow } from '../../../shared/model/views.js';
import { toErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** State and actions of the server store. */
export interface ServerState {
  readonly system: readonly NodeSystemSummary[];
  readonly systemLoad: LoadState;
  readonly processes: readonly ProcessRow[];
  readonly partitions: readonly PartitionRow[];
  readonly services: readonly ServiceStatusRow[];
  readonly nodeLoad: LoadState;
  /** Cluster and node the node data belongs to. */
  readonly nodeKey?: string;
  loadSystem(cluster: string): Promise<void>;
  loadNode(cluster: string, node: string, quiet?: boolean): Promise<void>;
}

/** The server store (zustand). */
export const useServerStore = create<ServerState>()((set, get) => ({
  system: [],
  systemLoad: IDLE,
  processes: [],
  partitions: [],
  services: [],
  nodeLoad: IDLE,
  async loadSystem(cluster) {
    if (get().system.length === 0) set({ systemLoad: LOADING });
    try {
      set({ system: await call('nodes', 'system', cluster), systemLoad: READY });
    } catch (err) {
      set({ systemLoad: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async loadNode(cluster, node, quiet = false) {
    const nodeKey = `${cluster}|${node}`;
    if (!quiet || get().nodeKey !== nodeKey) set({ nodeLoad: LOADING, nodeKey });
    try {
      const [processes, partitions, services] = await Promise.all([
        call('nodes', 'processes', cluster, node),
        call('nodes', 'partitions', cluster, node),
        call('nodes', 'services', cluster, node),
      ]);
      if (get().nodeKey === nodeKey) set({ processes, partitions, services, nodeLoad: READY });
    } catch (err) {
      if (get().nodeKey === nodeKey) set({ nodeLoad: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
}));
