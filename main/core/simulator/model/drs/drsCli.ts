import type { CliIo } from '../../endpoints/ssh/cliInterpreter.js';
import type { ScheduleFrequency } from './backupSchedules.js';
import { formatDevices, formatHistory, formatRegistration, formatSchedules, formatSize, formatStatus } from './drsCliFormat.js';
import { DrsError } from './drsErrors.js';
import { DRS_MESSAGES } from './drsMessages.js';
import type { DrsSystem } from './drsSystem.js';

// `utils disaster_recovery …` (guide Table 41, L10664-10700; argument syntax from reference D.7 [V]).

/** Printed by UC OS when a command fails (reference D). */
const FAILED = 'Executed command unsuccessfully';

/** Syntax of every subcommand, as the usage error prints it. */
export const DRS_SYNTAX: Readonly<Record<string, string>> = {
  'device add': 'utils disaster_recovery device add network devicename path server_name/ip_address username [Number_of_backups]',
  'device delete': 'utils disaster_recovery device delete devicename',
  'device list': 'utils disaster_recovery device list',
  'schedule add': 'utils disaster_recovery schedule add schedulename devicename featurelist datetime(yyyy/mm/dd-hh:mm) frequency(once|daily|weekly|monthly)',
  'schedule enable': 'utils disaster_recovery schedule enable schedulename',
  'schedule disable': 'utils disaster_recovery schedule disable schedulename',
  'schedule delete': 'utils disaster_recovery schedule delete schedulename',
  'schedule list': 'utils disaster_recovery schedule list',
  backup: 'utils disaster_recovery backup network featurelist devicename',
  cancel_backup: 'utils disaster_recovery cancel_backup',
  restore: 'utils disaster_recovery restore network restore_server tarfilename devicename',
  status: 'utils disaster_recovery status {backup|restore}',
  history: 'utils disaster_recovery history {backup|restore}',
  show_backupfiles: 'utils disaster_recovery show_backupfiles devicename',
  show_registration: 'utils disaster_recovery show_registration hostname',
  estimate_tar_size: 'utils disaster_recovery estimate_tar_size featurelist',
  prepare: 'utils disaster_recovery prepare restore pub_from_sub',
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
      if (sub !== 'restore' || a[2] !== 'pub_from_sub' || a.length !== 3) usage('prepare');
      return io.write(`${await drs.prepareOneStepRestore()}\n`);
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
      await drs.addDevice({ name, path, host, username, password, ...(backupsToKeep === undefined ? {} : { backupsToKeep }) });
      return io.write(`${DRS_MESSAGES.deviceAdded}\n`);
    }
    case 'delete':
      if (a.length !== 3) usage('device delete');
      drs.deleteDevice(a[2]!);
      return io.write(`${DRS_MESSAGES.deviceDeleted}\n`);
    case 'list':
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
    if (a.length !== 2) usage('schedule list');
    return io.write(formatSchedules(drs.schedules()));
  }
  if (sub === 'add') {
    if (a.length !== 7) usage('schedule add');
    const [name, device, list, when, freq] = a.slice(2) as [string, string, string, string, string];
    const startMs = parseDateTime(when);
    if (startMs === undefined) return io.write(`drfCliMsg: Invalid date and time ${when}; use yyyy/mm/dd-hh:mm.\n${FAILED}\n`);
    const frequency = freq.toLowerCase() as ScheduleFrequency;
    if (!FREQUENCIES.includes(frequency)) return io.write(`drfCliMsg: Invalid frequency ${freq}; use once, daily, weekly or monthly.\n${FAILED}\n`);
    drs.addSchedule({ name, device, features: features(list, 'schedule add'), startMs, frequency });
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

async function restore(drs: DrsSystem, a: readonly string[], io: CliIo): Promise<void> {
  if (a[1] !== 'network' || a.length !== 5) usage('restore');
  const [server, tar, device] = a.slice(2) as [string, string, string];
  const d = await drs.describeBackup(device, tar);
  const answer = await io.readLine(`Please enter the comma-separated features you wish to restore. Valid feature(s) for this backup are: ${d.features.join(',')}\n`);
  const chosen = (answer ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  // Guide L10388-10394: the SHA1 integrity check is optional and costly.
  const integrityCheck = await yes(io, 'Do you want DRS to perform a SHA1 file integrity check? (y/n): ');
  await drs.startRestore({ device, tarFilename: tar, servers: [server], features: chosen, integrityCheck });
  io.write(`${DRS_MESSAGES.restoreInitiated}\n`);
}
