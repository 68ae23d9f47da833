import type { DesktopApi, DesktopEvents } from './contract.js';

import type { MethodRole } from '../model/access.js';

type Table<T> = { readonly [K in keyof T]: true };
type RoleTable<T> = { readonly [K in keyof T]: MethodRole };

const V = 'viewer';
const O = 'operator';
const A = 'admin';

/**
 * The runtime allow-list of methods with the role each requires (issue 16): `satisfies` makes a missing or extra
 * method, or one without a role, a compile error; test/integration/methodRoles.test.ts enumerates them at run time.
 * viewer: reads (the wall screen). operator: the alarm workflow, trace collection, reports, chart layouts.
 * admin: service control, HA, DRS, clusters, receivers, rules, notification settings, operators.
 * Reading logs and local trace bundles is the operator's (support engineers): a server's files are not the wall screen's.
 */
export const API_METHODS = {
  session: { state: 'public', login: 'public', logout: 'public', changePassword: V },
  operators: { list: A, add: A, setRole: A, setDisabled: A, resetPassword: A, unlock: A },
  audit: { list: V, verify: V, exportCsv: V },
  app: { info: 'public', storage: V },
  clusters: { list: V, configs: V, identify: A, discover: A, test: A, testSaved: A, save: A, remove: A, embedded: V, setEmbedded: A },
  receivers: { status: V, save: A, configureNodes: A },
  notifications: { settings: V, save: A, test: A, log: V },
  nodes: { system: V, services: V, processes: V, partitions: V, controlService: A },
  perf: { listObjects: V, listInstances: V, query: V, watch: V, unwatch: V, exportCsv: V, describeCounter: V, saveLayout: O, listLayouts: V, deleteLayout: O },
  ha: { groups: V, command: A },
  alerts: {
    listRules: V,
    saveRule: A,
    resetRule: A,
    setSuspended: A,
    listActive: V,
    history: V,
    acknowledge: O,
    unacknowledge: O,
    clear: O,
    clearAll: O,
    addNote: O,
    journal: V,
    silence: O,
    updateSilence: O,
    listSilences: V,
    expireSilence: O,
    listMaintenance: V,
    saveMaintenance: O,
    deleteMaintenance: O,
  },
  syslog: { query: V },
  jobs: { list: V },
  traces: {
    settings: V,
    presets: V,
    services: V,
    collect: O,
    collections: V,
    cancel: O,
    resume: O,
    browse: O,
    cores: O,
    bundles: O,
    bundleEntries: O,
    verifyBundle: O,
    openLog: O,
    readLines: O,
    findInLog: O,
    lineAtTime: O,
    closeLog: O,
    search: O,
    tailStart: O,
    tailStop: O,
    schedules: V,
    saveSchedule: O,
    deleteSchedule: O,
    runSchedule: O,
    alarmTraces: V,
  },
  drs: {
    overview: V,
    devices: V,
    saveDevice: A,
    deleteDevice: A,
    schedules: V,
    saveSchedule: A,
    setSchedulesEnabled: A,
    deleteSchedule: A,
    estimate: V,
    startBackup: A,
    cancelBackup: A,
    status: V,
    jobs: V,
    history: V,
    backupFiles: V,
    checkRestore: A,
    prepareOneStep: A,
    oneStepState: V,
    startRestore: A,
    afterRestore: V,
    restartNode: A,
    actions: V,
  },
  reports: { generate: O, runs: V, get: V, cancel: O, remove: O, findUser: V },
} as const satisfies { readonly [S in keyof DesktopApi]: RoleTable<DesktopApi[S]> };

/**
 * Positional arguments that are secrets, by `service.method` (never audited, never logged). Objects are scrubbed by
 * field name as well (password, secret, token, credential).
 */
export const SECRET_ARGUMENTS: Readonly<Record<string, readonly number[]>> = {
  'session.login': [1],
  'session.changePassword': [0, 1],
  'operators.resetPassword': [1],
};

/** The role a method requires, or undefined for a method outside the allow-list. */
export function methodRole(service: string, method: string): MethodRole | undefined {
  if (!isApiMethod(service, method)) return undefined;
  return (API_METHODS as unknown as Record<string, Record<string, MethodRole>>)[service]![method];
}

/**
 * Whether a call changes something and is therefore audited when it runs (every operator and admin method but the
 * reads below, and the session's login, logout and password change); refused calls are audited whatever the method.
 */
export function isAuditedMethod(service: string, method: string): boolean {
  const role = methodRole(service, method);
  if (role === undefined) return false;
  if (service === 'session') return method !== 'state';
  return (role === 'operator' || role === 'admin') && !READS_ABOVE_VIEWER.has(`${service}.${method}`);
}

/**
 * Methods above the viewer's role that change nothing: reading the server's logs and bundles (the log viewer asks
 * for lines as the person scrolls), following a trace, listing operators. Refused calls of these are still audited;
 * a call that runs is not (the log would fill with "read 200 lines").
 */
const READS_ABOVE_VIEWER: ReadonlySet<string> = new Set([
  'operators.list',
  'clusters.identify',
  'traces.browse',
  'traces.cores',
  'traces.bundles',
  'traces.bundleEntries',
  'traces.verifyBundle',
  'traces.openLog',
  'traces.readLines',
  'traces.findInLog',
  'traces.lineAtTime',
  'traces.closeLog',
  'traces.search',
  'traces.tailStart',
  'traces.tailStop',
]);

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
  const methods = (API_METHODS as unknown as Record<string, Record<string, MethodRole>>)[service]!;
  return Object.prototype.hasOwnProperty.call(methods, method);
}

/** Whether a name is an allowed push event. */
export function isEventName(name: string): name is keyof DesktopEvents {
  return Object.prototype.hasOwnProperty.call(EVENT_NAMES, name);
}
