import { Option } from 'commander';
import { numberArg, typedPath } from '../../base/commandLine.js';
import type { TailBatch, TraceSearchHit, TraceSearchRequest, TraceTimeRange } from '../../../../shared/model/traces.js';
import { TailSessions } from '../../traces/tailSessions.js';
import { TraceNodeClients } from '../../traces/traceNodeClients.js';
import { TRACE_PRESETS, tracePreset } from '../../traces/tracePresets.js';
import { searchTraces } from '../../traces/traceSearch.js';
import { defineVerb } from '../conventions/verb.js';
import { pickNodes, traceNodeResolver } from './traceNodeResolver.js';
import { listArg, nodesArg, parseLast, rangeOf, type NodeArg } from './traceRequestOptions.js';
import { listNodes, selections } from './traceSelections.js';

interface TailOptions {
  node: NodeArg[];
  filter?: string;
  for?: number;
}

export const tail = defineVerb<TailOptions, { path: string; text: string }>({
  name: 'tail',
  summary: "follows log files of one node live (the node's `file tail activelog`), lines on stdout",
  where: true,
  options: (cmd) => {
    cmd
      .argument('<PATH...>', 'files relative to the node\'s active log root (/epas/trace/xcp/log/rtr-jsm-1000004.log), at most 4')
      .addOption(new Option('--node <NAME>', 'the node (cluster/node when two clusters share a name)').argParser(nodesArg).makeOptionMandatory())
      .addOption(new Option('--filter <REGEX>', 'only lines matching this regular expression'))
      .addOption(new Option('--for <SEC>', 'stop after SEC seconds (default: until Ctrl-C)').argParser(numberArg(1, 86_400, '--for needs seconds, 1-86400')));
  },
  help: `Opens the node's "file tail activelog <path>" over its own SSH session per file and prints each new line on
stdout as it arrives (with several files, each line starts with "<path>: "). Ctrl-C, SIGTERM or --for end it.
Exit codes: 0 stopped by Ctrl-C/SIGTERM/--for; 1 the node closed the tail or could not start it, with one line on
stderr; 2 bad usage.`,
  run: async (ctx) => {
    const o = ctx.options;
    if (o.node.length !== 1) return ctx.usageError('error: tail follows files of one node: give one --node');
    const open = await ctx.openClusters();
    const resolver = traceNodeResolver(open.clusters);
    const [ref] = pickNodes(resolver, o.node);
    const clients = new TraceNodeClients(resolver);
    const several = ctx.args.length > 1;
    let resolveEnd!: (end: { error?: string }) => void;
    const ended = new Promise<{ error?: string }>((r) => (resolveEnd = r));
    const tails = new TailSessions({
      clients,
      onBatch: (b: TailBatch) => {
        for (const l of b.lines) ctx.io.stdout.write(several && l.path !== '' ? `${l.path}: ${l.text}\n` : `${l.text}\n`);
        if (b.closed) resolveEnd(b.error ? { error: `${b.error.code}: ${b.error.message}` } : {});
      },
    });
    const stop = (why: string): void => {
      ctx.log(`imp: ${why}: stopping`);
      tails.dispose();
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await tails.start({ cluster: ref!.cluster, node: ref!.node, paths: ctx.args, ...(o.filter !== undefined ? { filter: o.filter } : {}) });
      ctx.log(`following ${ctx.args.join(', ')} on ${ref!.cluster}/${ref!.node}${o.for !== undefined ? ` for ${o.for} s` : ''} (Ctrl-C stops)…`);
      if (o.for !== undefined) timer = setTimeout(() => stop(`${o.for} s passed`), o.for * 1000);
      const end = await ended;
      return { rows: [], columns: [], written: true, ...(end.error ? { failure: `the tail ended: ${end.error}` } : {}) };
    } finally {
      if (timer) clearTimeout(timer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      tails.dispose();
      await clients.dispose();
    }
  },
});

interface SearchOptions {
  text: string;
  regex?: boolean;
  ignoreCase?: boolean;
  services?: string[];
  preset?: string;
  nodes?: NodeArg[];
  last?: TraceTimeRange & { kind: 'relative' };
  from?: string;
  to?: string;
  timeZone?: string;
  bundle?: string;
}

export const search = defineVerb<SearchOptions, TraceSearchHit>({
  name: 'search',
  summary: "searches a text or regular expression in the services' trace files on the nodes (file search activelog) or in a collected bundle",
  where: true,
  output: true,
  options: (cmd) => {
    cmd
      .addOption(new Option('--text <S>', 'what to search (plain text; a regular expression with --regex)').makeOptionMandatory())
      .addOption(new Option('--regex', '--text is a regular expression'))
      .addOption(new Option('--ignore-case', 'ignore upper and lower case'))
      .addOption(new Option('--services <NAMES>', 'service or system log names as the nodes list them (comma-separated)').argParser(listArg))
      .addOption(new Option('--preset <ID>', `the services of a preset of the guide's Table 44: ${TRACE_PRESETS.map((p) => p.id).join(', ')}`))
      .addOption(new Option('--nodes <NAMES>', 'nodes to search (default every node that lists a service asked for)').argParser(nodesArg))
      .addOption(new Option('--last <N>', 'files of the last N minutes/hours/days/weeks/months: 60m, 2h, 7d').argParser(parseLast))
      .addOption(new Option('--from <ISO>', 'start of an absolute range (ISO 8601)'))
      .addOption(new Option('--to <ISO>', 'end of an absolute range'))
      .addOption(new Option('--time-zone <ZONE>', "the zone of --from/--to without an offset (default this machine's)"))
      .addOption(new Option('--bundle <FILE>', 'search a collected bundle (zip or tar.gz) instead of the nodes').conflicts(['services', 'preset', 'nodes', 'last', 'from', 'to']));
  },
  help: `On the nodes: the files of the services in the range come from each node (LogCollection selectLogFiles), and
each is searched on the node with "file search activelog" (only matching lines travel; no line numbers). In a
bundle (--bundle): every text file is read (gzipped ones too), with line numbers.
--format json prints an array of {cluster, node, path, line, text} (line null from the nodes).
Exit codes: 0 searched (no match is not an error); 1 every node failed, or the bundle cannot be read, with one line
on stderr (the hits found are still printed); 2 bad usage.`,
  run: async (ctx) => {
    const o = ctx.options;
    const columns = [
      { header: 'NODE', value: (h: TraceSearchHit) => (h.cluster ? `${h.cluster}/${h.node}` : h.node) },
      { header: 'PATH', value: (h: TraceSearchHit) => h.path },
      { header: 'LINE', value: (h: TraceSearchHit) => (h.line === undefined ? null : h.line + 1) },
      { header: 'TEXT', value: (h: TraceSearchHit) => h.text },
    ];
    const json = (h: TraceSearchHit): unknown => ({ cluster: h.cluster ?? null, node: h.node, path: h.path, line: h.line === undefined ? null : h.line + 1, text: h.text });
    const base = { regex: o.regex === true, ignoreCase: o.ignoreCase === true, pattern: o.text };
    let request: TraceSearchRequest;
    let clients: TraceNodeClients | undefined;
    try {
      if (o.bundle !== undefined) {
        request = { where: 'bundle', bundlePath: typedPath(o.bundle, ctx.io.env), ...base };
      } else {
        const ranged = rangeOf(o, Date.now());
        if (!ranged.ok) return ctx.usageError(`error: ${ranged.message}`);
        const preset = o.preset !== undefined ? tracePreset(o.preset) : undefined;
        if (o.preset !== undefined && !preset) return ctx.usageError(`error: no preset ${o.preset}: the presets are ${TRACE_PRESETS.map((p) => p.id).join(', ')}`);
        if (!o.services && !preset) return ctx.usageError('error: give the services to search (--services "A,B") or a --preset, or a --bundle');
        const open = await ctx.openClusters();
        const resolver = traceNodeResolver(open.clusters);
        clients = new TraceNodeClients(resolver);
        const lists = await listNodes(clients, pickNodes(resolver, o.nodes));
        request = { where: 'nodes', nodes: selections(lists, o.services, preset, o.nodes !== undefined, ctx.log), range: ranged.range, ...base };
        ctx.log(`searching ${request.nodes.length} node${request.nodes.length === 1 ? '' : 's'}…`);
      }
      const result = await searchTraces(clients ? { clients } : {}, request);
      for (const e of result.errors) ctx.log(`imp: ${e.node}: ${e.error.code}: ${e.error.message}`);
      if (result.truncated) ctx.log(`imp: more than ${result.hits.length} hits: the first ${result.hits.length} are printed`);
      const searched = request.where === 'nodes' ? request.nodes.length : 1;
      const allFailed = result.errors.length > 0 && result.errors.length >= searched;
      return { rows: result.hits, columns, json, ...(allFailed ? { failure: `the search failed on ${request.where === 'nodes' ? 'every node' : 'the bundle'}` } : {}) };
    } finally {
      await clients?.dispose();
    }
  },
});
