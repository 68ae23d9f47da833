/**
 * The log viewer's store: the open logs (main keeps each file's line index; `traces.openLog`), windows of lines
 * fetched page by page as the virtualised list scrolls (a few pages kept per log, never the file), the search
 * (plain or regex, next/previous through `traces.findInLog`) and jump to time (`traces.lineAtTime`).
 * `openInViewer(source, at?)` is the action the other panels (Remote Browse, Query Wizard, Local Browse) call.
 */
import { create } from 'zustand';
import type { LogDocument, LogLine, LogSource } from '../../../../shared/model/traces.js';
import { toErrorInfo, type ErrorInfo } from '../../../app/errorInfo.js';
import { call } from '../../../ipc/api.js';
import { useTracesStore } from '../tracesStore.js';

/** Lines per page fetched from main. */
export const PAGE_LINES = 200;
/** Pages kept per log (the rest are fetched again when scrolled back to). */
const MAX_PAGES = 40;

export interface ViewerSearch {
  readonly pattern: string;
  readonly regex: boolean;
  readonly ignoreCase: boolean;
}

/** Where to put the view once a log is open: a line, or the first line matching a text. */
export type OpenAt = { readonly line: number } | { readonly find: string };

export interface ViewerState {
  readonly docs: readonly LogDocument[];
  readonly activeId?: string;
  /** Pages by document id, then page number. */
  readonly pages: Readonly<Record<string, ReadonlyMap<number, readonly LogLine[]>>>;
  /** The line to scroll to and mark (set by find, jump or open-at); `seq` changes each time. */
  readonly target?: { readonly docId: string; readonly line: number; readonly seq: number };
  readonly search: ViewerSearch;
  readonly opening: boolean;
  readonly busy: boolean;
  readonly error?: ErrorInfo;
  /** A note for the user (no match, jumped to the last line). */
  readonly note?: 'noMatch' | 'afterLast';
  openInViewer(source: LogSource, at?: OpenAt): Promise<void>;
  activate(id: string): void;
  close(id: string): Promise<void>;
  ensurePage(id: string, page: number): Promise<void>;
  setSearch(search: Partial<ViewerSearch>): void;
  findNext(backwards?: boolean): Promise<void>;
  jumpToTime(timeMs: number): Promise<void>;
  goToLine(line: number): void;
  clearError(): void;
}

const inFlight = new Set<string>();
let seq = 0;

/** The viewer store (zustand). */
export const useViewerStore = create<ViewerState>()((set, get) => ({
  docs: [],
  pages: {},
  search: { pattern: '', regex: false, ignoreCase: true },
  opening: false,
  busy: false,

  async openInViewer(source, at) {
    useTracesStore.getState().setTab('viewer');
    set({ opening: true, error: undefined, note: undefined });
    try {
      const doc = await call('traces', 'openLog', source);
      set((s) => ({ docs: [...s.docs, doc], activeId: doc.id, pages: { ...s.pages, [doc.id]: new Map() }, opening: false }));
      if (at && 'line' in at) get().goToLine(at.line);
      else if (at && 'find' in at) {
        set({ search: { pattern: at.find, regex: false, ignoreCase: false } });
        const line = await call('traces', 'findInLog', doc.id, { pattern: at.find, regex: false, ignoreCase: false, fromLine: 0 });
        if (line >= 0) get().goToLine(line);
        else set({ note: 'noMatch' });
      }
    } catch (err) {
      set({ opening: false, error: toErrorInfo(err) });
    }
  },

  activate(id) {
    set({ activeId: id, note: undefined });
  },

  async close(id) {
    set((s) => {
      const docs = s.docs.filter((d) => d.id !== id);
      const pages = { ...s.pages };
      delete pages[id];
      return { docs, pages, activeId: s.activeId === id ? docs[docs.length - 1]?.id : s.activeId, target: s.target?.docId === id ? undefined : s.target };
    });
    try {
      await call('traces', 'closeLog', id);
    } catch {
      // Main forgets it anyway when it is closed or evicted; nothing to show.
    }
  },

  async ensurePage(id, page) {
    const key = `${id}:${page}`;
    if (get().pages[id]?.has(page) || inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const lines = await call('traces', 'readLines', id, page * PAGE_LINES, PAGE_LINES);
      set((s) => {
        const old = s.pages[id];
        if (!old) return {};
        const next = new Map(old);
        next.set(page, lines);
        while (next.size > MAX_PAGES) next.delete(next.keys().next().value!);
        return { pages: { ...s.pages, [id]: next } };
      });
    } catch (err) {
      set({ error: toErrorInfo(err) });
    } finally {
      inFlight.delete(key);
    }
  },

  setSearch(search) {
    set((s) => ({ search: { ...s.search, ...search }, note: undefined }));
  },

  async findNext(backwards = false) {
    const { activeId, search, target } = get();
    if (!activeId || !search.pattern) return;
    const current = target?.docId === activeId ? target.line : -1;
    const fromLine = backwards ? Math.max(0, current - 1) : current + 1;
    if (backwards && current <= 0) return set({ note: 'noMatch' });
    set({ busy: true, note: undefined, error: undefined });
    try {
      const line = await call('traces', 'findInLog', activeId, { ...search, fromLine, backwards });
      set({ busy: false });
      if (line >= 0) get().goToLine(line);
      else set({ note: 'noMatch' });
    } catch (err) {
      set({ busy: false, error: toErrorInfo(err) });
    }
  },

  async jumpToTime(timeMs) {
    const { activeId, docs } = get();
    if (!activeId) return;
    set({ busy: true, note: undefined, error: undefined });
    try {
      const line = await call('traces', 'lineAtTime', activeId, timeMs);
      const doc = docs.find((d) => d.id === activeId);
      set({ busy: false, note: doc?.lastTimeMs !== undefined && timeMs > doc.lastTimeMs ? 'afterLast' : undefined });
      get().goToLine(line);
    } catch (err) {
      set({ busy: false, error: toErrorInfo(err) });
    }
  },

  goToLine(line) {
    const { activeId } = get();
    if (!activeId) return;
    set({ target: { docId: activeId, line: Math.max(0, line), seq: ++seq } });
  },

  clearError() {
    set({ error: undefined });
  },
}));

/** Opens a source in the viewer (for other panels). */
export function openInViewer(source: LogSource, at?: OpenAt): Promise<void> {
  return useViewerStore.getState().openInViewer(source, at);
}
