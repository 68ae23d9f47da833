import { join } from 'node:path';
import { Option } from 'commander';
import { osOperator } from '../../audit/actionRecords.js';
import { recordCliChange } from '../../audit/cliChange.js';
import { typedPath } from '../../base/commandLine.js';
import { TRACE_ARCHIVE_FORMATS, type TraceArchiveFormat, type TraceCollectionStatus, type TraceCollectRequest, type TraceTimeRange } from '../../../../shared/model/traces.js';
import { createCollectionExtras } from '../../traces/collectionExtras.js';
import { PseudonymMap } from '../../traces/pseudonymMap.js';
import { Pseudonymizer } from '../../traces/pseudonymizer.js';
import { TraceCollections } from '../../traces/traceCollections.js';
import { TraceNodeClients } from '../../traces/traceNodeClients.js';
import { TRACE_PRESETS, tracePreset } from '../../traces/tracePresets.js';
import { defineVerb, type VerbContext, type VerbResult } from '../conventions/verb.js';
import { pickNodes, toolVersion, traceNodeResolver } from './traceNodeResolver.js';
import { endLines, ProgressLines } from './traceProgressLines.js';
import { listArg, nodesArg, parseLast, rangeOf, type NodeArg } from './traceRequestOptions.js';
import { listNodes, selections } from './traceSelections.js';

/** What collect and resume print (the bundle's path, as the last line on stdout). */
interface BundleRow {
  readonly path: string;
}

interface CollectOptions {
  services?: string[];
  nodes?: NodeArg[];
  last?: TraceTimeRange & { kind: 'relative' };
  from?: string;
  to?: string;
  timeZone?: string;
  archive: TraceArchiveFormat;
  out: string;
  preset?: string;
  pseudonymize?: boolean;
  label?: string;
}

/**
 * The collections of one verb, as the app builds them (backend/traceParts.ts): the pseudonym mapping in the data
 * folder's traces/pseudonyms.json (the app's own, so both give a person the same token), a preset's extras from
 * the node's admin CLI (no collector runs here: the Perfmon file says it holds no samples).
 */
function collectionsFor(ctx: VerbContext<unknown>, clients: TraceNodeClients): TraceCollections {
  const pseudonyms = new PseudonymMap(join(ctx.where.dataDir, 'traces', 'pseudonyms.json'), (m) => ctx.log(`imp: pseudonyms: ${m}`));
  return new TraceCollections({
    clients,
    toolVersion: toolVersion(),
    extras: createCollectionExtras({ cli: (cluster, node, use) => clients.cli(cluster, node, use) }),
    pseudonymizer: () => new Pseudonymizer(pseudonyms),
  });
}

/**
 * Follows a collection to its end: progress on stderr, Ctrl-C (SIGINT) or SIGTERM stop it resumable. Prints the
 * bundle path as the LAST line on stdout; the exit code says whether the bundle is complete.
 */
async function follow(ctx: VerbContext<unknown>, collections: TraceCollections, started: TraceCollectionStatus): Promise<VerbResult<BundleRow>> {
  const progress = new ProgressLines(ctx.log);
  progress.update(started);
  const sub = collections.onDidChange((s: TraceCollectionStatus) => {
    if (s.id === started.id) progress.update(s);
  });
  let stopped: string | undefined;
  const stop = (signal: string): void => {
    if (stopped) return;
    stopped = signal;
    ctx.log(`imp: ${signal}: stopping the collection; it stays resumable`);
    collections.cancel(started.id);
  };
  const onInt = (): void => stop('SIGINT');
  const onTerm = (): void => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  let final: TraceCollectionStatus;
  try {
    final = await collections.whenDone(started.id);
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    sub.dispose();
  }
  progress.update(final);
  for (const line of endLines(final)) ctx.log(line);
  const resumeHint = `resume it with: npm run imp -- traces resume ${final.workDir}`;
  if (final.bundlePath) ctx.io.stdout.write(`${final.bundlePath}\n`);
  const base = { rows: final.bundlePath ? [{ path: final.bundlePath }] : [], columns: [{ header: 'BUNDLE', value: (r: BundleRow) => r.path }], written: true };
  if (final.state === 'completed') return base;
  if (final.state === 'partial' && final.bundlePath) {
    const skipped = final.skipped.length;
    return { ...base, failure: `PARTIAL: the bundle is partial (${skipped} file${skipped === 1 ? '' : 's'} not collected${final.nodes.some((n) => n.state === 'failed') ? ', a node failed' : ''}; reasons in its collection.json)` };
  }
  const why = final.error ? `${final.error.code}: ${final.error.message}` : final.state;
  return { ...base, failure: `the collection ended ${final.state}${final.error ? ` (${why})` : ''}; ${resumeHint}` };
}

export const collect = defineVerb<CollectOptions, BundleRow>({
  name: 'collect',
  summary: "collects trace files of chosen services from the nodes into one bundle (zip or tar.gz with MANIFEST.sha256 and collection.json); prints the bundle's path",
  where: true,
  options: (cmd) => {
    cmd
      .addOption(new Option('--services <NAMES>', 'service or system log names as the nodes list them (comma-separated; see list-services)').argParser(listArg))
      .addOption(new Option('--preset <ID>', `a problem-to-trace preset of the guide's Table 44: ${TRACE_PRESETS.map((p) => p.id).join(', ')}`))
      .addOption(new Option('--nodes <NAMES>', 'nodes to collect from (comma-separated, cluster/node when two clusters share a name; default every node that lists a service asked for)').argParser(nodesArg))
      .addOption(new Option('--last <N>', 'files of the last N minutes/hours/days/weeks/months: 60m, 2h, 7d, 1w, 1mo').argParser(parseLast))
      .addOption(new Option('--from <ISO>', 'start of an absolute range (ISO 8601; without an offset, in --time-zone)'))
      .addOption(new Option('--to <ISO>', 'end of an absolute range'))
      .addOption(new Option('--time-zone <ZONE>', "the zone of --from/--to without an offset (IANA name; default this machine's)"))
      .addOption(new Option('--archive <FORMAT>', 'bundle format').choices([...TRACE_ARCHIVE_FORMATS]).default('zip'))
      .addOption(new Option('--out <DIR>', 'destination folder of the bundle (and of its work folder while collecting)').makeOptionMandatory())
      .addOption(new Option('--label <NAME>', 'name of the bundle (default: traces-<date>-<time>)'))
      .addOption(new Option('--pseudonymize', 'replace user IDs, JIDs, e-mail and IP addresses in text logs (the mapping stays in the state folder)'));
  },
  help: `Plans the collection on each node (LogCollection selectLogFiles: the node's own files of those services in the
range), fetches them over SFTP (by offset after an interruption) or DIME GetOneFile, and packs
<out>/<label>.zip|.tar.gz: a folder per node keeping each file's path under the node's active log root,
MANIFEST.sha256 (sha256sum -c accepts it) and collection.json (request, nodes, each file's node path, interface,
size and sha256, failures). While it runs, <out>/<label>.collecting/ holds the files and the state: an
interrupted collection (Ctrl-C, a killed process, a node gone) continues with "imp traces resume <that folder>".
Progress goes to stderr; stdout gets only the bundle's path, as its last line.
Exit codes: 0 the bundle is complete; 1 the bundle is partial (its path still printed: a node or files failed,
reasons in collection.json), or no bundle (interrupted, failed: resume hint on stderr), or a service no node
lists; 2 bad usage (no range, an empty range, no --services or --preset, an unknown preset).`,
  run: async (ctx) => {
    const o = ctx.options;
    const ranged = rangeOf(o, Date.now());
    if (!ranged.ok) return ctx.usageError(`error: ${ranged.message}`);
    const preset = o.preset !== undefined ? tracePreset(o.preset) : undefined;
    if (o.preset !== undefined && !preset) return ctx.usageError(`error: no preset ${o.preset}: the presets are ${TRACE_PRESETS.map((p) => p.id).join(', ')}`);
    if (!o.services && !preset) return ctx.usageError('error: give the services to collect (--services "A,B") or a --preset');
    const open = await ctx.openClusters();
    const resolver = traceNodeResolver(open.clusters);
    const clients = new TraceNodeClients(resolver);
    const collections = collectionsFor(ctx as VerbContext<unknown>, clients);
    try {
      const nodes = pickNodes(resolver, o.nodes);
      ctx.log(`asking ${nodes.length} node${nodes.length === 1 ? '' : 's'} for their service logs…`);
      const lists = await listNodes(clients, nodes);
      const request: TraceCollectRequest = {
        nodes: selections(lists, o.services, preset, o.nodes !== undefined, ctx.log),
        range: ranged.range,
        archive: o.archive,
        outDir: typedPath(o.out, ctx.io.env),
        ...(preset ? { presetId: preset.id, extras: preset.extras } : {}),
        ...(o.pseudonymize ? { pseudonymize: true } : {}),
        ...(o.label !== undefined ? { label: o.label } : {}),
      };
      // Recorded in the data folder's audit log as the app records traces.collect (issue 16), as the OS user.
      const what = {
        action: 'traces.collect',
        target: request.label ?? request.outDir,
        params: { nodes: request.nodes.map((n) => `${n.cluster}/${n.node}`), services: [...new Set(request.nodes.flatMap((n) => [...n.serviceLogs, ...n.systemLogs]))], range: request.range, archive: request.archive, outDir: request.outDir, ...(request.presetId ? { presetId: request.presetId } : {}), ...(request.pseudonymize ? { pseudonymize: true } : {}) },
      };
      return await recordCliChange(ctx.where.dataDir, what, () => follow(ctx as VerbContext<unknown>, collections, collections.start(request)), {
        entryOf: (o) => ({
          operator: osOperator(),
          role: 'admin',
          source: 'cli',
          ...what,
          result: o.error || o.value?.failure !== undefined ? 'failed' : 'ok',
          ...(o.error ? { errorCode: o.error.code, message: o.error.message.split('\n')[0]! } : o.value?.failure !== undefined ? { message: o.value.failure } : o.value?.rows[0] ? { message: o.value.rows[0].path } : {}),
        }),
      });
    } finally {
      await collections.dispose();
      await clients.dispose();
    }
  },
});

export const resume = defineVerb<Record<string, unknown>, BundleRow>({
  name: 'resume',
  summary: "continues an interrupted collection from its work folder (<out>/<label>.collecting); prints the bundle's path",
  where: true,
  options: (cmd) => {
    cmd.argument('<DIR>', 'the work folder of the collection (collect prints it; <out>/<label>.collecting)');
  },
  help: `Reads the collection's state in DIR (collection-state.json), keeps every complete file, continues partial
files by offset over SFTP, fetches the rest, then packs the bundle as collect does. Give the same --config or
--endpoints as the collection had (the nodes are found by cluster and node name).
Exit codes: as collect's.`,
  run: async (ctx) => {
    const dir = ctx.args[0];
    if (dir === undefined) return ctx.usageError('error: give the work folder of the collection');
    const open = await ctx.openClusters();
    const clients = new TraceNodeClients(traceNodeResolver(open.clusters));
    const collections = collectionsFor(ctx as VerbContext<unknown>, clients);
    try {
      ctx.log(`resuming the collection in ${typedPath(dir, ctx.io.env)}…`);
      const started = await collections.resume(typedPath(dir, ctx.io.env));
      return await follow(ctx as VerbContext<unknown>, collections, started);
    } finally {
      await collections.dispose();
      await clients.dispose();
    }
  },
});
