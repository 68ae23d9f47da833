import { unixDate } from '../../adminCli/cliTime.js';
import type { BackupDescriptor } from './backupDescriptor.js';
import type { BackupDevice } from './backupDevices.js';
import type { BackupSchedule } from './backupSchedules.js';
import type { FeatureRegistration } from './drsFeatures.js';
import type { DrsHistoryEntry } from './drsHistory.js';
import type { DrsJobStatus } from './drsJobStatus.js';
import { DRS_MESSAGES } from './drsMessages.js';

// Text layouts of `utils disaster_recovery` outputs. `schedule list` is the [V] sample of reference D.7;
// `status` follows the [I] layout there (Status, Tar Filename, Storage Location, Operation, Percentage
// Complete, then feature / server / component / status / date / log file rows); the rest is ours and is
// pinned by the fixtures under ./fixtures.

/** A time as date(1) prints it on a UC OS node set to UTC: "Wed Nov 25 10:00:15 UTC 2026", "Fri Jan  2 …" (adminCli/cliTime.ts). */
export const formatDrsDate = unixDate;

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]! + 3))).join('').trimEnd()).join('\n') + '\n';
}

/** `status backup|restore`. */
export function formatStatus(s: DrsJobStatus | undefined, op: 'backup' | 'restore'): string {
  if (!s) return `${op === 'backup' ? DRS_MESSAGES.noBackupStatus : DRS_MESSAGES.noRestoreStatus}\n`;
  const head = [
    `Status: ${s.state} :${s.message}`,
    `Tar Filename: ${s.tarFilename}`,
    `Storage Location: ${s.storageLocation}`,
    `Operation: ${s.operation.toUpperCase()}`,
    `Percentage Complete: ${s.percentage}`,
  ].join('\n');
  if (s.rows.length === 0) return `${head}\n`;
  const rows = s.rows.map((r) => [
    r.feature,
    r.node,
    r.component,
    r.state === 'ACTIVE' || r.state === 'PENDING' ? String(r.percent) : r.state,
    r.startedMs === undefined ? '' : formatDrsDate(r.startedMs),
    r.logFile,
  ]);
  return `${head}\n${table(rows)}`;
}

/** `history backup|restore`: the History window's columns (guide L10241, L10643). */
export function formatHistory(entries: readonly DrsHistoryEntry[], op: 'backup' | 'restore'): string {
  if (entries.length === 0) return `${DRS_MESSAGES.noHistory}\n`;
  const verb = op === 'backup' ? 'Backed Up' : 'Restored';
  const head = ['Tar Filename:', `${op === 'backup' ? 'Backup' : 'Restore'} Device:`, 'Completed On:', 'Result:', 'Version:', 'Backup Type:', `Features ${verb}:`, 'Failed Features:'];
  const rows = entries.map((e) => [e.tarFilename, e.device, formatDrsDate(e.completedMs), e.result, e.version, e.kind, e.featuresDone.join(','), e.featuresFailed.join(',')]);
  return table([head, ...rows]);
}

/** `device list`. */
export function formatDevices(devices: readonly BackupDevice[]): string {
  if (devices.length === 0) return 'drfCliMsg: No backup device is configured.\n';
  return table([['Device Name', 'Device Type', 'Device Path'], ...devices.map((d) => [d.name, d.type, `${d.host}:${d.path}`])]);
}

/** `schedule list`, as the [V] sample of reference D.7 lays it out. */
export function formatSchedules(schedules: readonly BackupSchedule[]): string {
  const lines = ['schedule name\tdevice name\tSchedule Status', '-----------------------------------------'];
  for (const s of schedules) lines.push(`${s.name}\t\t\t\t \t${s.device}\t\t\t\t\t${s.enabled ? 'enabled' : 'disabled'}`);
  return `${lines.join('\n')}\n`;
}

/** `show_registration <hostname>`. */
export function formatRegistration(regs: readonly FeatureRegistration[]): string {
  return regs.map((r) => `${r.feature} :\n${r.components.map((c) => `\t${c}`).join('\n')}`).join('\n') + '\n';
}

/** Bytes as the estimate prints them. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(2)} MB` : `${(bytes / 1024).toFixed(2)} KB`;
}

/** `device list detail` [designed]: every field of the Backup Device window but the password. */
export function formatDevicesDetail(devices: readonly BackupDevice[], usedBy: (device: string) => readonly string[]): string {
  if (devices.length === 0) return 'drfCliMsg: No backup device is configured.\n';
  const head = ['Device Name', 'Device Type', 'Server', 'Port', 'Path', 'User Name', 'Number of Backups', 'Used By Schedules'];
  const rows = devices.map((d) => {
    const { host, port } = splitServer(d.host);
    const used = usedBy(d.name);
    return [d.name, d.type, host, String(port), d.path, d.username, String(d.backupsToKeep), used.length === 0 ? '-' : used.join(',')];
  });
  return table([head, ...rows]);
}

/** "host[:port]" → host and port (22 by default). */
export function splitServer(text: string): { host: string; port: number } {
  const m = /^(.*):(\d{1,5})$/.exec(text);
  return m ? { host: m[1]!, port: Number(m[2]) } : { host: text, port: 22 };
}

const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** Weekday names of the `schedule add … weekly [days]` argument, in order Sunday first. */
export const WEEKDAYS: readonly string[] = WEEKDAY_NAMES;

/** "yyyy/mm/dd-hh:mm" in UTC (the `schedule add` argument's format). */
export function formatScheduleTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}-${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/** `schedule list detail` [designed]. */
export function formatSchedulesDetail(schedules: readonly BackupSchedule[]): string {
  if (schedules.length === 0) return 'drfCliMsg: No backup schedule is configured.\n';
  const head = ['Schedule Name', 'Device Name', 'Features', 'Start Time', 'Frequency', 'Days', 'Status', 'Next Run'];
  const rows = schedules.map((s) => [
    s.name,
    s.device,
    s.features.join(','),
    formatScheduleTime(s.startMs),
    s.frequency,
    s.frequency === 'weekly' ? s.weekdays.map((d) => WEEKDAY_NAMES[d]).join(',') : '-',
    s.enabled ? 'enabled' : 'disabled',
    s.enabled && s.nextRunMs !== undefined ? formatScheduleTime(s.nextRunMs) : '-',
  ]);
  return table([head, ...rows]);
}

/** `show_backupinfo <device> <tar>` [designed]: the backup's descriptor. */
export function formatBackupInfo(d: BackupDescriptor): string {
  const head = [
    `Tar Filename: ${d.name}.tar`,
    `Backup Type: ${d.kind}`,
    `Created On: ${formatDrsDate(d.createdMs)}`,
    `Features: ${d.features.join(',')}`,
    `CCMDB: ${d.components.some((c) => c.component === 'CCMDB') ? 'yes' : 'no'}`,
  ].join('\n');
  const rows = d.nodes.map((n) => [n.hostname, n.ip, n.role, n.deploymentType, n.version]);
  return `${head}\n${table([['Hostname', 'IP Address', 'Role', 'Deployment Type', 'Version'], ...rows])}`;
}
