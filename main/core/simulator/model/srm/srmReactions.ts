/**
 * How SRM reacts: heartbeat and initialization timeouts, critical service / database monitoring, failover,
 * auto-recover, fallback (manual and automatic), failed mode and fresh starts (guide L1997-2043, L2135-2307).
 * Decisions where the guide is silent are marked "Decision:".
 */
import type { SrmFailoverCause, SrmFallbackCause } from './srmEvents.js';
import { transitionDurationMs } from './srmParameters.js';
import { failoverReason, peerOf, type NodeIndex, type SrmSituation } from './srmSituation.js';
import type { SrmReasonId } from '../../../../../shared/ha/srmStates.js';
import type { SrmEffects, SrmFreshStartOrigin, SrmGroupState } from './srmGroupState.js';

const AUTO_RECOVER: ReadonlySet<SrmFailoverCause> = new Set(['autoRecoverDatabaseFailure', 'autoRecoverCriticalServiceDown']);

/** The reactions of one group's SRM to its inputs and deadlines. */
export class SrmReactions {
  constructor(
    private readonly g: SrmGroupState,
    private readonly fx: SrmEffects,
  ) {}

  /** One pass over the inputs; the caller repeats it until `g.changes` stops moving. */
  evaluatePass(): void {
    const now = this.g.now();
    for (let k = 0; k < this.g.nodes.length; k++) {
      const i = k as NodeIndex;
      const n = this.g.nodes[i]!;
      const op = this.g.observeOperating(i);
      if (n.operating && !op) this.#nodeWentDown(i);
      else if (!n.operating && op) {
        n.operating = true;
        this.g.changes++;
        if (this.g.haEnabled && this.g.isPair) this.startInit(i);
      }
    }
    if (!this.g.haEnabled || !this.g.isPair) return;
    if (this.g.faults.haEnabledIncorrectly.size > 0 && this.g.situation.kind !== 'unknown') {
      this.#setSituation({ kind: 'unknown' });
      for (const n of this.g.nodes) n.restartedWhileUnknown = false;
      this.fx.queueEvent({ type: 'haUnknown' });
    }
    for (const i of [0, 1] as const) this.#checkHeartbeat(i, now);
    for (const i of [0, 1] as const) this.#checkHealth(i, now);
    this.#checkAutomaticFallback(now);
    const s = this.g.situation;
    if (s.kind === 'failover' && s.phase === 'moving' && now >= s.endsAt) this.#completeFailover(s);
    else if (s.kind === 'fallback' && now >= s.endsAt) this.#completeFallback(s);
  }

  #checkHeartbeat(i: NodeIndex, now: number): void {
    const n = this.g.nodes[i]!;
    if (!n.operating) return;
    const p = peerOf(i);
    const heard = this.g.nodes[p]!.operating && this.g.env.isHeartbeatReachable(this.g.name(p), this.g.name(i));
    const f = this.g.mdm();
    if (n.initializing) {
      if (heard) {
        if (now >= n.initStartedAt + this.g.params.heartbeatIntervalSeconds * 1000) this.#resolveInit(i);
      } else if (now >= n.initStartedAt + this.g.params.initializationHeartbeatTimeoutSeconds * 1000 * f) {
        this.#initTimedOut(i);
      }
      return;
    }
    if (n.isolated) {
      // L2293: after the network is restored the nodes may enter the failed state; Recover returns them to Normal.
      if (heard && this.g.env.isHeartbeatReachable(this.g.name(i), this.g.name(p))) {
        n.isolated = false;
        this.enterFailed('unknown');
      }
      return;
    }
    if (heard) {
      if (n.lostPeerSince !== null || n.peerLossHandled) this.g.changes++;
      n.lostPeerSince = null;
      n.peerLossHandled = false;
      return;
    }
    // Decision: the timeout runs from the first observation of the loss (evaluate() on change, else the next tick).
    n.lostPeerSince ??= now;
    if (!n.peerLossHandled && now >= n.lostPeerSince + this.g.params.heartbeatTimeoutSeconds * 1000 * f) {
      n.peerLossHandled = true;
      this.g.changes++;
      this.#peerLost(i);
    }
  }

  #checkHealth(i: NodeIndex, now: number): void {
    const n = this.g.nodes[i]!;
    const cause = n.operating && !n.initializing && !n.isolated && this.g.healthRelevant(i) ? this.g.unhealthyCause(i) : null;
    if (cause === null) {
      n.unhealthySince = null;
      n.unhealthyHandled = false;
      return;
    }
    n.unhealthySince ??= now;
    if (!n.unhealthyHandled && now >= n.unhealthySince + this.g.params.criticalServiceDownDelaySeconds * 1000 * this.g.mdm()) {
      n.unhealthyHandled = true;
      this.g.changes++;
      this.#unhealthyDetected(i, cause);
    }
  }

  #checkAutomaticFallback(now: number): void {
    const s = this.g.situation;
    const eligible = this.g.params.enableAutomaticFallback && s.kind === 'failover' && s.phase === 'done' && s.cause !== 'admin';
    for (const i of [0, 1] as const) {
      const n = this.g.nodes[i]!;
      const candidate = eligible && s.failed === i && this.g.present(i) && this.g.healthy(i) && this.g.present(s.backup);
      if (!candidate) {
        n.healthySince = null;
        continue;
      }
      // L2156: users move back 30 minutes after the primary node is healthy again.
      n.healthySince ??= now;
      if (now >= n.healthySince + this.g.params.automaticFallbackDelaySeconds * 1000) {
        n.healthySince = null;
        this.startFallback(i, 'automatic');
      }
    }
  }


  #resolveInit(i: NodeIndex): void {
    const p = peerOf(i);
    if (this.g.freshStartPending) {
      const peer = this.g.nodes[p]!;
      if (peer.initializing && this.g.now() < peer.initStartedAt + this.g.params.heartbeatIntervalSeconds * 1000) return;
      this.#settleFresh();
      return;
    }
    const n = this.g.nodes[i]!;
    n.initializing = false;
    this.g.changes++;
    const s = this.g.situation;
    if (s.kind === 'failover' || s.kind === 'fallback') n.initializationReason = true; // rows 5-9, 11, 18
    else if (s.kind === 'failed') this.enterFailed('unknown'); // row 21: SRM restarted while the peer is failed
    else if (s.kind === 'unknown' && this.g.faults.haEnabledIncorrectly.size === 0 && this.g.nodes.every((x) => x.restartedWhileUnknown)) {
      this.#settleFresh(); // row 24 action: restart SRM on both nodes
    }
  }

  /** The initialization heartbeat timeout (L2157) expired without hearing the peer. */
  #initTimedOut(i: NodeIndex): void {
    const n = this.g.nodes[i]!;
    const p = peerOf(i);
    if (this.g.freshStartPending) this.#settleFresh();
    n.initializing = false;
    n.lostPeerSince = this.g.now();
    n.peerLossHandled = true;
    this.g.changes++;
    const s = this.g.situation;
    if (s.kind === 'normal') {
      // Row 18: the node does not see its peer during start-up and takes its users over.
      this.fx.queueEvent({ type: 'peerLost', node: n.name, peer: this.g.name(p), cause: 'peerDownDuringInitialization' });
      if (this.g.healthy(i)) this.startFailover(p, i, 'peerDownDuringInitialization');
    } else if (s.kind === 'failover' || s.kind === 'fallback') {
      n.initializationReason = true;
    } else if (s.kind === 'failed') {
      this.enterFailed('unknown');
    }
  }

  /** The heartbeat timeout (L2158) expired on node i. */
  #peerLost(i: NodeIndex): void {
    const p = peerOf(i);
    const peerName = this.g.name(p);
    const peerSrmRuns = this.g.nodes[p]!.operating;
    const cause = !this.g.env.isPoweredOn(peerName) || this.g.env.isBooting(peerName) ? 'peerReboot' : 'peerDown'; // rows 16-17
    this.fx.queueEvent({ type: 'peerLost', node: this.g.name(i), peer: peerName, cause });
    const s = this.g.situation;
    if (s.kind === 'normal') {
      if (peerSrmRuns) {
        // Decision: a split where both SRMs run but cannot hear each other. Table 4 row 16 shows node 2 taking over
        // a node 1 that "lost network connectivity", so the second node of the group takes over (the first one if
        // the second cannot serve) and the other is shown Down until the network returns.
        const taker: NodeIndex | undefined = this.g.healthy(1) ? 1 : this.g.healthy(0) ? 0 : undefined;
        if (taker === undefined) return;
        const loser = peerOf(taker);
        this.g.nodes[loser]!.isolated = true;
        this.g.nodes[taker]!.peerLossHandled = true;
        this.g.nodes[taker]!.lostPeerSince ??= this.g.now();
        this.startFailover(loser, taker, 'peerDown');
      } else if (this.g.healthy(i)) {
        this.startFailover(p, i, cause);
      }
    } else if (s.kind === 'failover') {
      if (peerSrmRuns) {
        this.g.nodes[s.failed]!.isolated = true; // the backup keeps the users; the failed side is cut off
        this.g.nodes[s.backup]!.peerLossHandled = true;
        this.g.changes++;
      } else if (i === s.failed && s.phase === 'done' && s.cause !== 'admin' && !AUTO_RECOVER.has(s.cause) && this.g.healthy(i)) {
        // Decision: the backup died while the failed-over node is healthy again: it takes every user.
        this.startFailover(p, i, cause);
      }
    } else if (s.kind === 'fallback') {
      this.enterFailed(cause); // Table 3 L2261: an error during a transitional state
    }
  }

  /** A critical service or the database has been down for the Critical Service Down Delay (L2155). */
  #unhealthyDetected(i: NodeIndex, cause: 'criticalServiceDown' | 'databaseFailure'): void {
    const p = peerOf(i);
    const s = this.g.situation;
    if (s.kind === 'normal') {
      if (!this.g.present(p)) return; // Decision: nobody can take over; SRM waits.
      if (this.g.healthy(p)) this.startFailover(i, p, cause); // rows 12-13
      else this.enterFailed(failoverReason(cause)); // L2070: critical services down on both nodes
    } else if (s.kind === 'failover' && s.backup === i) {
      const f = s.failed;
      const plainAutomatic = s.cause !== 'admin' && !AUTO_RECOVER.has(s.cause);
      if (s.phase === 'done' && plainAutomatic && this.g.present(f) && this.g.healthy(f)) {
        // Rows 22-23: the failed-over peer is able to take every user: auto-recover moves them all to it.
        this.startFailover(i, f, cause === 'databaseFailure' ? 'autoRecoverDatabaseFailure' : 'autoRecoverCriticalServiceDown');
      } else {
        this.enterFailed(failoverReason(cause)); // row 15 (and its database variant)
      }
    } else if (s.kind === 'fallback') {
      this.enterFailed(failoverReason(cause));
    }
  }

  /** Moves the users hosted on `failed` to `backup` (transitional state first; L2220 for the manual case). */
  startFailover(failed: NodeIndex, backup: NodeIndex, cause: SrmFailoverCause): void {
    const failedName = this.g.name(failed);
    const downServices = cause === 'criticalServiceDown' || cause === 'autoRecoverCriticalServiceDown'
      ? [...this.g.env.downCriticalServices(failedName, this.g.scope())]
      : [];
    if (cause === 'admin') this.g.env.stopCriticalServices(failedName); // L2220
    const usersMoving = this.g.usersHostedOn(failed);
    const durationMs = transitionDurationMs(usersMoving, this.g.params, this.g.mdm() > 1);
    this.#setSituation({ kind: 'failover', failed, backup, cause, phase: 'moving', endsAt: this.g.now() + durationMs });
    this.fx.queueEvent({ type: 'failoverStarted', failed: failedName, backup: this.g.name(backup), cause, usersMoving, durationMs, downServices });
    this.fx.publishDisplays();
  }

  #completeFailover(s: Extract<SrmSituation, { kind: 'failover' }>): void {
    if (this.g.faults.takeoverFails || !this.g.nodes[s.backup]!.operating) {
      this.fx.queueEvent({ type: 'takeoverFailed', failed: this.g.name(s.failed), backup: this.g.name(s.backup) });
      this.enterFailed('takeOverUsersFailed'); // row 19; users stay where they were
      return;
    }
    for (const h of [0, 1] as const) if (this.g.host[h] === s.failed) this.#moveUsers(h, s.backup);
    this.#setSituation({ ...s, phase: 'done' }, true);
    this.fx.queueEvent({ type: 'failoverCompleted', failed: this.g.name(s.failed), backup: this.g.name(s.backup), cause: s.cause });
  }

  /** Returns false when the primary's critical services did not start (row 14). */
  startFallback(primary: NodeIndex, cause: SrmFallbackCause): boolean {
    const backup = peerOf(primary);
    const usersMoving = ([0, 1] as const).filter((h) => this.g.host[h] !== h).reduce<number>((sum, h) => sum + this.g.env.usersHomedOn(this.g.name(h)), 0);
    const durationMs = transitionDurationMs(usersMoving, this.g.params, this.g.mdm() > 1);
    this.#setSituation({ kind: 'fallback', primary, backup, cause, endsAt: this.g.now() + durationMs });
    this.fx.queueEvent({ type: 'fallbackStarted', primary: this.g.name(primary), backup: this.g.name(backup), cause, usersMoving, durationMs });
    this.fx.publishDisplays();
    // L2221: SRM restarts the critical services on the primary node.
    if (this.g.env.startCriticalServices(this.g.name(primary))) return true;
    this.fx.queueEvent({ type: 'startCriticalServicesFailed', node: this.g.name(primary) });
    this.enterFailed('startCriticalServicesFailed');
    return false;
  }

  #completeFallback(s: Extract<SrmSituation, { kind: 'fallback' }>): void {
    if (this.g.faults.takebackFails || !this.g.nodes[s.primary]!.operating) {
      this.fx.queueEvent({ type: 'takebackFailed', primary: this.g.name(s.primary), backup: this.g.name(s.backup) });
      this.enterFailed('takeBackUsersFailed'); // row 20; users stay on the backup
      return;
    }
    for (const h of [0, 1] as const) this.#moveUsers(h, h);
    this.#setSituation({ kind: 'normal' });
    this.fx.queueEvent({ type: 'fallbackCompleted', primary: this.g.name(s.primary), backup: this.g.name(s.backup), cause: s.cause });
  }

  /** Both nodes Running in Failed Mode with `reason` (Table 3 L2261). */
  enterFailed(reason: SrmReasonId): void {
    const s = this.g.situation;
    if (s.kind === 'failed' && s.reason === reason) return;
    this.#setSituation({ kind: 'failed', reason });
    this.fx.queueEvent({ type: 'bothFailed', reason });
  }

  /** Restarts both SRMs from scratch; when they hear each other users go home and the pair is Normal. */
  beginFreshStart(origin: SrmFreshStartOrigin): void {
    this.g.freshStartPending = true;
    this.g.freshStartOrigin = origin;
    for (const i of [0, 1] as const) if (this.g.nodes[i]!.operating) this.startInit(i);
  }

  /** Both SRMs start from scratch: users go home (where the home node is up) and the pair is Normal. */
  #settleFresh(): void {
    this.g.freshStartPending = false;
    for (const n of this.g.nodes) {
      Object.assign(n, { initializing: false, isolated: false, lostPeerSince: null, peerLossHandled: false, unhealthySince: null, unhealthyHandled: false, healthySince: null, restartedWhileUnknown: false });
    }
    for (const h of [0, 1] as const) if (this.g.nodes[h]!.operating) this.#moveUsers(h, h);
    this.#setSituation({ kind: 'normal' });
    if (this.g.immediateHealth) {
      this.g.immediateHealth = false;
      const delay = this.g.params.criticalServiceDownDelaySeconds * 1000 * this.g.mdm();
      for (const i of [0, 1] as const) if (this.g.nodes[i]!.operating && !this.g.healthy(i)) this.g.nodes[i]!.unhealthySince = this.g.now() - delay;
    }
    if (this.g.freshStartOrigin === 'recover') this.fx.queueEvent({ type: 'recoverCompleted' });
  }

  /** SRM of node i (re)starts: Initializing until it hears its peer (L2249). */
  startInit(i: NodeIndex): void {
    Object.assign(this.g.nodes[i]!, {
      operating: true, initializing: true, initStartedAt: this.g.now(), isolated: false, initializationReason: false,
      lostPeerSince: null, peerLossHandled: false, unhealthySince: null, unhealthyHandled: false, healthySince: null,
    });
    this.g.changes++;
  }

  #nodeWentDown(i: NodeIndex): void {
    Object.assign(this.g.nodes[i]!, {
      operating: false, initializing: false, isolated: false, initializationReason: false, lostPeerSince: null,
      peerLossHandled: false, unhealthySince: null, unhealthyHandled: false, healthySince: null,
    });
    this.g.changes++;
  }

  #setSituation(s: SrmSituation, keepInitializationReasons = false): void {
    this.g.situation = s;
    if (!keepInitializationReasons) for (const n of this.g.nodes) n.initializationReason = false;
    this.g.changes++;
  }

  #moveUsers(home: NodeIndex, to: NodeIndex): void {
    const from = this.g.host[home]!;
    if (from === to) return;
    this.g.host[home] = to;
    this.g.env.moveUsers(this.g.name(home), this.g.name(to));
    this.fx.queueEvent({ type: 'usersMoved', home: this.g.name(home), from: this.g.name(from), to: this.g.name(to) });
  }
}
