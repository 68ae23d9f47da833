import { InvalidArgumentError, Option } from 'commander';
import type { ReportData, ReportKind, ReportOptions } from '../../../../shared/model/reports.js';
import { defaultReportLevel, reportCsv, reportLevels, reportTable, type ReportCell, type ReportLevel, type ReportOnly } from '../../../../shared/reports/reportCsv.js';
import { REPORT_OVA_USERS } from '../../../../shared/validation/reports.js';
import { integerArg } from '../../base/commandLine.js';
import { AppError } from '../../base/errors.js';
import type { ClusterSpec } from '../../collector/collector.js';
import { reportGenerator, reportSummary } from '../../reports/reportGenerators.js';
import { formatOf, type Column } from '../conventions/outputFormat.js';
import { defineVerb, type VerbContext, type VerbDefinition } from '../conventions/verb.js';
import { kindSpec, reportFinding, reportNotes, reportJsonRows } from './reportKinds.js';
import { interruptible, pickReportClusters, runReport } from './reportRun.js';

/**
 * `imp report <kind>` (issue 14 "Command line"): one verb per report kind, each running the app's own generator
 * (main/core/reports) on the clusters where it acts, without a backend. Its rows are those of the Reports area's
 * CSV download (shared/reports/reportCsv.ts) at the level asked for; --format csv prints exactly that CSV.
 */

export interface ReportVerbOptions {
  level?: ReportLevel;
  ova?: number;
  activeActive?: boolean;
  warnDays?: number;
  node?: string;
  cluster?: string;
  format?: string;
  json?: boolean;
}

/** `--ova USERS`: one of the OVA sizes a node's capacity is computed from. */
function ovaArg(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !(REPORT_OVA_USERS as readonly number[]).includes(n)) throw new InvalidArgumentError(`--ova is the OVA's users per node, one of ${REPORT_OVA_USERS.join(', ')}; got ${value === '' ? 'nothing' : value}`);
  return n;
}

/** Levels whose rows each belong to one node (where --node applies). */
const NODE_LEVELS: readonly (ReportLevel | undefined)[] = ['node', 'user'];

/** The node --node names ([cluster/]name) among the clusters the report reads. */
function resolveOnly(clusters: readonly ClusterSpec[], wanted: string | undefined): ReportOnly | undefined {
  if (wanted === undefined) return undefined;
  const slash = wanted.indexOf('/');
  const cluster = slash >= 0 ? wanted.slice(0, slash) : undefined;
  const node = slash >= 0 ? wanted.slice(slash + 1) : wanted;
  const hits = clusters.flatMap((c) => c.nodes.filter((n) => n.name === node && (cluster === undefined || c.id === cluster)).map(() => ({ cluster: c.id, node })));
  const all = clusters.flatMap((c) => c.nodes.map((n) => `${c.id}/${n.name}`));
  if (hits.length === 0) throw new AppError('NOT_FOUND', `no node ${wanted}: the nodes are ${all.join(', ')}`);
  if (hits.length > 1) throw new AppError('VALIDATION', `node ${node} is in clusters ${hits.map((h) => h.cluster).join(' and ')}: name it as cluster/node`);
  return hits[0];
}

function optionsOf(o: ReportVerbOptions): ReportOptions {
  return { ...(o.ova !== undefined ? { ovaUsers: o.ova } : {}), ...(o.activeActive ? { activeActive: true } : {}), ...(o.warnDays !== undefined ? { warnDays: o.warnDays } : {}) };
}

/** The table's columns: the CSV's, titled for a terminal, without the ones the kind leaves out. */
function tableColumns(data: ReportData, level: ReportLevel | undefined, omits: readonly string[], statesOnly: readonly string[]): Column<unknown>[] {
  return reportTable(data, level)
    .columns.map((c, i) => ({ c, i }))
    .filter(({ c }) => !omits.includes(c.key))
    .map(({ c, i }) => ({
      header: c.title.toUpperCase(),
      value: (r: unknown) => {
        const cell = (r as readonly ReportCell[])[i];
        return statesOnly.includes(c.key) && typeof cell === 'string' ? cell.replace(/ \(.*\)$/, '') : cell;
      },
    }));
}

/** The verb of one report kind. */
export function reportVerb(kind: ReportKind): VerbDefinition<ReportVerbOptions, unknown> {
  const spec = kindSpec(kind);
  const levels = reportLevels(kind);
  return defineVerb<ReportVerbOptions, unknown>({
    name: kind,
    summary: spec.summary,
    where: true,
    output: true,
    options: (cmd) => {
      if (levels.length > 0) cmd.addOption(new Option('--level <LEVEL>', `rows per ${levels.join(' | ')} (default ${levels[0]})`).choices([...levels]));
      if (spec.options.includes('ova')) cmd.addOption(new Option('--ova <USERS>', `the nodes' OVA users, for their capacity (${REPORT_OVA_USERS.join(', ')}; default 15000)`).argParser(ovaArg));
      if (spec.options.includes('activeActive')) cmd.addOption(new Option('--active-active', 'the groups run active/active HA: a node supports half the sessions (guide L6977-7017)'));
      if (spec.options.includes('warnDays')) cmd.addOption(new Option('--warn-days <DAYS>', 'a certificate expiring within this many days is "expiring" (default 30)').argParser(integerArg(1, 3650, '--warn-days needs whole days, 1-3650')));
      if (spec.options.includes('node')) cmd.addOption(new Option('--node <[CLUSTER/]NAME>', "only this node's rows (levels node and user; cluster/node when two clusters share a name)"));
      cmd.addOption(new Option('--cluster <IDS>', 'only these clusters (comma-separated ids or names; default every cluster where it acts)'));
    },
    help: `${spec.title}.
${spec.help}
--format csv prints the same CSV as the Reports area's download (a header row, RFC 4180 quoting).
Progress ([done/total] step), the parts that could not be read and the requests each node was sent go to stderr;
Ctrl-C stops the report (exit 1).
Where it acts: the clusters of --config or --endpoints (neither: a simulated cluster started in this process),
read directly over SSH (admin CLI) and SOAP (Perfmon, ControlCenter) with the nodes' pinned keys; nothing is
changed on a node and nothing is kept in the data folder.
Exit codes: 0 the report ran and found nothing to act on; 1 ${spec.exit1} (the data is still printed, then one
line on stderr), or the clusters could not be opened; 2 bad usage.`,
    run: async (ctx: VerbContext<ReportVerbOptions>) => {
      const o = ctx.options;
      const level = o.level ?? defaultReportLevel(kind);
      if (o.node !== undefined && levels.length > 0 && !NODE_LEVELS.includes(level)) ctx.usageError(`error: --node needs a level whose rows are nodes' (--level ${levels.filter((l) => NODE_LEVELS.includes(l)).join(' or ')}), not ${level}`);
      const open = await ctx.openClusters();
      const clusters = pickReportClusters(open.clusters, o.cluster);
      const only = resolveOnly(clusters, o.node);
      const nodes = clusters.reduce((n, c) => n + c.nodes.length, 0);
      ctx.log(`${spec.title}: ${clusters.length} cluster${clusters.length === 1 ? '' : 's'}, ${nodes} node${nodes === 1 ? '' : 's'}…`);
      const outcome = await interruptible(ctx.log, (signal) => runReport(reportGenerator(kind), clusters, optionsOf(o), ctx.log, signal));
      ctx.log(`${spec.title} generated at ${new Date(outcome.generatedAtMs).toISOString()}: ${reportSummary(outcome.data)}`);
      ctx.log(`requests sent: ${outcome.requestLines.join('; ') || 'none'}`);
      for (const line of reportNotes(outcome.data)) ctx.log(line);
      const failure = reportFinding(outcome.data);
      const format = formatOf(o);
      if (format === 'csv') {
        ctx.io.stdout.write(reportCsv(outcome.data, level, only));
        return { rows: [], columns: [], written: true, ...(failure ? { failure } : {}) };
      }
      if (format === 'json') return { rows: reportJsonRows(outcome.data, level, only), columns: [], ...(failure ? { failure } : {}) };
      return { rows: reportTable(outcome.data, level, only).rows, columns: tableColumns(outcome.data, level, spec.tableOmits ?? [], spec.tableStatesOnly ?? []), ...(failure ? { failure } : {}) };
    },
  });
}
