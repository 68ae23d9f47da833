/** Node roles in an IM&P deployment. */
export type NodeRole = 'cucm-publisher' | 'imp-publisher' | 'imp-subscriber' | 'unknown';

/** How a node answers right now (reachability is data: it feeds ServerDown). */
export type Reachability = 'up' | 'down' | 'degraded' | 'unknown';

/** One node of a monitored cluster as the collector sees it. */
export interface NodeStatus {
  readonly cluster: string;
  readonly name: string;
  readonly host: string;
  readonly role: NodeRole;
  readonly version?: string;
  readonly reachability: Reachability;
  /** Per protocol: last success and last error (code + message). */
  readonly protocols: Readonly<Record<'snmp' | 'soap' | 'ssh', ProtocolHealth>>;
  /** Presence redundancy group and HA state/reason, when known. */
  readonly group?: string;
  readonly haState?: string;
  readonly haReason?: string;
  readonly replicationState?: number;
  /** IM&P nodes: the OVA (its users) the JSM capacity alert and the views use (issue 15). */
  readonly ova?: NodeOva;
  /** IM&P nodes: in a two-node presence redundancy group with HA in balanced (active/active) mode. */
  readonly activeActive?: boolean;
}

/** The OVA of an IM&P node (guide L6977-7017: users per OVA), and where the figure comes from. */
export interface NodeOva {
  /** Users of the OVA (e.g. 2000, 5000, 15000, 25000). */
  readonly users: number;
  /** 'cluster': read from the node (an interface gave it); 'settings': set with the cluster by a person. */
  readonly source: 'cluster' | 'settings';
}

/** Health of one protocol towards one node. */
export interface ProtocolHealth {
  readonly lastOkMs?: number;
  readonly lastErrorMs?: number;
  readonly lastErrorCode?: string;
  readonly lastErrorMessage?: string;
}

/** A service's state on a node (ControlCenter / utils service list). */
export interface ServiceStatusRow {
  readonly cluster: string;
  readonly node: string;
  readonly name: string;
  readonly status: 'Started' | 'Stopped' | 'Starting' | 'Stopping' | 'Unknown';
  readonly sinceMs?: number;
  /**
   * For a service not Started: `sinceMs` is when the collector's service history saw it stop ('history'), or
   * only the first time it was seen stopped, so it has been stopped at least that long ('atLeast').
   */
  readonly sinceSource?: 'uptime' | 'history' | 'atLeast';
  readonly activated: boolean;
}

/** A cluster the user monitors. */
export interface ClusterSummary {
  readonly id: string;
  readonly name: string;
  readonly publisherHost: string;
  readonly simulated: boolean;
  readonly nodes: readonly NodeStatus[];
}
