import { defineVerb, type AreaDefinition } from '../conventions/verb.js';
import { openClusterAdmin } from './clustersAdmin.js';
import { add, remove, test } from './clustersVerbs.js';

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
With neither --config nor --endpoints: the clusters saved in the data folder (imp clusters add, or the app's
Settings > Clusters; not contacted) and the embedded simulated cluster when its switch is on (started here).
Exit codes: 0 listed; 1 the clusters could not be opened (a bad config or endpoints file, an unpinned key), with
one line on stderr; 2 bad usage.`,
  run: async (ctx) => {
    const rows: ClusterRow[] = [];
    let embedded = true;
    if (!ctx.where.configPath && !ctx.where.endpointsPath) {
      const admin = await openClusterAdmin(ctx.where.dataDir, ctx.log);
      embedded = admin.embeddedEnabled();
      rows.push(...admin.configs().map((c) => ({ id: c.id, name: c.name, publisher: c.publisherHost, nodeCount: c.nodes.length, simulated: false })));
    }
    const open = embedded ? await ctx.openClusters() : undefined;
    return {
      rows: [...(open?.clusters ?? []).map((c) => ({ id: c.id, name: c.name, publisher: c.publisherHost, nodeCount: c.nodes.length, simulated: c.simulated })), ...rows],
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
export const clustersArea: AreaDefinition = { name: 'clusters', summary: 'the monitored clusters: list, add, test, remove', verbs: [list, add, test, remove] };
