import { Option } from 'commander';
import { numberArg } from '../../base/commandLine.js';
import { defineVerb, type AreaDefinition } from '../conventions/verb.js';
import { pollNodesOnce, type NodePollResult } from './pollNodesOnce.js';

/** Default of `--timeout`: room for an SSH login and two commands on a slow node (the collector's own limit per poll is 20 s). */
const DEFAULT_TIMEOUT_SEC = 30;

const status = defineVerb<{ timeout: number }, NodePollResult>({
  name: 'status',
  summary: "every node's reachability over SNMP, SOAP and SSH, its version and HA state (one poll of each)",
  where: true,
  output: true,
  options: (cmd) => {
    cmd.addOption(new Option('--timeout <SEC>', 'longest wait for the answers; a protocol without one by then is "unknown"').argParser(numberArg(1, 3600, '--timeout needs seconds, 1-3600')).default(DEFAULT_TIMEOUT_SEC));
  },
  help: `Polls each node once with the collector (SNMP system poll, SOAP ControlCenter service list, SSH
"show version active" and "utils ha status"), waits until each has an outcome or --timeout passed, then prints.

--format json prints exactly an array of
  {cluster, node, role, reachability: {snmp, soap, ssh}, version, haState}
where each protocol is "up" (it answered), "down" (no answer: connection refused or timed out), "unknown" (no
outcome before --timeout), or the error code of another failure (POLL_AUTH: login refused; POLL_PROTOCOL or
POLL_PARSE: an answer that could not be used; POLL_RATE_LIMIT); version (from SSH) and haState (from the HA
poll; always null for a CUCM node) are null when unknown.

Exit codes: 0 when at least one node answered on one protocol: nodes that are down or failing are data, shown
in the output; 1 when nothing answered at all (the data is still printed) or the clusters could not be opened (a
bad config or endpoints file, an unpinned key), with one line on stderr; 2 bad usage.`,
  run: async (ctx) => {
    const open = await ctx.openClusters();
    const nodes = open.clusters.reduce((n, c) => n + c.nodes.length, 0);
    ctx.log(`polling ${nodes} node${nodes === 1 ? '' : 's'} of ${open.clusters.length} cluster${open.clusters.length === 1 ? '' : 's'} (SNMP, SOAP, SSH; at most ${ctx.options.timeout} s)…`);
    const rows = await pollNodesOnce(open.clusters, ctx.options.timeout * 1000);
    const answered = rows.some((r) => Object.values(r.reachability).includes('up'));
    return {
      rows,
      columns: [
        { header: 'CLUSTER', value: (r) => r.cluster },
        { header: 'NODE', value: (r) => r.node },
        { header: 'ROLE', value: (r) => r.role },
        { header: 'SNMP', value: (r) => r.reachability.snmp },
        { header: 'SOAP', value: (r) => r.reachability.soap },
        { header: 'SSH', value: (r) => r.reachability.ssh },
        { header: 'VERSION', value: (r) => r.version },
        { header: 'HA STATE', value: (r) => r.haState },
      ],
      json: (r) => ({ cluster: r.cluster, node: r.node, role: r.role, reachability: r.reachability, version: r.version, haState: r.haState }),
      ...(answered ? {} : { failure: rows.length === 0 ? 'no node to poll' : `no node answered on any protocol within ${ctx.options.timeout} s` }),
    };
  },
});

/** `imp nodes …`: the nodes of the clusters. */
export const nodesArea: AreaDefinition = { name: 'nodes', summary: "the clusters' nodes", verbs: [status] };
