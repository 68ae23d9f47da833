/**
 * Presence redundancy groups with both nodes' SRM states (`ha.groups`) and the HA commands Failover, Fallback
 * and Recover (`ha.command`, seed-inventory.md 2.8), whose progress comes as jobs.
 */
import { create } from 'zustand';
import type { HaCommandRequest, JobStatus, PrgStatus } from '../../../shared/model/views.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** State and actions of the HA store. */
export interface HaState {
  readonly groups: readonly PrgStatus[];
  readonly load: LoadState;
  readonly cluster?: string;
  readonly commandError?: ErrorInfo;
  /** Last job started per group name. */
  readonly jobByGroup: Readonly<Record<string, string>>;
  loadGroups(cluster: string, quiet?: boolean): Promise<void>;
  runCommand(group: string, request: HaCommandRequest): Promise<JobStatus | undefined>;
}

/** The HA store (zustand). */
export const useHaStore = create<HaState>()((set, get) => ({
  groups: [],
  load: IDLE,
  jobByGroup: {},
  async loadGroups(cluster, quiet = false) {
    if (!quiet || get().cluster !== cluster) set({ load: LOADING, cluster });
    try {
      const groups = await call('ha', 'groups', cluster);
      if (get().cluster === cluster) set({ groups, load: READY });
    } catch (err) {
      if (get().cluster === cluster) set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async runCommand(group, request) {
    set({ commandError: undefined });
    try {
      const job = await call('ha', 'command', request);
      set({ jobByGroup: { ...get().jobByGroup, [group]: job.id } });
      return job;
    } catch (err) {
      set({ commandError: toErrorInfo(err) });
      return undefined;
    }
  },
}));
