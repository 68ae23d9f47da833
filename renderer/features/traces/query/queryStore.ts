/**
 * Query Wizard's store (RTMT Trace & Log Central, serviceability-reference.md A.6): a string or regular expression
 * across services and nodes in a time range (`traces.search` where 'nodes': the node lists the files, `file search`
 * finds the lines), or in a collected bundle (where 'bundle'); results open in the log viewer at their line (bundle)
 * or at the first line with the hit's text (a node's file, as `file search` prints no line numbers).
 */
import { create } from 'zustand';
import type { NodeTraceServices, TraceNodeSelection, TraceRangeUnit, TraceSearchHit, TraceSearchResult } from '../../../../shared/model/traces.js';
import { toErrorInfo } from '../../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../../app/loadState.js';
import { call } from '../../../ipc/api.js';
import type { NodeKey } from '../collect/wizardModel.js';
import { openInViewer } from '../viewer/viewerStore.js';

export interface QueryForm {
  readonly where: 'nodes' | 'bundle';
  readonly nodes: readonly NodeKey[];
  /** Service and system log names, as the nodes list them. */
  readonly logs: readonly string[];
  readonly amount: number;
  readonly unit: TraceRangeUnit;
  readonly pattern: string;
  readonly regex: boolean;
  readonly ignoreCase: boolean;
  readonly bundlePath: string;
}

export interface QueryState {
  readonly form: QueryForm;
  readonly result?: TraceSearchResult;
  readonly load: LoadState;
  /** The request the result answers (where the hits come from). */
  readonly searchedBundle?: string;
  update(patch: Partial<QueryForm>): void;
  run(services: Readonly<Record<NodeKey, NodeTraceServices>>): Promise<void>;
  openHit(hit: TraceSearchHit): Promise<void>;
}

/** Why the form cannot be run yet (a message key), or undefined. */
export function queryProblem(form: QueryForm): 'traceTools.query.needPattern' | 'traceTools.query.needNodes' | 'traceTools.query.needLogs' | 'traceTools.query.needBundle' | 'traceTools.query.needRange' | 'traceTools.badRegex' | undefined {
  if (!form.pattern) return 'traceTools.query.needPattern';
  if (form.regex) {
    try {
      new RegExp(form.pattern);
    } catch {
      return 'traceTools.badRegex';
    }
  }
  if (form.where === 'bundle') return form.bundlePath ? undefined : 'traceTools.query.needBundle';
  if (form.nodes.length === 0) return 'traceTools.query.needNodes';
  if (form.logs.length === 0) return 'traceTools.query.needLogs';
  if (!(form.amount >= 1)) return 'traceTools.query.needRange';
  return undefined;
}

/** The nodes' selections: each node gets the chosen names it lists (service or system log). */
export function nodeSelections(form: QueryForm, services: Readonly<Record<NodeKey, NodeTraceServices>>): TraceNodeSelection[] {
  const chosen = new Set(form.logs);
  return form.nodes.map((key) => {
    const slash = key.indexOf('/');
    const cluster = key.slice(0, slash);
    const node = key.slice(slash + 1);
    const listed = services[key];
    return {
      cluster,
      node,
      serviceLogs: (listed?.serviceLogs ?? []).filter((s) => chosen.has(s)),
      systemLogs: (listed?.systemLogs ?? []).filter((s) => chosen.has(s)),
    };
  });
}

/** The query store (zustand). */
export const useQueryStore = create<QueryState>()((set, get) => ({
  form: { where: 'nodes', nodes: [], logs: [], amount: 2, unit: 'hours', pattern: '', regex: false, ignoreCase: true, bundlePath: '' },
  load: IDLE,
  update(patch) {
    set({ form: { ...get().form, ...patch } });
  },
  async run(services) {
    const { form } = get();
    if (queryProblem(form)) return;
    set({ load: LOADING, result: undefined });
    try {
      const result =
        form.where === 'bundle'
          ? await call('traces', 'search', { where: 'bundle', bundlePath: form.bundlePath, pattern: form.pattern, regex: form.regex, ignoreCase: form.ignoreCase })
          : await call('traces', 'search', {
              where: 'nodes',
              nodes: nodeSelections(form, services),
              range: { kind: 'relative', amount: form.amount, unit: form.unit },
              pattern: form.pattern,
              regex: form.regex,
              ignoreCase: form.ignoreCase,
            });
      set({ result, load: READY, searchedBundle: form.where === 'bundle' ? form.bundlePath : undefined });
    } catch (err) {
      set({ load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async openHit(hit) {
    const bundle = get().searchedBundle;
    if (bundle) await openInViewer({ kind: 'bundle', bundlePath: bundle, entry: hit.path }, hit.line === undefined ? { find: hit.text } : { line: hit.line });
    else if (hit.cluster) await openInViewer({ kind: 'remote', cluster: hit.cluster, node: hit.node, path: hit.path }, { find: hit.text });
  },
}));
