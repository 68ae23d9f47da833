import type { Disposable } from '../../../base/disposable.js';
import type { SimScheduler } from '../../clock/simScheduler.js';
import type { SeededRandom } from '../../random/seededRandom.js';
import type { NodeRole, OvaSize, SimProfile } from '../../profile/profileSchema.js';
import { nodeAddress } from '../../profile/loopbackAddresses.js';
import { NodeLogTree } from '../logs/nodeLogTree.js';
import { NodeServices } from '../services/nodeServices.js';
import { CUCM_SERVICES, IMP_SERVICES } from '../services/serviceCatalog.js';
import { createCertificates, type NodeCertificate } from './certificates.js';
import { NodeMetrics } from './nodeMetrics.js';

/** Power state of a node. */
export type PowerState = 'on' | 'off' | 'booting' | 'shuttingDown';

/** A protocol endpoint a scenario can degrade. */
export type EndpointKind = 'ssh' | 'snmp' | 'soap';

/** How a scenario degraded an endpoint: slow answers or none at all. */
export interface EndpointDegradation {
  readonly delayMs?: number;
  readonly unresponsive?: boolean;
}

/** Session figures of a node, recomputed by the model every tick. */
export interface NodeSessionStats {
  /** Users whose sessions this node currently hosts (its own, plus its peer's after a failover). */
  hostedUsers: number;
  /** Presence Engine JSM sessions created so far (ramps up after a restart). */
  activeJsmSessions: number;
  /** Logged-in client sessions (devices) on this node: active connections. */
  clientSessionsActive: number;
  /** Inactive (dual) connections of the peer's users held on this node (guide L2311-2364). */
  clientSessionsInactive: number;
  phantomSessions: number;
  hybridSessions: number;
  mdmSessions: number;
  xmppClients: number;
  webClients: number;
  /** Logins per second in the last tick (drives CPU). */
  loginRate: number;
}

/** One simulated node: its power, services, logs, metrics, replication and certificates. */
export class SimNode implements Disposable {
  readonly role: NodeRole;
  readonly ova: OvaSize;
  readonly ipAddress: string;
  /** Active software version: the profile node's own, else the cluster's (IM&P) or cucmVersion (CUCM). */
  readonly version: string;
  readonly services: NodeServices;
  readonly logs: NodeLogTree;
  readonly metrics: NodeMetrics;
  readonly certificates: NodeCertificate[];
  power: PowerState = 'on';
  bootedAtMs: number;
  /** IDS database replication setup state as RTMT shows it: 2 = Setup Completed (guide L2045-2066). */
  replicationState = 2;
  /** Cut off the network entirely (endpoints unreachable, heartbeats lost). */
  isolated = false;
  readonly degradation = new Map<EndpointKind, EndpointDegradation>();
  readonly sessions: NodeSessionStats = {
    hostedUsers: 0,
    activeJsmSessions: 0,
    clientSessionsActive: 0,
    clientSessionsInactive: 0,
    phantomSessions: 0,
    hybridSessions: 0,
    mdmSessions: 0,
    xmppClients: 0,
    webClients: 0,
    loginRate: 0,
  };
  /** Cumulative counters (messages, MFT, MDM). */
  readonly totals = { imPackets: 0, imsInSlice: 0, mdmFlushes: 0, mdmFlushesLimit: 0, mdmFlushPackets: 0, mftFilesUp: 0, mftFilesDown: 0, mftBytesUpSlice: 0, mftBytesDownSlice: 0, mftFilesUpSlice: 0, mftFilesDownSlice: 0, sipInvites: 0, sipMessages: 0, adhocRooms: 0, persistentRooms: 0 };

  constructor(
    readonly name: string,
    readonly index: number,
    profileNode: SimProfile['nodes'][number],
    profile: SimProfile,
    scheduler: SimScheduler,
    rng: SeededRandom,
    peers: readonly string[],
    seed: string,
  ) {
    this.role = profileNode.role;
    this.ova = profileNode.ova;
    this.ipAddress = nodeAddress(profile, index); // 127/8 only (profile/loopbackAddresses.ts)
    this.version = profileNode.version ?? (profileNode.role === 'cucm-publisher' ? profile.cucmVersion : profile.version);
    this.bootedAtMs = scheduler.now() - rng.int(3, 90) * 86_400_000;
    this.services = new NodeServices(name, this.isCucm ? CUCM_SERVICES : IMP_SERVICES, scheduler, 1000 + index * 7919);
    this.logs = new NodeLogTree({
      node: name,
      role: this.isCucm ? 'cucm' : 'imp',
      domain: profile.domain,
      seed: `${seed}:${name}`,
      startMs: scheduler.now(),
      traceFileBytes: profile.logs.traceFileBytes,
      traceFileBytesBySet: profile.logs.traceFileBytesBySet,
      rotatedFiles: profile.logs.rotatedFiles,
      rotateAtBytes: profile.logs.rotateAtBytes,
    });
    this.metrics = new NodeMetrics(this.ova, rng.fork(`${name}:metrics`));
    this.certificates = createCertificates(name, profile.domain, peers, scheduler.now(), rng.fork(`${name}:certs`));
  }

  /** True for the CUCM publisher. */
  get isCucm(): boolean {
    return this.role === 'cucm-publisher';
  }

  /** True when the node answers on the network (powered on or booting, not isolated). */
  get reachable(): boolean {
    return !this.isolated && (this.power === 'on' || this.power === 'shuttingDown');
  }

  /** Seconds since boot at virtual time `nowMs`. */
  uptimeSec(nowMs: number): number {
    return Math.max(0, Math.floor((nowMs - this.bootedAtMs) / 1000));
  }

  dispose(): void {
    this.services.dispose();
  }
}
