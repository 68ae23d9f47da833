/**
 * A plain-object {@link SrmEnvironment}: flags a test or a scenario sketch flips by hand (after Alertmanager's
 * in-memory provider). The real cluster model implements the same interface over its nodes and services.
 */
import type { SimScheduler } from '../../clock/simScheduler.js';
import { SRM_BASE_CRITICAL_SERVICES, SRM_XCP_AUTHENTICATION_SERVICE, type CriticalServiceScope, type SrmEnvironment } from './srmEnvironment.js';

/** The flags of one node. */
export interface InMemorySrmNode {
  poweredOn: boolean;
  booting: boolean;
  srmRunning: boolean;
  databaseRunning: boolean;
  /** Critical services that are down. */
  readonly downServices: Set<string>;
  /** Services that a start request cannot bring up (a fault that keeps them down). */
  readonly unstartableServices: Set<string>;
  users: number;
  multipleDeviceMessaging: boolean;
  /** Users currently served here, by home node (updated by moveUsers). */
  readonly hostedHomes: Set<string>;
}

/** An {@link SrmEnvironment} over plain flags, recording every action SRM takes. */
export class InMemorySrmEnvironment implements SrmEnvironment {
  readonly nodes = new Map<string, InMemorySrmNode>();
  /** Unordered pairs "a|b" whose network is cut. */
  readonly cutLinks = new Set<string>();
  /** Every action SRM took, in order, e.g. "stop node1", "move node1->node2". */
  readonly actions: string[] = [];

  constructor(
    readonly scheduler: SimScheduler,
    nodes: ReadonlyArray<{ name: string; users?: number }>,
  ) {
    for (const n of nodes) {
      this.nodes.set(n.name, {
        poweredOn: true, booting: false, srmRunning: true, databaseRunning: true, downServices: new Set(), unstartableServices: new Set(),
        users: n.users ?? 0, multipleDeviceMessaging: false, hostedHomes: new Set([n.name]),
      });
    }
  }

  /** The flags of `name`; throws for an unknown node (a test bug). */
  node(name: string): InMemorySrmNode {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`unknown node ${name}`);
    return n;
  }

  /** Cuts or restores the network between two nodes. */
  setLinkCut(a: string, b: string, cut: boolean): void {
    const key = [a, b].sort().join('|');
    if (cut) this.cutLinks.add(key);
    else this.cutLinks.delete(key);
  }

  isPoweredOn(node: string): boolean {
    return this.node(node).poweredOn;
  }

  isBooting(node: string): boolean {
    return this.node(node).booting;
  }

  isSrmRunning(node: string): boolean {
    const n = this.node(node);
    return n.poweredOn && !n.booting && n.srmRunning;
  }

  isHeartbeatReachable(from: string, to: string): boolean {
    return this.isSrmRunning(from) && this.isPoweredOn(to) && !this.cutLinks.has([from, to].sort().join('|'));
  }

  downCriticalServices(node: string, scope: CriticalServiceScope): readonly string[] {
    const watched = scope.includeXcpAuthenticationService ? [...SRM_BASE_CRITICAL_SERVICES, SRM_XCP_AUTHENTICATION_SERVICE] : SRM_BASE_CRITICAL_SERVICES;
    return watched.filter((s) => this.node(node).downServices.has(s));
  }

  isDatabaseRunning(node: string): boolean {
    return this.node(node).databaseRunning;
  }

  usersHomedOn(node: string): number {
    return this.node(node).users;
  }

  isMultipleDeviceMessagingEnabled(node: string): boolean {
    return this.node(node).multipleDeviceMessaging;
  }

  stopCriticalServices(node: string): void {
    this.actions.push(`stop ${node}`);
    for (const s of SRM_BASE_CRITICAL_SERVICES) this.node(node).downServices.add(s);
  }

  startCriticalServices(node: string): boolean {
    this.actions.push(`start ${node}`);
    const n = this.node(node);
    for (const s of [...n.downServices]) if (!n.unstartableServices.has(s)) n.downServices.delete(s);
    return n.downServices.size === 0;
  }

  moveUsers(homeNode: string, hostNode: string): void {
    this.actions.push(`move ${homeNode}->${hostNode}`);
    for (const n of this.nodes.values()) n.hostedHomes.delete(homeNode);
    this.node(hostNode).hostedHomes.add(homeNode);
  }
}
