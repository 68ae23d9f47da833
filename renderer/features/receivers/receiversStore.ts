/**
 * The Receivers panel's store (issue 15): the listeners' status (`receivers.status`, polled while the panel is
 * shown), saving the address and ports (`receivers.save` rebinds; a port that cannot be bound comes back in the
 * status, never as a thrown error) and "Configure nodes" of a simulated cluster (`receivers.configureNodes`), whose
 * per-node results are kept by cluster.
 */
import { create } from 'zustand';
import type { NodeReceiverSetup, ReceiverSettings, ReceiversStatus } from '../../../shared/model/receivers.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** State and actions of the receivers store. */
export interface ReceiversState {
  readonly status?: ReceiversStatus;
  readonly load: LoadState;
  readonly busy?: 'save' | 'configure';
  readonly actionError?: ErrorInfo;
  /** Which action `actionError` belongs to (shown beside its button). */
  readonly failedAction?: 'save' | 'configure';
  /** The last "Configure nodes" per cluster. */
  readonly setups: Readonly<Record<string, readonly NodeReceiverSetup[]>>;
  loadStatus(quiet?: boolean): Promise<void>;
  save(settings: ReceiverSettings): Promise<boolean>;
  configureNodes(cluster: string): Promise<void>;
}

/** The receivers store (zustand). */
export const useReceiversStore = create<ReceiversState>()((set, get) => ({
  load: IDLE,
  setups: {},
  async loadStatus(quiet = false) {
    if (!quiet || get().status === undefined) set({ load: LOADING });
    try {
      set({ status: await call('receivers', 'status'), load: READY });
    } catch (err) {
      set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async save(settings) {
    set({ busy: 'save', actionError: undefined, failedAction: undefined });
    try {
      set({ status: await call('receivers', 'save', settings), load: READY });
      return true;
    } catch (err) {
      set({ actionError: toErrorInfo(err), failedAction: 'save' });
      return false;
    } finally {
      set({ busy: undefined });
    }
  },
  async configureNodes(cluster) {
    set({ busy: 'configure', actionError: undefined, failedAction: undefined });
    try {
      const result = await call('receivers', 'configureNodes', cluster);
      set({ setups: { ...get().setups, [cluster]: result } });
    } catch (err) {
      set({ actionError: toErrorInfo(err), failedAction: 'configure' });
    } finally {
      set({ busy: undefined });
    }
  },
}));
