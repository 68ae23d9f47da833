import { DRS_MESSAGES } from './drsMessages.js';
import { DrsError, isMaliciousPattern } from './drsErrors.js';

/** At most 10 backup devices (guide L10060). */
export const MAX_BACKUP_DEVICES = 10;
/** "Number of backups to store on Network Directory": the guide gives no range (L10093); 1-14 is ours. */
export const MAX_BACKUPS_TO_KEEP = 14;

/** A network (SFTP) backup device; tape is not supported for virtualized deployments (guide L10188). */
export interface BackupDevice {
  readonly name: string;
  readonly type: 'NETWORK';
  /** Host name or IP address of the SFTP server (optionally ":port", ours for the simulator). */
  readonly host: string;
  /** Absolute directory path on the server. */
  readonly path: string;
  readonly username: string;
  readonly password: string;
  /** How many backups to keep on the directory; older ones are deleted after a successful backup. */
  readonly backupsToKeep: number;
}

/** What a caller supplies to add a device. */
export interface BackupDeviceInput {
  readonly name: string;
  readonly host: string;
  readonly path: string;
  readonly username: string;
  readonly password: string;
  readonly backupsToKeep?: number;
}

const HOST_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

function validHost(text: string): boolean {
  const m = /^(.*?)(?::(\d{1,5}))?$/.exec(text);
  const host = m?.[1] ?? '';
  if (m?.[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535)) return false;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host.split('.').every((o) => Number(o) <= 255);
  return host.length > 0 && host.length <= 253 && host.split('.').every((l) => HOST_LABEL.test(l));
}

/**
 * Checks a device as the Backup Device window does (guide L10083-10095) and returns it normalised.
 * Throws DrsError VALIDATION with the field's message; a traversal pattern raises DRFSecurityViolation.
 */
export function validateBackupDevice(input: BackupDeviceInput): BackupDevice {
  const fail = (msg: string): never => {
    throw new DrsError('VALIDATION', `drfCliMsg: ${msg}`);
  };
  for (const v of [input.name, input.host, input.path, input.username]) {
    if (isMaliciousPattern(v)) throw new DrsError('VALIDATION', DRS_MESSAGES.securityViolation, 'DRFSecurityViolation');
  }
  if (!/^[A-Za-z0-9 _-]+$/.test(input.name) || input.name.trim() === '') fail(DRS_MESSAGES.badDeviceName);
  if (!validHost(input.host)) fail('Host name/IP Address must be a valid host name or IP address of the network server.');
  if (!/^\/[^\0]*$/.test(input.path)) fail('Path Name must be an absolute directory path, for example /backups.');
  if (input.username === '' || /\s/.test(input.username)) fail('User name must be a valid user name without spaces.');
  if (input.password === '') fail('Password must not be empty.');
  const keep = input.backupsToKeep ?? 2;
  if (!Number.isInteger(keep) || keep < 1 || keep > MAX_BACKUPS_TO_KEEP) fail(`Number of backups to store on Network Directory must be 1-${MAX_BACKUPS_TO_KEEP}.`);
  const path = input.path.length > 1 ? input.path.replace(/\/+$/, '') : input.path;
  return { name: input.name, type: 'NETWORK', host: input.host, path, username: input.username, password: input.password, backupsToKeep: keep };
}

/** The Backup Device List (guide L10073-10081). */
export class BackupDevices {
  readonly #devices = new Map<string, BackupDevice>();

  /** Devices in the order they were added. */
  list(): BackupDevice[] {
    return [...this.#devices.values()];
  }

  get(name: string): BackupDevice | undefined {
    return this.#devices.get(name);
  }

  /** Throws DrsError NOT_FOUND for an unknown device. */
  require(name: string): BackupDevice {
    const d = this.#devices.get(name);
    if (!d) throw new DrsError('NOT_FOUND', `drfCliMsg: Backup device ${name} does not exist.`);
    return d;
  }

  /** Adds (or, for an existing name, replaces) a validated device; at most {@link MAX_BACKUP_DEVICES}. */
  put(device: BackupDevice): void {
    if (!this.#devices.has(device.name) && this.#devices.size >= MAX_BACKUP_DEVICES) throw new DrsError('CONFLICT', DRS_MESSAGES.tooManyDevices);
    this.#devices.set(device.name, device);
  }

  /** Deletes a device unless a schedule uses it (guide L10081); `usedBy` names that schedule. */
  delete(name: string, usedBy: (device: string) => string | undefined): void {
    this.require(name);
    const schedule = usedBy(name);
    if (schedule !== undefined) throw new DrsError('CONFLICT', DRS_MESSAGES.deviceInSchedule(name, schedule));
    this.#devices.delete(name);
  }
}
