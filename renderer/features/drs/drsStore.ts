/**
 * Disaster Recovery's store (issue 13): the page's tab, the cluster's DRS overview (registration, devices,
 * schedules, current status, one-step state), history, backup files per device, the backups and restores the app
 * follows (`drs.jobs` plus onDidChangeDrsJob), the estimate, the Restore Wizard's answers, its DRS check, the
 * One-Step Restore state and the after-restore view. Every action that changes the cluster goes through here and
 * leaves its refusal (DRS's own words) in `actionError`. Passwords are never kept here.
 */
import { create } from 'zustand';
import type {
  DrsAfterRestore,
  DrsBackupFile,
  DrsDeviceInput,
  DrsEstimate,
  DrsHistoryEntry,
  DrsJobView,
  DrsOneStepState,
  DrsOperation,
  DrsOverview,
  DrsRestoreCheck,
  DrsRestoreRequest,
  DrsScheduleInput,
} from '../../../shared/model/drs.js';
import { toErrorInfo, type ErrorInfo } from '../../app/errorInfo.js';
import { IDLE, LOADING, READY, type LoadState } from '../../app/loadState.js';
import { call } from '../../ipc/api.js';
import { initialRestoreWizard, type RestoreWizard } from './restore/restoreWizardModel.js';

/** The page's tabs: the guide's Backup and Restore menus (L10058-10648). */
export const DRS_TABS = ['devices', 'schedules', 'backup', 'history', 'restore', 'restoreStatus', 'after'] as const;
export type DrsTab = (typeof DRS_TABS)[number];

/** Something loaded on request. */
export type Keyed<T> = { readonly kind: 'loading' } | { readonly kind: 'ready'; readonly value: T } | { readonly kind: 'error'; readonly error: ErrorInfo };

/** State and actions of the DRS store. */
export interface DrsState {
  readonly tab: DrsTab;
  setTab(tab: DrsTab): void;

  /** The cluster the loaded data belongs to. */
  readonly cluster?: string;
  readonly overview?: DrsOverview;
  readonly overviewLoad: LoadState;
  loadOverview(cluster: string, quiet?: boolean): Promise<void>;

  readonly history: readonly DrsHistoryEntry[];
  readonly historyLoad: LoadState;
  loadHistory(cluster: string): Promise<void>;
  /** Backup files by device name. */
  readonly files: Readonly<Record<string, Keyed<DrsBackupFile[]>>>;
  loadFiles(cluster: string, device: string): Promise<void>;

  readonly jobs: readonly DrsJobView[];
  loadJobs(cluster: string): Promise<void>;
  applyJob(view: DrsJobView): void;

  readonly estimate?: Keyed<DrsEstimate> & { readonly features?: string };
  runEstimate(cluster: string, features: readonly string[]): Promise<void>;
  clearEstimate(): void;

  /** The action under way ('device', 'schedule', 'backup', 'cancel', 'check', 'restore', 'oneStep', 'restart:<node>'). */
  readonly busy?: string;
  readonly actionError?: ErrorInfo;
  clearActionError(): void;
  saveDevice(input: DrsDeviceInput): Promise<boolean>;
  deleteDevice(cluster: string, name: string): Promise<boolean>;
  saveSchedule(input: DrsScheduleInput): Promise<boolean>;
  setSchedulesEnabled(cluster: string, names: readonly string[], enabled: boolean): Promise<boolean>;
  deleteSchedules(cluster: string, names: readonly string[]): Promise<boolean>;
  startBackup(cluster: string, device: string, features: readonly string[]): Promise<boolean>;
  cancelBackup(cluster: string): Promise<boolean>;

  readonly wizard: RestoreWizard;
  updateWizard(patch: Partial<RestoreWizard>): void;
  resetWizard(): void;
  readonly check?: Keyed<DrsRestoreCheck>;
  clearCheck(): void;
  checkRestore(request: DrsRestoreRequest): Promise<DrsRestoreCheck | undefined>;
  readonly oneStep?: DrsOneStepState;
  prepareOneStep(cluster: string, device: string, fileName: string): Promise<void>;
  pollOneStep(cluster: string): Promise<void>;
  startRestore(request: DrsRestoreRequest): Promise<boolean>;

  /** The servers of the last restore (what After Restore restarts and checks). */
  readonly restoredServers: readonly string[];
  readonly after?: Keyed<DrsAfterRestore>;
  loadAfter(cluster: string, servers: readonly string[], quiet?: boolean): Promise<void>;
  restartNode(cluster: string, node: string): Promise<boolean>;
  /** When this app restarted each node since the last restore (the guide's order is walked once). */
  readonly restarted: Readonly<Record<string, number>>;
}

/** The list with `v` inserted or replaced (by job id), newest first. */
export function upsertDrsJob(list: readonly DrsJobView[], v: DrsJobView): DrsJobView[] {
  return [v, ...list.filter((j) => j.jobId !== v.jobId)].sort((a, b) => b.startedMs - a.startedMs);
}

/** Whether a job is still running (no end, and DRS has not said it ended). */
export function isJobRunning(j: DrsJobView): boolean {
  return j.endedMs === undefined && (j.status === undefined || j.status.state === 'RUNNING');
}

/** The newest job of an operation on a cluster. */
export function latestJob(jobs: readonly DrsJobView[], cluster: string | undefined, op: DrsOperation): DrsJobView | undefined {
  return jobs.find((j) => j.cluster === cluster && j.operation === op);
}

/** The DRS store (zustand). */
export const useDrsStore = create<DrsState>()((set, get) => {
  /** Runs a cluster-changing call under `busy`; a refusal lands in actionError. */
  async function act<T>(busy: string, work: () => Promise<T>, done: (v: T) => void): Promise<boolean> {
    set({ busy, actionError: undefined });
    try {
      const v = await work();
      done(v);
      set({ busy: undefined });
      return true;
    } catch (err) {
      set({ busy: undefined, actionError: toErrorInfo(err) });
      return false;
    }
  }
  const patchOverview = (patch: Partial<DrsOverview>) => {
    const o = get().overview;
    if (o) set({ overview: { ...o, ...patch } });
  };

  /**
   * Schedules changed: which device a schedule uses changed with them, and DRS's device list says it (Delete
   * Selected is refused for a device in use, guide L10081). The list is read again quietly instead of waiting for
   * the next poll (the Devices tab showed a device just put in a schedule as deletable for up to 20 s).
   */
  const schedulesChanged = (cluster: string, schedules: DrsOverview['schedules']) => {
    patchOverview({ schedules });
    void get().loadOverview(cluster, true);
  };

  return {
    tab: 'devices',
    setTab(tab) {
      // A refusal belongs to the tab where it happened: it does not follow the person to the next one.
      set({ tab, ...(tab !== get().tab ? { actionError: undefined } : {}) });
    },

    overviewLoad: IDLE,
    async loadOverview(cluster, quiet = false) {
      if (get().cluster !== cluster) set({ cluster, overview: undefined, history: [], historyLoad: IDLE, files: {}, check: undefined, after: undefined, oneStep: undefined, estimate: undefined, wizard: initialRestoreWizard() });
      if (!quiet || !get().overview) set({ overviewLoad: LOADING });
      try {
        const overview = await call('drs', 'overview', cluster);
        if (get().cluster !== cluster) return;
        set({ overview, overviewLoad: READY, ...(overview.oneStep && overview.oneStep.state !== 'idle' ? { oneStep: overview.oneStep } : {}) });
      } catch (err) {
        if (get().cluster === cluster && (!quiet || !get().overview)) set({ overviewLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },

    history: [],
    historyLoad: IDLE,
    async loadHistory(cluster) {
      if (get().history.length === 0) set({ historyLoad: LOADING });
      try {
        const history = await call('drs', 'history', cluster);
        set({ history, historyLoad: READY });
      } catch (err) {
        set({ historyLoad: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    files: {},
    async loadFiles(cluster, device) {
      set({ files: { ...get().files, [device]: { kind: 'loading' } } });
      try {
        const value = await call('drs', 'backupFiles', cluster, device);
        set({ files: { ...get().files, [device]: { kind: 'ready', value } } });
      } catch (err) {
        set({ files: { ...get().files, [device]: { kind: 'error', error: toErrorInfo(err) } } });
      }
    },

    jobs: [],
    async loadJobs(cluster) {
      try {
        const listed = await call('drs', 'jobs', cluster);
        let list = [...get().jobs];
        // An event may have brought a newer view meanwhile: an ended one, or a later status read, wins.
        for (const v of listed) {
          const known = list.find((j) => j.jobId === v.jobId);
          if (!known || (isJobRunning(known) && (!isJobRunning(v) || (v.status?.percentage ?? 0) >= (known.status?.percentage ?? 0)))) list = upsertDrsJob(list, v);
        }
        set({ jobs: list });
      } catch {
        // The jobs list is a convenience: the status tabs read `drs.status` themselves.
      }
    },
    applyJob(view) {
      const known = get().jobs.find((j) => j.jobId === view.jobId);
      set({ jobs: upsertDrsJob(get().jobs, view) });
      if (known && isJobRunning(known) && !isJobRunning(view) && view.cluster === get().cluster) {
        // A job that ended changes history, the device's files and the overview's status.
        void get().loadHistory(view.cluster);
        void get().loadOverview(view.cluster, true);
      }
    },

    clearEstimate() {
      set({ estimate: undefined });
    },
    async runEstimate(cluster, features) {
      const key = features.join(',');
      set({ estimate: { kind: 'loading', features: key } });
      try {
        const value = await call('drs', 'estimate', cluster, features);
        set({ estimate: { kind: 'ready', value, features: key } });
      } catch (err) {
        set({ estimate: { kind: 'error', error: toErrorInfo(err), features: key } });
      }
    },

    clearActionError() {
      set({ actionError: undefined });
    },
    saveDevice(input) {
      return act('device', () => call('drs', 'saveDevice', input), (devices) => patchOverview({ devices }));
    },
    deleteDevice(cluster, name) {
      return act('device', () => call('drs', 'deleteDevice', cluster, name), (devices) => patchOverview({ devices }));
    },
    saveSchedule(input) {
      return act('schedule', () => call('drs', 'saveSchedule', input), (schedules) => schedulesChanged(input.cluster, schedules));
    },
    setSchedulesEnabled(cluster, names, enabled) {
      return act('schedule', () => call('drs', 'setSchedulesEnabled', cluster, names, enabled), (schedules) => schedulesChanged(cluster, schedules));
    },
    async deleteSchedules(cluster, names) {
      return act(
        'schedule',
        async () => {
          let last = get().overview?.schedules ?? [];
          for (const n of names) last = await call('drs', 'deleteSchedule', cluster, n);
          return last;
        },
        (schedules) => schedulesChanged(cluster, schedules),
      );
    },
    startBackup(cluster, device, features) {
      return act('backup', () => call('drs', 'startBackup', cluster, device, features), (view) => set({ jobs: upsertDrsJob(get().jobs, view) }));
    },
    cancelBackup(cluster) {
      return act('cancel', () => call('drs', 'cancelBackup', cluster), (view) => {
        if (view) set({ jobs: upsertDrsJob(get().jobs, view) });
      });
    },

    wizard: initialRestoreWizard(),
    updateWizard(patch) {
      set({ wizard: { ...get().wizard, ...patch }, check: undefined });
    },
    resetWizard() {
      set({ wizard: initialRestoreWizard(), check: undefined, oneStep: undefined });
    },
    clearCheck() {
      set({ check: undefined });
    },
    async checkRestore(request) {
      set({ check: { kind: 'loading' }, busy: 'check', actionError: undefined });
      try {
        const value = await call('drs', 'checkRestore', request);
        set({ check: { kind: 'ready', value }, busy: undefined });
        return value;
      } catch (err) {
        set({ check: { kind: 'error', error: toErrorInfo(err) }, busy: undefined });
        return undefined;
      }
    },
    async prepareOneStep(cluster, device, fileName) {
      await act('oneStep', () => call('drs', 'prepareOneStep', cluster, device, fileName), (oneStep) => set({ oneStep }));
    },
    async pollOneStep(cluster) {
      try {
        const oneStep = await call('drs', 'oneStepState', cluster);
        set({ oneStep });
      } catch (err) {
        set({ actionError: toErrorInfo(err) });
      }
    },
    startRestore(request) {
      return act('restore', () => call('drs', 'startRestore', request), (view) =>
        set({ jobs: upsertDrsJob(get().jobs, view), restoredServers: [...request.servers], restarted: {}, tab: 'restoreStatus', check: undefined }),
      );
    },

    restoredServers: [],
    async loadAfter(cluster, servers, quiet = false) {
      if (!quiet || get().after?.kind !== 'ready') set({ after: { kind: 'loading' } });
      try {
        const value = await call('drs', 'afterRestore', cluster, servers);
        set({ after: { kind: 'ready', value } });
      } catch (err) {
        if (!quiet || get().after?.kind !== 'ready') set({ after: { kind: 'error', error: toErrorInfo(err) } });
      }
    },
    restartNode(cluster, node) {
      return act(`restart:${node}`, () => call('drs', 'restartNode', cluster, node), () => set({ restarted: { ...get().restarted, [node]: Date.now() } }));
    },
    restarted: {},
  };
});
