/**
 * The Cisco Server Recovery Manager of one presence redundancy group: heartbeats, critical service monitoring,
 * automatic failover / auto-recover / automatic fallback, and the administrator's failover, fallback and recover
 * (guide L1997-2043, L2135-2307; seed-inventory.md 2.1-2.12).
 *
 * Design: the pair-level {@link SrmSituation} (who hosts whom and why, persisted in the shared database) survives
 * SRM restarts; each node adds what only it knows (down, initializing, restarted during the situation). Every
 * display is derived from both (srmSituation.ts). All time is virtual: a heartbeat tick on the SimScheduler plus
 * one wake-up timer at the next deadline. Decisions where the guide is silent are marked "Decision:".
 */
import { Emitter, type Event } from '../../../base/emitter.js';
import type { Disposable } from '../../../base/disposable.js';
import { AppError } from '../../../base/errors.js';
import type { CriticalServiceScope, SrmEnvironment, SrmFaults } from './srmEnvironment.js';
import type { SrmCommandResult, SrmFailoverCause, SrmFallbackCause, SrmGroupEvent, SrmTransition } from './srmEvents.js';
import { mdmFactor, resolveSrmParameters, transitionDurationMs, type SrmParameters } from './srmParameters.js';
import { deriveNodeDisplay, failoverReason, peerOf, type NodeIndex, type SrmDisplay, type SrmSituation } from './srmSituation.js';
import { matchSrmStateTable, type SrmStateTableMatch } from './srmStateTable.js';
import { SRM_STATE_LABELS, type SrmNodeStatus, type SrmReasonId } from './srmStates.js';
import { renderHaStatus } from './haStatusRenderer.js';

/** How a group is created. */
export interface PresenceRedundancyGroupSrmOptions {
  /** Group (subcluster) name, as `utils ha status` prints it. */
  readonly groupName: string;
  /** One or two node names; the order is the guide's node 1 / node 2. */
  readonly nodes: readonly string[];
  /** "Enable High Availability" of the group (L2196). */
  readonly haEnabled: boolean;
  readonly parameters?: Partial<SrmParameters>;
  /** 'normal' (default): the group is already settled; 'initializing': both SRMs are just starting. */
  readonly start?: 'normal' | 'initializing';
}

interface NodeRuntime {
  readonly name: string;
  /** Powered on, booted and SRM running (last observation). */
  operating: boolean;
  initializing: boolean;
  initStartedAt: number;
  /** Lost a heartbeat split although its SRM runs; shown Down (Table 4 row 16). */
  isolated: boolean;
  initializationReason: boolean;
  lostPeerSince: number | null;
  peerLossHandled: boolean;
  unhealthySince: number | null;
  unhealthyHandled: boolean;
  healthySince: number | null;
  restartedWhileUnknown: boolean;
}

type Queued = { readonly t: 'transition'; readonly e: SrmTransition } | { readonly t: 'event'; readonly e: SrmGroupEvent };
type EventBody = SrmGroupEvent extends infer E ? (E extends SrmGroupEvent ? Omit<E, 'group' | 'atMs'> : never) : never;

const AUTO_RECOVER: ReadonlySet<SrmFailoverCause> = new Set(['autoRecoverDatabaseFailure', 'autoRecoverCriticalServiceDown']);

/** The SRM state machine of one presence redundancy group. Dispose it to stop its timers. */
export class PresenceRedundancyGroupSrm implements Disposable {
  /** Group (subcluster) name. */
  readonly groupName: string;
  readonly #env: SrmEnvironment;
  #params: SrmParameters;
  #haEnabled: boolean;
  readonly #nodes: NodeRuntime[];
  /** Index of the node hosting the users homed on node i. */
  readonly #host: NodeIndex[];
  #situation: SrmSituation = { kind: 'normal' };
  #freshStartPending = false;
  #freshStartOrigin: 'start' | 'recover' | 'haEnabled' | 'restart' = 'start';
  #immediateHealth = false;
  readonly #faults = { takeoverFails: false, takebackFails: false, haEnabledIncorrectly: new Set<string>() };
  #displays: SrmDisplay[];
  #changes = 0;
  #depth = 0;
  #evaluateAgain = false;
  readonly #queue: Queued[] = [];
  readonly #transitions = new Emitter<SrmTransition>();
  readonly #events = new Emitter<SrmGroupEvent>();
  #tick: Disposable;
  #wake: { at: number; timer: Disposable } | undefined;
  #disposed = false;

  /** Fires when a node's (state, reason) changes. */
  readonly onDidTransition: Event<SrmTransition> = this.#transitions.event;
  /** Fires named group events (failover started/completed, both failed ...). */
  readonly onDidEvent: Event<SrmGroupEvent> = this.#events.event;

  /** @throws AppError `VALIDATION` for a bad node list or parameter. */
  constructor(env: SrmEnvironment, options: PresenceRedundancyGroupSrmOptions) {
    const names = options.nodes;
    if (names.length < 1 || names.length > 2) throw new AppError('VALIDATION', `presence redundancy group ${options.groupName} must have one or two nodes, got ${names.length}`);
    if (names.some((n) => n.trim() === '') || new Set(names).size !== names.length) {
      throw new AppError('VALIDATION', `presence redundancy group ${options.groupName} needs distinct, non-empty node names`);
    }
    this.groupName = options.groupName;
    this.#env = env;
    this.#params = resolveSrmParameters(options.parameters);
    this.#haEnabled = options.haEnabled;
    const now = env.scheduler.now();
    this.#nodes = names.map((name) => ({
      name, operating: false, initializing: false, initStartedAt: now, isolated: false, initializationReason: false,
      lostPeerSince: null, peerLossHandled: false, unhealthySince: null, unhealthyHandled: false, healthySince: null,
      restartedWhileUnknown: false,
    }));
    this.#host = names.map((_, i) => i as NodeIndex);
    for (let i = 0; i < this.#nodes.length; i++) this.#nodes[i]!.operating = this.#observeOperating(i as NodeIndex);
    if (options.start === 'initializing' && this.#isPair) {
      for (let i = 0; i < this.#nodes.length; i++) if (this.#nodes[i]!.operating) this.#startInit(i as NodeIndex);
      this.#freshStartPending = true;
    }
    this.#displays = this.#computeDisplays();
    this.#tick = env.scheduler.setInterval(this.#params.heartbeatIntervalSeconds * 1000, () => this.evaluate());
    this.evaluate();
  }

  // ---- queries ----------------------------------------------------------------------------------------------

  /** Node names in the guide's order (node 1, node 2). */
  get nodeNames(): readonly string[] {
    return this.#nodes.map((n) => n.name);
  }

  get haEnabled(): boolean {
    return this.#haEnabled;
  }

  get parameters(): SrmParameters {
    return this.#params;
  }

  /** The faults currently injected. */
  get faults(): SrmFaults {
    return this.#faults;
  }

  /** Each node's (state, reason), node 1 first. */
  statuses(): SrmNodeStatus[] {
    return this.#displays.map((d, i) => ({ node: this.#nodes[i]!.name, state: d.state, reason: d.reason }));
  }

  /** One node's (state, reason). @throws AppError `NOT_FOUND` for a node outside the group. */
  status(node: string): SrmNodeStatus {
    const i = this.#indexOf(node);
    if (i === undefined) throw new AppError('NOT_FOUND', `node ${node} is not in presence redundancy group ${this.groupName}`);
    return this.statuses()[i]!;
  }

  /** The node that currently hosts the users homed on `homeNode`. @throws AppError `NOT_FOUND`. */
  hostOf(homeNode: string): string {
    const i = this.#indexOf(homeNode);
    if (i === undefined) throw new AppError('NOT_FOUND', `node ${homeNode} is not in presence redundancy group ${this.groupName}`);
    return this.#nodes[this.#host[i]!]!.name;
  }

  /** Home node → hosting node, for every node of the group. */
  hosting(): Record<string, string> {
    return Object.fromEntries(this.#nodes.map((n, i) => [n.name, this.#nodes[this.#host[i]!]!.name]));
  }

  /** The Table 4 row of the pair's current (state, reason) combination, if the guide lists it. */
  tableRow(): SrmStateTableMatch | undefined {
    const [a, b] = this.statuses();
    return a && b ? matchSrmStateTable(a, b) : undefined;
  }

  /** `utils ha status` output for this group (serviceability-reference.md D.4). */
  renderHaStatus(): string {
    return renderHaStatus(this.groupName, this.statuses());
  }

  // ---- inputs -----------------------------------------------------------------------------------------------

  /** Re-reads the environment and acts on what changed. The model calls it after changing any input. */
  evaluate(): void {
    if (this.#disposed) return;
    if (this.#depth > 0) {
      this.#evaluateAgain = true;
      return;
    }
    this.#run(() => this.#evaluateCore());
  }

  /** Turns "Enable High Availability" on or off (L2196). Enabling re-initializes both SRMs. */
  setHaEnabled(enabled: boolean): void {
    this.#run(() => {
      if (enabled === this.#haEnabled) return;
      this.#haEnabled = enabled;
      if (enabled && this.#isPair) {
        // L2070 / L2180: with critical services down, enabling HA fails over (or fails both) at once.
        this.#beginFreshStart('haEnabled');
        this.#immediateHealth = true;
      }
      this.#evaluateCore();
    });
  }

  /** Changes SRM service parameters; running deadlines keep the values they were armed with. */
  setParameters(overrides: Partial<SrmParameters>): void {
    this.#run(() => {
      const before = this.#params.heartbeatIntervalSeconds;
      this.#params = resolveSrmParameters({ ...this.#params, ...overrides });
      if (this.#params.heartbeatIntervalSeconds !== before) {
        this.#tick.dispose();
        this.#tick = this.#env.scheduler.setInterval(this.#params.heartbeatIntervalSeconds * 1000, () => this.evaluate());
      }
      this.#evaluateCore();
    });
  }

  /** Fault: moving users to the backup fails (Table 4 row 19). */
  setTakeoverFails(fails: boolean): void {
    this.#faults.takeoverFails = fails;
  }

  /** Fault: moving users back fails (Table 4 row 20). */
  setTakebackFails(fails: boolean): void {
    this.#faults.takebackFails = fails;
  }

  /** Fault: HA enabled incorrectly on `node` (Table 4 row 24). */
  setHaEnabledIncorrectly(node: string, incorrect: boolean): void {
    if (this.#indexOf(node) === undefined) throw new AppError('NOT_FOUND', `node ${node} is not in presence redundancy group ${this.groupName}`);
    if (incorrect) this.#faults.haEnabledIncorrectly.add(node);
    else this.#faults.haEnabledIncorrectly.delete(node);
    this.evaluate();
  }

  // ---- commands ---------------------------------------------------------------------------------------------

  /**
   * Manual failover of `node` to its peer (L2220, L2232): only from Normal on both nodes, and only when the peer
   * can take over. SRM stops the node's critical services; its users move to the peer.
   */
  failover(node: string): SrmCommandResult {
    return this.#command(node, 'Failover', (i, p) => {
      const [di, dp] = [this.#displays[i]!, this.#displays[p]!];
      if (this.#situation.kind !== 'normal' || di.state !== 'normal' || dp.state !== 'normal') {
        return refuse(`Failover of ${this.#name(i)} refused: a manual failover starts from the Normal state (guide L2232, L2251); ${this.#describe(i)}, ${this.#describe(p)}`);
      }
      if (!this.#healthy(p)) return refuse(`Failover of ${this.#name(i)} refused: ${this.#name(p)} cannot take over, its critical services or database are not running`);
      this.#startFailover(i, p, 'admin');
      return { ok: true, message: `Failover of ${this.#name(i)} to ${this.#name(p)} started` };
    });
  }

  /**
   * Manual fallback to `node` (L2221, L2233): the node must be Idle or Failed Over (or Failover Affected Services
   * with its services running again) and its peer Running in Backup Mode (or Backup Activated). SRM starts the
   * node's critical services; `ok` is false when they fail to start (both nodes then Running in Failed Mode).
   */
  fallback(node: string): SrmCommandResult {
    return this.#command(node, 'Fallback', (i, p) => {
      const s = this.#situation;
      const [di, dp] = [this.#displays[i]!, this.#displays[p]!];
      const nodeReady = di.state === 'idle' || di.state === 'failedOver' || (di.state === 'failoverAffectedServices' && this.#healthy(i));
      const peerReady = dp.state === 'runningInBackupMode' || dp.state === 'backupActivated';
      if (s.kind !== 'failover' || s.failed !== i || s.phase !== 'done' || !nodeReady || !peerReady) {
        const hint = di.state === 'failedOverCriticalServicesNotRunning' || di.state === 'failoverAffectedServices'
          ? `; start the critical services on ${this.#name(i)} (or reboot it) first (Table 4 rows 12-13)`
          : '';
        return refuse(`Fallback to ${this.#name(i)} refused: it needs ${this.#name(i)} Idle or Failed Over and ${this.#name(p)} Running in Backup Mode (guide L2233, L2250, L2255); ${this.#describe(i)}, ${this.#describe(p)}${hint}`);
      }
      const started = this.#startFallback(i, 'admin');
      return started
        ? { ok: true, message: `Fallback from ${this.#name(p)} to ${this.#name(i)} started` }
        : { ok: false, message: `Fallback to ${this.#name(i)} failed: its critical services did not start; both nodes are Running in Failed Mode (Start Critical Services Failed)` };
    });
  }

  /**
   * Manual recover (L2222, L2234): when both nodes are Running in Failed Mode, or Unknown. Restarts the critical
   * services and the SRM service on both nodes; once both SRMs hear each other, users go home and the pair is
   * Normal (then any node still unhealthy fails over again after the usual delay).
   */
  recover(): SrmCommandResult {
    return this.#command(undefined, 'Recover', () => {
      const kind = this.#situation.kind;
      if (kind !== 'failed' && kind !== 'unknown') {
        return refuse(`Recover refused: it is only for a group whose nodes are Running in Failed Mode or Unknown (guide L2222, L2234); ${this.#describe(0)}, ${this.#describe(1)}`);
      }
      this.#queueEvent({ type: 'recoverStarted' });
      for (let i = 0; i < 2; i++) {
        if (!this.#nodes[i]!.operating) continue;
        this.#env.stopCriticalServices(this.#nodes[i]!.name);
        this.#env.startCriticalServices(this.#nodes[i]!.name);
      }
      this.#beginFreshStart('recover');
      return { ok: true, message: `Recovering presence redundancy group ${this.groupName}: restarting Cisco Server Recovery Manager on both nodes` };
    });
  }

  /** The Cisco Server Recovery Manager service of `node` was restarted (Table 4 rows 5-9, 21). */
  restartSrm(node: string): SrmCommandResult {
    const i = this.#indexOf(node);
    if (i === undefined) return refuse(`node ${node} is not in presence redundancy group ${this.groupName}`);
    return this.#run(() => {
      this.#evaluateCore();
      const n = this.#nodes[i]!;
      if (!n.operating) return refuse(`Cisco Server Recovery Manager is not running on ${node}`);
      if (this.#haEnabled && this.#isPair) {
        this.#startInit(i);
        if (this.#situation.kind === 'unknown' && this.#faults.haEnabledIncorrectly.size === 0) n.restartedWhileUnknown = true;
      }
      this.#queueEvent({ type: 'srmRestarted', node });
      this.#evaluateCore();
      return { ok: true, message: `Cisco Server Recovery Manager restarted on ${node}` };
    });
  }

  /** Stops the heartbeat tick and every pending timer; the machine then ignores inputs. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#tick.dispose();
    this.#wake?.timer.dispose();
    this.#wake = undefined;
    this.#transitions.dispose();
    this.#events.dispose();
  }

  // ---- evaluation -------------------------------------------------------------------------------------------

  #evaluateCore(): void {
    for (let pass = 0; pass < 10; pass++) {
      const before = this.#changes;
      this.#evaluatePass();
      if (this.#changes === before) break;
    }
    this.#publishDisplays();
    this.#armWake();
  }

  #evaluatePass(): void {
    const now = this.#now();
    for (let k = 0; k < this.#nodes.length; k++) {
      const i = k as NodeIndex;
      const n = this.#nodes[i]!;
      const op = this.#observeOperating(i);
      if (n.operating && !op) this.#nodeWentDown(i);
      else if (!n.operating && op) {
        n.operating = true;
        this.#changes++;
        if (this.#haEnabled && this.#isPair) this.#startInit(i);
      }
    }
    if (!this.#haEnabled || !this.#isPair) return;
    if (this.#faults.haEnabledIncorrectly.size > 0 && this.#situation.kind !== 'unknown') {
      this.#setSituation({ kind: 'unknown' });
      for (const n of this.#nodes) n.restartedWhileUnknown = false;
      this.#queueEvent({ type: 'haUnknown' });
    }
    for (const i of [0, 1] as const) this.#checkHeartbeat(i, now);
    for (const i of [0, 1] as const) this.#checkHealth(i, now);
    this.#checkAutomaticFallback(now);
    const s = this.#situation;
    if (s.kind === 'failover' && s.phase === 'moving' && now >= s.endsAt) this.#completeFailover(s);
    else if (s.kind === 'fallback' && now >= s.endsAt) this.#completeFallback(s);
  }

  #checkHeartbeat(i: NodeIndex, now: number): void {
    const n = this.#nodes[i]!;
    if (!n.operating) return;
    const p = peerOf(i);
    const heard = this.#nodes[p]!.operating && this.#env.isHeartbeatReachable(this.#name(p), this.#name(i));
    const f = this.#mdm();
    if (n.initializing) {
      if (heard) {
        if (now >= n.initStartedAt + this.#params.heartbeatIntervalSeconds * 1000) this.#resolveInit(i);
      } else if (now >= n.initStartedAt + this.#params.initializationHeartbeatTimeoutSeconds * 1000 * f) {
        this.#initTimedOut(i);
      }
      return;
    }
    if (n.isolated) {
      // L2293: after the network is restored the nodes may enter the failed state; Recover returns them to Normal.
      if (heard && this.#env.isHeartbeatReachable(this.#name(i), this.#name(p))) {
        n.isolated = false;
        this.#enterFailed('unknown');
      }
      return;
    }
    if (heard) {
      if (n.lostPeerSince !== null || n.peerLossHandled) this.#changes++;
      n.lostPeerSince = null;
      n.peerLossHandled = false;
      return;
    }
    // Decision: the timeout runs from the first observation of the loss (evaluate() on change, else the next tick).
    n.lostPeerSince ??= now;
    if (!n.peerLossHandled && now >= n.lostPeerSince + this.#params.heartbeatTimeoutSeconds * 1000 * f) {
      n.peerLossHandled = true;
      this.#changes++;
      this.#peerLost(i);
    }
  }

  #checkHealth(i: NodeIndex, now: number): void {
    const n = this.#nodes[i]!;
    const cause = n.operating && !n.initializing && !n.isolated && this.#healthRelevant(i) ? this.#unhealthyCause(i) : null;
    if (cause === null) {
      n.unhealthySince = null;
      n.unhealthyHandled = false;
      return;
    }
    n.unhealthySince ??= now;
    if (!n.unhealthyHandled && now >= n.unhealthySince + this.#params.criticalServiceDownDelaySeconds * 1000 * this.#mdm()) {
      n.unhealthyHandled = true;
      this.#changes++;
      this.#unhealthyDetected(i, cause);
    }
  }

  #checkAutomaticFallback(now: number): void {
    const s = this.#situation;
    const eligible = this.#params.enableAutomaticFallback && s.kind === 'failover' && s.phase === 'done' && s.cause !== 'admin';
    for (const i of [0, 1] as const) {
      const n = this.#nodes[i]!;
      const candidate = eligible && s.failed === i && this.#present(i) && this.#healthy(i) && this.#present(s.backup);
      if (!candidate) {
        n.healthySince = null;
        continue;
      }
      // L2156: users move back 30 minutes after the primary node is healthy again.
      n.healthySince ??= now;
      if (now >= n.healthySince + this.#params.automaticFallbackDelaySeconds * 1000) {
        n.healthySince = null;
        this.#startFallback(i, 'automatic');
      }
    }
  }

  // ---- reactions --------------------------------------------------------------------------------------------

  #resolveInit(i: NodeIndex): void {
    const p = peerOf(i);
    if (this.#freshStartPending) {
      const peer = this.#nodes[p]!;
      if (peer.initializing && this.#now() < peer.initStartedAt + this.#params.heartbeatIntervalSeconds * 1000) return;
      this.#settleFresh();
      return;
    }
    const n = this.#nodes[i]!;
    n.initializing = false;
    this.#changes++;
    const s = this.#situation;
    if (s.kind === 'failover' || s.kind === 'fallback') n.initializationReason = true; // rows 5-9, 11, 18
    else if (s.kind === 'failed') this.#enterFailed('unknown'); // row 21: SRM restarted while the peer is failed
    else if (s.kind === 'unknown' && this.#faults.haEnabledIncorrectly.size === 0 && this.#nodes.every((x) => x.restartedWhileUnknown)) {
      this.#settleFresh(); // row 24 action: restart SRM on both nodes
    }
  }

  /** The initialization heartbeat timeout (L2157) expired without hearing the peer. */
  #initTimedOut(i: NodeIndex): void {
    const n = this.#nodes[i]!;
    const p = peerOf(i);
    if (this.#freshStartPending) this.#settleFresh();
    n.initializing = false;
    n.lostPeerSince = this.#now();
    n.peerLossHandled = true;
    this.#changes++;
    const s = this.#situation;
    if (s.kind === 'normal') {
      // Row 18: the node does not see its peer during start-up and takes its users over.
      this.#queueEvent({ type: 'peerLost', node: n.name, peer: this.#name(p), cause: 'peerDownDuringInitialization' });
      if (this.#healthy(i)) this.#startFailover(p, i, 'peerDownDuringInitialization');
    } else if (s.kind === 'failover' || s.kind === 'fallback') {
      n.initializationReason = true;
    } else if (s.kind === 'failed') {
      this.#enterFailed('unknown');
    }
  }

  /** The heartbeat timeout (L2158) expired on node i. */
  #peerLost(i: NodeIndex): void {
    const p = peerOf(i);
    const peerName = this.#name(p);
    const peerSrmRuns = this.#nodes[p]!.operating;
    const cause = !this.#env.isPoweredOn(peerName) || this.#env.isBooting(peerName) ? 'peerReboot' : 'peerDown'; // rows 16-17
    this.#queueEvent({ type: 'peerLost', node: this.#name(i), peer: peerName, cause });
    const s = this.#situation;
    if (s.kind === 'normal') {
      if (peerSrmRuns) {
        // Decision: a split where both SRMs run but cannot hear each other. Table 4 row 16 shows node 2 taking over
        // a node 1 that "lost network connectivity", so the second node of the group takes over (the first one if
        // the second cannot serve) and the other is shown Down until the network returns.
        const taker: NodeIndex | undefined = this.#healthy(1) ? 1 : this.#healthy(0) ? 0 : undefined;
        if (taker === undefined) return;
        const loser = peerOf(taker);
        this.#nodes[loser]!.isolated = true;
        this.#nodes[taker]!.peerLossHandled = true;
        this.#nodes[taker]!.lostPeerSince ??= this.#now();
        this.#startFailover(loser, taker, 'peerDown');
      } else if (this.#healthy(i)) {
        this.#startFailover(p, i, cause);
      }
    } else if (s.kind === 'failover') {
      if (peerSrmRuns) {
        this.#nodes[s.failed]!.isolated = true; // the backup keeps the users; the failed side is cut off
        this.#nodes[s.backup]!.peerLossHandled = true;
        this.#changes++;
      } else if (i === s.failed && s.phase === 'done' && s.cause !== 'admin' && !AUTO_RECOVER.has(s.cause) && this.#healthy(i)) {
        // Decision: the backup died while the failed-over node is healthy again: it takes every user.
        this.#startFailover(p, i, cause);
      }
    } else if (s.kind === 'fallback') {
      this.#enterFailed(cause); // Table 3 L2261: an error during a transitional state
    }
  }

  /** A critical service or the database has been down for the Critical Service Down Delay (L2155). */
  #unhealthyDetected(i: NodeIndex, cause: 'criticalServiceDown' | 'databaseFailure'): void {
    const p = peerOf(i);
    const s = this.#situation;
    if (s.kind === 'normal') {
      if (!this.#present(p)) return; // Decision: nobody can take over; SRM waits.
      if (this.#healthy(p)) this.#startFailover(i, p, cause); // rows 12-13
      else this.#enterFailed(failoverReason(cause)); // L2070: critical services down on both nodes
    } else if (s.kind === 'failover' && s.backup === i) {
      const f = s.failed;
      const plainAutomatic = s.cause !== 'admin' && !AUTO_RECOVER.has(s.cause);
      if (s.phase === 'done' && plainAutomatic && this.#present(f) && this.#healthy(f)) {
        // Rows 22-23: the failed-over peer is able to take every user: auto-recover moves them all to it.
        this.#startFailover(i, f, cause === 'databaseFailure' ? 'autoRecoverDatabaseFailure' : 'autoRecoverCriticalServiceDown');
      } else {
        this.#enterFailed(failoverReason(cause)); // row 15 (and its database variant)
      }
    } else if (s.kind === 'fallback') {
      this.#enterFailed(failoverReason(cause));
    }
  }

  #startFailover(failed: NodeIndex, backup: NodeIndex, cause: SrmFailoverCause): void {
    const failedName = this.#name(failed);
    const downServices = cause === 'criticalServiceDown' || cause === 'autoRecoverCriticalServiceDown'
      ? [...this.#env.downCriticalServices(failedName, this.#scope())]
      : [];
    if (cause === 'admin') this.#env.stopCriticalServices(failedName); // L2220
    const usersMoving = this.#usersHostedOn(failed);
    const durationMs = transitionDurationMs(usersMoving, this.#params, this.#mdm() > 1);
    this.#setSituation({ kind: 'failover', failed, backup, cause, phase: 'moving', endsAt: this.#now() + durationMs });
    this.#queueEvent({ type: 'failoverStarted', failed: failedName, backup: this.#name(backup), cause, usersMoving, durationMs, downServices });
    this.#publishDisplays();
  }

  #completeFailover(s: Extract<SrmSituation, { kind: 'failover' }>): void {
    if (this.#faults.takeoverFails || !this.#nodes[s.backup]!.operating) {
      this.#queueEvent({ type: 'takeoverFailed', failed: this.#name(s.failed), backup: this.#name(s.backup) });
      this.#enterFailed('takeOverUsersFailed'); // row 19; users stay where they were
      return;
    }
    for (const h of [0, 1] as const) if (this.#host[h] === s.failed) this.#moveUsers(h, s.backup);
    this.#setSituation({ ...s, phase: 'done' }, true);
    this.#queueEvent({ type: 'failoverCompleted', failed: this.#name(s.failed), backup: this.#name(s.backup), cause: s.cause });
  }

  /** Returns false when the primary's critical services did not start (row 14). */
  #startFallback(primary: NodeIndex, cause: SrmFallbackCause): boolean {
    const backup = peerOf(primary);
    const usersMoving = ([0, 1] as const).filter((h) => this.#host[h] !== h).reduce<number>((sum, h) => sum + this.#env.usersHomedOn(this.#name(h)), 0);
    const durationMs = transitionDurationMs(usersMoving, this.#params, this.#mdm() > 1);
    this.#setSituation({ kind: 'fallback', primary, backup, cause, endsAt: this.#now() + durationMs });
    this.#queueEvent({ type: 'fallbackStarted', primary: this.#name(primary), backup: this.#name(backup), cause, usersMoving, durationMs });
    this.#publishDisplays();
    // L2221: SRM restarts the critical services on the primary node.
    if (this.#env.startCriticalServices(this.#name(primary))) return true;
    this.#queueEvent({ type: 'startCriticalServicesFailed', node: this.#name(primary) });
    this.#enterFailed('startCriticalServicesFailed');
    return false;
  }

  #completeFallback(s: Extract<SrmSituation, { kind: 'fallback' }>): void {
    if (this.#faults.takebackFails || !this.#nodes[s.primary]!.operating) {
      this.#queueEvent({ type: 'takebackFailed', primary: this.#name(s.primary), backup: this.#name(s.backup) });
      this.#enterFailed('takeBackUsersFailed'); // row 20; users stay on the backup
      return;
    }
    for (const h of [0, 1] as const) this.#moveUsers(h, h);
    this.#setSituation({ kind: 'normal' });
    this.#queueEvent({ type: 'fallbackCompleted', primary: this.#name(s.primary), backup: this.#name(s.backup), cause: s.cause });
  }

  #enterFailed(reason: SrmReasonId): void {
    const s = this.#situation;
    if (s.kind === 'failed' && s.reason === reason) return;
    this.#setSituation({ kind: 'failed', reason });
    this.#queueEvent({ type: 'bothFailed', reason });
  }

  #beginFreshStart(origin: 'recover' | 'haEnabled' | 'restart'): void {
    this.#freshStartPending = true;
    this.#freshStartOrigin = origin;
    for (const i of [0, 1] as const) if (this.#nodes[i]!.operating) this.#startInit(i);
  }

  /** Both SRMs start from scratch: users go home (where the home node is up) and the pair is Normal. */
  #settleFresh(): void {
    this.#freshStartPending = false;
    for (const n of this.#nodes) {
      Object.assign(n, { initializing: false, isolated: false, lostPeerSince: null, peerLossHandled: false, unhealthySince: null, unhealthyHandled: false, healthySince: null, restartedWhileUnknown: false });
    }
    for (const h of [0, 1] as const) if (this.#nodes[h]!.operating) this.#moveUsers(h, h);
    this.#setSituation({ kind: 'normal' });
    if (this.#immediateHealth) {
      this.#immediateHealth = false;
      const delay = this.#params.criticalServiceDownDelaySeconds * 1000 * this.#mdm();
      for (const i of [0, 1] as const) if (this.#nodes[i]!.operating && !this.#healthy(i)) this.#nodes[i]!.unhealthySince = this.#now() - delay;
    }
    if (this.#freshStartOrigin === 'recover') this.#queueEvent({ type: 'recoverCompleted' });
  }

  #startInit(i: NodeIndex): void {
    Object.assign(this.#nodes[i]!, {
      operating: true, initializing: true, initStartedAt: this.#now(), isolated: false, initializationReason: false,
      lostPeerSince: null, peerLossHandled: false, unhealthySince: null, unhealthyHandled: false, healthySince: null,
    });
    this.#changes++;
  }

  #nodeWentDown(i: NodeIndex): void {
    Object.assign(this.#nodes[i]!, {
      operating: false, initializing: false, isolated: false, initializationReason: false, lostPeerSince: null,
      peerLossHandled: false, unhealthySince: null, unhealthyHandled: false, healthySince: null,
    });
    this.#changes++;
  }

  #setSituation(s: SrmSituation, keepInitializationReasons = false): void {
    this.#situation = s;
    if (!keepInitializationReasons) for (const n of this.#nodes) n.initializationReason = false;
    this.#changes++;
  }

  #moveUsers(home: NodeIndex, to: NodeIndex): void {
    const from = this.#host[home]!;
    if (from === to) return;
    this.#host[home] = to;
    this.#env.moveUsers(this.#name(home), this.#name(to));
    this.#queueEvent({ type: 'usersMoved', home: this.#name(home), from: this.#name(from), to: this.#name(to) });
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  get #isPair(): boolean {
    return this.#nodes.length === 2;
  }

  #now(): number {
    return this.#env.scheduler.now();
  }

  #name(i: NodeIndex): string {
    return this.#nodes[i]!.name;
  }

  #indexOf(node: string): NodeIndex | undefined {
    const i = this.#nodes.findIndex((n) => n.name === node);
    return i < 0 ? undefined : (i as NodeIndex);
  }

  #describe(i: NodeIndex): string {
    const d = this.#displays[i];
    return d ? `${this.#name(i)} is ${SRM_STATE_LABELS[d.state].en}` : 'no peer';
  }

  #observeOperating(i: NodeIndex): boolean {
    const name = this.#name(i);
    return this.#env.isPoweredOn(name) && !this.#env.isBooting(name) && this.#env.isSrmRunning(name);
  }

  #present(i: NodeIndex): boolean {
    const n = this.#nodes[i]!;
    return n.operating && !n.initializing && !n.isolated;
  }

  #scope(): CriticalServiceScope {
    return { includeXcpAuthenticationService: this.#params.enableXcpAuthenticationServiceMonitoring };
  }

  #unhealthyCause(i: NodeIndex): 'criticalServiceDown' | 'databaseFailure' | null {
    const name = this.#name(i);
    if (!this.#env.isDatabaseRunning(name)) return 'databaseFailure';
    return this.#env.downCriticalServices(name, this.#scope()).length > 0 ? 'criticalServiceDown' : null;
  }

  #healthy(i: NodeIndex): boolean {
    return this.#nodes[i]!.operating && this.#unhealthyCause(i) === null;
  }

  /** Whose health SRM acts on: both in Normal or while falling back, only the backup while failed over. */
  #healthRelevant(i: NodeIndex): boolean {
    const s = this.#situation;
    if (s.kind === 'normal' || s.kind === 'fallback') return true;
    return s.kind === 'failover' && s.backup === i;
  }

  #usersHostedOn(i: NodeIndex): number {
    return ([0, 1] as const).filter((h) => this.#host[h] === i).reduce<number>((sum, h) => sum + this.#env.usersHomedOn(this.#name(h)), 0);
  }

  /** Decision: Multiple Device Messaging on either node doubles the pair's timing (L2370). */
  #mdm(): number {
    return mdmFactor(this.#nodes.some((n) => this.#env.isMultipleDeviceMessagingEnabled(n.name)));
  }

  #computeDisplays(): SrmDisplay[] {
    const group = { haEnabled: this.#haEnabled, pairSize: this.#nodes.length as 1 | 2 };
    return this.#nodes.map((n, i) => deriveNodeDisplay(group, this.#situation, i as NodeIndex, {
      present: n.operating && !n.isolated,
      initializing: n.initializing,
      initializationReason: n.initializationReason,
      healthy: this.#healthy(i as NodeIndex),
    }));
  }

  #publishDisplays(): void {
    const next = this.#computeDisplays();
    const atMs = this.#now();
    next.forEach((d, i) => {
      const prev = this.#displays[i]!;
      if (prev.state === d.state && prev.reason === d.reason) return;
      this.#queue.push({ t: 'transition', e: { group: this.groupName, node: this.#nodes[i]!.name, previous: prev.state, previousReason: prev.reason, current: d.state, reason: d.reason, atMs } });
    });
    this.#displays = next;
  }

  #queueEvent(body: EventBody): void {
    this.#queue.push({ t: 'event', e: { ...body, group: this.groupName, atMs: this.#now() } as SrmGroupEvent });
  }

  /** Arms one timer at the next deadline strictly after now (the heartbeat tick covers the rest). */
  #armWake(): void {
    if (this.#disposed || !this.#haEnabled || !this.#isPair) return this.#disarmWake();
    const p = this.#params;
    const f = this.#mdm();
    const now = this.#now();
    const deadlines: number[] = [];
    for (const n of this.#nodes) {
      if (!n.operating) continue;
      if (n.initializing) deadlines.push(n.initStartedAt + p.heartbeatIntervalSeconds * 1000, n.initStartedAt + p.initializationHeartbeatTimeoutSeconds * 1000 * f);
      if (n.lostPeerSince !== null && !n.peerLossHandled) deadlines.push(n.lostPeerSince + p.heartbeatTimeoutSeconds * 1000 * f);
      if (n.unhealthySince !== null && !n.unhealthyHandled) deadlines.push(n.unhealthySince + p.criticalServiceDownDelaySeconds * 1000 * f);
      if (n.healthySince !== null) deadlines.push(n.healthySince + p.automaticFallbackDelaySeconds * 1000);
    }
    const s = this.#situation;
    if ((s.kind === 'failover' && s.phase === 'moving') || s.kind === 'fallback') deadlines.push(s.endsAt);
    const next = Math.min(...deadlines.filter((d) => d > now));
    if (!Number.isFinite(next)) return this.#disarmWake();
    if (this.#wake?.at === next) return;
    this.#disarmWake();
    this.#wake = { at: next, timer: this.#env.scheduler.at(next, () => { this.#wake = undefined; this.evaluate(); }) };
  }

  #disarmWake(): void {
    this.#wake?.timer.dispose();
    this.#wake = undefined;
  }

  #command(node: string | undefined, what: string, body: (i: NodeIndex, p: NodeIndex) => SrmCommandResult): SrmCommandResult {
    if (this.#disposed) return refuse(`${what} refused: presence redundancy group ${this.groupName} is disposed`);
    const i = node === undefined ? 0 : this.#indexOf(node);
    if (i === undefined) return refuse(`${what} refused: node ${node} is not in presence redundancy group ${this.groupName}`);
    if (!this.#haEnabled) return refuse(`${what} refused: High Availability is not enabled on presence redundancy group ${this.groupName}`);
    if (!this.#isPair) return refuse(`${what} refused: presence redundancy group ${this.groupName} has a single node and no peer`);
    return this.#run(() => {
      this.#evaluateCore();
      const result = body(i, peerOf(i));
      this.#evaluateCore();
      return result;
    });
  }

  /** Runs `fn` with re-entrant evaluate() calls deferred, then delivers the queued events in order. */
  #run<T>(fn: () => T): T {
    this.#depth++;
    let result: T;
    try {
      result = fn();
      while (this.#evaluateAgain) {
        this.#evaluateAgain = false;
        this.#evaluateCore();
      }
    } finally {
      this.#depth--;
    }
    if (this.#depth === 0) {
      for (let q = this.#queue.shift(); q; q = this.#queue.shift()) {
        if (q.t === 'transition') this.#transitions.fire(q.e);
        else this.#events.fire(q.e);
      }
    }
    return result;
  }
}

function refuse(message: string): SrmCommandResult {
  return { ok: false, message };
}
