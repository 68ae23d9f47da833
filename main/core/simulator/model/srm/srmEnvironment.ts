/**
 * The boundary between the SRM state machine and the cluster model that embeds it. The model implements
 * {@link SrmEnvironment}; SRM reads the nodes through it and acts on them through it.
 */
import type { SimScheduler } from '../../clock/simScheduler.js';

/** The critical services SRM watches on every IM and Presence node (guide L2068-2096, seed-inventory.md 1.2). */
export const SRM_BASE_CRITICAL_SERVICES: readonly string[] = Object.freeze([
  'Cisco Client Profile Agent',
  'Cisco Sync Agent',
  'Cisco XCP Router',
  'Cisco SIP Proxy',
  'Cisco Presence Engine',
]);

/** Critical with persistent chat high availability (guide L6192). The model decides whether it applies. */
export const SRM_PERSISTENT_CHAT_CRITICAL_SERVICE = 'Cisco XCP Text Conference Manager';

/** Critical only when "Enable XCP Authentication Service Monitoring" is TRUE (guide L2161). */
export const SRM_XCP_AUTHENTICATION_SERVICE = 'Cisco XCP Authentication Service';

/** Which optional services count as critical for this query (from the SRM parameters). */
export interface CriticalServiceScope {
  /** "Enable XCP Authentication Service Monitoring" (L2161). */
  readonly includeXcpAuthenticationService: boolean;
}

/**
 * What SRM needs from the cluster model. Node arguments are node names as given to the machine.
 * All methods are called synchronously; an action may call back into `evaluate()` (it is deferred safely).
 */
export interface SrmEnvironment {
  /** Virtual time; every SRM timer runs on it. */
  readonly scheduler: SimScheduler;
  isPoweredOn(node: string): boolean;
  /** True while the node boots (powered on, services not up yet). */
  isBooting(node: string): boolean;
  /** Whether the Cisco Server Recovery Manager service runs on the node. */
  isSrmRunning(node: string): boolean;
  /**
   * Whether heartbeats sent by `from` reach `to`: false for a network cut between the pair, or when SRM is
   * stopped on `from`.
   */
  isHeartbeatReachable(from: string, to: string): boolean;
  /** Names of the critical services that are not running on the node (empty: all run). */
  downCriticalServices(node: string, scope: CriticalServiceScope): readonly string[];
  /** Whether the node's database (IDS) service runs ("Database Failure", L2287). */
  isDatabaseRunning(node: string): boolean;
  /** Number of users assigned (homed) to the node. */
  usersHomedOn(node: string): number;
  /** Whether Multiple Device Messaging is enabled (doubles failover time, L2370). */
  isMultipleDeviceMessagingEnabled(node: string): boolean;
  /** Manual failover: SRM stops the critical services on the failed node (L2220). */
  stopCriticalServices(node: string): void;
  /** Fallback / recover: SRM (re)starts the critical services; false when one of them stays down. */
  startCriticalServices(node: string): boolean;
  /** The users homed on `homeNode` are now served by `hostNode` (equal to `homeNode` when they go home). */
  moveUsers(homeNode: string, hostNode: string): void;
}

/** Faults a scenario injects into SRM itself (not into the nodes); set them through the machine's setters. */
export interface SrmFaults {
  /** Moving users to the backup fails ("possible database error", Table 4 row 19, L2299). */
  readonly takeoverFails: boolean;
  /** Moving users back fails (row 20, L2300). */
  readonly takebackFails: boolean;
  /** Nodes on which High Availability is enabled incorrectly (row 24, L2307). */
  readonly haEnabledIncorrectly: ReadonlySet<string>;
}
