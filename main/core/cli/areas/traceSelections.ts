/**
 * What `imp traces collect|search` select on each node: the node's own service and system log names
 * (listNodeServiceLogs) matched against the names asked for or a preset's.
 */

import { AppError } from '../../base/errors.js';
import type { TraceNodeSelection } from '../../../../shared/model/traces.js';
import type { TraceNodeClients } from '../../traces/traceNodeClients.js';
import { serviceNameKey } from '../../../../shared/model/traces.js';
import { resolvePresetServices, type tracePreset } from '../../traces/tracePresets.js';

/** What one node lists (LogCollection listNodeServiceLogs), or why it could not say. */
export type NodeList = { cluster: string; node: string } & ({ ok: true; serviceLogs: readonly string[]; systemLogs: readonly string[] } | { ok: false; error: string });

/** Asks every node for its service and system logs at once; a node's failure is data. */
export async function listNodes(clients: TraceNodeClients, nodes: readonly { cluster: string; node: string }[]): Promise<NodeList[]> {
  return Promise.all(
    nodes.map(async (n): Promise<NodeList> => {
      try {
        const r = await clients.logCollection(n.cluster, n.node).listNodeServiceLogs();
        return r.ok ? { ...n, ok: true, serviceLogs: r.value.serviceLogs, systemLogs: r.value.systemLogs } : { ...n, ok: false, error: `${r.error.code}: ${r.error.message}` };
      } catch (err) {
        return { ...n, ok: false, error: (err as Error).message };
      }
    }),
  );
}

/**
 * Each node's selection: the names asked for (or the preset's) matched against what the node lists, exactly or
 * loosely (serviceNameKey: "Cisco Tomcat Security Log" finds "Cisco Tomcat Security Logs"). A node that did not
 * answer keeps the names as service logs, so the collection plans it, fails it and says so in the bundle. A name
 * no answering node lists is refused, naming what they list.
 */
export function selections(lists: readonly NodeList[], wanted: readonly string[] | undefined, preset: ReturnType<typeof tracePreset>, explicitNodes: boolean, log: (line: string) => void): TraceNodeSelection[] {
  const out: TraceNodeSelection[] = [];
  const found = new Set<string>();
  const answered = lists.filter((l) => l.ok);
  for (const l of lists) {
    const ref = { cluster: l.cluster, node: l.node };
    if (!l.ok) {
      log(`imp: ${l.cluster}/${l.node} did not list its services (${l.error}); it is kept in the collection, which will say why it failed`);
      out.push({ ...ref, serviceLogs: [...(wanted ?? preset?.serviceLogs ?? [])], systemLogs: [...(preset?.systemLogs ?? [])] });
      continue;
    }
    let serviceLogs: string[];
    let systemLogs: string[];
    if (wanted) {
      serviceLogs = [];
      systemLogs = [];
      const sKeys = new Map(l.serviceLogs.map((n) => [serviceNameKey(n), n] as const));
      const yKeys = new Map(l.systemLogs.map((n) => [serviceNameKey(n), n] as const));
      for (const w of wanted) {
        const s = l.serviceLogs.includes(w) ? w : l.systemLogs.includes(w) ? undefined : sKeys.get(serviceNameKey(w));
        const y = s === undefined ? (l.systemLogs.includes(w) ? w : yKeys.get(serviceNameKey(w))) : undefined;
        if (s !== undefined && !serviceLogs.includes(s)) serviceLogs.push(s);
        if (y !== undefined && !systemLogs.includes(y)) systemLogs.push(y);
        if (s !== undefined || y !== undefined) found.add(w);
      }
    } else {
      const r = resolvePresetServices(preset!, l);
      serviceLogs = r.serviceLogs;
      systemLogs = r.systemLogs;
      for (const name of [...preset!.serviceLogs, ...preset!.systemLogs]) if (!r.missing.includes(name)) found.add(name);
    }
    if (serviceLogs.length === 0 && systemLogs.length === 0) {
      if (explicitNodes) log(`imp: ${l.cluster}/${l.node} lists none of the services asked for: left out`);
      continue;
    }
    out.push({ ...ref, serviceLogs, systemLogs });
  }
  const asked = wanted ?? [...(preset?.serviceLogs ?? []), ...(preset?.systemLogs ?? [])];
  const missing = asked.filter((w) => !found.has(w));
  if (answered.length > 0 && missing.length > 0) {
    const listed = [...new Set(answered.flatMap((l) => (l.ok ? [...l.serviceLogs, ...l.systemLogs] : [])))].sort();
    if (wanted) throw new AppError('NOT_FOUND', `no node lists ${missing.map((m) => `"${m}"`).join(', ')}: the nodes list ${listed.join(', ')}`);
    log(`imp: preset ${preset!.id}: no node lists ${missing.join(', ')}`);
  }
  if (out.length === 0) throw new AppError('NOT_FOUND', 'none of the nodes lists the services asked for: nothing to collect');
  return out;
}
