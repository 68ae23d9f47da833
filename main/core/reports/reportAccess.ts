/**
 * How a report reaches one cluster (issue 14): its nodes, one admin CLI command on a node, one Perfmon object read
 * now, the services' status and the HA groups. Every call is counted per node and interface (ReportRunInfo.requests;
 * `npm run bench:reports` prints them): SOAP goes through the node's shared budget (80/min, of which the collector
 * leaves 20 free, collector/soapDemand.ts), so a report never pushes the node into its rate limit. The app builds it
 * from the collector (its pooled SSH sessions, its nodes' SOAP transports, its last ControlCenter and HA polls);
 * the command line from an opened ClusterSpec. Nothing here imports the simulator: a real cluster goes through the
 * same calls.
 */
import type { NodeRole, Reachability } from '../../../shared/model/cluster.js';
import type { PollError } from '../polling/pollError.js';
import type { ControlCenterServiceInfo } from '../polling/soap/controlCenterClient.js';
import type { HaSubclusterStatus } from '../polling/ssh/parsers/haStatus.js';
import type { CliCommandResult } from '../polling/ssh/sshCliSession.js';

export interface ReportNodeInfo {
  readonly name: string;
  readonly role: NodeRole;
  /** The address the cluster reports for the node. */
  readonly host: string;
  readonly reachability: Reachability;
}

/** One counter value of a Perfmon object read now. */
export interface ReportCounterValue {
  readonly instance: string;
  readonly counter: string;
  readonly value: number;
}

export type ReportResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PollError };

export interface ReportClusterAccess {
  readonly cluster: string;
  nodes(): readonly ReportNodeInfo[];
  /** Runs one admin CLI command on a node (counted as ssh). Never rejects: a failure is the result. */
  cli(node: string, command: string, timeoutMs?: number): Promise<CliCommandResult>;
  /** perfmonCollectCounterData of one object on a node now (counted as soap). Never rejects. */
  perfmon(node: string, object: string): Promise<ReportResult<ReportCounterValue[]>>;
  /** The node's services (ControlCenter; the collector's last poll when under a minute old, else asked now, counted as soap). */
  services(node: string): Promise<ReportResult<ControlCenterServiceInfo[]>>;
  /** The presence redundancy groups as `utils ha status` prints them (the collector's last poll, else asked now). */
  haGroups(): Promise<ReportResult<HaSubclusterStatus[]>>;
  /** Requests sent so far through this access, per node. */
  requestCounts(): ReadonlyMap<string, { soap: number; ris: number; ssh: number }>;
}
