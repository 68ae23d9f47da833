import { defineVerb, type AreaDefinition } from '../conventions/verb.js';

/** One row of `imp clusters list`. */
interface ClusterRow {
  readonly id: string;
  readonly name: string;
  readonly publisher: string;
  readonly nodeCount: number;
  readonly simulated: boolean;
}

const list = defineVerb<Record<string, unknown>, ClusterRow>({
  name: 'list',
  summary: 'the clusters where imp acts: id, name, publisher, node count, simulated or not',
  where: true,
  output: true,
  help: `--format json prints an array of {id, name, publisher, nodeCount, simulated}.
With --config, a cluster that lists no nodes has them discovered from its publisher (show network cluster), and
every node's SSH host key and certificate are checked against the pins, as npm run collector does.
Exit codes: 0 listed; 1 the clusters could not be opened (a bad config or endpoints file, an unpinned key), with
one line on stderr; 2 bad usage.`,
  run: async (ctx) => {
    const open = await ctx.openClusters();
    return {
      rows: open.clusters.map((c) => ({ id: c.id, name: c.name, publisher: c.publisherHost, nodeCount: c.nodes.length, simulated: c.simulated })),
      columns: [
        { header: 'ID', value: (r) => r.id },
        { header: 'NAME', value: (r) => r.name },
        { header: 'PUBLISHER', value: (r) => r.publisher },
        { header: 'NODES', value: (r) => r.nodeCount },
        { header: 'SIMULATED', value: (r) => r.simulated },
      ],
    };
  },
});

/** `imp clusters …`: the clusters imp acts on. */
export const clustersArea: AreaDefinition = { name: 'clusters', summary: 'the monitored clusters', verbs: [list] };
