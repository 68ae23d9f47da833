import { join } from 'node:path';
import type { AcceptedKey, EndpointIdentity } from '../../../../shared/model/clusters.js';
import { ClusterAdmin } from '../../clusters/clusterAdmin.js';
import { AppError } from '../../base/errors.js';
import type { CredentialStore } from '../../credentials/credentialStore.js';
import { FileCredentialStore } from '../../credentials/fileCredentialStore.js';
import { normalizeSshFingerprint, normalizeTlsFingerprint } from '../../credentials/fingerprints.js';
import { PinnedTrustStore } from '../../credentials/pinnedTrustStore.js';
import { secureStateFolder } from '../../credentials/stateFolderHygiene.js';
import { confirmImpact } from '../conventions/confirmImpact.js';
import type { VerbContext } from '../conventions/verb.js';
import { openAlarmsFolder } from './alarmsFolder.js';

/**
 * What `imp clusters add|test|remove` share: HCL's ClusterAdmin on the data folder (clusters.json, the data
 * folder's file credential store — the one web mode and the collector use — and its pins), and the consent to SSH
 * host keys and certificates (shown on stderr; accepted at a terminal, or in a script with --accept-fingerprint
 * or --yes).
 */

/**
 * ClusterAdmin on `dataDir`, created owner-only when missing, narrowed when looser (the app's own layout:
 * createBackend), with the folder's credential store it writes secrets to. The audit log of a change must get its
 * key from this same store object: a second FileCredentialStore on credentials.json would write its own copy of the
 * entries over the other's (the audit key, created by one, lost by the other's next save).
 */
export async function openClusterAdmin(dataDir: string, log: (line: string) => void): Promise<ClusterAdmin & { readonly folderCredentials: CredentialStore }> {
  for (const w of secureStateFolder(dataDir)) log(`imp: warning: ${w}`);
  const credentials = await FileCredentialStore.open({ keyPath: join(dataDir, 'credentials.key'), storePath: join(dataDir, 'credentials.json') });
  const trust = await PinnedTrustStore.open(join(dataDir, 'trust.json'));
  const admin = await ClusterAdmin.open({ stateDir: dataDir, credentials, trust, onProblem: (m) => log(`imp: ${m}`) });
  return Object.assign(admin, { folderCredentials: credentials });
}

/**
 * A change to clusters.json is refused while an app runs on the data folder: the app holds the saved clusters in
 * memory and would write its own list over the command's at its next change (and would not poll the new cluster
 * before its next start). Add, edit and remove clusters in the app then (Settings › Clusters).
 */
export function refuseWhileAppRuns(dataDir: string): void {
  const folder = openAlarmsFolder(dataDir);
  if (!folder) return;
  let pid: number | undefined;
  try {
    pid = folder.liveBackend()?.pid;
  } finally {
    void folder.dispose();
  }
  if (pid !== undefined) throw new AppError('PRECONDITION', `the app runs on ${dataDir} (pid ${pid}): add, change or remove clusters in the app (Settings > Clusters), or stop it first`);
}

/** One identity as a line on stderr: kind, endpoint, fingerprint and its pin state (a changed one with the pinned one). */
export function identityLine(i: EndpointIdentity): string {
  const where = `${i.kind === 'ssh' ? 'SSH host key' : 'certificate '}  ${i.host}:${i.port}`;
  if (i.error) return `  ${where}  not reachable: ${i.error.kind}: ${i.error.message}`;
  const state = i.pin === 'pinned' ? 'pinned' : i.pin === 'changed' ? `CHANGED (pinned ${i.pinnedFingerprintSha256 ?? '?'})` : 'new';
  return `  ${where}  ${i.fingerprintSha256}  ${state}${i.subject ? `  ${i.subject}` : ''}`;
}

function sameFingerprint(kind: 'ssh' | 'tls', a: string, b: string): boolean {
  try {
    return kind === 'ssh' ? normalizeSshFingerprint(a) === normalizeSshFingerprint(b) : normalizeTlsFingerprint(a) === normalizeTlsFingerprint(b);
  } catch {
    return false;
  }
}

/** The consent options: fingerprints given on the command line, --yes, or a person at a terminal. */
export interface ConsentOptions {
  readonly acceptFingerprint?: readonly string[];
  readonly yes?: boolean;
}

/**
 * Shows the identities on stderr and decides which are accepted: one already pinned needs nothing; a new or changed
 * one is accepted when --accept-fingerprint names it, a new one with --yes, or either at a terminal when the person
 * says yes. A changed key is never accepted by --yes alone (it may be an attack: name it). Unreachable endpoints and
 * refusals fail (exit 1; no terminal and no consent option: bad usage, exit 2).
 */
export async function consentTo(ctx: VerbContext<ConsentOptions>, identities: readonly EndpointIdentity[]): Promise<AcceptedKey[]> {
  if (identities.length === 0) return [];
  ctx.log('Fingerprints presented:');
  for (const i of identities) ctx.log(identityLine(i));
  const unreachable = identities.filter((i) => i.error);
  if (unreachable.length > 0) {
    const u = unreachable[0]!;
    throw new AppError('POLL_CONNECT', `${u.host}:${u.port} (${u.kind === 'ssh' ? 'SSH' : 'HTTPS'}) could not be reached: ${u.error!.kind}: ${u.error!.message}`, { retryable: u.error!.retryable });
  }
  const given = ctx.options.acceptFingerprint ?? [];
  const accepted: AcceptedKey[] = [];
  const open: EndpointIdentity[] = [];
  for (const i of identities) {
    if (i.pin === 'pinned') continue;
    const key: AcceptedKey = { host: i.host, port: i.port, kind: i.kind, fingerprintSha256: i.fingerprintSha256! };
    if (given.some((g) => sameFingerprint(i.kind, g, i.fingerprintSha256!))) accepted.push(key);
    else if (ctx.options.yes && i.pin === 'new') accepted.push(key);
    else open.push(i);
  }
  if (open.length === 0) return accepted;
  const changed = open.filter((i) => i.pin === 'changed');
  if (ctx.options.yes && changed.length > 0) {
    const c = changed[0]!;
    throw new AppError('PRECONDITION', `the ${c.kind === 'ssh' ? 'SSH host key' : 'certificate'} of ${c.host}:${c.port} changed (pinned ${c.pinnedFingerprintSha256}, now ${c.fingerprintSha256}): --yes does not accept a changed key; if the change is expected, give --accept-fingerprint ${c.fingerprintSha256}`);
  }
  const impact = `Accept and pin ${open.length === 1 ? 'this fingerprint' : `these ${open.length} fingerprints`}${changed.length > 0 ? ` (${changed.length} CHANGED since pinned)` : ''}?\n${open.map(identityLine).join('\n')}`;
  const answer = await confirmImpact(ctx.io, impact, false);
  if (answer === 'noTerminal') {
    return ctx.usageError(`error: no terminal to accept the fingerprints: give --accept-fingerprint FP for each (or --yes to accept new ones).\n${open.map(identityLine).join('\n')}`);
  }
  if (answer === 'declined') throw new AppError('PRECONDITION', 'fingerprints not accepted: nothing was saved');
  return [...accepted, ...open.map((i) => ({ host: i.host, port: i.port, kind: i.kind, fingerprintSha256: i.fingerprintSha256! }))];
}
