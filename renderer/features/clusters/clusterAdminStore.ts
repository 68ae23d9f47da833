/**
 * The Clusters view's store (issue 15): the saved clusters' settings (`clusters.configs`, no secrets), the embedded
 * simulated cluster's switch, and every action of the Add/Edit form — identify, discover, test, save — plus test
 * and remove of a saved cluster. A refused action leaves its error in `actionError` (the form keeps what was typed);
 * after a save or a remove the cluster list of the whole app (overview/clustersStore) is loaded again.
 */
import { create } from 'zustand';
import type { ClusterSummary } from '../../../shared/model/cluster.js';
import type { AcceptedKey, ClusterConfigView, ClusterInput, ConnectionTestResult, DiscoveredNode, EmbeddedClusterState, EndpointIdentity, IdentifyTarget } from '../../../shared/model/clusters.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';
import { useClustersStore } from '../overview/clustersStore.js';

/** What the view is doing now (one action at a time). */
export type ClusterAction = 'identify' | 'discover' | 'test' | 'save' | 'remove' | 'embedded' | 'testSaved';

/** State and actions of the cluster admin store. */
export interface ClusterAdminState {
  readonly configs: readonly ClusterConfigView[];
  readonly embedded?: EmbeddedClusterState;
  readonly load: LoadState;
  readonly busy?: ClusterAction;
  /** The last refused action and its error. */
  readonly actionError?: { readonly action: ClusterAction; readonly error: ErrorInfo };
  /** Results of "Test" on a saved cluster, by cluster id. */
  readonly savedTests: Readonly<Record<string, readonly ConnectionTestResult[]>>;
  /** The saved cluster whose "Test" runs now (its row alone says so). */
  readonly testingId?: string;
  loadAll(): Promise<void>;
  identify(targets: readonly IdentifyTarget[]): Promise<EndpointIdentity[] | undefined>;
  discover(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<DiscoveredNode[] | undefined>;
  testForm(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<ConnectionTestResult[] | undefined>;
  testSaved(id: string): Promise<void>;
  /** Hides a saved cluster's test results. */
  dismissTest(id: string): void;
  save(input: ClusterInput, accepted: readonly AcceptedKey[]): Promise<ClusterSummary | undefined>;
  remove(id: string): Promise<boolean>;
  setEmbedded(enabled: boolean): Promise<void>;
  dismissError(): void;
}

/** The cluster admin store (zustand). */
export const useClusterAdminStore = create<ClusterAdminState>()((set, get) => {
  /** Runs one action: busy while it runs, its error kept; undefined when refused. */
  async function act<T>(action: ClusterAction, run: () => Promise<T>): Promise<T | undefined> {
    set({ busy: action, actionError: undefined });
    try {
      return await run();
    } catch (err) {
      set({ actionError: { action, error: toErrorInfo(err) } });
      return undefined;
    } finally {
      set({ busy: undefined });
    }
  }
  async function reloadConfigs(): Promise<void> {
    try {
      set({ configs: await call('clusters', 'configs') });
    } catch (err) {
      set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  }
  return {
    configs: [],
    load: IDLE,
    savedTests: {},
    async loadAll() {
      if (get().load.kind !== 'ready') set({ load: LOADING });
      try {
        const [configs, embedded] = await Promise.all([call('clusters', 'configs'), call('clusters', 'embedded')]);
        set({ configs, embedded, load: READY });
      } catch (err) {
        set({ load: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    identify: (targets) => act('identify', () => call('clusters', 'identify', targets)),
    discover: (input, accepted) => act('discover', () => call('clusters', 'discover', input, accepted)),
    testForm: (input, accepted) => act('test', () => call('clusters', 'test', input, accepted)),
    async testSaved(id) {
      set({ testingId: id });
      try {
        const results = await act('testSaved', () => call('clusters', 'testSaved', id));
        if (results) set({ savedTests: { ...get().savedTests, [id]: results } });
      } finally {
        set({ testingId: undefined });
      }
    },
    dismissTest(id) {
      const { [id]: _hidden, ...others } = get().savedTests;
      set({ savedTests: others });
    },
    async save(input, accepted) {
      const saved = await act('save', () => call('clusters', 'save', input, accepted));
      if (saved) {
        const { [saved.id]: _old, ...others } = get().savedTests;
        set({ savedTests: others });
        await Promise.all([reloadConfigs(), useClustersStore.getState().loadClusters()]);
      }
      return saved;
    },
    async remove(id) {
      const done = await act('remove', async () => {
        await call('clusters', 'remove', id);
        return true;
      });
      if (!done) return false;
      const { [id]: _gone, ...others } = get().savedTests;
      set({ savedTests: others, configs: get().configs.filter((c) => c.id !== id) });
      await Promise.all([reloadConfigs(), useClustersStore.getState().loadClusters()]);
      return true;
    },
    async setEmbedded(enabled) {
      const state = await act('embedded', () => call('clusters', 'setEmbedded', enabled));
      if (state) {
        set({ embedded: state });
        await useClustersStore.getState().loadClusters();
      }
    },
    dismissError() {
      set({ actionError: undefined });
    },
  };
});
