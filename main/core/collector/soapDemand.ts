import type { NodeRole } from '../../../shared/model/cluster.js';
import { NODE_SOAP_REQUESTS_PER_MIN } from '../polling/soap/requestBudget.js';

/** Perfmon objects collected whole every Perfmon interval (serviceability-reference.md A.7/A.8; seed-inventory 3). */
export const IMP_PERFMON_OBJECTS = [
  'Cisco Presence Engine',
  'Cisco XCP JSM',
  'Cisco XCP CM',
  'Cisco XCP Web CM',
  'Cisco XCP MDM',
  'Cisco XCP MFT',
  'Cisco XCP TC',
  'Cisco SIP Proxy',
  'Partition',
  'Memory',
  'Number of Replicates Created and State of Replication',
] as const;
export const CUCM_PERFMON_OBJECTS = ['Partition', 'Memory', 'Number of Replicates Created and State of Replication'] as const;

/** The Perfmon objects the collector reads from a node of `role` (an unknown role is treated as IM&P). */
export function perfmonObjectsFor(role: NodeRole): readonly string[] {
  return role === 'cucm-publisher' ? CUCM_PERFMON_OBJECTS : IMP_PERFMON_OBJECTS;
}

/**
 * Of a node's 80 requests a minute, the share the collector's own polls may use (ours): the other 20 stay free for
 * the interactive users of the same budget, charts at 10 s, counter browsing and service control, so that a
 * click never waits behind a minute of background polls.
 */
export const COLLECTOR_SOAP_REQUESTS_PER_MIN = 60;

/** Poll intervals in seconds, as a cluster's spec and the collector config give them. */
export interface PollIntervalsSec {
  /** SNMP (CPU, memory, processes, disks) and, unless perfmonSec is given, Perfmon. */
  readonly systemSec: number;
  readonly servicesSec: number;
  /** Perfmon objects; by default the system interval, stretched to fit the node's SOAP budget. */
  readonly perfmonSec?: number;
}

/** The smallest Perfmon interval whose requests fit the collector's share next to the services polls. */
export function minPerfmonSec(servicesSec: number, share = COLLECTOR_SOAP_REQUESTS_PER_MIN): number {
  return Math.ceil((IMP_PERFMON_OBJECTS.length * 60) / (share - 60 / servicesSec));
}

/**
 * The Perfmon interval the collector uses: the one given, else the system interval, stretched when needed so an
 * IM&P node's requests fit the collector's share (11 objects every 5 s alone would be 132 requests a minute).
 * SNMP keeps the system interval: it has no such limit.
 */
export function perfmonIntervalSec(iv: PollIntervalsSec): number {
  return iv.perfmonSec ?? Math.max(iv.systemSec, minPerfmonSec(iv.servicesSec));
}

/**
 * SOAP requests per minute the collector's own polls send to one node: one perfmonCollectCounterData per object
 * every Perfmon interval, one ControlCenter status every services interval.
 */
export function soapRequestsPerMinute(role: NodeRole, iv: PollIntervalsSec): number {
  return (perfmonObjectsFor(role).length * 60) / perfmonIntervalSec(iv) + 60 / iv.servicesSec;
}

/**
 * Why `iv` cannot be polled within the collector's share of a node's SOAP budget, or undefined when it can. The
 * check is for an IM&P node, the heaviest (every cluster has one). Over budget, every poll would queue behind the
 * last and data would come late and partial, so such intervals are refused, naming the smallest that fits.
 */
export function soapDemandProblem(iv: PollIntervalsSec, share = COLLECTOR_SOAP_REQUESTS_PER_MIN): string | undefined {
  const need = soapRequestsPerMinute('imp-subscriber', iv);
  if (need <= share) return undefined;
  const servicesOnly = 60 / iv.servicesSec;
  const hint = servicesOnly < share ? `use a Perfmon interval of at least ${minPerfmonSec(iv.servicesSec, share)} s` : 'use a longer services interval';
  return (
    `polling ${IMP_PERFMON_OBJECTS.length} Perfmon objects every ${perfmonIntervalSec(iv)} s and services every ${iv.servicesSec} s needs ` +
    `${Math.ceil(need)} SOAP requests per minute per IM&P node; the collector keeps to ${share} of the node's ${NODE_SOAP_REQUESTS_PER_MIN} ` +
    `so that charts and service control always get through; ${hint}`
  );
}
