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
  setTarget(target) {
    const old = get().target;
    if (old && old.cluster === target.cluster && old.node === target.node) return;
    set({ target, cores: [], selected: [], unplaced: [], load: IDLE });
    void get().refresh();
  },
  async refresh() {
    const { target } = get();
    if (!target) return;
    set({ load: LOADING });
    try {
      const cores = await call('traces', 'cores', target.cluster, target.node);
      if (get().target === target) set({ cores, load: READY, selected: get().selected.filter((n) => cores.some((c) => c.name === n)) });
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
