import type { Disposable } from '../../../base/disposable.js';
import { Emitter } from '../../../base/emitter.js';
import type { SimScheduler } from '../../clock/simScheduler.js';
import { findService, type ServiceDefinition } from './serviceCatalog.js';

/** Run states of a service as Control Center and `utils service list` show them. */
export type ServiceStatus = 'Started' | 'Stopped' | 'Starting' | 'Stopping' | 'Unknown';

/** Why a service is in its current state. */
export type ServiceCause = 'boot' | 'admin' | 'crash' | 'dependency' | 'srm' | 'power' | 'gated' | 'startFailed';

/** The state of one service on one node. */
export interface ServiceState {
  readonly definition: ServiceDefinition;
  activated: boolean;
  status: ServiceStatus;
  cause: ServiceCause;
  /** When the current status began (virtual ms). */
  sinceMs: number;
  /** Start time of the running process, when Started. */
  startedAtMs?: number;
  pid?: number;
}

/** A change of one service's status. */
export interface ServiceChange {
  readonly node: string;
  readonly service: string;
  readonly previous: ServiceStatus;
  readonly current: ServiceStatus;
  readonly cause: ServiceCause;
  readonly atMs: number;
}

/** Result of a control request, with the reason when refused. */
export interface ControlResult {
  readonly ok: boolean;
  readonly message: string;
}

const STOP_SECONDS = 3;

/**
 * The services of one node and their transitions in virtual time: start (Starting → Started, or Stopped when
 * a dependency is down or a fault makes it fail), stop (Stopping → Stopped, and dependents stop with it),
 * crash, and the Data Monitor's gate that holds feature services back (guide L891-910).
 */
export class NodeServices implements Disposable {
  readonly #states = new Map<string, ServiceState>();
  readonly #timers = new Map<string, Disposable>();
  readonly #onDidChange = new Emitter<ServiceChange>();
  readonly onDidChange = this.#onDidChange.event;
  /** Services a scenario made unable to start. */
  readonly failToStart = new Set<string>();
  #nextPid: number;
  #gateOpen = true;
  /** Restarts waiting for their service to stop, then start (see restart). */
  readonly #pendingRestarts = new Map<string, Disposable>();

  constructor(
    readonly nodeName: string,
    readonly catalog: readonly ServiceDefinition[],
    private readonly scheduler: SimScheduler,
    pidBase: number,
  ) {
    // The first pids belong to the services started at model creation (pidBase + catalog index).
    this.#nextPid = pidBase + catalog.length;
    for (const def of catalog) {
      this.#states.set(def.name, { definition: def, activated: def.activatedByDefault, status: 'Stopped', cause: 'boot', sinceMs: scheduler.now() });
    }
  }

  /** Every service, in catalog order. */
  list(): readonly ServiceState[] {
    return [...this.#states.values()];
  }

  /** One service by name (any case), or undefined. */
  get(name: string): ServiceState | undefined {
    const def = findService(this.catalog, name);
    return def ? this.#states.get(def.name) : undefined;
  }

  /** True when the named service is Started. */
  isRunning(name: string): boolean {
    return this.get(name)?.status === 'Started';
  }

  /** Whether the Data Monitor lets gated feature services start. */
  get gateOpen(): boolean {
    return this.#gateOpen;
  }

  /** Opens or closes the Data Monitor gate; opening starts the activated services it held back. */
  setGate(open: boolean): void {
    if (this.#gateOpen === open) return;
    this.#gateOpen = open;
    if (open) {
      for (const s of this.#states.values()) {
        if (s.activated && s.status === 'Stopped' && s.cause === 'gated') this.start(s.definition.name, 'boot');
      }
    }
  }

  /** Starts every activated service in dependency order (node boot). */
  startAll(cause: ServiceCause = 'boot'): void {
    for (const s of this.#states.values()) if (s.activated) this.start(s.definition.name, cause);
  }

  /** Stops every service at once (power off). */
  stopAllNow(cause: ServiceCause = 'power'): void {
    for (const s of this.#states.values()) {
      this.#cancelTimer(s.definition.name);
      if (s.status !== 'Stopped') this.#set(s, 'Stopped', cause);
    }
  }

  /** Starts a service; dependencies missing or the gate closed leave it Stopped with the reason. */
  start(name: string, cause: ServiceCause = 'admin'): ControlResult {
    const s = this.get(name);
    if (!s) return { ok: false, message: `Service not found: ${name}` };
    if (!s.activated) return { ok: false, message: `${s.definition.name} is not activated` };
    if (s.status === 'Started' || s.status === 'Starting') return { ok: true, message: `${s.definition.name} is already ${s.status.toLowerCase()}` };
    if (s.definition.gatedByDataMonitor && !this.#gateOpen) {
      this.#set(s, 'Stopped', 'gated');
      return { ok: false, message: `${s.definition.name} is held back by Cisco IM and Presence Data Monitor until database replication is up` };
    }
    const missing = (s.definition.dependsOn ?? []).filter((d) => {
      const dep = this.#states.get(d);
      return dep && dep.status !== 'Started' && dep.status !== 'Starting';
    });
    if (missing.length > 0) return { ok: false, message: `${s.definition.name} needs ${missing.join(', ')} running` };
    this.#cancelTimer(s.definition.name);
    this.#set(s, 'Starting', cause);
    const finish = (): void => {
      this.#timers.delete(s.definition.name);
      const deps = (s.definition.dependsOn ?? []).map((d) => this.#states.get(d)?.status);
      // Service Manager brings a service up after what it depends on: a dependency still Starting (node boot)
      // is waited for, one that stopped fails the start.
      if (!this.failToStart.has(s.definition.name) && deps.includes('Starting') && deps.every((d) => d === 'Started' || d === 'Starting')) {
        this.#timers.set(s.definition.name, this.scheduler.setTimeout(1000, finish));
        return;
      }
      const depsUp = deps.every((d) => d === 'Started');
      if (this.failToStart.has(s.definition.name) || !depsUp) {
        this.#set(s, 'Stopped', 'startFailed');
        return;
      }
      s.pid = this.#nextPid++;
      s.startedAtMs = this.scheduler.now();
      this.#set(s, 'Started', cause);
    };
    this.#timers.set(s.definition.name, this.scheduler.setTimeout(s.definition.startSeconds * 1000, finish));
    return { ok: true, message: `${s.definition.name} starting` };
  }

  /** Stops a service and, first, every service that depends on it (guide L1788). */
  stop(name: string, cause: ServiceCause = 'admin'): ControlResult {
    const s = this.get(name);
    if (!s) return { ok: false, message: `Service not found: ${name}` };
    for (const dependent of this.#states.values()) {
      if (dependent.definition.dependsOn?.includes(s.definition.name) && dependent.status !== 'Stopped') this.stop(dependent.definition.name, 'dependency');
    }
    if (s.status === 'Stopped' || s.status === 'Stopping') return { ok: true, message: `${s.definition.name} is already ${s.status.toLowerCase()}` };
    this.#cancelTimer(s.definition.name);
    this.#set(s, 'Stopping', cause);
    this.#timers.set(
      s.definition.name,
      this.scheduler.setTimeout(STOP_SECONDS * 1000, () => {
        this.#timers.delete(s.definition.name);
        this.#set(s, 'Stopped', cause);
      }),
    );
    return { ok: true, message: `${s.definition.name} stopping` };
  }

  /** Activated services that depend on `name` and run now (Started or Starting). */
  runningDependants(name: string): string[] {
    const s = this.get(name);
    if (!s) return [];
    return [...this.#states.values()]
      .filter((d) => d.activated && d.definition.dependsOn?.includes(s.definition.name) && (d.status === 'Started' || d.status === 'Starting'))
      .map((d) => d.definition.name);
  }

  /**
   * Restarts a service as Service Manager does: stops it (its dependants first, guide L1788), starts it once it
   * is Stopped, and once it is Started starts again the dependants that were running before, so restarting
   * Cisco XCP Router restarts the XCP services that depend on it (guide L8072: restarting the router restarts
   * managed file transfer; L1788). A stopped service is just started. Dependants stopped before the restart stay
   * stopped. Resolves nothing: the caller watches the statuses.
   */
  restart(name: string, cause: ServiceCause = 'admin'): ControlResult {
    const s = this.get(name);
    if (!s) return { ok: false, message: `Service not found: ${name}` };
    if (!s.activated) return { ok: false, message: `${s.definition.name} is not activated` };
    const key = s.definition.name;
    this.#pendingRestarts.get(key)?.dispose();
    this.#pendingRestarts.delete(key);
    const dependants = this.runningDependants(key);
    const startDependants = (): void => {
      for (const d of dependants) if (this.get(d)?.status === 'Stopped') this.start(d, cause);
    };
    if (s.status === 'Stopped') {
      const r = this.start(key, cause);
      return r;
    }
    const sub = this.#onDidChange.event((c) => {
      if (c.service !== key) return;
      if (c.current === 'Stopped' && c.previous === 'Stopping') {
        const r = this.start(key, cause);
        if (!r.ok || this.get(key)?.status !== 'Starting') this.#endRestart(key, sub);
      } else if (c.current === 'Started') {
        this.#endRestart(key, sub);
        startDependants();
      } else if (c.current === 'Stopped') {
        this.#endRestart(key, sub); // the start failed or someone stopped it: nothing more to restart
      }
    });
    this.#pendingRestarts.set(key, sub);
    const r = this.stop(key, cause);
    if (!r.ok) this.#endRestart(key, sub);
    return r.ok ? { ok: true, message: `${key} restarting` } : r;
  }

  /** Kills a running service at once (a crash); dependents go down with it. */
  crash(name: string): ControlResult {
    const s = this.get(name);
    if (!s) return { ok: false, message: `Service not found: ${name}` };
    for (const dependent of this.#states.values()) {
      if (dependent.definition.dependsOn?.includes(s.definition.name) && dependent.status !== 'Stopped') {
        this.#cancelTimer(dependent.definition.name);
        this.#set(dependent, 'Stopped', 'dependency');
      }
    }
    this.#cancelTimer(s.definition.name);
    if (s.status !== 'Stopped') this.#set(s, 'Stopped', 'crash');
    return { ok: true, message: `${s.definition.name} crashed` };
  }

  /** Activates or deactivates a service (Service Activation); deactivation stops it. */
  setActivated(name: string, activated: boolean): ControlResult {
    const s = this.get(name);
    if (!s) return { ok: false, message: `Service not found: ${name}` };
    s.activated = activated;
    if (!activated) this.stop(s.definition.name, 'admin');
    return { ok: true, message: `${s.definition.name} ${activated ? 'activated' : 'deactivated'}` };
  }

  dispose(): void {
    for (const r of this.#pendingRestarts.values()) r.dispose();
    this.#pendingRestarts.clear();
    for (const t of this.#timers.values()) t.dispose();
    this.#timers.clear();
    this.#onDidChange.dispose();
  }

  #endRestart(name: string, sub: Disposable): void {
    sub.dispose();
    if (this.#pendingRestarts.get(name) === sub) this.#pendingRestarts.delete(name);
  }

  #cancelTimer(name: string): void {
    this.#timers.get(name)?.dispose();
    this.#timers.delete(name);
  }

  #set(s: ServiceState, status: ServiceStatus, cause: ServiceCause): void {
    const previous = s.status;
    s.status = status;
    s.cause = cause;
    s.sinceMs = this.scheduler.now();
    if (status !== 'Started') {
      s.startedAtMs = undefined;
      if (status === 'Stopped') s.pid = undefined;
    }
    if (previous !== status) this.#onDidChange.fire({ node: this.nodeName, service: s.definition.name, previous, current: status, cause, atMs: s.sinceMs });
  }
}
