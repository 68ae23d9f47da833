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
import type { SrmEnvironment, SrmFaults } from './srmEnvironment.js';
import type { SrmCommandResult, SrmGroupEvent, SrmTransition } from './srmEvents.js';
import { resolveSrmParameters, type SrmParameters } from './srmParameters.js';
import { peerOf, type NodeIndex, type SrmDisplay } from './srmSituation.js';
import { matchSrmStateTable, type SrmStateTableMatch } from '../../../../../shared/ha/srmStateTable.js';
import { SRM_STATE_LABELS, type SrmNodeStatus } from '../../../../../shared/ha/srmStates.js';
import { SrmGroupState, type SrmEventBody } from './srmGroupState.js';
import { SrmReactions } from './srmReactions.js';
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

type Queued = { readonly t: 'transition'; readonly e: SrmTransition } | { readonly t: 'event'; readonly e: SrmGroupEvent };

/** The SRM state machine of one presence redundancy group. Dispose it to stop its timers. */
export class PresenceRedundancyGroupSrm implements Disposable {
  /** Group (subcluster) name. */
  readonly groupName: string;
  readonly #g: SrmGroupState;
  readonly #r: SrmReactions;
  #displays: SrmDisplay[];
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
    this.#g = new SrmGroupState(env, options.groupName, names, resolveSrmParameters(options.parameters), options.haEnabled);
    this.#r = new SrmReactions(this.#g, { queueEvent: (body) => this.#queueEvent(body), publishDisplays: () => this.#publishDisplays() });
    for (let i = 0; i < this.#g.nodes.length; i++) this.#g.nodes[i]!.operating = this.#g.observeOperating(i as NodeIndex);
    if (options.start === 'initializing' && this.#g.isPair) {
      for (let i = 0; i < this.#g.nodes.length; i++) if (this.#g.nodes[i]!.operating) this.#r.startInit(i as NodeIndex);
      this.#g.freshStartPending = true;
    }
    this.#displays = this.#g.computeDisplays();
    this.#tick = env.scheduler.setInterval(this.#g.params.heartbeatIntervalSeconds * 1000, () => this.evaluate());
    this.evaluate();
  }

  // ---- queries ----------------------------------------------------------------------------------------------

  /** Node names in the guide's order (node 1, node 2). */
  get nodeNames(): readonly string[] {
    return this.#g.nodes.map((n) => n.name);
  }

  get haEnabled(): boolean {
    return this.#g.haEnabled;
  }

  get parameters(): SrmParameters {
    return this.#g.params;
  }

  /** The faults currently injected. */
  get faults(): SrmFaults {
    return this.#g.faults;
  }

  /** Each node's (state, reason), node 1 first. */
  statuses(): SrmNodeStatus[] {
    return this.#displays.map((d, i) => ({ node: this.#g.nodes[i]!.name, state: d.state, reason: d.reason }));
  }

  /** One node's (state, reason). @throws AppError `NOT_FOUND` for a node outside the group. */
  status(node: string): SrmNodeStatus {
    const i = this.#g.indexOf(node);
    if (i === undefined) throw new AppError('NOT_FOUND', `node ${node} is not in presence redundancy group ${this.groupName}`);
    return this.statuses()[i]!;
  }

  /** The node that currently hosts the users homed on `homeNode`. @throws AppError `NOT_FOUND`. */
  hostOf(homeNode: string): string {
    const i = this.#g.indexOf(homeNode);
    if (i === undefined) throw new AppError('NOT_FOUND', `node ${homeNode} is not in presence redundancy group ${this.groupName}`);
    return this.#g.nodes[this.#g.host[i]!]!.name;
  }

  /** Home node → hosting node, for every node of the group. */
  hosting(): Record<string, string> {
    return Object.fromEntries(this.#g.nodes.map((n, i) => [n.name, this.#g.nodes[this.#g.host[i]!]!.name]));
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
      if (enabled === this.#g.haEnabled) return;
      this.#g.haEnabled = enabled;
      if (enabled && this.#g.isPair) {
        // L2070 / L2180: with critical services down, enabling HA fails over (or fails both) at once.
        this.#r.beginFreshStart('haEnabled');
        this.#g.immediateHealth = true;
      }
      this.#evaluateCore();
    });
  }

  /** Changes SRM service parameters; running deadlines keep the values they were armed with. */
  setParameters(overrides: Partial<SrmParameters>): void {
    this.#run(() => {
      const before = this.#g.params.heartbeatIntervalSeconds;
      this.#g.params = resolveSrmParameters({ ...this.#g.params, ...overrides });
      if (this.#g.params.heartbeatIntervalSeconds !== before) {
        this.#tick.dispose();
        this.#tick = this.#g.env.scheduler.setInterval(this.#g.params.heartbeatIntervalSeconds * 1000, () => this.evaluate());
      }
      this.#evaluateCore();
    });
  }

  /** Fault: moving users to the backup fails (Table 4 row 19). */
  setTakeoverFails(fails: boolean): void {
    this.#g.faults.takeoverFails = fails;
  }

  /** Fault: moving users back fails (Table 4 row 20). */
  setTakebackFails(fails: boolean): void {
    this.#g.faults.takebackFails = fails;
  }

  /** Fault: HA enabled incorrectly on `node` (Table 4 row 24). */
  setHaEnabledIncorrectly(node: string, incorrect: boolean): void {
    if (this.#g.indexOf(node) === undefined) throw new AppError('NOT_FOUND', `node ${node} is not in presence redundancy group ${this.groupName}`);
    if (incorrect) this.#g.faults.haEnabledIncorrectly.add(node);
    else this.#g.faults.haEnabledIncorrectly.delete(node);
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
      if (this.#g.situation.kind !== 'normal' || di.state !== 'normal' || dp.state !== 'normal') {
        return refuse(`Failover of ${this.#g.name(i)} refused: a manual failover starts from the Normal state (guide L2232, L2251); ${this.#describe(i)}, ${this.#describe(p)}`);
      }
      if (!this.#g.healthy(p)) return refuse(`Failover of ${this.#g.name(i)} refused: ${this.#g.name(p)} cannot take over, its critical services or database are not running`);
      this.#r.startFailover(i, p, 'admin');
      return { ok: true, message: `Failover of ${this.#g.name(i)} to ${this.#g.name(p)} started` };
    });
  }

  /**
   * Manual fallback to `node` (L2221, L2233): the node must be Idle or Failed Over (or Failover Affected Services
   * with its services running again) and its peer Running in Backup Mode (or Backup Activated). SRM starts the
   * node's critical services; `ok` is false when they fail to start (both nodes then Running in Failed Mode).
   */
  fallback(node: string): SrmCommandResult {
    return this.#command(node, 'Fallback', (i, p) => {
      const s = this.#g.situation;
      const [di, dp] = [this.#displays[i]!, this.#displays[p]!];
      const nodeReady = di.state === 'idle' || di.state === 'failedOver' || (di.state === 'failoverAffectedServices' && this.#g.healthy(i));
      const peerReady = dp.state === 'runningInBackupMode' || dp.state === 'backupActivated';
      if (s.kind !== 'failover' || s.failed !== i || s.phase !== 'done' || !nodeReady || !peerReady) {
        const hint = di.state === 'failedOverCriticalServicesNotRunning' || di.state === 'failoverAffectedServices'
          ? `; start the critical services on ${this.#g.name(i)} (or reboot it) first (Table 4 rows 12-13)`
          : '';
        return refuse(`Fallback to ${this.#g.name(i)} refused: it needs ${this.#g.name(i)} Idle or Failed Over and ${this.#g.name(p)} Running in Backup Mode (guide L2233, L2250, L2255); ${this.#describe(i)}, ${this.#describe(p)}${hint}`);
      }
      const started = this.#r.startFallback(i, 'admin');
      return started
        ? { ok: true, message: `Fallback from ${this.#g.name(p)} to ${this.#g.name(i)} started` }
        : { ok: false, message: `Fallback to ${this.#g.name(i)} failed: its critical services did not start; both nodes are Running in Failed Mode (Start Critical Services Failed)` };
    });
  }

  /**
   * Manual recover (L2222, L2234): when both nodes are Running in Failed Mode, or Unknown. Restarts the critical
   * services and the SRM service on both nodes; once both SRMs hear each other, users go home and the pair is
   * Normal (then any node still unhealthy fails over again after the usual delay).
   */
  recover(): SrmCommandResult {
    return this.#command(undefined, 'Recover', () => {
      const kind = this.#g.situation.kind;
      if (kind !== 'failed' && kind !== 'unknown') {
        return refuse(`Recover refused: it is only for a group whose nodes are Running in Failed Mode or Unknown (guide L2222, L2234); ${this.#describe(0)}, ${this.#describe(1)}`);
      }
      this.#queueEvent({ type: 'recoverStarted' });
      for (let i = 0; i < 2; i++) {
        if (!this.#g.nodes[i]!.operating) continue;
        this.#g.env.stopCriticalServices(this.#g.nodes[i]!.name);
        this.#g.env.startCriticalServices(this.#g.nodes[i]!.name);
      }
      this.#r.beginFreshStart('recover');
      return { ok: true, message: `Recovering presence redundancy group ${this.groupName}: restarting Cisco Server Recovery Manager on both nodes` };
    });
  }

  /** The Cisco Server Recovery Manager service of `node` was restarted (Table 4 rows 5-9, 21). */
  restartSrm(node: string): SrmCommandResult {
    const i = this.#g.indexOf(node);
    if (i === undefined) return refuse(`node ${node} is not in presence redundancy group ${this.groupName}`);
    return this.#run(() => {
      this.#evaluateCore();
      const n = this.#g.nodes[i]!;
      if (!n.operating) return refuse(`Cisco Server Recovery Manager is not running on ${node}`);
      if (this.#g.haEnabled && this.#g.isPair) {
        this.#r.startInit(i);
        if (this.#g.situation.kind === 'unknown' && this.#g.faults.haEnabledIncorrectly.size === 0) n.restartedWhileUnknown = true;
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
      const before = this.#g.changes;
      this.#r.evaluatePass();
      if (this.#g.changes === before) break;
    }
    this.#publishDisplays();
    this.#armWake();
  }

  #describe(i: NodeIndex): string {
    const d = this.#displays[i];
    return d ? `${this.#g.name(i)} is ${SRM_STATE_LABELS[d.state].en}` : 'no peer';
  }

  #publishDisplays(): void {
    const next = this.#g.computeDisplays();
    const atMs = this.#g.now();
    next.forEach((d, i) => {
      const prev = this.#displays[i]!;
      if (prev.state === d.state && prev.reason === d.reason) return;
      this.#queue.push({ t: 'transition', e: { group: this.groupName, node: this.#g.nodes[i]!.name, previous: prev.state, previousReason: prev.reason, current: d.state, reason: d.reason, atMs } });
    });
    this.#displays = next;
  }

  #queueEvent(body: SrmEventBody): void {
    this.#queue.push({ t: 'event', e: { ...body, group: this.groupName, atMs: this.#g.now() } as SrmGroupEvent });
  }

  /** Arms one timer at the next deadline strictly after now (the heartbeat tick covers the rest). */

  #armWake(): void {
    if (!this.#g.haEnabled || !this.#g.isPair) return this.#disarmWake();
    const next = this.#g.nextDeadline();
    if (!Number.isFinite(next)) return this.#disarmWake();
    if (this.#wake?.at === next) return;
    this.#disarmWake();
    this.#wake = { at: next, timer: this.#g.env.scheduler.at(next, () => { this.#wake = undefined; this.evaluate(); }) };
  }

  #disarmWake(): void {
    this.#wake?.timer.dispose();
    this.#wake = undefined;
  }

  #command(node: string | undefined, what: string, body: (i: NodeIndex, p: NodeIndex) => SrmCommandResult): SrmCommandResult {
    if (this.#disposed) return refuse(`${what} refused: presence redundancy group ${this.groupName} is disposed`);
    const i = node === undefined ? 0 : this.#g.indexOf(node);
    if (i === undefined) return refuse(`${what} refused: node ${node} is not in presence redundancy group ${this.groupName}`);
    if (!this.#g.haEnabled) return refuse(`${what} refused: High Availability is not enabled on presence redundancy group ${this.groupName}`);
    if (!this.#g.isPair) return refuse(`${what} refused: presence redundancy group ${this.groupName} has a single node and no peer`);
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
