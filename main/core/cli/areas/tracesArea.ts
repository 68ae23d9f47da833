import { Option } from 'commander';
import type { TraceServiceGroup } from '../../../../shared/model/traces.js';
import { groupServices } from '../../traces/serviceGroups.js';
import { TraceNodeClients } from '../../traces/traceNodeClients.js';
import { defineVerb, type AreaDefinition } from '../conventions/verb.js';
import { collect, resume } from './traceCollectVerbs.js';
import { pickNodes, traceNodeResolver } from './traceNodeResolver.js';
import { nodesArg, type NodeArg } from './traceRequestOptions.js';
import { listNodes } from './traceSelections.js';
import { search, tail } from './traceToolVerbs.js';

/** One row of `imp traces list-services`. */
interface ServiceRow {
  readonly cluster: string;
  readonly node: string;
  readonly group: TraceServiceGroup;
  readonly name: string;
}

const listServices = defineVerb<{ node?: NodeArg[] }, ServiceRow>({
  name: 'list-services',
  summary: 'the service logs and system logs each node lists (LogCollection listNodeServiceLogs), grouped as RTMT groups them',
  where: true,
  output: true,
  options: (cmd) => {
    cmd.addOption(new Option('--node <NAMES>', 'only these nodes (comma-separated; cluster/node when two clusters share a name)').argParser(nodesArg));
  },
  help: `Asks each node which service logs and system logs it has (LogCollectionPortTypeService listNodeServiceLogs:
the names come from the node, never from a table of ours) and prints one row per name:
  {cluster, node, group, name}   group: "imp" (IM and Presence services), "system" (system services), "systemLog"
A node that does not answer is named on stderr; the others are printed.
Exit codes: 0 when at least one node answered; 1 when none did or the clusters could not be opened, with one line
on stderr; 2 bad usage.`,
  run: async (ctx) => {
    const open = await ctx.openClusters();
    const resolver = traceNodeResolver(open.clusters);
    const clients = new TraceNodeClients(resolver);
    try {
      const lists = await listNodes(clients, pickNodes(resolver, ctx.options.node));
      const rows: ServiceRow[] = [];
      for (const l of lists) {
        if (!l.ok) {
          ctx.log(`imp: ${l.cluster}/${l.node}: ${l.error}`);
          continue;
        }
        const groups = groupServices(l);
        for (const name of l.serviceLogs) rows.push({ cluster: l.cluster, node: l.node, group: groups[name] ?? 'system', name });
        for (const name of l.systemLogs) rows.push({ cluster: l.cluster, node: l.node, group: 'systemLog', name });
      }
      const answered = lists.filter((l) => l.ok).length;
      return {
        rows,
        columns: [
          { header: 'CLUSTER', value: (r) => r.cluster },
          { header: 'NODE', value: (r) => r.node },
          { header: 'GROUP', value: (r) => r.group },
          { header: 'NAME', value: (r) => r.name },
        ],
        ...(answered > 0 ? {} : { failure: lists.length === 0 ? 'no node to ask' : 'no node answered listNodeServiceLogs' }),
      };
    } finally {
      await clients.dispose();
    }
  },
});

/** `imp traces …`: Trace & Log Central on the command line. */
export const tracesArea: AreaDefinition = { name: 'traces', summary: 'trace and log files of the nodes: list, collect, resume, tail, search', verbs: [listServices, collect, resume, tail, search] };
