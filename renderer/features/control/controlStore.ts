/**
 * Control Center: services per node (`nodes.services`) and start/stop/restart (`nodes.controlService`), whose
 * job is followed through onDidChangeJob until the service reaches its new state.
 */
import { create } from 'zustand';
import type { ServiceStatusRow } from '../../../shared/model/cluster.js';
import type { ServiceControlRequest } from '../../../shared/model/views.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** State and actions of the Control Center store. */
export interface ControlState {
  /** Services per node name. */
  readonly services: Readonly<Record<string, readonly ServiceStatusRow[]>>;
  readonly load: LoadState;
  readonly cluster?: string;
  /** Job id of the last action per `node|service`. */
  readonly jobByService: Readonly<Record<string, string>>;
  readonly actionError?: ErrorInfo;
  /** The node the page shows, or undefined for every node. */
  readonly nodeFilter?: string;
  setNodeFilter(node: string | undefined): void;
  loadServices(cluster: string, nodes: readonly string[], quiet?: boolean): Promise<void>;
  control(request: ServiceControlRequest): Promise<void>;
}

/** Returns the key of a service on a node. */
export function serviceKey(node: string, service: string): string {
  return `${node}|${service}`;
}

/** The Control Center store (zustand). */
export const useControlStore = create<ControlState>()((set, get) => ({
  services: {},
  load: IDLE,
  jobByService: {},
  setNodeFilter(node) {
    set({ nodeFilter: node });
  },
  async loadServices(cluster, nodes, quiet = false) {
    if (!quiet || get().cluster !== cluster) set({ load: LOADING, cluster });
    try {
      const lists = await Promise.all(nodes.map((n) => call('nodes', 'services', cluster, n)));
      if (get().cluster !== cluster) return;
      set({ services: Object.fromEntries(nodes.map((n, i) => [n, lists[i] ?? []])), load: READY });
    } catch (err) {
      if (get().cluster === cluster) set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async control(request) {
    set({ actionError: undefined });
    try {
      const job = await call('nodes', 'controlService', request);
      set({ jobByService: { ...get().jobByService, [serviceKey(request.node, request.service)]: job.id } });
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
    }
  },
}));
