import type { DesktopApi, DesktopEvents } from './contract.js';

type Table<T> = { readonly [K in keyof T]: true };

/** The runtime allow-list of methods; `satisfies` makes a missing or extra method a compile error. */
export const API_METHODS = {
  app: { info: true, storage: true },
  clusters: { list: true, configs: true, identify: true, discover: true, test: true, testSaved: true, save: true, remove: true, embedded: true, setEmbedded: true },
  receivers: { status: true, save: true, configureNodes: true },
  notifications: { settings: true, save: true, test: true, log: true },
  nodes: { system: true, services: true, processes: true, partitions: true, controlService: true },
  perf: { listObjects: true, listInstances: true, query: true, watch: true, unwatch: true, exportCsv: true, describeCounter: true, saveLayout: true, listLayouts: true, deleteLayout: true },
  ha: { groups: true, command: true },
  alerts: { listRules: true, saveRule: true, resetRule: true, setSuspended: true, listActive: true, history: true, acknowledge: true, unacknowledge: true, clear: true, clearAll: true, addNote: true, journal: true, silence: true, updateSilence: true, listSilences: true, expireSilence: true, listMaintenance: true, saveMaintenance: true, deleteMaintenance: true },
  syslog: { query: true },
  jobs: { list: true },
  traces: {
    settings: true,
    presets: true,
    services: true,
    collect: true,
    collections: true,
    cancel: true,
    resume: true,
    browse: true,
    cores: true,
    bundles: true,
    bundleEntries: true,
    verifyBundle: true,
    openLog: true,
    readLines: true,
    findInLog: true,
    lineAtTime: true,
    closeLog: true,
    search: true,
    tailStart: true,
    tailStop: true,
    schedules: true,
    saveSchedule: true,
    deleteSchedule: true,
    runSchedule: true,
    alarmTraces: true,
  },
  drs: {
    overview: true,
    devices: true,
    saveDevice: true,
    deleteDevice: true,
    schedules: true,
    saveSchedule: true,
    setSchedulesEnabled: true,
    deleteSchedule: true,
    estimate: true,
    startBackup: true,
    cancelBackup: true,
    status: true,
    jobs: true,
    history: true,
    backupFiles: true,
    checkRestore: true,
    prepareOneStep: true,
    oneStepState: true,
    startRestore: true,
    afterRestore: true,
    restartNode: true,
    actions: true,
  },
  reports: { generate: true, runs: true, get: true, cancel: true, remove: true, findUser: true },
} as const satisfies { readonly [S in keyof DesktopApi]: Table<DesktopApi[S]> };

/** The runtime allow-list of push events. */
export const EVENT_NAMES = {
  onDidAppendSamples: true,
  onDidChangeClusters: true,
  onDidTransitionAlerts: true,
  onDidChangeAlarms: true,
  onDidChangeJob: true,
  onDidReceiveSyslog: true,
  onDidChangeTraceCollection: true,
  onDidTailLines: true,
  onDidChangeDrsJob: true,
  onDidChangeReport: true,
} as const satisfies Table<DesktopEvents>;

/** Prefix of every channel (like vscode's 'vscode:'). */
export const CHANNEL_PREFIX = 'app:';

/** The invoke channel of a method. */
export function invokeChannel(service: string, method: string): string {
  return `${CHANNEL_PREFIX}${service}.${method}`;
}

/** The channel of a push event. */
export function eventChannel(event: keyof DesktopEvents): string {
  return `${CHANNEL_PREFIX}event.${event}`;
}

/** Whether (service, method) is in the allow-list. */
export function isApiMethod(service: string, method: string): boolean {
  // Own properties only: '__proto__', 'toString' and friends are never methods.
  if (!Object.prototype.hasOwnProperty.call(API_METHODS, service)) return false;
  const methods = (API_METHODS as Record<string, Record<string, true>>)[service]!;
  return Object.prototype.hasOwnProperty.call(methods, method);
}

/** Whether a name is an allowed push event. */
export function isEventName(name: string): name is keyof DesktopEvents {
  return Object.prototype.hasOwnProperty.call(EVENT_NAMES, name);
}
