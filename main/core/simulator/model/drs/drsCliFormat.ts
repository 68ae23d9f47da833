import { unixDate } from '../../adminCli/cliTime.js';
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
