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
  /** "Select Server Name": restore the publisher database (CCMDB) from this running subscriber (L10410). */
  readonly databaseFrom?: string;
}

/** A restore that passed every check: the descriptor and the decrypted backup key. */
export interface CheckedRestore {
  readonly name: string;
  readonly descriptor: BackupDescriptor;
  readonly key: Buffer;
  readonly servers: readonly string[];
  readonly features: readonly string[];
  readonly integrityCheck: boolean;
  readonly databaseFrom?: string;
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

/** The checks DRS makes before a restore, in the order the CLI prints them (design "CLI dialogue" 6.6). */
export const RESTORE_CHECKS = ['servers', 'features', 'version', 'hostname', 'ip', 'dns', 'deploymentType', 'securityPassword'] as const;
export type RestoreCheckName = (typeof RESTORE_CHECKS)[number];

/** One check's verdict: passed, or failed with the guide's words and the DRF alarm it raises. */
export interface RestoreCheckItem {
  readonly check: RestoreCheckName;
  readonly ok: boolean;
  /** The refusal (the guide's words) when failed; empty when passed. */
  readonly message: string;
}

/** Every check up to the first failure, and the checked restore when all passed. */
export interface RestoreCheckResult {
  readonly items: readonly RestoreCheckItem[];
  readonly checked?: CheckedRestore;
  /** The first failure as the error a caller throws (alarm DRFRestoreFailure). */
  readonly failure?: DrsError;
}

/** Rejects malicious input and a bad backup name at once (Table 42 DRFSecurityViolation, L10724). */
export function checkRestoreInput(req: Pick<RestoreRequest, 'tarFilename' | 'servers' | 'features' | 'databaseFrom'>): string {
  for (const v of [req.tarFilename, ...req.servers, ...(req.features ?? []), ...(req.databaseFrom ? [req.databaseFrom] : [])]) {
    if (isMaliciousPattern(v) || v.includes('/')) throw new DrsError('VALIDATION', DRS_MESSAGES.securityViolation, 'DRFSecurityViolation');
  }
  const name = req.tarFilename.replace(/\.tar$/, '');
  if (!/^\d{4}(-\d\d){5}$/.test(name)) throw new DrsError('VALIDATION', `drfCliMsg: ${req.tarFilename} is not a valid backup file name (yyyy-mm-dd-hh-mm-ss.tar).`);
  if (req.servers.length === 0) throw new DrsError('VALIDATION', 'drfCliMsg: Select at least one server to restore.');
  return name;
}

/**
 * Runs the restore prerequisites one by one (design 6.6 order): the servers are nodes of this cluster and of the
 * backup (and a "Select Server Name" node is a running subscriber, L10410), the features are in the backup, the
 * entire version string matches (L10040, L10342), hostname / IP / DNS / deployment type match (L10344, L10437),
 * and the backup key decrypts with the security password (L10042, L10345). Stops at the first failure.
 * Input errors and an unreadable device throw (they come before any check).
 */
export async function runRestoreChecks(ctx: DrsJobContext, device: BackupDevice, req: RestoreRequest): Promise<RestoreCheckResult> {
  const name = checkRestoreInput(req);
  const d = await readDescriptor(ctx, device, name);
  const cluster = ctx.cluster;
  const items: RestoreCheckItem[] = [];
  const fail = (check: RestoreCheckName, message: string, code: 'PRECONDITION' | 'VALIDATION' = 'PRECONDITION'): RestoreCheckResult => {
    items.push({ check, ok: false, message });
    return { items, failure: new DrsError(code, message, 'DRFRestoreFailure') };
  };
  const pass = (check: RestoreCheckName): void => void items.push({ check, ok: true, message: '' });
  // servers
  for (const server of req.servers) {
    const node = cluster.nodes.get(server);
    const saved = d.nodes.find((n) => n.hostname === server);
    if (!node || !saved) return fail('servers', DRS_MESSAGES.hostMismatch(`hostname ${server} ${node ? 'is not in the backup file' : 'is not a node of this cluster'}`));
  }
  if (req.databaseFrom) {
    const from = cluster.nodes.get(req.databaseFrom);
    const publisher = [...cluster.nodes.values()].find((n) => n.role === 'cucm-publisher');
    if (!from || from === publisher) return fail('servers', `drfCliMsg: ${req.databaseFrom} is not a subscriber node of this cluster; the publisher database can be restored only from a subscriber.`);
    if (from.power !== 'on' || from.isolated) return fail('servers', `drfCliMsg: Subscriber ${req.databaseFrom} is not running; the publisher database can be restored only from a running subscriber.`);
  }
  pass('servers');
  // features
  const features = req.features && req.features.length > 0 ? [...req.features] : [...d.features];
  const unknown = features.filter((f) => !d.features.includes(f));
  if (unknown.length > 0) return fail('features', `drfCliMsg: Feature(s) ${unknown.join(',')} are not in this backup. Valid feature(s) for this backup are: ${d.features.join(',')}`, 'VALIDATION');
  pass('features');
  const per = req.servers.map((server) => ({ node: cluster.nodes.get(server)!, saved: d.nodes.find((n) => n.hostname === server)! }));
  const bad = per.find(({ node, saved }) => saved.version !== node.version);
  if (bad) return fail('version', DRS_MESSAGES.versionMismatch(bad.saved.version, bad.node.version));
  pass('version');
  // The hostname check compares the node the backup names with this cluster's (by name above, by role here).
  const role = per.find(({ node, saved }) => saved.role !== '' && saved.role !== node.role);
  if (role) return fail('hostname', DRS_MESSAGES.hostMismatch(`hostname ${role.node.name} is a ${role.node.role} node here but a ${role.saved.role} node in the backup file`));
  pass('hostname');
  const ip = per.find(({ node, saved }) => saved.ip !== node.ipAddress);
  if (ip) return fail('ip', DRS_MESSAGES.hostMismatch(`IP address of ${ip.node.name} is ${ip.node.ipAddress}, the backup file has ${ip.saved.ip}`));
  pass('ip');
  const dns = per.find(({ saved }) => saved.domain !== cluster.profile.domain);
  if (dns) return fail('dns', DRS_MESSAGES.hostMismatch(`DNS domain is ${cluster.profile.domain}, the backup file has ${dns.saved.domain}`));
  pass('dns');
  const dep = per.find(({ node, saved }) => saved.deploymentType !== deploymentType(node));
  if (dep) return fail('deploymentType', DRS_MESSAGES.hostMismatch(`deployment type of ${dep.node.name} differs`));
  pass('deploymentType');
  const key = await unwrapKey(d.key, req.securityPassword ?? ctx.securityPassword());
  if (!key) return fail('securityPassword', DRS_MESSAGES.securityPassword);
  pass('securityPassword');
  return {
    items,
    checked: { name, descriptor: d, key, servers: [...req.servers], features, integrityCheck: req.integrityCheck ?? false, ...(req.databaseFrom ? { databaseFrom: req.databaseFrom } : {}) },
  };
}

/** {@link runRestoreChecks}, throwing the first failure (DrsError carrying the alarm to raise). */
export async function checkRestore(ctx: DrsJobContext, device: BackupDevice, req: RestoreRequest): Promise<CheckedRestore> {
  const r = await runRestoreChecks(ctx, device, req);
  if (!r.checked) throw r.failure!;
  return r.checked;
}
