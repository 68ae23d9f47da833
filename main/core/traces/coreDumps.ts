/**
 * Collect Crash Dump (RTMT Trace & Log Central, serviceability-reference.md A.6): a node's core files as
 * `utils core active list` prints them (guide: `utils core` commands of the CLI reference; H2's parser in
 * polling/ssh/cliLogCommands.ts). Collecting them goes through a normal collection with explicit `files`
 * (TraceNodeSelection.files) plus the traces of the crashed process's service (renderer cores/coreTraceMatch.ts).
 */
import type { CoreDumpInfo } from '../../../shared/model/traces.js';
import { coreActiveList } from '../polling/ssh/cliLogCommands.js';
import type { TraceToolClients } from './traceToolPorts.js';

/** The node's core files, newest first. A node that cannot be asked throws its PollError. */
export async function listCoreDumps(clients: TraceToolClients, cluster: string, node: string): Promise<CoreDumpInfo[]> {
  const got = await clients.cli(cluster, node, (s) => coreActiveList(s));
  const result = got.ok ? got.value : got;
  if (!result.ok) throw result.error;
  return result.value
    .map((c) => ({ cluster, node, name: c.name, ...(c.path === undefined ? {} : { path: c.path }), size: c.size, modifiedMs: c.modifiedMs }))
    .sort((a, b) => b.modifiedMs - a.modifiedMs || a.name.localeCompare(b.name));
}
