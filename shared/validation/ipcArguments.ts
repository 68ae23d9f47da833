/**
 * Argument parsers of every DesktopApi method (house-style.md 5.3/5.4: main validates `unknown` input, fiddle
 * `github.ts`). Pure: no Node, no DOM. Each parser takes the raw argument array of one call and returns the typed
 * tuple or every problem as "path: message"; it never throws. The mapped type makes a missing parser, or one whose
 * output does not fit the contract, a compile error.
 */
import { z } from 'zod';
import type { DesktopApi } from '../ipc/contract.js';
import { ALERT_SEVERITIES } from '../model/alert.js';
import { MAX_POLL_SEC, MIN_ANY_POLL_SEC, PERF_PANEL_KINDS, pollSecProblem } from '../model/perfLimits.js';
import { parseAlertRuleInput, type ParseResult } from './alertRuleInput.js';
import { silenceRequestSchema } from './silence.js';
import {
  logFindQuerySchema,
  logSourceSchema,
  nodeLogPathSchema,
  tailRequestSchema,
  traceCollectRequestSchema,
  tracePathSchema,
  traceScheduleInputSchema,
  traceSearchRequestSchema,
} from './traces.js';
import { drsBackupFileSchema, drsDeviceInputSchema, drsFeaturesSchema, drsNameSchema, drsNodeSchema, drsRestoreRequestSchema, drsScheduleInputSchema } from './drs.js';
import { findUserQuerySchema, reportIdSchema, reportKindSchema, reportRequestSchema } from './reports.js';
import { acceptedKeysSchema, clusterInputSchema, identifyTargetsSchema } from './clusters.js';
import { receiverSettingsSchema } from './receivers.js';
import { notificationSettingsInputSchema, notificationTestRequestSchema } from './notifications.js';
import { maintenanceWindowInputSchema } from './maintenance.js';
import { auditFilterSchema, loginPasswordSchema, newPasswordSchema, operatorInputSchema, operatorNameSchema, roleSchema } from './access.js';

/** A parser of one method's raw argument array. */
export type ArgsParser<A extends readonly unknown[]> = (raw: readonly unknown[]) => ParseResult<A>;

/** The parsers of one service: one per method, typed after the method's parameters. */
export type ServiceArgParsers<T> = {
  readonly [M in keyof T]: T[M] extends (...a: infer A) => unknown ? ArgsParser<A> : never;
};

/** The parsers of every service of the contract. */
export type ApiArgParsers = { readonly [S in keyof DesktopApi]: ServiceArgParsers<DesktopApi[S]> };

const MAX_NAME = 255;
const MAX_TEXT = 4096;
const MAX_SERIES = 200;

const name = z.string().min(1, 'must not be empty').max(MAX_NAME);
const text = z.string().max(MAX_TEXT);
const timeMs = z.number().int().min(0).max(8.64e15);
const host = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_NAME)
  .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'a host name or IP address');
/** A polling rate of any presentation; the per-kind minimum (chart 5 s, table 1 s) is checked with pollSecProblem. */
const intervalSec = z.number().int().min(MIN_ANY_POLL_SEC).max(MAX_POLL_SEC);

const seriesRef = z.strictObject({
  cluster: name,
  node: name,
  object: name,
  // '' is the instance of single-instance objects (sample.ts).
  instance: z.string().max(MAX_NAME),
  counter: name,
});

const seriesQuery = z
  .strictObject({
    series: z.array(seriesRef).min(1).max(MAX_SERIES),
    fromMs: timeMs,
    toMs: timeMs,
    maxPoints: z.number().int().min(1).max(20_000),
  })
  .refine((q) => q.fromMs <= q.toMs, { message: 'fromMs must not be after toMs', path: ['toMs'] });

const csvExportQuery = z
  .strictObject({ series: z.array(seriesRef).min(1).max(MAX_SERIES), fromMs: timeMs, toMs: timeMs })
  .refine((q) => q.fromMs <= q.toMs, { message: 'fromMs must not be after toMs', path: ['toMs'] });

const counterDescriptionQuery = z.strictObject({ cluster: name, node: name, object: name, counter: name });


const serviceControl = z.strictObject({ cluster: name, node: name, service: name, action: z.enum(['start', 'stop', 'restart']) });
const haCommand = z.strictObject({ cluster: name, action: z.enum(['failover', 'fallback', 'recover']), target: name });
const watchRequest = z
  .strictObject({ series: z.array(seriesRef).min(1).max(MAX_SERIES), intervalSec, kind: z.enum(PERF_PANEL_KINDS).optional() })
  .superRefine((w, ctx) => {
    const problem = pollSecProblem(w.intervalSec, w.kind ?? 'chart');
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['intervalSec'] });
  });
const perfLayout = z.strictObject({
  name,
  charts: z.array(z.strictObject({ title: text, series: z.array(seriesRef).max(MAX_SERIES), intervalSec })).max(100),
});

const historyFilter = z.strictObject({
  cluster: name.optional(),
  node: name.optional(),
  ruleId: name.optional(),
  minSeverity: z.enum(ALERT_SEVERITIES).optional(),
  sinceMs: timeMs.optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});

const acknowledge = z.strictObject({ alarmId: name, comment: text.optional(), untilMs: timeMs.optional() });

const syslogFilter = z.strictObject({
  host: host.optional(),
  attributed: z.boolean().optional(),
  maxSeverity: z.number().int().min(0).max(7).optional(),
  text: z.string().min(1).max(MAX_NAME).optional(),
  sinceMs: timeMs.optional(),
  limit: z.number().int().min(1).max(100_000).optional(),
});

/** Builds a parser of a fixed-length argument list; extra or missing arguments are refused. */
function args<const T extends readonly z.ZodType[]>(...schemas: T) {
  const tuple = z.tuple(schemas as unknown as [z.ZodType, ...z.ZodType[]]);
  return (raw: readonly unknown[]): ParseResult<{ -readonly [K in keyof T]: z.output<T[K]> }> => {
    if (raw.length !== schemas.length) return { ok: false, issues: [`(root): expected ${schemas.length} argument(s), got ${raw.length}`] };
    if (schemas.length === 0) return { ok: true, value: [] as unknown as { -readonly [K in keyof T]: z.output<T[K]> } };
    const r = tuple.safeParse(raw);
    if (r.success) return { ok: true, value: r.data as { -readonly [K in keyof T]: z.output<T[K]> } };
    return { ok: false, issues: r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`) };
  };
}

/** saveRule takes the rule form; validated (and RTMT defaults filled) by parseAlertRuleInput. */
function saveRuleArgs(raw: readonly unknown[]): ParseResult<[unknown]> {
  if (raw.length !== 1) return { ok: false, issues: [`(root): expected 1 argument(s), got ${raw.length}`] };
  const r = parseAlertRuleInput(raw[0]);
  return r.ok ? { ok: true, value: [r.value] } : { ok: false, issues: r.issues.map((i) => `0.${i}`) };
}

/** The parsers the router uses for every allow-listed method. */
export const IPC_ARGUMENT_PARSERS: ApiArgParsers = {
  session: {
    state: args(),
    // A login's name is checked loosely (a wrong name is AUTH_FAILED like a wrong password, never a VALIDATION hint).
    login: args(z.string().min(1, 'must not be empty').max(64), loginPasswordSchema),
    logout: args(),
    changePassword: args(loginPasswordSchema, newPasswordSchema),
  },
  operators: {
    list: args(),
    add: args(operatorInputSchema),
    setRole: args(operatorNameSchema, roleSchema),
    setDisabled: args(operatorNameSchema, z.boolean()),
    resetPassword: args(operatorNameSchema, newPasswordSchema),
    unlock: args(operatorNameSchema),
  },
  audit: { list: args(auditFilterSchema), verify: args(), exportCsv: args(auditFilterSchema) },
  app: { info: args(), storage: args() },
  clusters: {
    list: args(),
    configs: args(),
    identify: args(identifyTargetsSchema),
    discover: args(clusterInputSchema, acceptedKeysSchema),
    test: args(clusterInputSchema, acceptedKeysSchema),
    testSaved: args(name),
    save: args(clusterInputSchema, acceptedKeysSchema),
    remove: args(name),
    embedded: args(),
    setEmbedded: args(z.boolean()),
  },
  receivers: {
    status: args(),
    save: args(receiverSettingsSchema),
    configureNodes: args(name),
  },
  notifications: {
    settings: args(),
    save: args(notificationSettingsInputSchema),
    test: args(notificationTestRequestSchema),
    log: (raw) => (raw.length === 0 ? { ok: true, value: [] } : args(z.number().int().min(1).max(10_000))(raw)),
  },
  nodes: {
    system: args(name),
    services: args(name, name),
    processes: args(name, name),
    partitions: args(name, name),
    controlService: args(serviceControl),
  },
  perf: {
    listObjects: args(name, name),
    listInstances: args(name, name, name),
    query: args(seriesQuery),
    watch: args(watchRequest),
    unwatch: args(name),
    exportCsv: args(csvExportQuery),
    describeCounter: args(counterDescriptionQuery),
    saveLayout: args(perfLayout),
    listLayouts: args(),
    deleteLayout: args(name),
  },
  ha: { groups: args(name), command: args(haCommand) },
  alerts: {
    listRules: args(),
    saveRule: saveRuleArgs,
    resetRule: args(name),
    setSuspended: args(name, z.boolean()),
    listActive: args(),
    history: args(historyFilter),
    acknowledge: args(acknowledge),
    unacknowledge: (raw) => (raw.length === 1 ? args(name)(raw) : args(name, text)(raw)),
    clear: (raw) => (raw.length === 1 ? args(name)(raw) : args(name, text)(raw)),
    clearAll: args(z.array(name).max(100_000)),
    addNote: args(name, z.string().trim().min(1, 'must not be empty').max(MAX_TEXT)),
    journal: args(name),
    silence: args(silenceRequestSchema),
    updateSilence: args(name, silenceRequestSchema),
    listSilences: args(),
    expireSilence: args(name),
    listMaintenance: args(),
    saveMaintenance: args(maintenanceWindowInputSchema),
    deleteMaintenance: args(name),
  },
  syslog: { query: args(syslogFilter) },
  jobs: { list: args() },
  traces: {
    settings: args(),
    presets: args(),
    services: (raw) => (raw.length === 1 ? args(name)(raw) : args(name, name)(raw)),
    collect: args(traceCollectRequestSchema),
    collections: args(),
    cancel: args(name),
    resume: args(tracePathSchema),
    browse: args(name, name, nodeLogPathSchema),
    cores: args(name, name),
    bundles: (raw) => (raw.length === 0 ? { ok: true, value: [] } : args(tracePathSchema)(raw)),
    bundleEntries: args(tracePathSchema),
    verifyBundle: args(tracePathSchema),
    openLog: args(logSourceSchema),
    readLines: args(name, z.number().int().min(0), z.number().int().min(1).max(5000)),
    findInLog: args(name, logFindQuerySchema),
    lineAtTime: args(name, timeMs),
    closeLog: args(name),
    search: args(traceSearchRequestSchema),
    tailStart: args(tailRequestSchema),
    tailStop: args(name),
    schedules: args(),
    saveSchedule: args(traceScheduleInputSchema),
    deleteSchedule: args(name),
    runSchedule: args(name),
    alarmTraces: args(name),
  },
  drs: {
    overview: args(name),
    devices: args(name),
    saveDevice: args(drsDeviceInputSchema),
    deleteDevice: args(name, drsNameSchema),
    schedules: args(name),
    saveSchedule: args(drsScheduleInputSchema),
    setSchedulesEnabled: args(name, z.array(drsNameSchema).min(1).max(10), z.boolean()),
    deleteSchedule: args(name, drsNameSchema),
    estimate: args(name, drsFeaturesSchema),
    startBackup: args(name, drsNameSchema, drsFeaturesSchema),
    cancelBackup: args(name),
    status: args(name, z.enum(['backup', 'restore'])),
    jobs: (raw) => (raw.length === 0 ? { ok: true, value: [] } : args(name)(raw)),
    history: args(name),
    backupFiles: args(name, drsNameSchema),
    checkRestore: args(drsRestoreRequestSchema),
    prepareOneStep: args(name, drsNameSchema, drsBackupFileSchema),
    oneStepState: args(name),
    startRestore: args(drsRestoreRequestSchema),
    afterRestore: args(name, z.array(drsNodeSchema).min(1).max(64)),
    restartNode: args(name, drsNodeSchema),
    actions: (raw) => (raw.length === 0 ? { ok: true, value: [] } : args(name)(raw)),
  },
  reports: {
    generate: args(reportRequestSchema),
    runs: (raw) => (raw.length === 0 ? { ok: true, value: [] } : args(reportKindSchema)(raw)),
    get: args(reportIdSchema),
    cancel: args(reportIdSchema),
    remove: args(reportIdSchema),
    findUser: args(findUserQuerySchema),
  },
};
