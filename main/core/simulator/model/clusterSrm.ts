import { DisposableStore, type Disposable } from '../../base/disposable.js';
import type { ClusterModel } from './clusterModel.js';
import { PresenceRedundancyGroupSrm } from './srm/presenceRedundancyGroupSrm.js';
import type { SrmEnvironment } from './srm/srmEnvironment.js';
import { SRM_BASE_CRITICAL_SERVICES, SRM_PERSISTENT_CHAT_CRITICAL_SERVICE, SRM_XCP_AUTHENTICATION_SERVICE } from './srm/srmEnvironment.js';
import type { SrmCommandResult, SrmGroupEvent } from './srm/srmEvents.js';

const SRM_SERVICE = 'Cisco Server Recovery Manager';

/**
 * The Server Recovery Manager of every presence redundancy group, wired to the cluster model: SRM reads the
 * nodes' power, heartbeats and critical services through an {@link SrmEnvironment}, moves users through the
 * hosting table, and its events become alarms (SRMFailover, SRMFailed, SRMFallback), srm trace lines and syslog.
 */
export class ClusterSrm implements Disposable {
  readonly groups = new Map<string, PresenceRedundancyGroupSrm>();
  readonly #store = new DisposableStore();

  constructor(private readonly model: ClusterModel) {
    const env = this.#environment();
    const p = model.profile.srm;
    for (const g of model.profile.presenceRedundancyGroups) {
      const srm = new PresenceRedundancyGroupSrm(env, {
        groupName: g.name,
        nodes: g.nodes,
        haEnabled: g.highAvailability,
        parameters: {
          criticalServiceDownDelaySeconds: p.criticalServiceDownDelaySec,
          heartbeatIntervalSeconds: p.heartbeatIntervalSec,
          heartbeatTimeoutSeconds: p.heartbeatTimeoutSec,
          initializationHeartbeatTimeoutSeconds: p.initializationHeartbeatTimeoutSec,
          enableAutomaticFallback: p.automaticFallback,
          enableXcpAuthenticationServiceMonitoring: p.xcpAuthServiceMonitoring,
          clientReloginLowerLimitSeconds: p.clientReLoginLowerLimitSec,
          clientReloginUpperLimitSeconds: p.clientReLoginUpperLimitSec,
        },
      });
      this.groups.set(g.name, srm);
      this.#store.add(srm);
      this.#store.add(srm.onDidTransition((t) => {
        const text = `${t.node}: ${t.previous}/${t.previousReason ?? '-'} -> ${t.current}/${t.reason ?? '-'}`;
        model.event('ha', text, t.node, SRM_SERVICE);
      }));
      this.#store.add(srm.onDidEvent((e) => this.#onEvent(e)));
    }
    // Service changes and power changes are inputs: re-evaluate at once rather than at the next heartbeat.
    this.#store.add(model.onDidServiceChange(() => this.#evaluateAll()));
    this.#store.add(model.onDidEvent((e) => {
      if (e.kind === 'power' || e.kind === 'network') this.#evaluateAll();
    }));
  }

  /** The group of a node. */
  groupOf(node: string): PresenceRedundancyGroupSrm | undefined {
    return [...this.groups.values()].find((g) => g.nodeNames.includes(node));
  }

  /** `utils ha status` text for a group (reference D.4). */
  haStatus(group: string): string {
    const g = this.groups.get(group);
    return g ? g.renderHaStatus() : `Presence redundancy group ${group} not found`;
  }

  failover(node: string): SrmCommandResult {
    const g = this.groupOf(node);
    return g ? g.failover(node) : { ok: false, message: `Node ${node} is not in a presence redundancy group` };
  }

  fallback(node: string): SrmCommandResult {
    const g = this.groupOf(node);
    return g ? g.fallback(node) : { ok: false, message: `Node ${node} is not in a presence redundancy group` };
  }

  recover(group: string): SrmCommandResult {
    const g = this.groups.get(group) ?? [...this.groups.values()].find((x) => x.groupName.toLowerCase() === group.toLowerCase());
    return g ? g.recover() : { ok: false, message: `Presence redundancy group ${group} not found` };
  }

  restartSrm(node: string): void {
    this.groupOf(node)?.restartSrm(node);
  }

  setFault(node: string, fault: 'takeoverFails' | 'takebackFails' | 'haMisconfigured', enabled: boolean): void {
    const g = this.groupOf(node);
    if (!g) return;
    if (fault === 'takeoverFails') g.setTakeoverFails(enabled);
    else if (fault === 'takebackFails') g.setTakebackFails(enabled);
    else g.setHaEnabledIncorrectly(node, enabled);
  }

  dispose(): void {
    this.#store.dispose();
  }

  #evaluateAll(): void {
    for (const g of this.groups.values()) g.evaluate();
  }

  #environment(): SrmEnvironment {
    const m = this.model;
    const { persistentChatHa } = m.profile.features;
    return {
      scheduler: m.scheduler,
      isPoweredOn: (n) => m.node(n).power === 'on',
      isBooting: (n) => m.node(n).power === 'booting',
      isSrmRunning: (n) => m.node(n).services.isRunning(SRM_SERVICE),
      isHeartbeatReachable: (from, to) => m.isHeartbeatReachable(from, to),
      downCriticalServices: (n, scope) => {
        const names = [...SRM_BASE_CRITICAL_SERVICES];
        if (persistentChatHa) names.push(SRM_PERSISTENT_CHAT_CRITICAL_SERVICE);
        if (scope.includeXcpAuthenticationService) names.push(SRM_XCP_AUTHENTICATION_SERVICE);
        const services = m.node(n).services;
        return names.filter((s) => !services.isRunning(s));
      },
      isDatabaseRunning: (n) => m.node(n).services.isRunning('A Cisco DB'),
      usersHomedOn: (n) => m.users.users.reduce((sum, u) => sum + (u.homeNode === n ? 1 : 0), 0),
      isMultipleDeviceMessagingEnabled: () => m.profile.features.multipleDeviceMessaging,
      stopCriticalServices: (n) => {
        for (const s of SRM_BASE_CRITICAL_SERVICES) m.node(n).services.stop(s, 'srm');
        if (persistentChatHa) m.node(n).services.stop(SRM_PERSISTENT_CHAT_CRITICAL_SERVICE, 'srm');
      },
      startCriticalServices: (n) => {
        const services = m.node(n).services;
        const names = [...SRM_BASE_CRITICAL_SERVICES, ...(persistentChatHa ? [SRM_PERSISTENT_CHAT_CRITICAL_SERVICE] : [])];
        // Dependencies first (Cisco XCP Router before its feature services).
        for (const s of names) services.start(s, 'srm');
        for (const s of services.list()) if (s.activated && s.status === 'Stopped' && s.definition.dependsOn?.includes('Cisco XCP Router')) services.start(s.definition.name, 'srm');
        return names.every((s) => !services.failToStart.has(s));
      },
      moveUsers: (home, host) => m.hosting.move(home, host, m.now()),
    };
  }

  #onEvent(e: SrmGroupEvent): void {
    const m = this.model;
    switch (e.type) {
      case 'takeoverFailed':
      case 'takebackFailed':
      case 'bothFailed':
      case 'recoverStarted':
        m.hosting.endMoves(this.groups.get(e.group)?.nodeNames ?? []);
        break;
      default:
        break;
    }
    // While SRM is Taking Over / Taking Back the receiving node re-creates the moving users' sessions (Table 3
    // L2253, L2258), over the state's duration; the move completes with usersMoved.
    if (e.type === 'failoverStarted') m.hosting.beginMove(e.failed, e.backup, e.atMs, e.atMs + e.durationMs);
    if (e.type === 'fallbackStarted') m.hosting.beginMove(e.primary, e.primary, e.atMs, e.atMs + e.durationMs);
    switch (e.type) {
      case 'failoverStarted':
        m.alarms.raise(e.failed, 'SRMFailover', `Failover of ${e.usersMoving} users from ${e.failed} to ${e.backup} (${e.cause})${e.downServices.length ? `; down: ${e.downServices.join(', ')}` : ''}`);
        m.alarms.raise(e.backup, 'SRMFailover', `Taking over ${e.usersMoving} users of ${e.failed} (${e.cause})`);
        break;
      case 'fallbackCompleted':
      case 'recoverCompleted':
        for (const n of this.groups.get(e.group)?.nodeNames ?? []) {
          m.alarms.clearAll(n, 'SRMFailover');
          m.alarms.clearAll(n, 'SRMFailed');
          if (e.type === 'fallbackCompleted') m.alarms.raise(n, 'SRMFallback', `Users returned to ${e.primary} (${e.cause})`);
        }
        break;
      case 'bothFailed':
        for (const n of this.groups.get(e.group)?.nodeNames ?? []) m.alarms.raise(n, 'SRMFailed', `Presence redundancy group ${e.group} in Running in Failed Mode (${e.reason})`);
        break;
      case 'takeoverFailed':
      case 'takebackFailed':
      case 'startCriticalServicesFailed':
        m.event('ha', `${e.group}: ${e.type}`);
        break;
      default:
        break;
    }
    m.event('ha-event', `${e.group}: ${e.type}`);
  }
}
