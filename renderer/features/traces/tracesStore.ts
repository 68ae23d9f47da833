/**
 * Trace & Log Central's store: the page's tab, the Collect Files wizard's answers, what each node lists
 * (`traces.services`), settings and presets, the collections (`traces.collections` plus onDidChangeTraceCollection),
 * Local Browse's bundles and Schedule Collection's schedules. A collection that ends raises a desktop notification.
 */
import { create } from 'zustand';
import type {
  NodeTraceServices,
  TraceBundleEntry,
  TraceBundleInfo,
  TraceBundleVerification,
  TraceCollectionStatus,
  TraceCollectRequest,
  TracePreset,
  TraceSchedule,
  TraceScheduleInput,
  TraceSettings,
} from '../../../shared/model/traces.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { useAppStore } from '../../app/appStore.js';
import { translate } from '../../i18n/messages.js';
import { call } from '../../ipc/api.js';
import { notifyCollectionEnded } from './collections/collectionNotifier.js';
import { baseName, isFinal } from './collections/progressText.js';
import { initialWizard, nodeKey, type NodeKey, type WizardState } from './collect/wizardModel.js';
import { userTimeZone } from './collect/zonedTime.js';

/** The page's tabs: RTMT's Trace & Log Central tree (serviceability-reference.md A.6). */
export const TRACES_TABS = ['collect', 'collections', 'local', 'schedules', 'remote', 'tail', 'query', 'cores', 'viewer'] as const;
export type TracesTab = (typeof TRACES_TABS)[number];

/** Something loaded per key (a bundle's entries or its verification). */
export type Keyed<T> = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly value: T } | { readonly kind: 'error'; readonly error: ErrorInfo };

/** State and actions of the traces store. */
export interface TracesState {
  readonly tab: TracesTab;
  setTab(tab: TracesTab): void;

  readonly settings?: TraceSettings;
  readonly presets: readonly TracePreset[];
  readonly metaLoad: LoadState;
  loadMeta(): Promise<void>;

  /** What each node lists, by `cluster/node`. */
  readonly services: Readonly<Record<NodeKey, NodeTraceServices>>;
  /** Load state of each cluster's listing. */
  readonly servicesLoad: Readonly<Record<string, LoadState>>;
  loadServices(cluster: string): Promise<void>;

  readonly wizard: WizardState;
  updateWizard(patch: Partial<WizardState> | ((w: WizardState) => WizardState)): void;
  resetWizard(): void;
  readonly starting: boolean;
  readonly actionError?: ErrorInfo;
  clearActionError(): void;
  /** Starts a collection and shows it on the Collections tab; resolves with its first status. */
  collect(request: TraceCollectRequest): Promise<TraceCollectionStatus | undefined>;

  readonly collections: readonly TraceCollectionStatus[];
  readonly collectionsLoad: LoadState;
  /** The collection the Collections tab opens on (the one just started). */
  readonly focusedCollection?: string;
  focusCollection(id: string | undefined): void;
  loadCollections(): Promise<void>;
  applyCollection(status: TraceCollectionStatus): void;
  cancel(id: string): Promise<void>;
  resume(workDir: string): Promise<void>;

  readonly bundlesDir: string;
  readonly bundles: readonly TraceBundleInfo[];
  readonly bundlesLoad: LoadState;
  setBundlesDir(dir: string): void;
  loadBundles(): Promise<void>;
  readonly entries: Readonly<Record<string, Keyed<TraceBundleEntry[]>>>;
  loadEntries(bundlePath: string): Promise<void>;
  readonly verifications: Readonly<Record<string, Keyed<TraceBundleVerification>>>;
  verifyBundle(bundlePath: string): Promise<void>;
  /** Shows a bundle in Local Browse (a finished collection's "Show bundle"). */
  revealBundle(bundlePath: string): void;
  /** The bundle Local Browse highlights. */
  readonly revealed?: string;

  readonly schedules: readonly TraceSchedule[];
  readonly schedulesLoad: LoadState;
  loadSchedules(): Promise<void>;
  saveSchedule(input: TraceScheduleInput): Promise<TraceSchedule | undefined>;
  deleteSchedule(id: string): Promise<void>;
  runSchedule(id: string): Promise<void>;
}

/** The list with `s` inserted or replaced, newest first. */
export function upsertCollection(list: readonly TraceCollectionStatus[], s: TraceCollectionStatus): TraceCollectionStatus[] {
  return [s, ...list.filter((c) => c.id !== s.id)].sort((a, b) => b.startedAtMs - a.startedAtMs);
}

/** The folder part of a path (either separator); the path itself when it has none. */
function dirName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i > 0 ? path.slice(0, i) : path;
}

/** Words the end of a collection for the desktop notification, in the UI language. */
function endedText(s: TraceCollectionStatus): { title: string; body: string } {
  const locale = useAppStore.getState().locale;
  const title = translate(locale, 'traces.notify.title', { label: s.label, state: translate(locale, `traces.state.${s.state}`) });
  const body = s.bundlePath ? baseName(s.bundlePath) : (s.error?.message ?? '');
  return { title, body };
}

/** The traces store (zustand). */
export const useTracesStore = create<TracesState>()((set, get) => ({
  tab: 'collect',
  setTab(tab) {
    set({ tab });
  },

  presets: [],
  metaLoad: IDLE,
  async loadMeta() {
    if (get().metaLoad.kind === 'ready') return;
    set({ metaLoad: LOADING });
    try {
      const [settings, presets] = await Promise.all([call('traces', 'settings'), call('traces', 'presets')]);
      set({ settings, presets, metaLoad: READY, bundlesDir: get().bundlesDir || settings.defaultOutDir });
    } catch (err) {
      set({ metaLoad: { kind: 'error', error: toErrorInfo(err) } });
    }
  },

  services: {},
  servicesLoad: {},
  async loadServices(cluster) {
    set({ servicesLoad: { ...get().servicesLoad, [cluster]: LOADING } });
    try {
      const lists = await call('traces', 'services', cluster);
      const services = { ...get().services };
      for (const l of lists) services[nodeKey(l.cluster, l.node)] = l;
      set({ services, servicesLoad: { ...get().servicesLoad, [cluster]: READY } });
    } catch (err) {
      set({ servicesLoad: { ...get().servicesLoad, [cluster]: { kind: 'error', error: toErrorInfo(err) } } });
    }
  },

  wizard: initialWizard(Date.now(), userTimeZone()),
  updateWizard(patch) {
    const w = get().wizard;
    set({ wizard: typeof patch === 'function' ? patch(w) : { ...w, ...patch } });
  },
  resetWizard() {
    const w = initialWizard(Date.now(), userTimeZone());
    // The destination and the node zone are kept: the next collection usually goes to the same place.
    set({ wizard: { ...w, outDir: get().wizard.outDir, archive: get().wizard.archive, range: { ...w.range, nodeZone: get().wizard.range.nodeZone } } });
  },
  starting: false,
  clearActionError() {
    set({ actionError: undefined });
  },
  async collect(request) {
    set({ starting: true, actionError: undefined });
    try {
      const status = await call('traces', 'collect', request);
      set({ collections: upsertCollection(get().collections, status), focusedCollection: status.id, tab: 'collections', starting: false });
      return status;
    } catch (err) {
      set({ actionError: toErrorInfo(err), starting: false });
      return undefined;
    }
  },

  collections: [],
  collectionsLoad: IDLE,
  focusCollection(id) {
    set({ focusedCollection: id });
  },
  async loadCollections() {
    if (get().collections.length === 0) set({ collectionsLoad: LOADING });
    try {
      const listed = await call('traces', 'collections');
      // An event may have brought a newer status meanwhile: the one with more bytes or a final state wins.
      let list = [...get().collections];
      for (const s of listed) {
        const known = list.find((c) => c.id === s.id);
        if (!known || (!isFinal(known.state) && (isFinal(s.state) || s.bytesDone >= known.bytesDone))) list = upsertCollection(list, s);
      }
      set({ collections: list, collectionsLoad: READY });
    } catch (err) {
      set({ collectionsLoad: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  applyCollection(status) {
    const known = get().collections.find((c) => c.id === status.id);
    set({ collections: upsertCollection(get().collections, status) });
    if (known && !isFinal(known.state) && isFinal(status.state)) {
      notifyCollectionEnded(status, endedText);
      // A new bundle in the folder Local Browse shows: list it again.
      if (status.bundlePath && dirName(status.bundlePath) === get().bundlesDir) void get().loadBundles();
    }
  },
  async cancel(id) {
    set({ actionError: undefined });
    try {
      await call('traces', 'cancel', id);
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
    }
  },
  async resume(workDir) {
    set({ actionError: undefined });
    try {
      const status = await call('traces', 'resume', workDir);
      set({ collections: upsertCollection(get().collections, status), focusedCollection: status.id });
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
    }
  },

  bundlesDir: '',
  bundles: [],
  bundlesLoad: IDLE,
  setBundlesDir(dir) {
    set({ bundlesDir: dir });
  },
  async loadBundles() {
    const dir = get().bundlesDir.trim();
    set({ bundlesLoad: LOADING });
    try {
      const bundles = await (dir ? call('traces', 'bundles', dir) : call('traces', 'bundles'));
      if (get().bundlesDir.trim() !== dir) return;
      set({ bundles: [...bundles].sort((a, b) => b.createdMs - a.createdMs), bundlesLoad: READY });
    } catch (err) {
      set({ bundles: [], bundlesLoad: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  entries: {},
  async loadEntries(bundlePath) {
    set({ entries: { ...get().entries, [bundlePath]: { kind: 'loading' } } });
    try {
      const value = await call('traces', 'bundleEntries', bundlePath);
      set({ entries: { ...get().entries, [bundlePath]: { kind: 'ready', value } } });
    } catch (err) {
      set({ entries: { ...get().entries, [bundlePath]: { kind: 'error', error: toErrorInfo(err) } } });
    }
  },
  verifications: {},
  async verifyBundle(bundlePath) {
    set({ verifications: { ...get().verifications, [bundlePath]: { kind: 'loading' } } });
    try {
      const value = await call('traces', 'verifyBundle', bundlePath);
      set({ verifications: { ...get().verifications, [bundlePath]: { kind: 'ready', value } } });
    } catch (err) {
      set({ verifications: { ...get().verifications, [bundlePath]: { kind: 'error', error: toErrorInfo(err) } } });
    }
  },
  revealBundle(bundlePath) {
    set({ tab: 'local', bundlesDir: dirName(bundlePath), revealed: bundlePath });
    void get().loadBundles();
  },

  schedules: [],
  schedulesLoad: IDLE,
  async loadSchedules() {
    if (get().schedules.length === 0) set({ schedulesLoad: LOADING });
    try {
      const schedules = await call('traces', 'schedules');
      set({ schedules, schedulesLoad: READY });
    } catch (err) {
      set({ schedulesLoad: { kind: 'error', error: toErrorInfo(err) } });
    }
  },
  async saveSchedule(input) {
    set({ actionError: undefined });
    try {
      const saved = await call('traces', 'saveSchedule', input);
      set({ schedules: [saved, ...get().schedules.filter((s) => s.id !== saved.id)].sort((a, b) => a.name.localeCompare(b.name)) });
      return saved;
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
      return undefined;
    }
  },
  async deleteSchedule(id) {
    set({ actionError: undefined });
    try {
      await call('traces', 'deleteSchedule', id);
      set({ schedules: get().schedules.filter((s) => s.id !== id) });
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
    }
  },
  async runSchedule(id) {
    set({ actionError: undefined });
    try {
      const status = await call('traces', 'runSchedule', id);
      set({ collections: upsertCollection(get().collections, status), focusedCollection: status.id, tab: 'collections' });
    } catch (err) {
      set({ actionError: toErrorInfo(err) });
    }
  },
}));
