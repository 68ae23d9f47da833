/**
 * Collect Files presets: the guide's problem-to-trace table (Table 44 "常见的 IM and Presence 问题排查",
 * im-presence-14su1-admin-guide.zh.txt L11289-11322; English in seed-inventory.md 6.2). Each row names the
 * services whose traces to check; the "high CPU and low VM" row also names CLI outputs (L11308), which the
 * collection adds as extras (collectionExtras.ts). The service names are the guide's; what a node calls them
 * comes from the node itself (listNodeServiceLogs), so {@link resolvePresetServices} matches them loosely and
 * reports a name the node does not list instead of guessing.
 *
 * Not covered by an extra (said in the preset's note): `utils dbreplication runtimestate` and the RIS CSV folder
 * `file get activelog cm/log/ris/csv` of the same row.
 */
import { serviceNameKey, type TracePreset, type TraceTimeRange } from '../../../shared/model/traces.js';

/** A preset's default time range: the last hour (designed; RTMT's wizard leaves it to the user). */
const LAST_HOUR: TraceTimeRange = { kind: 'relative', amount: 1, unit: 'hours' };

const CM = 'Cisco XCP Connection Manager';
const ROUTER = 'Cisco XCP Router';
const PE = 'Cisco Presence Engine';
const SIP_PROXY = 'Cisco SIP Proxy';
const SIP_FED = 'Cisco XCP SIP Federation Connection Manager';
const XMPP_FED = 'Cisco XCP XMPP Federation Connection Manager';
const TOMCAT_SECURITY = 'Cisco Tomcat Security Log';

function preset(id: string, title: string, line: number, serviceLogs: readonly string[], extras: TracePreset['extras'] = []): TracePreset {
  return { id, title, guideRef: `Table 44, L${line}`, serviceLogs, systemLogs: [], extras, range: LAST_HOUR };
}

/** Every row of Table 44, in the guide's order. */
export const TRACE_PRESETS: readonly TracePreset[] = [
  preset('login', 'Login and authentication', 11292, ['Cisco Client Profile Agent', CM, ROUTER, 'Cisco XCP Authentication Service', TOMCAT_SECURITY]),
  preset('presence', 'Availability status (presence not updating)', 11293, [CM, ROUTER, PE]),
  preset('im', 'Sending and receiving IMs', 11294, [CM, ROUTER]),
  preset('contactList', 'Contact list', 11297, [CM, ROUTER, PE]),
  preset('chatRooms', 'Chat rooms', 11298, [CM, ROUTER, 'Cisco XCP Text Conference Manager']),
  preset('partitionedFederation', 'Partitioned intradomain federation', 11299, [ROUTER, SIP_FED, SIP_PROXY, PE]),
  preset('xmppInterdomain', 'Availability and IM of XMPP interdomain federation contacts', 11300, [CM, ROUTER, PE, XMPP_FED]),
  preset('sipInterdomain', 'Availability and IM of SIP interdomain federation contacts', 11301, [CM, ROUTER, PE, SIP_PROXY, SIP_FED]),
  preset('calendar', 'Calendar', 11302, [PE]),
  preset('intercluster', 'Intercluster sync and Intercluster Troubleshooter', 11303, ['Cisco Intercluster Sync Agent', 'Cisco AXL Web Service', TOMCAT_SECURITY, 'Cisco Syslog Agent']),
  preset('sipFederation', 'SIP federation', 11306, [SIP_PROXY, ROUTER, SIP_FED]),
  preset('xmppFederation', 'XMPP federation', 11307, [ROUTER, XMPP_FED]),
  preset('highCpu', 'High CPU and low virtual memory alerts', 11308, [ROUTER, SIP_FED, SIP_PROXY, PE, TOMCAT_SECURITY, 'Cisco Syslog Agent'], [
    'processCpu',
    'processMemory',
    'serviceList',
    'perfmonCounters',
  ]),
];

/** The preset with this id, or undefined. */
export function tracePreset(id: string): TracePreset | undefined {
  return TRACE_PRESETS.find((p) => p.id === id);
}

/** What a preset selects on one node: the node's own names for the preset's services, and those it lacks. */
export interface PresetResolution {
  readonly serviceLogs: string[];
  readonly systemLogs: string[];
  /** Preset names the node does not list (the service is not on this node, or named otherwise). */
  readonly missing: string[];
}

/** Matches a preset's service and system log names against what a node listed (exact first, then loosely). */
export function resolvePresetServices(preset: TracePreset, node: { readonly serviceLogs: readonly string[]; readonly systemLogs: readonly string[] }): PresetResolution {
  const missing: string[] = [];
  const pick = (wanted: readonly string[], listed: readonly string[]): string[] => {
    const byKey = new Map(listed.map((n) => [serviceNameKey(n), n] as const));
    const out: string[] = [];
    for (const w of wanted) {
      const hit = listed.includes(w) ? w : byKey.get(serviceNameKey(w));
      if (hit === undefined) missing.push(w);
      else if (!out.includes(hit)) out.push(hit);
    }
    return out;
  };
  return { serviceLogs: pick(preset.serviceLogs, node.serviceLogs), systemLogs: pick(preset.systemLogs, node.systemLogs), missing };
}
