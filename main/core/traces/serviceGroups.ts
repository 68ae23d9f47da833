/**
 * RTMT's Collect Files tree groups the service logs of a node as "System Services/Applications" and "IM and
 * Presence Services/Applications", with the system logs on their own tab (serviceability-reference.md A.6,
 * CUP-TLC). The names come from the node (listNodeServiceLogs); this module only labels them. IM and Presence
 * services are those of the guide's Table 47 (L11417-11447, seed-inventory 6.6) that exist only on IM and Presence
 * nodes (XCP, Presence Engine, SIP Proxy, Intercluster Sync Agent, Client Profile Agent) plus the other IM&P
 * network services of the guide (datastores, Server Recovery Manager, Sync Agent, IM and Presence Data Monitor,
 * Config Agent); everything else (Tomcat, AXL, Syslog Agent, Cluster Manager, DB, RIS, DRF ...) is a system
 * service, as is any name this module does not know.
 */
import type { TraceServiceGroup } from '../../../shared/model/traces.js';

/** Patterns of IM and Presence service log names (matched case-insensitively). */
const IMP_PATTERNS: readonly RegExp[] = [
  /\bXCP\b/i,
  /\bPresence Engine\b/i,
  /\bSIP Proxy\b/i,
  /\bIntercluster Sync Agent\b/i,
  /\bClient Profile Agent\b/i,
  /\bServer Recovery Manager\b/i,
  /(^|\s)Sync Agent\b/i,
  /\bIM and Presence\b/i,
  /\b(Login|Presence|Route|SIP Registration) Datastore\b/i,
  /\bConfig Agent\b/i,
  /\bMessage Archiver\b/i,
];

/** RTMT's group of one service log name. */
export function serviceGroupOf(serviceLog: string): Exclude<TraceServiceGroup, 'systemLog'> {
  return IMP_PATTERNS.some((p) => p.test(serviceLog)) ? 'imp' : 'system';
}

/** The group of every name a node listed: service logs as system or IM&P, system logs as 'systemLog'. */
export function groupServices(list: { readonly serviceLogs: readonly string[]; readonly systemLogs: readonly string[] }): Record<string, TraceServiceGroup> {
  const out: Record<string, TraceServiceGroup> = {};
  for (const s of list.serviceLogs) out[s] = serviceGroupOf(s);
  for (const s of list.systemLogs) out[s] ??= 'systemLog';
  return out;
}
