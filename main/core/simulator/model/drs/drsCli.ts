import type { CliIo } from '../../endpoints/ssh/cliInterpreter.js';
import type { ScheduleFrequency } from './backupSchedules.js';
import { formatBackupInfo, formatDevices, formatDevicesDetail, formatDrsDate, formatHistory, formatRegistration, formatSchedules, formatSchedulesDetail, formatSize, formatStatus, WEEKDAYS } from './drsCliFormat.js';
import { DrsError } from './drsErrors.js';
import { DRS_MESSAGES } from './drsMessages.js';
import type { DrsSystem } from './drsSystem.js';

// `utils disaster_recovery …` (guide Table 41, L10664-10700; argument syntax from reference D.7 [V]).

/** Printed by UC OS when a command fails (reference D). */
const FAILED = 'Executed command unsuccessfully';

/** Syntax of every subcommand, as the usage error prints it. */
export const DRS_SYNTAX: Readonly<Record<string, string>> = {
  'device add': 'utils disaster_recovery device add network devicename path server_name/ip_address[:port] username [Number_of_backups]',
  'device delete': 'utils disaster_recovery device delete devicename',
  'device list': 'utils disaster_recovery device list [detail]',
  'schedule add': 'utils disaster_recovery schedule add schedulename devicename featurelist datetime(yyyy/mm/dd-hh:mm) frequency(once|daily|weekly|monthly) [days(sun,mon,tue,wed,thu,fri,sat)]',
  'schedule enable': 'utils disaster_recovery schedule enable schedulename',
  'schedule disable': 'utils disaster_recovery schedule disable schedulename',
  'schedule delete': 'utils disaster_recovery schedule delete schedulename',
  'schedule list': 'utils disaster_recovery schedule list [detail]',
  backup: 'utils disaster_recovery backup network featurelist devicename',
  cancel_backup: 'utils disaster_recovery cancel_backup',
  restore: 'utils disaster_recovery restore network restore_server[,restore_server...] tarfilename devicename',
  status: 'utils disaster_recovery status {backup|restore}',
  history: 'utils disaster_recovery history {backup|restore}',
  show_backupfiles: 'utils disaster_recovery show_backupfiles devicename',
  show_backupinfo: 'utils disaster_recovery show_backupinfo devicename tarfilename',
  show_registration: 'utils disaster_recovery show_registration hostname',
  estimate_tar_size: 'utils disaster_recovery estimate_tar_size featurelist',
  prepare: 'utils disaster_recovery prepare restore pub_from_sub [devicename tarfilename]',
  'prepare status': 'utils disaster_recovery prepare status',
  jschLogs: 'utils disaster_recovery jschLogs operation {enable|disable}',
};

class Usage extends Error {}

function usage(key: string): never {
  throw new Usage(key);
}

function features(text: string | undefined, key: string): string[] {
  if (!text) usage(key);
  return text.split(',').map((f) => f.trim()).filter(Boolean);
}

/** Parses "yyyy/mm/dd-hh:mm" as UTC virtual time. */
function parseDateTime(text: string): number | undefined {
  const m = /^(\d{4})\/(\d{2})\/(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(t);
  return back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 ? t : undefined;
}

async function yes(io: CliIo, question: string): Promise<boolean> {
  const a = (await io.readLine(question))?.trim().toLowerCase();
  return a === 'y' || a === 'yes';
}

/**
 * Runs one `utils disaster_recovery` command (`args` = the words after it) against the cluster's DRS and
 * writes its output. Prompts (password, y/n) go through `io.readLine`. Never rejects: refusals print the
 * DRS message, malformed commands the usage and the CLI's failure line.
 */
export async function runDrsCommand(drs: DrsSystem, args: readonly string[], io: CliIo): Promise<void> {
  try {
    await dispatch(drs, args, io);
  } catch (err) {
    if (err instanceof Usage) {
      const syntax = DRS_SYNTAX[err.message];
      io.write(syntax ? `Incorrect syntax. Usage: ${syntax}\n${FAILED}\n` : `Invalid command: utils disaster_recovery ${args.join(' ')}\nValid options:\n${Object.values(DRS_SYNTAX).map((x) => `  ${x}`).join('\n')}\n${FAILED}\n`);
    }
    else if (err instanceof DrsError) io.write(`${err.message}\n`);
    else io.write(`drfCliMsg: error occurred: ${(err as Error).message}\n${FAILED}\n`);
  }
}

async function dispatch(drs: DrsSystem, a: readonly string[], io: CliIo): Promise<void> {
  const [cmd, sub] = a;
  switch (cmd) {
    case 'device':
      return device(drs, a, io);
    case 'schedule':
      return schedule(drs, a, io);
    case 'backup': {
      if (sub !== 'network' || a.length !== 4) usage('backup');
      drs.startBackup(a[3]!, features(a[2], 'backup'));
      return io.write(`${DRS_MESSAGES.backupInitiated}\n`);
    }
    case 'cancel_backup': {
      if (a.length !== 1) usage('cancel_backup');
      if (!drs.busy || drs.status('backup')?.state !== 'RUNNING') return io.write(`${DRS_MESSAGES.noBackupToCancel}\n`);
      if (!(await yes(io, 'Are you sure you want to cancel the backup? (y/n): '))) return io.write('Backup cancellation aborted.\n');
      drs.cancelBackup();
      return io.write(`${DRS_MESSAGES.cancelRequested}\n`);
    }
    case 'restore':
      return restore(drs, a, io);
    case 'status':
    case 'history': {
      if (a.length !== 2 || (sub !== 'backup' && sub !== 'restore')) usage(cmd);
      return io.write(cmd === 'status' ? formatStatus(drs.status(sub), sub) : formatHistory(drs.history(sub), sub));
    }
    case 'show_backupfiles': {
      if (a.length !== 2) usage(cmd);
      const names = await drs.listBackups(a[1]!);
      return io.write(names.length === 0 ? `drfCliMsg: No backup files found on device ${a[1]}.\n` : names.map((n) => `${n}\n`).join(''));
    }
    case 'show_backupinfo': {
      if (a.length !== 3) usage(cmd);
      return io.write(formatBackupInfo(await drs.describeBackup(a[1]!, a[2]!)));
    }
    case 'show_registration': {
      if (a.length !== 2) usage(cmd);
      return io.write(formatRegistration(drs.registrations(a[1]!)));
    }
    case 'estimate_tar_size': {
      if (a.length !== 2) usage(cmd);
      const f = features(a[1], cmd);
      const bytes = drs.estimateTarSize(f);
      return io.write(bytes === undefined ? `${DRS_MESSAGES.noEstimate}\n` : `drfCliMsg: Estimated size of backup tar for the selected feature(s) ${f.join(',')} is ${formatSize(bytes)}\n`);
    }
    case 'prepare': {
      if (sub === 'status') {
        if (a.length !== 2) usage('prepare status');
        // [designed] The state, the guide's message (L10490-10494), and when the 5 minutes end.
        const s = drs.oneStepState();
        const ready = s.state === 'preparing' && s.readyAtMs !== undefined ? `Ready At: ${formatDrsDate(s.readyAtMs)}\n` : '';
        return io.write(`One-step restore: ${s.state}\n${s.message || DRS_MESSAGES.oneStepIdle}\n${ready}`);
      }
      if (sub !== 'restore' || a[2] !== 'pub_from_sub' || (a.length !== 3 && a.length !== 5)) usage('prepare');
      const backup = a.length === 5 ? { device: a[3]!, tarFilename: a[4]! } : undefined;
      return io.write(`${await drs.prepareOneStepRestore(backup)}\n`);
    }
    case 'jschLogs': {
      if (sub !== 'operation' || (a[2] !== 'enable' && a[2] !== 'disable') || a.length !== 3) usage('jschLogs');
      drs.setJschLogging(a[2] === 'enable');
      return io.write(`JSch logging ${a[2] === 'enable' ? 'enabled' : 'disabled'} successfully.\n`);
    }
    default:
      usage('');
  }
}

async function device(drs: DrsSystem, a: readonly string[], io: CliIo): Promise<void> {
  switch (a[1]) {
    case 'add': {
      if (a[2] !== 'network' || a.length < 7 || a.length > 8) usage('device add');
      const [name, path, host, username, keep] = a.slice(3) as [string, string, string, string, string | undefined];
      const backupsToKeep = keep === undefined ? undefined : /^\d+$/.test(keep) ? Number(keep) : NaN;
      const password = await io.readLine(`Please enter password to connect to network server ${host}: `);
      if (password === null || password === '') return io.write(`drfCliMsg: Password must not be empty.\n${FAILED}\n`);
      // An existing name is replaced: the edit of the Backup Device window (guide L10077) [designed].
      const existed = drs.hasDevice(name);
      await drs.addDevice({ name, path, host, username, password, ...(backupsToKeep === undefined ? {} : { backupsToKeep }) });
      return io.write(`${existed ? DRS_MESSAGES.deviceUpdated : DRS_MESSAGES.deviceAdded}\n`);
    }
    case 'delete':
      if (a.length !== 3) usage('device delete');
      drs.deleteDevice(a[2]!);
      return io.write(`${DRS_MESSAGES.deviceDeleted}\n`);
    case 'list':
      if (a.length === 3 && a[2]?.toLowerCase() === 'detail') return io.write(formatDevicesDetail(drs.devices(), (d) => drs.schedulesUsing(d)));
      if (a.length !== 2) usage('device list');
      return io.write(formatDevices(drs.devices()));
    default:
      usage('device add');
  }
}

const FREQUENCIES: readonly ScheduleFrequency[] = ['once', 'daily', 'weekly', 'monthly'];

function schedule(drs: DrsSystem, a: readonly string[], io: CliIo): void {
  const sub = a[1];
  if (sub === 'list') {
    if (a.length === 3 && a[2]?.toLowerCase() === 'detail') return io.write(formatSchedulesDetail(drs.schedules()));
    if (a.length !== 2) usage('schedule list');
    return io.write(formatSchedules(drs.schedules()));
  }
  if (sub === 'add') {
    if (a.length !== 7 && a.length !== 8) usage('schedule add');
    const [name, device, list, when, freq, days] = a.slice(2) as [string, string, string, string, string, string | undefined];
    const startMs = parseDateTime(when);
    if (startMs === undefined) return io.write(`drfCliMsg: Invalid date and time ${when}; use yyyy/mm/dd-hh:mm.\n${FAILED}\n`);
    const frequency = freq.toLowerCase() as ScheduleFrequency;
    if (!FREQUENCIES.includes(frequency)) return io.write(`drfCliMsg: Invalid frequency ${freq}; use once, daily, weekly or monthly.\n${FAILED}\n`);
    // [designed] Weekly days as a comma list of sun..sat (the start date's day by default, guide L10159-10161).
    let weekdays: number[] | undefined;
    if (days !== undefined) {
      if (frequency !== 'weekly') return io.write(`drfCliMsg: Days can be given only for a weekly schedule.\n${FAILED}\n`);
      const names = days.toLowerCase().split(',').map((d) => d.trim());
      weekdays = names.map((d) => WEEKDAYS.indexOf(d));
      if (names.length === 0 || weekdays.some((d) => d < 0)) return io.write(`drfCliMsg: Invalid days ${days}; use a comma-separated list of sun,mon,tue,wed,thu,fri,sat.\n${FAILED}\n`);
    }
    drs.addSchedule({ name, device, features: features(list, 'schedule add'), startMs, frequency, ...(weekdays ? { weekdays } : {}) });
    return io.write(`${DRS_MESSAGES.scheduleAdded}\n`);
  }
  if (sub !== 'enable' && sub !== 'disable' && sub !== 'delete') return usage('schedule add');
  if (a.length !== 3) usage(`schedule ${sub}`);
  const name = a[2]!;
  if (sub === 'enable') drs.enableSchedule(name);
  else if (sub === 'disable') drs.disableSchedule(name);
  else drs.deleteSchedule(name);
  io.write(`${sub === 'enable' ? DRS_MESSAGES.scheduleEnabled : sub === 'disable' ? DRS_MESSAGES.scheduleDisabled : DRS_MESSAGES.scheduleDeleted}\n`);
}

/** Prompts of the restore dialogue (design "CLI dialogue" 6). */
export const RESTORE_PROMPTS = {
  features: (valid: readonly string[]): string => `Please enter the comma-separated features you wish to restore. Valid feature(s) for this backup are: ${valid.join(',')}\n`,
  securityPassword: 'Please enter the cluster security password that was in effect when this backup was taken: ',
  databaseFrom: 'The backup contains the CCMDB database. Enter the subscriber node to restore the publisher database from, or press Enter to restore it from the backup file: ',
  integrityCheck: 'Do you want DRS to perform a SHA1 file integrity check? (y/n): ',
  start: 'All restore checks passed. Do you want to start the restore now? (y/n): ',
} as const;

/**
 * `restore network <server[,server…]> <tar> <device>` (syntax reference D.7; the dialogue is designed): input
 * errors at once, then features, the security password (not echoed, L10042), "Select Server Name" when the backup
 * has CCMDB and the CUCM publisher is restored (L10406-10410), the SHA1 question (L10388), one line per check
 * stopping at the first FAILED (which raises DRFRestoreFailure), and the final start question.
 */
async function restore(drs: DrsSystem, a: readonly string[], io: CliIo): Promise<void> {
  if (a[1] !== 'network' || a.length !== 5) usage('restore');
  const [serverList, tar, device] = a.slice(2) as [string, string, string];
  const servers = serverList.split(',').map((x) => x.trim()).filter(Boolean);
  if (servers.length === 0) usage('restore');
  try {
    drs.checkRestoreInput({ tarFilename: tar, servers });
  } catch (err) {
    if (err instanceof DrsError && err.code === 'NOT_FOUND') return io.write(`${err.message}\n${FAILED}\n`);
    throw err;
  }
  const d = await drs.describeBackup(device, tar);
  const answer = await io.readLine(RESTORE_PROMPTS.features(d.features));
  const chosen = (answer ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  const securityPassword = (await io.readLine(RESTORE_PROMPTS.securityPassword, { secret: true })) ?? '';
  let databaseFrom: string | undefined;
  if (d.components.some((c) => c.component === 'CCMDB') && servers.includes(drs.masterNode)) {
    databaseFrom = (await io.readLine(RESTORE_PROMPTS.databaseFrom))?.trim() || undefined;
  }
  // Guide L10388-10394: the SHA1 integrity check is optional and costly.
  const integrityCheck = await yes(io, RESTORE_PROMPTS.integrityCheck);
  const req = { device, tarFilename: tar, servers, features: chosen, securityPassword, integrityCheck, ...(databaseFrom ? { databaseFrom } : {}) };
  const result = await drs.checkRestore(req);
  for (const item of result.items) {
    io.write(item.ok ? `drfCliMsg: Restore check ${item.check}: PASSED\n` : `drfCliMsg: Restore check ${item.check}: FAILED: ${item.message.replace(/^drfCliMsg:\s*/, '')}\n`);
  }
  if (!result.checked) return io.write(`${FAILED}\n`);
  if (!(await yes(io, RESTORE_PROMPTS.start))) return io.write(`${DRS_MESSAGES.restoreNotStarted}\n`);
  await drs.startRestore(req);
  io.write(`${DRS_MESSAGES.restoreInitiated}\n`);
}
