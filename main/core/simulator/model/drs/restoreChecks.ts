import { unwrapKey } from './backupArchive.js';
import { descriptorFileName, parseDescriptor, type BackupDescriptor } from './backupDescriptor.js';
import type { BackupDevice } from './backupDevices.js';
import { deploymentType } from './drsFeatures.js';
import { DrsError, isMaliciousPattern } from './drsErrors.js';
import type { DrsJobContext } from './drsJobContext.js';
import { DRS_MESSAGES } from './drsMessages.js';
import { BackupStoreError } from './drsSftpClient.js';

/** What the Restore Wizard collects (guide L10378-10412) or the CLI's `restore network` takes. */
export interface RestoreRequest {
  readonly device: string;
  /** Backup name, with or without ".tar" (e.g. "2026-11-25-10-00-00.tar"). */
  readonly tarFilename: string;
  /** Nodes to restore (hostnames). */
  readonly servers: readonly string[];
  /** Features to restore; all features of the backup by default. */
  readonly features?: readonly string[];
  /** The cluster security password in effect at backup time; the current one by default (L10042, L10345). */
  readonly securityPassword?: string;
  /** "Perform file integrity check using SHA1 Message Digest" (L10388-10394). */
  readonly integrityCheck?: boolean;
}

/** A restore that passed every check: the descriptor and the decrypted backup key. */
export interface CheckedRestore {
  readonly name: string;
  readonly descriptor: BackupDescriptor;
  readonly key: Buffer;
  readonly servers: readonly string[];
  readonly features: readonly string[];
  readonly integrityCheck: boolean;
}

/** Reads the descriptor of backup `name` from a device; DrsError with DRFRestoreDeviceError when unreadable. */
export async function readDescriptor(ctx: DrsJobContext, device: BackupDevice, name: string): Promise<BackupDescriptor> {
  const store = await ctx.transport.open(device).catch((err: unknown) => {
    throw new DrsError('PRECONDITION', `drfCliMsg: Unable to access backup device ${device.name}: ${(err as Error).message}`, 'DRFRestoreDeviceError');
  });
  try {
    const xml = await store.readFile(`${device.path === '/' ? '' : device.path}/${name}/${descriptorFileName(name)}`);
    return parseDescriptor(xml.toString('utf8'));
  } catch (err) {
    const missing = err instanceof BackupStoreError && err.kind === 'notFound';
    throw new DrsError(missing ? 'NOT_FOUND' : 'PRECONDITION', missing ? `drfCliMsg: Backup file ${name}.tar was not found on device ${device.name}.` : `drfCliMsg: Unable to read backup ${name} from device ${device.name}: ${(err as Error).message}`, 'DRFRestoreDeviceError');
  } finally {
    store.close();
  }
}

/**
 * Runs the restore prerequisites in the guide's order of concern: malicious input (Table 42 DRFSecurityViolation),
 * the backup exists, the entire version string matches (L10040, L10342), hostname / IP / DNS / deployment type
 * match (L10344, L10437), and the backup key decrypts with the security password (L10042, L10345).
 * Throws DrsError carrying the alarm to raise.
 */
export async function checkRestore(ctx: DrsJobContext, device: BackupDevice, req: RestoreRequest): Promise<CheckedRestore> {
  for (const v of [req.tarFilename, ...req.servers, ...(req.features ?? [])]) {
    if (isMaliciousPattern(v) || v.includes('/')) throw new DrsError('VALIDATION', DRS_MESSAGES.securityViolation, 'DRFSecurityViolation');
  }
  const name = req.tarFilename.replace(/\.tar$/, '');
  if (!/^\d{4}(-\d\d){5}$/.test(name)) throw new DrsError('VALIDATION', `drfCliMsg: ${req.tarFilename} is not a valid backup file name (yyyy-mm-dd-hh-mm-ss.tar).`);
  if (req.servers.length === 0) throw new DrsError('VALIDATION', 'drfCliMsg: Select at least one server to restore.');
  const d = await readDescriptor(ctx, device, name);
  const cluster = ctx.cluster;
  for (const server of req.servers) {
    const node = cluster.nodes.get(server);
    const saved = d.nodes.find((n) => n.hostname === server);
    if (!node || !saved) throw new DrsError('PRECONDITION', DRS_MESSAGES.hostMismatch(`hostname ${server} ${node ? 'is not in the backup file' : 'is not a node of this cluster'}`), 'DRFRestoreFailure');
    const current = node.version;
    if (saved.version !== current) throw new DrsError('PRECONDITION', DRS_MESSAGES.versionMismatch(saved.version, current), 'DRFRestoreFailure');
    if (saved.ip !== node.ipAddress) throw new DrsError('PRECONDITION', DRS_MESSAGES.hostMismatch(`IP address of ${server} is ${node.ipAddress}, the backup file has ${saved.ip}`), 'DRFRestoreFailure');
    if (saved.domain !== cluster.profile.domain) throw new DrsError('PRECONDITION', DRS_MESSAGES.hostMismatch(`DNS domain is ${cluster.profile.domain}, the backup file has ${saved.domain}`), 'DRFRestoreFailure');
    if (saved.deploymentType !== deploymentType(node)) throw new DrsError('PRECONDITION', DRS_MESSAGES.hostMismatch(`deployment type of ${server} differs`), 'DRFRestoreFailure');
  }
  const features = req.features && req.features.length > 0 ? [...req.features] : [...d.features];
  const unknown = features.filter((f) => !d.features.includes(f));
  if (unknown.length > 0) throw new DrsError('VALIDATION', `drfCliMsg: Feature(s) ${unknown.join(',')} are not in this backup. Valid feature(s) for this backup are: ${d.features.join(',')}`);
  const key = await unwrapKey(d.key, req.securityPassword ?? cluster.profile.securityPassword);
  if (!key) throw new DrsError('PRECONDITION', DRS_MESSAGES.securityPassword, 'DRFRestoreFailure');
  return { name, descriptor: d, key, servers: [...req.servers], features, integrityCheck: req.integrityCheck ?? false };
}
