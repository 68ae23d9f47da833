import { Option } from 'commander';
import { DRS_HISTORY_LIMIT, type DrsBackupFile, type DrsComponentRow, type DrsHistoryEntry, type DrsOperation } from '../../../../shared/model/drs.js';
import { followJob, statusResult } from './drsFollow.js';
import { isoSeconds, namesArg } from './drsOptions.js';
import { jobLine } from './drsProgressLines.js';
import { drsVerb, lineResult } from './drsVerb.js';

/** `imp drs estimate|backup|status|cancel|history|files` (guide L10100-10243). */

const FEATURES_OPTION = "features, comma-separated, exactly as the cluster registers them (e.g. 'UCM,IM&P'; see drs registration)";

interface EstimateRow {
  readonly features: readonly string[];
  readonly bytes: number;
  readonly text: string;
}

export const estimate = drsVerb<{ features: string[] }, EstimateRow>({
  name: 'estimate',
  summary: 'estimates the size of a backup of the chosen features (estimate_tar_size)',
  output: true,
  options: (cmd) => {
    cmd.addOption(new Option('--features <LIST>', FEATURES_OPTION).argParser(namesArg).makeOptionMandatory());
  },
  help: `Asks DRS for the size a backup of the features would have (utils disaster_recovery estimate_tar_size
<features>). DRS estimates from earlier backups: before the first one it refuses (guide L10103-10107).
  {features, bytes, text}   text as DRS states it
Exit codes: 0 estimated; 1 DRS gave no estimate (no backup history yet: DRS's words on stderr) or the publisher
could not be reached; 2 bad usage.`,
  run: async (ctx, { ops }) => {
    const e = await ops.estimate(ctx.options.features);
    const columns = [
      { header: 'FEATURES', value: (r: EstimateRow) => r.features.join(',') },
      { header: 'BYTES', value: (r: EstimateRow) => r.bytes },
      { header: 'ESTIMATE', value: (r: EstimateRow) => r.text },
    ];
    if (!e.ok) return { rows: [], columns, failure: e.message };
    return { rows: [{ features: ctx.options.features, bytes: e.bytes, text: e.text }], columns };
  },
});

const STATUS_JSON = `  {operation, state, message, tarFilename, storageLocation, percentage, rows: [{server, feature, component,
   state, percent, logFile?}]}   state as DRS states it: RUNNING, SUCCESS, ERROR, CANCELLED, TIMEOUT
(table and CSV: the component rows)`;

export const backup = drsVerb<{ device: string; features: string[]; wait?: boolean; format?: string; json?: boolean }, DrsComponentRow>({
  name: 'backup',
  summary: 'starts a manual backup of the chosen features to a device; --wait follows it to its end',
  output: true,
  options: (cmd) => {
    cmd
      .addOption(new Option('--device <NAME>', 'the backup device (see drs devices)').makeOptionMandatory())
      .addOption(new Option('--features <LIST>', FEATURES_OPTION).argParser(namesArg).makeOptionMandatory())
      .addOption(new Option('--wait', 'wait for the end, printing per-component progress on stderr'));
  },
  help: `Starts the backup (utils disaster_recovery backup network <features> <device>). While it runs, DRS locks OS
Administration requests on the nodes (guide L10047, L10198); a second backup is refused (DRFBackupInProgress). The
backup is encrypted with the cluster security password in effect now: a restore asks for it (guide L10042).
A backup that does not end in 20 hours times out (L10217).
Without --wait it prints the status DRS gives at the start and ends; with --wait it prints the job's and each
component's progress on stderr (server, feature/component, state, percent, log file) and the final status on
stdout. Ctrl-C stops waiting, not the backup (drs cancel does, after the current component, L10227).
${STATUS_JSON}
Exit codes: 0 started (without --wait) or ended SUCCESS (with --wait); 1 DRS refused (another backup running, an
unknown device or feature: DRS's words on stderr), the backup ended ERROR, CANCELLED or TIMEOUT, or waiting was
stopped; 2 bad usage.`,
  impact: (ctx) =>
    `Backing up ${ctx.options.features.join(',')} to device ${ctx.options.device}: while it runs DRS locks OS Administration requests on every node (guide L10047, L10198) and no other backup or restore can start. Keep the cluster security password in effect now: a restore from this backup asks for it (L10042).`,
  run: async (ctx, { ops }) => {
    const o = ctx.options;
    ctx.log(`starting a backup of ${o.features.join(',')} to device ${o.device}; OS Administration requests are locked while it runs…`);
    const started = await ops.startBackup(o.device, o.features);
    if (!o.wait) {
      ctx.log(jobLine(started));
      return statusResult(ctx, started);
    }
    return followJob(ctx, ops, 'backup', started);
  },
});

const operationOption = (defaultOp: DrsOperation): Option => new Option('--operation <OP>', 'backup or restore').choices(['backup', 'restore']).default(defaultOp);

export const status = drsVerb<{ operation: DrsOperation; wait?: boolean; format?: string; json?: boolean }, DrsComponentRow>({
  name: 'status',
  summary: 'the status of the current or last backup (or restore) per server, feature and component',
  output: true,
  options: (cmd) => {
    cmd.addOption(operationOption('backup')).addOption(new Option('--wait', 'follow a running job to its end, progress on stderr'));
  },
  help: `Reads utils disaster_recovery status backup|restore on the publisher (guide L10205-10215, L10414-10418).
${STATUS_JSON}
When DRS has no status ("No backup status available") JSON prints null and the table is empty.
Exit codes: 0 read (any state; with --wait: the job ended SUCCESS or none was running); 1 the publisher could
not be reached, or with --wait the job ended other than SUCCESS; 2 bad usage.`,
  run: async (ctx, { ops }) => {
    const s = await ops.status(ctx.options.operation);
    if (!s) ctx.log(`imp: no ${ctx.options.operation} status available`);
    else ctx.log(jobLine(s));
    if (s && s.state === 'RUNNING' && ctx.options.wait) return followJob(ctx, ops, ctx.options.operation, s);
    return statusResult(ctx, s);
  },
});

export const cancel = drsVerb<Record<string, never>, { line: string }>({
  name: 'cancel',
  summary: 'cancels the running backup (after the current component, as DRS does)',
  help: `Asks DRS to cancel the running backup (utils disaster_recovery cancel_backup, answering yes). DRS stops
after the component being backed up finishes (guide L10227); drs status then shows CANCELLED. Prints DRS's answer.
Exit codes: 0 cancellation requested; 1 DRS refused (no backup running: DRS's words on stderr) or the publisher
could not be reached; 2 bad usage.`,
  impact: () => 'Cancelling the running backup: DRS stops after the component being backed up finishes (guide L10227); the backup ends CANCELLED and cannot be restored from.',
  run: async (ctx, { ops }) => lineResult(ctx, await ops.cancelBackup()),
});

const historyJson = (h: DrsHistoryEntry): unknown => ({
  fileName: h.fileName,
  device: h.device,
  completedAt: isoSeconds(h.completedAt) ?? null,
  result: h.result,
  version: h.version,
  features: h.features,
  failedFeatures: h.failedFeatures,
});

export const history = drsVerb<{ operation: DrsOperation }, DrsHistoryEntry>({
  name: 'history',
  summary: `the last ${DRS_HISTORY_LIMIT} backups (or restores): file, device, completion, result, version, features`,
  output: true,
  options: (cmd) => {
    cmd.addOption(operationOption('backup'));
  },
  help: `Reads utils disaster_recovery history backup|restore (guide L10241-10243, L10643-10646), newest first.
--format json prints exactly an array of
  {fileName, device, completedAt, result, version, features, failedFeatures}
with completedAt ISO 8601 UTC, result as DRS states it (SUCCESS, ERROR, CANCELLED, TIMEOUT), features the
features backed up (restored) and failedFeatures those that failed. No history is an empty array.
Exit codes: 0 read; 1 the publisher could not be reached (DRS's or the connection's words on stderr); 2 bad usage.`,
  run: async (ctx, { ops }) => {
    const rows = (await ops.history()).filter((h) => h.operation === ctx.options.operation);
    return {
      rows,
      columns: [
        { header: 'FILE', value: (h) => h.fileName },
        { header: 'DEVICE', value: (h) => h.device },
        { header: 'COMPLETED', value: (h) => isoSeconds(h.completedAt) },
        { header: 'RESULT', value: (h) => h.result },
        { header: 'VERSION', value: (h) => h.version },
        { header: 'TYPE', value: (h) => h.kind },
        { header: 'FEATURES', value: (h) => h.features.join(',') },
        { header: 'FAILED', value: (h) => (h.failedFeatures.length > 0 ? h.failedFeatures.join(',') : undefined) },
      ],
      json: historyJson,
    };
  },
});

export const files = drsVerb<{ device: string }, DrsBackupFile>({
  name: 'files',
  summary: 'the backup files on a device, with each one\'s date, version and features (Restore Wizard step 2)',
  output: true,
  options: (cmd) => {
    cmd.addOption(new Option('--device <NAME>', 'the backup device').makeOptionMandatory());
  },
  help: `Lists the backups on the device (utils disaster_recovery show_backupfiles <device>) and reads each one's
descriptor (show_backupinfo): one row per file,
  {fileName, created, version, kind, features, hasCcmdb, servers: [{hostname, ip, role, deploymentType,
   version}], error?}   created ISO 8601 UTC; a file whose details could not be read keeps its row with the error
Exit codes: 0 listed; 1 DRS refused (no such device, the device unreachable: DRS's words on stderr) or the
publisher could not be reached; 2 bad usage.`,
  run: async (ctx, { ops }) => {
    const list = await ops.backupFiles(ctx.options.device);
    for (const f of list) if (f.error) ctx.log(`imp: ${f.fileName}: ${f.error.code}: ${f.error.message}`);
    return {
      rows: list,
      columns: [
        { header: 'FILE', value: (f) => f.fileName },
        { header: 'CREATED', value: (f) => isoSeconds(f.createdMs) },
        { header: 'VERSION', value: (f) => f.version },
        { header: 'TYPE', value: (f) => f.kind },
        { header: 'FEATURES', value: (f) => f.features?.join(',') },
        { header: 'CCMDB', value: (f) => (f.hasCcmdb === undefined ? undefined : f.hasCcmdb ? 'yes' : 'no') },
        { header: 'SERVERS', value: (f) => f.servers?.map((s) => s.hostname).join(',') ?? (f.error ? `${f.error.code}: ${f.error.message}` : undefined) },
      ],
      json: (f) => ({
        fileName: f.fileName,
        created: isoSeconds(f.createdMs) ?? null,
        version: f.version ?? null,
        kind: f.kind ?? null,
        features: f.features ?? null,
        hasCcmdb: f.hasCcmdb ?? null,
        servers: f.servers ?? null,
        ...(f.error ? { error: f.error } : {}),
      }),
    };
  },
});
