/**
 * Remote Browse's store: one directory of one node's active log tree (`traces.browse`: SFTP, else
 * `file list activelog`), the path walked from the root, and what a row can do: view (the log viewer), download
 * (a collection of the chosen files, so it gets a bundle with MANIFEST.sha256 and shows in Collections), follow
 * (Real Time Trace).
 */
import { create } from 'zustand';
import type { RemoteLogEntry, TraceCollectRequest } from '../../../../shared/model/traces.js';
import { toErrorInfo } from '../../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../../app/loadState.js';
import { call } from '../../../ipc/api.js';
import { useTracesStore } from '../tracesStore.js';
import type { NodeRef } from './NodeSelect.js';

export interface RemoteState {
  readonly target?: NodeRef;
  readonly dir: string;
  readonly entries: readonly RemoteLogEntry[];
  readonly load: LoadState;
  readonly selected: readonly string[];
  setTarget(target: NodeRef): void;
  browse(dir: string): Promise<void>;
  toggle(path: string, on: boolean): void;
  /** Collects the chosen files (or `paths`) of the node into a bundle. */
  download(paths?: readonly string[]): Promise<void>;
}

/** The parent of a node path ('/' for the root). */
export function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The crumbs of a node path: [['/', '/'], ['epas', '/epas'], ...]. */
export function crumbs(path: string): [string, string][] {
  const out: [string, string][] = [['/', '/']];
  let at = '';
  for (const part of path.split('/').filter(Boolean)) {
    at += `/${part}`;
    out.push([part, at]);
  }
  return out;
}

/** The Collect Files request of explicit files of one node (no services; the range does not narrow explicit files). */
export function filesRequest(target: NodeRef, paths: readonly string[], outDir: string, label: string): TraceCollectRequest {
  return {
    nodes: [{ cluster: target.cluster, node: target.node, serviceLogs: [], systemLogs: [], files: [...paths] }],
    range: { kind: 'relative', amount: 1, unit: 'days' },
    archive: 'zip',
    outDir,
    label,
  };
}

/** The remote store (zustand). */
export const useRemoteStore = create<RemoteState>()((set, get) => ({
  dir: '/',
  entries: [],
  load: IDLE,
  selected: [],
  setTarget(target) {
    const old = get().target;
    if (old && old.cluster === target.cluster && old.node === target.node) return;
    set({ target, dir: '/', entries: [], selected: [], load: IDLE });
    void get().browse('/');
  },
  async browse(dir) {
    const { target } = get();
    if (!target) return;
    set({ dir, load: LOADING, selected: [] });
    try {
      const entries = await call('traces', 'browse', target.cluster, target.node, dir);
      if (get().dir === dir && get().target === target) set({ entries, load: READY });
    } catch (err) {
      if (get().dir === dir) set({ entries: [], load: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  toggle(path, on) {
    const rest = get().selected.filter((p) => p !== path);
    set({ selected: on ? [...rest, path] : rest });
  },
  async download(paths) {
    const { target, selected } = get();
    const files = paths ?? selected;
    if (!target || files.length === 0) return;
    const traces = useTracesStore.getState();
    const outDir = traces.settings?.defaultOutDir ?? traces.bundlesDir;
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    await traces.collect(filesRequest(target, files, outDir, `remote-${target.node}-${stamp}`));
  },
}));
