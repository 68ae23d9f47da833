/**
 * The Reports view's store (issue 14): the tab, every kept and running run (`reports.runs` plus onDidChangeReport),
 * the run shown and the run it is compared with per kind, the loaded reports, the options a person set, and the
 * actions (generate, cancel, remove). A run that finishes while it is shown is loaded at once. Failed actions leave
 * their error in `actionError`; nothing typed is lost.
 */
import { create } from 'zustand';
import type { Report, ReportKind, ReportOptions, ReportRunInfo } from '../../../shared/model/reports.js';
import { REPORT_KINDS } from '../../../shared/model/reports.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';

/** The page's tabs: one per report kind, then "Find a user". */
export const REPORT_TABS = [...REPORT_KINDS, 'find-user'] as const;
export type ReportsTab = (typeof REPORT_TABS)[number];

/** Something loaded on request. */
export type Keyed<T> = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly value: T } | { readonly kind: 'error'; readonly error: ErrorInfo };

/** Whether a run is still going. */
export const isRunning = (r: ReportRunInfo | undefined): boolean => r?.state === 'running';

/** Same kind and clusters: a finished watch run replaces the previous one (main/core/reports/reportRuns.ts). */
const sameWatchSlot = (a: ReportRunInfo, b: ReportRunInfo): boolean => a.kind === b.kind && a.clusters.length === b.clusters.length && a.clusters.every((c) => b.clusters.includes(c));

/**
 * The list with `info` inserted or replaced (by id), newest first. A finished watch run (Watch mode) drops the
 * earlier finished watch runs of its kind and clusters, as the backend does: only the latest is kept.
 */
export function upsertRun(list: readonly ReportRunInfo[], info: ReportRunInfo): ReportRunInfo[] {
  const known = list.find((r) => r.id === info.id);
  // A late progress event never turns a finished run back into a running one.
  if (known && !isRunning(known) && isRunning(info)) return [...list];
  const replaced = (r: ReportRunInfo): boolean => !!info.watch && !isRunning(info) && !!r.watch && !isRunning(r) && r.startedAtMs <= info.startedAtMs && sameWatchSlot(r, info);
  return [info, ...list.filter((r) => r.id !== info.id && !replaced(r))].sort((a, b) => b.startedAtMs - a.startedAtMs);
}

/** State and actions of the reports store. */
export interface ReportsState {
  readonly tab: ReportsTab;
  setTab(tab: ReportsTab): void;

  /** Every run the backend keeps or runs, newest first. */
  readonly runs: readonly ReportRunInfo[];
  readonly runsLoad: LoadState;
  loadRuns(): Promise<void>;
  applyRun(info: ReportRunInfo): void;

  /** The run shown per kind (default: the newest), and the run it is compared with. */
  readonly selected: Partial<Record<ReportKind, string>>;
  readonly compareWith: Partial<Record<ReportKind, string>>;
  /** Runs started by watch mode: shown once they finished (the last finished one stays until then). */
  readonly follow: Partial<Record<ReportKind, string>>;
  select(kind: ReportKind, id: string): void;
  setCompare(kind: ReportKind, id: string | undefined): void;

  /** Loaded reports by run id (only the shown and compared ones are kept). */
  readonly reports: Readonly<Record<string, Keyed<Report>>>;
  loadReport(id: string): Promise<void>;

  /** Options per kind as the person set them (unset: the backend's defaults, OVA from the IM&P view). */
  readonly options: Partial<Record<ReportKind, ReportOptions>>;
  setOptions(kind: ReportKind, options: ReportOptions): void;

  /** 'generate:<kind>', 'cancel:<id>' or 'remove:<id>' while under way. */
  readonly busy?: string;
  readonly actionError?: ErrorInfo;
  clearActionError(): void;
  /** `watch`: a Watch-mode run (quiet; kept apart by the backend, shown once it finished). */
  generate(kind: ReportKind, options?: ReportOptions, watch?: boolean): Promise<ReportRunInfo | undefined>;
  cancel(id: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

/** The runs of one kind, newest first. */
export function runsOf(runs: readonly ReportRunInfo[], kind: ReportKind): ReportRunInfo[] {
  return runs.filter((r) => r.kind === kind);
}

/** The id of the run shown for a kind: the chosen one while it exists, else the newest finished one, else the newest. */
export function shownRunId(state: Pick<ReportsState, 'runs' | 'selected'>, kind: ReportKind): string | undefined {
  const list = runsOf(state.runs, kind);
  const chosen = state.selected[kind];
  if (chosen && list.some((r) => r.id === chosen)) return chosen;
  return (list.find((r) => r.state === 'done') ?? list[0])?.id;
}

/** The reports store (zustand). */
export const useReportsStore = create<ReportsState>()((set, get) => {
  /** Keeps only the reports shown or compared (a 15,000-user session report is big). */
  const prune = (keep: readonly (string | undefined)[]) => {
    const shown = REPORT_KINDS.map((k) => shownRunId(get(), k));
    const ids = new Set([...shown, ...Object.values(get().compareWith), ...keep].filter((x): x is string => !!x));
    const reports = Object.fromEntries(Object.entries(get().reports).filter(([id]) => ids.has(id)));
    set({ reports });
  };
  return {
    tab: 'sessions',
    setTab(tab) {
      set({ tab, ...(tab !== get().tab ? { actionError: undefined } : {}) });
    },

    runs: [],
    runsLoad: IDLE,
    async loadRuns() {
      if (get().runs.length === 0) set({ runsLoad: LOADING });
      try {
        const listed = await call('reports', 'runs');
        let list: ReportRunInfo[] = [];
        // Events may have brought newer states meanwhile: a finished run wins over a listed running one.
        for (const r of listed) list = upsertRun(list, r);
        for (const r of get().runs) if (list.some((x) => x.id === r.id) || isRunning(r)) list = upsertRun(list, r);
        set({ runs: list, runsLoad: READY });
      } catch (err) {
        set({ runsLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    applyRun(info) {
      const known = get().runs.find((r) => r.id === info.id);
      set({ runs: upsertRun(get().runs, info) });
      const shown = shownRunId(get(), info.kind) === info.id || get().compareWith[info.kind] === info.id;
      if (!known || !isRunning(known) || isRunning(info)) return;
      if (get().follow[info.kind] === info.id) {
        set({ follow: { ...get().follow, [info.kind]: undefined } });
        if (info.state === 'done') get().select(info.kind, info.id);
      } else if (shown) void get().loadReport(info.id);
    },

    selected: {},
    compareWith: {},
    follow: {},
    select(kind, id) {
      set({ selected: { ...get().selected, [kind]: id }, ...(get().compareWith[kind] === id ? { compareWith: { ...get().compareWith, [kind]: undefined } } : {}) });
      prune([id]);
      const run = get().runs.find((r) => r.id === id);
      if (run && !isRunning(run) && !get().reports[id]) void get().loadReport(id);
    },
    setCompare(kind, id) {
      set({ compareWith: { ...get().compareWith, [kind]: id } });
      prune([id]);
      if (id && !get().reports[id]) void get().loadReport(id);
    },

    reports: {},
    async loadReport(id) {
      set({ reports: { ...get().reports, [id]: { kind: 'loading' } } });
      try {
        const value = await call('reports', 'get', id);
        set({ reports: { ...get().reports, [id]: { kind: 'ready', value } } });
      } catch (err) {
        set({ reports: { ...get().reports, [id]: { kind: 'error', error: toErrorInfo(err) } } });
      }
    },

    options: {},
    setOptions(kind, options) {
      set({ options: { ...get().options, [kind]: { ...get().options[kind], ...options } } });
    },

    clearActionError() {
      set({ actionError: undefined });
    },
    async generate(kind, options, watch = false) {
      const quiet = watch;
      if (!quiet) set({ busy: `generate:${kind}`, actionError: undefined });
      try {
        const info = await call('reports', 'generate', { kind, ...(options && Object.keys(options).length > 0 ? { options } : {}), ...(watch ? { watch: true } : {}) });
        set({ runs: upsertRun(get().runs, info), busy: quiet ? get().busy : undefined });
        // Watch mode keeps the shown run until the new one finished; otherwise the new run is shown at once.
        if (!quiet) set({ selected: { ...get().selected, [kind]: info.id } });
        else if (isRunning(info)) set({ follow: { ...get().follow, [kind]: info.id } });
        if (!isRunning(info)) {
          if (quiet) get().select(kind, info.id);
          else void get().loadReport(info.id);
        }
        return info;
      } catch (err) {
        set({ ...(quiet ? {} : { busy: undefined }), actionError: toErrorInfo(err) });
        return undefined;
      }
    },
    async cancel(id) {
      set({ busy: `cancel:${id}`, actionError: undefined });
      try {
        await call('reports', 'cancel', id);
        set({ busy: undefined });
        return true;
      } catch (err) {
        set({ busy: undefined, actionError: toErrorInfo(err) });
        return false;
      }
    },
    async remove(id) {
      set({ busy: `remove:${id}`, actionError: undefined });
      try {
        await call('reports', 'remove', id);
        const selected = Object.fromEntries(Object.entries(get().selected).filter(([, v]) => v !== id));
        const compareWith = Object.fromEntries(Object.entries(get().compareWith).filter(([, v]) => v !== id));
        set({ busy: undefined, runs: get().runs.filter((r) => r.id !== id), selected, compareWith });
        prune([]);
        return true;
      } catch (err) {
        set({ busy: undefined, actionError: toErrorInfo(err) });
        return false;
      }
    },
  };
});
