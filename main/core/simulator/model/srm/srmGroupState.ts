/**
 * The mutable state of one presence redundancy group's SRM and the read-only questions asked of it (who is
 * present, healthy, how many users a node hosts, what each node displays). The reactions live in srmReactions.ts,
 * the public API in presenceRedundancyGroupSrm.ts.
 */
import type { CriticalServiceScope, SrmEnvironment } from './srmEnvironment.js';
import type { SrmGroupEvent } from './srmEvents.js';
import { mdmFactor, type SrmParameters } from './srmParameters.js';
import { deriveNodeDisplay, type NodeIndex, type SrmDisplay, type SrmSituation } from './srmSituation.js';

/** What SRM keeps about one node of the group. */
export interface SrmNodeRuntime {
  readonly name: string;
  /** Powered on, booted and SRM running (last observation). */
  operating: boolean;
  initializing: boolean;
  initStartedAt: number;
  /** Lost a heartbeat split although its SRM runs; shown Down (Table 4 row 16). */
  isolated: boolean;
  /** The node's SRM restarted during the current situation: its reason reads Initialization. */
  initializationReason: boolean;
  lostPeerSince: number | null;
  peerLossHandled: boolean;
  unhealthySince: number | null;
  unhealthyHandled: boolean;
  healthySince: number | null;
  restartedWhileUnknown: boolean;
}

/** A group event before the group name and time are stamped on it. */
export type SrmEventBody = SrmGroupEvent extends infer E ? (E extends SrmGroupEvent ? Omit<E, 'group' | 'atMs'> : never) : never;

/** Where the reactions report what they did. */
export interface SrmEffects {
  queueEvent(body: SrmEventBody): void;
  /** Recomputes every node's display and queues the transitions (so intermediate states are reported). */
  publishDisplays(): void;
}

/** Why a fresh start (both SRMs from scratch) was requested. */
export type SrmFreshStartOrigin = 'start' | 'recover' | 'haEnabled' | 'restart';

/** Mutable group state shared by the reactions and the public machine. */
export class SrmGroupState {
  readonly nodes: SrmNodeRuntime[];
  /** Index of the node hosting the users homed on node i. */
  readonly host: NodeIndex[];
  situation: SrmSituation = { kind: 'normal' };
  freshStartPending = false;
  freshStartOrigin: SrmFreshStartOrigin = 'start';
  immediateHealth = false;
  readonly faults = { takeoverFails: false, takebackFails: false, haEnabledIncorrectly: new Set<string>() };
  /** Bumped on every change, so evaluation repeats until nothing moves. */
  changes = 0;

  constructor(
    readonly env: SrmEnvironment,
    readonly groupName: string,
    names: readonly string[],
    public params: SrmParameters,
    public haEnabled: boolean,
  ) {
    const now = env.scheduler.now();
    this.nodes = names.map((name) => ({
      name, operating: false, initializing: false, initStartedAt: now, isolated: false, initializationReason: false,
      lostPeerSince: null, peerLossHandled: false, unhealthySince: null, unhealthyHandled: false, healthySince: null,
      restartedWhileUnknown: false,
    }));
    this.host = names.map((_, i) => i as NodeIndex);
  }

  get isPair(): boolean {
    return this.nodes.length === 2;
  }

  /** Virtual now. */
  now(): number {
    return this.env.scheduler.now();
  }

  /** Name of node i. */
  name(i: NodeIndex): string {
    return this.nodes[i]!.name;
  }

  /** Index of a node name, or undefined outside the group. */
  indexOf(node: string): NodeIndex | undefined {
    const i = this.nodes.findIndex((n) => n.name === node);
    return i < 0 ? undefined : (i as NodeIndex);
  }

  /** Reads whether node i is powered on, booted and runs SRM. */
  observeOperating(i: NodeIndex): boolean {
    const name = this.name(i);
    return this.env.isPoweredOn(name) && !this.env.isBooting(name) && this.env.isSrmRunning(name);
  }

  /** Operating, settled and not cut off: able to act for the pair. */
  present(i: NodeIndex): boolean {
    const n = this.nodes[i]!;
    return n.operating && !n.initializing && !n.isolated;
  }

  /** Which optional services count as critical (L2161). */
  scope(): CriticalServiceScope {
    return { includeXcpAuthenticationService: this.params.enableXcpAuthenticationServiceMonitoring };
  }

  /** Why node i cannot serve: database first (L2287), then critical services; null when healthy. */
  unhealthyCause(i: NodeIndex): 'criticalServiceDown' | 'databaseFailure' | null {
    const name = this.name(i);
    if (!this.env.isDatabaseRunning(name)) return 'databaseFailure';
    return this.env.downCriticalServices(name, this.scope()).length > 0 ? 'criticalServiceDown' : null;
  }

  /** Operating with critical services and database running. */
  healthy(i: NodeIndex): boolean {
    return this.nodes[i]!.operating && this.unhealthyCause(i) === null;
  }

  /** Whose health SRM acts on: both in Normal or while falling back, only the backup while failed over. */
  healthRelevant(i: NodeIndex): boolean {
    const s = this.situation;
    if (s.kind === 'normal' || s.kind === 'fallback') return true;
    return s.kind === 'failover' && s.backup === i;
  }

  /** Users currently served by node i (its own and its peer's). */
  usersHostedOn(i: NodeIndex): number {
    return ([0, 1] as const).filter((h) => this.host[h] === i).reduce<number>((sum, h) => sum + this.env.usersHomedOn(this.name(h)), 0);
  }

  /** Decision: Multiple Device Messaging on either node doubles the pair's timing (L2370). */
  mdm(): number {
    return mdmFactor(this.nodes.some((n) => this.env.isMultipleDeviceMessagingEnabled(n.name)));
  }

  /** Every node's displayed (state, reason), node 1 first. */
  computeDisplays(): SrmDisplay[] {
    const group = { haEnabled: this.haEnabled, pairSize: this.nodes.length as 1 | 2 };
    return this.nodes.map((n, i) => deriveNodeDisplay(group, this.situation, i as NodeIndex, {
      present: n.operating && !n.isolated,
      initializing: n.initializing,
      initializationReason: n.initializationReason,
      healthy: this.healthy(i as NodeIndex),
    }));
  }

  /** The next deadline strictly after now, or Infinity (the heartbeat tick covers the rest). */
  nextDeadline(): number {
    const p = this.params;
    const f = this.mdm();
    const now = this.now();
    const deadlines: number[] = [];
    for (const n of this.nodes) {
      if (!n.operating) continue;
      if (n.initializing) deadlines.push(n.initStartedAt + p.heartbeatIntervalSeconds * 1000, n.initStartedAt + p.initializationHeartbeatTimeoutSeconds * 1000 * f);
      if (n.lostPeerSince !== null && !n.peerLossHandled) deadlines.push(n.lostPeerSince + p.heartbeatTimeoutSeconds * 1000 * f);
      if (n.unhealthySince !== null && !n.unhealthyHandled) deadlines.push(n.unhealthySince + p.criticalServiceDownDelaySeconds * 1000 * f);
      if (n.healthySince !== null) deadlines.push(n.healthySince + p.automaticFallbackDelaySeconds * 1000);
    }
    const s = this.situation;
    if ((s.kind === 'failover' && s.phase === 'moving') || s.kind === 'fallback') deadlines.push(s.endsAt);
    return Math.min(...deadlines.filter((d) => d > now));
  }
}
