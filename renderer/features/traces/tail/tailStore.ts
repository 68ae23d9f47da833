/**
 * Real Time Trace's store: the files followed on one node (`traces.tailStart`, lines arriving as onDidTailLines
 * batches), pause (lines keep arriving and wait; nothing is lost up to the cap), a display filter, and what was
 * seen kept for saving (the last MAX_LINES lines).
 */
import { create } from 'zustand';
import type { TailBatch } from '../../../../shared/model/traces.js';
import { toErrorInfo, type ErrorInfo } from '../../../app/errorInfo.js';
import { call } from '../../../ipc/api.js';
import { useTracesStore } from '../tracesStore.js';
import type { NodeRef } from '../remote/NodeSelect.js';

/** Lines kept (the oldest go first beyond it). */
export const MAX_LINES = 50_000;

export interface TailLine {
  readonly seq: number;
  readonly path: string;
  readonly text: string;
  readonly atMs: number;
}

export type TailStatus = 'idle' | 'starting' | 'running' | 'stopped';

export interface TailState {
  readonly target?: NodeRef;
  readonly paths: readonly string[];
  readonly filter: string;
  readonly status: TailStatus;
  readonly tailId?: string;
  readonly lines: readonly TailLine[];
  /** Lines received while paused, shown on resume. */
  readonly held: readonly TailLine[];
  readonly paused: boolean;
  /** Lines dropped because more than MAX_LINES were kept. */
  readonly dropped: number;
  readonly error?: ErrorInfo;
  setTarget(target: NodeRef): void;
  addPath(path: string): void;
  removePath(path: string): void;
  setFilter(filter: string): void;
  /** Adds a file of a node to follow, shows the tab and starts following (from Remote Browse). */
  follow(target: NodeRef, path: string): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  setPaused(paused: boolean): void;
  clear(): void;
  applyBatch(batch: TailBatch): void;
}

let seq = 0;
/** Batches that arrived while the start's answer (the tail id) was on its way. */
let early: TailBatch[] = [];

/** Lines that pass a display filter (a regular expression, else plain text; case-insensitive). */
export function filterLines(lines: readonly TailLine[], filter: string): readonly TailLine[] {
  if (!filter) return lines;
  let re: RegExp;
  try {
    re = new RegExp(filter, 'i');
  } catch {
    const needle = filter.toLowerCase();
    return lines.filter((l) => l.text.toLowerCase().includes(needle));
  }
  return lines.filter((l) => re.test(l.text));
}

/** The text a "save" writes: one line per received line, `<time> <file>: <text>`. */
export function savedText(lines: readonly TailLine[]): string {
  return lines.map((l) => `${new Date(l.atMs).toISOString()} ${l.path}: ${l.text}\n`).join('');
}

function cap(lines: TailLine[]): { lines: TailLine[]; dropped: number } {
  if (lines.length <= MAX_LINES) return { lines, dropped: 0 };
  return { lines: lines.slice(lines.length - MAX_LINES), dropped: lines.length - MAX_LINES };
}

/** The tail store (zustand). */
export const useTailStore = create<TailState>()((set, get) => ({
  paths: [],
  filter: '',
  status: 'idle',
  lines: [],
  held: [],
  paused: false,
  dropped: 0,

  setTarget(target) {
    const old = get().target;
    if (old && old.cluster === target.cluster && old.node === target.node) return;
    set({ target, paths: get().status === 'running' ? get().paths : [] });
  },
  addPath(path) {
    const p = path.trim();
    if (!p || get().paths.includes(p)) return;
    set({ paths: [...get().paths, p.startsWith('/') ? p : `/${p}`] });
  },
  removePath(path) {
    set({ paths: get().paths.filter((p) => p !== path) });
  },
  setFilter(filter) {
    set({ filter });
  },
  follow(target, path) {
    const { status } = get();
    // Following starts at once (the person pressed Follow): a running tail is stopped and restarted with the file added.
    const stopped = status === 'running' || status === 'starting' ? get().stop() : Promise.resolve();
    const same = get().target?.cluster === target.cluster && get().target?.node === target.node;
    set({ target, paths: same ? [...new Set([...get().paths, path])] : [path] });
    useTracesStore.getState().setTab('tail');
    void stopped.then(() => get().start());
  },

  async start() {
    const { target, paths, status } = get();
    if (!target || paths.length === 0 || status === 'running' || status === 'starting') return;
    set({ status: 'starting', error: undefined, paused: false });
    try {
      const tailId = await call('traces', 'tailStart', { cluster: target.cluster, node: target.node, paths });
      // A stop asked while starting wins.
      if (get().status !== 'starting') {
        await call('traces', 'tailStop', tailId);
        return;
      }
      set({ tailId, status: 'running' });
      const waiting = early;
      early = [];
      for (const b of waiting) get().applyBatch(b);
    } catch (err) {
      set({ status: 'stopped', error: toErrorInfo(err) });
    }
  },
  async stop() {
    const { tailId } = get();
    set((s) => ({ status: 'stopped', tailId: undefined, paused: false, ...(s.held.length > 0 ? cap([...s.lines, ...s.held]) : {}), held: [] }));
    if (!tailId) return;
    try {
      await call('traces', 'tailStop', tailId);
    } catch (err) {
      set({ error: toErrorInfo(err) });
    }
  },
  setPaused(paused) {
    if (paused) return set({ paused: true });
    set((s) => {
      const { lines, dropped } = cap([...s.lines, ...s.held]);
      return { paused: false, lines, held: [], dropped: s.dropped + dropped };
    });
  },
  clear() {
    set({ lines: [], held: [], dropped: 0 });
  },
  applyBatch(batch) {
    const s = get();
    if (s.status === 'starting' && !s.tailId) {
      early = [...early.slice(-100), batch];
      return;
    }
    if (batch.tailId !== s.tailId) return;
    const incoming = batch.lines.map((l) => ({ seq: ++seq, path: l.path, text: l.text, atMs: l.atMs }));
    const end = batch.closed ? { status: 'stopped' as const, tailId: undefined, ...(batch.error ? { error: { code: batch.error.code, message: batch.error.message, retryable: batch.error.retryable } } : {}) } : {};
    if (s.paused && !batch.closed) {
      const held = cap([...s.held, ...incoming]);
      return set({ held: held.lines, dropped: s.dropped + held.dropped });
    }
    const { lines, dropped } = cap([...s.lines, ...s.held, ...incoming]);
    set({ lines, held: [], dropped: s.dropped + dropped, ...end, ...(batch.closed ? { paused: false } : {}) });
  },
}));
