/**
 * The Restore Wizard's answers and what they amount to (guide L10366-10560; seed-inventory.md 7.13-7.18): step 1 a
 * device, step 2 a backup file, step 3 its features, step 4 the servers, the SHA-1 integrity check, "Select Server
 * Name" (the publisher database from a running subscriber, only when the backup has CCMDB, L10410) and One-Step
 * Restore. Pure functions: the store keeps the state, the views ask these what to show.
 */
import type { DrsBackupFile, DrsRestoreKind, DrsRestoreRequest } from '../../../../shared/model/drs.js';
import type { NodeRole } from '../../../../shared/model/cluster.js';

/** The four steps of the guide's wizard. */
export type RestoreStep = 1 | 2 | 3 | 4;

/** What the wizard collected so far. */
export interface RestoreWizard {
  readonly step: RestoreStep;
  readonly device?: string;
  readonly fileName?: string;
  readonly features: readonly string[];
  readonly servers: readonly string[];
  readonly integrityCheck: boolean;
  /** '' = restore the publisher database from the backup file. */
  readonly databaseFrom: string;
  /** One-Step Restore chosen (every node; the publisher must first become cluster aware). */
  readonly oneStep: boolean;
}

/** A node the wizard can restore. */
export interface WizardNode {
  readonly name: string;
  readonly role: NodeRole;
}

/** A fresh wizard at step 1. */
export function initialRestoreWizard(): RestoreWizard {
  return { step: 1, features: [], servers: [], integrityCheck: false, databaseFrom: '', oneStep: false };
}

/** The CUCM publisher (the "first node") of the cluster, if it is monitored. */
export function firstNode(nodes: readonly WizardNode[]): string | undefined {
  return nodes.find((n) => n.role === 'cucm-publisher')?.name;
}

/**
 * What the server choice amounts to: the first node alone, subsequent nodes only, or every node (guide L10345-10364);
 * undefined for a mix the guide does not restore in one go (the publisher with some subscribers: L10395 "selecting
 * subscribers here causes the restore to fail").
 */
export function restoreKind(servers: readonly string[], nodes: readonly WizardNode[], oneStep: boolean): DrsRestoreKind | undefined {
  if (servers.length === 0) return undefined;
  const all = nodes.length > 0 && nodes.every((n) => servers.includes(n.name));
  if (oneStep) return all ? 'oneStep' : undefined;
  if (all) return 'entireCluster';
  const pub = firstNode(nodes);
  if (pub && servers.includes(pub)) return servers.length === 1 ? 'firstNode' : undefined;
  return 'subsequentNodes';
}

/** Whether "Select Server Name" is offered: the backup holds CCMDB and the publisher is restored (L10410). */
export function offersDatabaseFrom(file: DrsBackupFile | undefined, servers: readonly string[], nodes: readonly WizardNode[]): boolean {
  const pub = firstNode(nodes);
  return file?.hasCcmdb === true && pub !== undefined && servers.includes(pub);
}

/** The running subscribers the publisher database can come from. */
export function databaseSources(nodes: readonly (WizardNode & { readonly reachability: string })[]): string[] {
  return nodes.filter((n) => n.role !== 'cucm-publisher' && n.reachability === 'up').map((n) => n.name);
}

/** Why the wizard cannot go on from its step (a message key), or undefined. */
export function stepProblem(w: RestoreWizard, nodes: readonly WizardNode[]): 'pickDevice' | 'pickFile' | 'pickFeature' | 'pickServers' | 'mixedServers' | undefined {
  if (w.step >= 1 && !w.device) return 'pickDevice';
  if (w.step >= 2 && !w.fileName) return 'pickFile';
  if (w.step >= 3 && w.features.length === 0) return 'pickFeature';
  if (w.step >= 4) {
    if (w.servers.length === 0) return 'pickServers';
    if (!restoreKind(w.servers, nodes, w.oneStep)) return 'mixedServers';
  }
  return undefined;
}

/** The request DRS is asked to check, then to run; undefined while the answers are incomplete. */
export function toRestoreRequest(cluster: string, w: RestoreWizard, nodes: readonly WizardNode[], securityPassword: string, file: DrsBackupFile | undefined): DrsRestoreRequest | undefined {
  const kind = restoreKind(w.servers, nodes, w.oneStep);
  if (!w.device || !w.fileName || w.features.length === 0 || !kind || securityPassword === '') return undefined;
  const databaseFrom = offersDatabaseFrom(file, w.servers, nodes) && w.databaseFrom ? w.databaseFrom : undefined;
  return {
    cluster,
    device: w.device,
    fileName: w.fileName,
    features: [...w.features],
    servers: [...w.servers],
    integrityCheck: w.integrityCheck,
    securityPassword,
    ...(databaseFrom ? { databaseFrom } : {}),
    kind,
  };
}
