import type { SimProfile } from '../profile/profileSchema.js';
import type { AlarmCenter } from './alarms/alarmCenter.js';
import type { HostingTable } from './hostingTable.js';
import type { SimNode } from './node/simNode.js';

/** External dependencies of Managed File Transfer a scenario can break (guide L8145-8219). */
export interface MftEnvironment {
  /** Free space of the external file server partition, percent. */
  freePct: number;
  mounted: boolean;
  dbConnected: boolean;
  dbFull: boolean;
}

const DAY_MS = 86_400_000;
/** Days before expiry when the certificate alarm starts (ours; the guide leaves Notification Start Time unstated, L4833-4858). */
export const CERT_WARN_DAYS = 30;
/** JSMSessionsExceedsThreshold: 80% for 10 minutes (guide L6977-7017). */
const JSM_THRESHOLD_PCT = 80;
const JSM_DURATION_MS = 10 * 60_000;

/**
 * Raises and clears the condition alarms from the model's state every tick: JSM capacity, MFT file server and
 * database, replication, certificate expiry.
 */
export class ConditionMonitor {
  readonly #jsmAboveSince = new Map<string, number>();

  constructor(
    private readonly profile: SimProfile,
    private readonly nodes: ReadonlyMap<string, SimNode>,
    private readonly alarms: AlarmCenter,
    private readonly hosting: HostingTable,
    readonly mft: MftEnvironment,
  ) {}

  /** JSM sessions the node supports: 1.5x its OVA, halved in active/active HA (guide L6999-7017). */
  jsmCapacity(node: SimNode): number {
    const group = this.hosting.groupOf(node.name);
    const activeActive = group !== undefined && group.haEnabled && group.nodes.length === 2 && this.profile.userAssignmentMode === 'balanced';
    return node.ova * 1.5 * (activeActive ? 0.5 : 1);
  }

  /** JSM sessions in use as a share of capacity, percent. */
  jsmUsagePct(node: SimNode): number {
    const s = node.sessions;
    return ((s.clientSessionsActive + s.phantomSessions + s.hybridSessions) / this.jsmCapacity(node)) * 100;
  }

  check(nowMs: number): void {
    for (const node of this.nodes.values()) {
      if (node.power !== 'on') continue;
      this.#checkReplication(node);
      this.#checkCertificates(node, nowMs);
      if (node.isCucm) continue;
      this.#checkJsm(node, nowMs);
      this.#checkMft(node);
    }
  }

  #checkReplication(node: SimNode): void {
    if (node.replicationState !== 2) this.alarms.raise(node.name, 'DBReplicationFailure', `Replication state is ${node.replicationState} on ${node.name}`);
    else this.alarms.clear(node.name, 'DBReplicationFailure', '', 'Replication state is 2 (Setup Completed)');
  }

  #checkCertificates(node: SimNode, nowMs: number): void {
    for (const cert of node.certificates) {
      const inst = `${cert.unit}/${cert.name}`;
      const days = Math.floor((cert.notAfterMs - nowMs) / DAY_MS);
      if (days < CERT_WARN_DAYS) {
        this.alarms.raise(node.name, 'CertExpiry', days < 0 ? `Certificate ${inst} expired ${-days} days ago` : `Certificate ${inst} expires in ${days} days`, inst);
      } else this.alarms.clear(node.name, 'CertExpiry', inst, `Certificate ${inst} renewed`);
    }
  }

  #checkJsm(node: SimNode, nowMs: number): void {
    const pct = this.jsmUsagePct(node);
    if (pct > JSM_THRESHOLD_PCT) {
      const since = this.#jsmAboveSince.get(node.name) ?? nowMs;
      this.#jsmAboveSince.set(node.name, since);
      if (nowMs - since >= JSM_DURATION_MS) {
        this.alarms.raise(node.name, 'JSMSessionsExceedsThreshold', `JSM sessions at ${pct.toFixed(1)}% of ${this.jsmCapacity(node)} supported for 10 minutes`);
      }
    } else {
      this.#jsmAboveSince.delete(node.name);
      this.alarms.clear(node.name, 'JSMSessionsExceedsThreshold', '', `JSM sessions at ${pct.toFixed(1)}%`);
    }
  }

  #checkMft(node: SimNode): void {
    const { mftFreeSpaceLowerPct, mftFreeSpaceUpperPct, managedFileTransfer } = this.profile.features;
    if (!managedFileTransfer || !node.services.isRunning('Cisco XCP File Transfer Manager')) return;
    // Raise at or below the lower threshold, clear at or above the upper one (guide L8145-8160).
    if (this.mft.freePct <= mftFreeSpaceLowerPct) this.alarms.raise(node.name, 'XcpMFTExtFsFreeSpaceWarn', `External file server free space ${this.mft.freePct.toFixed(1)}%`);
    else if (this.mft.freePct >= mftFreeSpaceUpperPct) this.alarms.clear(node.name, 'XcpMFTExtFsFreeSpaceWarn', '', `External file server free space ${this.mft.freePct.toFixed(1)}%`);
    if (!this.mft.mounted) this.alarms.raise(node.name, 'XcpMFTExtFsMountError', 'Cannot mount the external file server');
    else this.alarms.clear(node.name, 'XcpMFTExtFsMountError');
    if (!this.mft.dbConnected) this.alarms.raise(node.name, 'XcpMFTDBConnectError', 'Cannot connect to the external database');
    else this.alarms.clear(node.name, 'XcpMFTDBConnectError');
    if (this.mft.dbFull) this.alarms.raise(node.name, 'XcpMFTDBFullError', 'External database tablespace full');
    else this.alarms.clear(node.name, 'XcpMFTDBFullError');
  }
}
