/**
 * Crash Dumps' store (RTMT Collect Crash Dump, serviceability-reference.md A.6): a node's core files
 * (`traces.cores`: `utils core active list`), chosen ones collected with the traces of their services
 * (coreTraceMatch.ts) as one bundle.
 */
import { create } from 'zustand';
import type { CoreDumpInfo } from '../../../../shared/model/traces.js';
import { toErrorInfo } from '../../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../../app/loadState.js';
import { call } from '../../../ipc/api.js';
import { nodeKey } from '../collect/wizardModel.js';
import { userTimeZone } from '../collect/zonedTime.js';
import { useClustersStore } from '../../overview/clustersStore.js';
import { useTracesStore } from '../tracesStore.js';
import type { NodeRef } from '../remote/NodeSelect.js';
import { coreCollectRequest } from './coreTraceMatch.js';

export interface CoresState {
  readonly target?: NodeRef;
  readonly cores: readonly CoreDumpInfo[];
  readonly load: LoadState;
  readonly selected: readonly string[];
  /** Cores left out of the last collection because the node did not say where they are. */
  readonly unplaced: readonly string[];
  /** When the chosen node has no core, the other nodes that have some (a crash is rarely on the first node listed). */
  readonly elsewhere: readonly (NodeRef & { readonly count: number })[];
  setTarget(target: NodeRef): void;
  refresh(): Promise<void>;
  toggle(name: string, on: boolean): void;
  collect(): Promise<void>;
}

/** The cores store (zustand). */
export const useCoresStore = create<CoresState>()((set, get) => ({
  cores: [],
  load: IDLE,
  selected: [],
  unplaced: [],
  elsewhere: [],
  setTarget(target) {
    const old = get().target;
    if (old && old.cluster === target.cluster && old.node === target.node) return;
    set({ target, cores: [], selected: [], unplaced: [], elsewhere: [], load: IDLE });
    void get().refresh();
  },
  async refresh() {
    const { target } = get();
    if (!target) return;
    set({ load: LOADING });
    try {
      const cores = await call('traces', 'cores', target.cluster, target.node);
      if (get().target === target) set({ cores, load: READY, elsewhere: [], selected: get().selected.filter((n) => cores.some((c) => c.name === n)) });
      if (cores.length === 0 && get().target === target) {
        await scanOtherNodes(target, () => get().target === target, (elsewhere) => set({ elsewhere }));
      }
    } catch (err) {
      if (get().target === target) set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  toggle(name, on) {
    const rest = get().selected.filter((n) => n !== name);
    set({ selected: on ? [...rest, name] : rest });
  },
  async collect() {
    const { target, cores, selected } = get();
    if (!target) return;
    const chosen = cores.filter((c) => selected.includes(c.name));
    const traces = useTracesStore.getState();
    const key = nodeKey(target.cluster, target.node);
    if (!traces.services[key]) await traces.loadServices(target.cluster);
    const services = useTracesStore.getState().services[key];
    const outDir = traces.settings?.defaultOutDir ?? traces.bundlesDir;
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const { request, unplaced } = coreCollectRequest(chosen, services, outDir, `crash-${target.node}-${stamp}`, userTimeZone());
    set({ unplaced });
    if (request) await traces.collect(request);
  },
}));

/**
 * Lists the cores of the other nodes, one node after the other (each is one `utils core active list` over the
 * node's CLI), and reports those that have some, until another node is chosen; a node that cannot answer is left
 * out (its own listing says why when it is chosen).
 */
async function scanOtherNodes(target: NodeRef, current: () => boolean, report: (found: readonly (NodeRef & { count: number })[]) => void): Promise<void> {
  const found: (NodeRef & { count: number })[] = [];
  for (const c of useClustersStore.getState().clusters) {
    for (const n of c.nodes) {
      if (c.id === target.cluster && n.name === target.node) continue;
      if (!current()) return; // another node was chosen meanwhile: its own listing takes over
      try {
        const cores = await call('traces', 'cores', c.id, n.name);
        if (cores.length > 0 && current()) {
          found.push({ cluster: c.id, node: n.name, count: cores.length });
          report([...found]);
        }
      } catch {
        // Not answering now: the node's own listing shows the error when it is chosen.
      }
    }
  }
}
