import { Option, type Command } from 'commander';
import { auditActionRecorder, osOperator, type ActionRecorder } from '../../audit/actionRecords.js';
import { openAuditLog } from '../../audit/auditKey.js';
import { AppError } from '../../base/errors.js';
import type { ClusterSpec } from '../../collector/collector.js';
import type { Reachability } from '../../../../shared/model/cluster.js';
import { sshTargetAccess, type DrsClusterAccess } from '../../drs/drsAccess.js';
import { DrsOperations } from '../../drs/drsOperations.js';
import { confirmImpact } from '../conventions/confirmImpact.js';
import type { VerbContext, VerbDefinition, VerbResult } from '../conventions/verb.js';

/**
 * What every `imp drs` verb shares: where it acts (the cluster's CUCM publisher, whose Master Agent works, guide
 * L10321-10323, reached over SSH with the node's pinned host key as polling reaches it) and one DrsOperations of
 * main/core/drs (the app's own code, so the command line and the app do the same thing), its changes recorded in
 * the data folder's audit/actions.jsonl with source 'cli'.
 */

/** `--cluster ID`: which cluster when a config names several; `--yes`: confirm a change without being asked. */
export interface DrsCommonOptions {
  cluster?: string;
  yes?: boolean;
}

/** The text every DRS verb's help ends with: where it acts. */
export const DRS_WHERE_HELP = `Where it acts: the cluster's CUCM publisher (the DRS Master Agent works only there, guide L10321-10323),
through its admin CLI over SSH (utils disaster_recovery …), with the node's credentials and pinned host key from
--config or --endpoints (neither: a simulated cluster started in this process, fresh each run). --cluster ID
picks the cluster when a config has several. Changes are recorded in <data-dir>/audit/actions.jsonl (never a
password).`;

/** The opened DRS of one cluster. */
export interface OpenedDrs {
  readonly cluster: ClusterSpec;
  readonly ops: DrsOperations;
  /** How it reaches the nodes (the verbs DrsOperations has no method for: the security password). */
  readonly access: DrsClusterAccess;
  /** Where the changes are recorded (source 'cli'). */
  readonly recorder: ActionRecorder;
  /** Logs in to every node over SSH once: each becomes 'up' or 'down' for the restart order. */
  probeNodes(): Promise<void>;
}

/** The one cluster a verb acts on: --cluster, or the only one there is. */
export function pickCluster(clusters: readonly ClusterSpec[], wanted: string | undefined): ClusterSpec {
  if (wanted !== undefined) {
    const c = clusters.find((x) => x.id === wanted || x.name === wanted);
    if (!c) throw new AppError('NOT_FOUND', `no cluster ${wanted}: the clusters are ${clusters.map((x) => x.id).join(', ')}`);
    return c;
  }
  if (clusters.length === 1) return clusters[0]!;
  if (clusters.length === 0) throw new AppError('NOT_FOUND', 'no cluster to act on');
  throw new AppError('VALIDATION', `the config has ${clusters.length} clusters (${clusters.map((x) => x.id).join(', ')}): name one with --cluster ID`);
}

/** Opens the verb's cluster and its DRS; `use` runs with it and everything is closed after. */
async function withDrs<O extends DrsCommonOptions, R>(ctx: VerbContext<O>, use: (drs: OpenedDrs) => Promise<VerbResult<R>>): Promise<VerbResult<R>> {
  const open = await ctx.openClusters();
  const cluster = pickCluster(open.clusters, ctx.options.cluster);
  const ssh = sshTargetAccess(
    cluster.id,
    cluster.nodes.map((n) => ({ name: n.name, role: n.role, ssh: n.ssh })),
  );
  // Nothing polls the nodes here: their reachability is 'unknown' until a verb that needs it (the restart order)
  // probes them with an SSH login.
  const reach = new Map<string, Reachability>();
  const access: DrsClusterAccess = { ...ssh, nodes: () => ssh.nodes().map((n) => ({ ...n, reachability: reach.get(n.name) ?? n.reachability })) };
  const probeNodes = async (): Promise<void> => {
    await Promise.all(
      cluster.nodes.map(async (n) => {
        const r = await ssh.openCli(n.name).catch(() => undefined);
        if (r?.ok) r.session.dispose();
        reach.set(n.name, r?.ok ? 'up' : 'down');
      }),
    );
  };
  // Every change goes into the data folder's audit log (issue 16) as the OS user, from the command line.
  const audit = await openAuditLog({ stateDir: ctx.where.dataDir });
  const recorder = auditActionRecorder(audit.log, { operator: osOperator(), source: 'cli' });
  const ops = new DrsOperations(access, recorder);
  try {
    return await use({ cluster, ops, access, recorder, probeNodes });
  } finally {
    ops.dispose();
    await audit.dispose();
  }
}

/** A DRS verb: a verb with where options and --cluster whose run gets the opened DRS. */
export interface DrsVerbDefinition<O, R> extends Omit<VerbDefinition<O & DrsCommonOptions, R>, 'run' | 'where'> {
  /** Checks the options before anything is opened (bad usage: ctx.usageError). */
  readonly check?: (ctx: VerbContext<O & DrsCommonOptions>) => void;
  /**
   * What the verb changes on the cluster, in a sentence naming its impact (undefined: this run changes nothing, e.g.
   * `restore --check-only`). A verb with an impact takes --yes and asks before it acts (confirmImpact).
   */
  readonly impact?: (ctx: VerbContext<O & DrsCommonOptions>) => string | undefined;
  run(ctx: VerbContext<O & DrsCommonOptions>, drs: OpenedDrs): Promise<VerbResult<R>>;
}

/** Declares a DRS verb (see DrsVerbDefinition). */
export function drsVerb<O, R>(v: DrsVerbDefinition<O, R>): VerbDefinition<O & DrsCommonOptions, R> {
  return {
    ...v,
    where: true,
    options: (cmd: Command) => {
      v.options?.(cmd);
      cmd.addOption(new Option('--cluster <ID>', 'the cluster to act on, when --config names several'));
      if (v.impact) cmd.addOption(new Option('--yes', 'confirm the change without being asked (needed when no terminal can ask)'));
    },
    help: `${v.help ?? ''}\n\n${DRS_WHERE_HELP}`.trim(),
    run: async (ctx) => {
      v.check?.(ctx);
      const impact = v.impact?.(ctx);
      if (impact !== undefined) {
        const answer = await confirmImpact(ctx.io, impact, ctx.options.yes === true);
        if (answer === 'noTerminal') ctx.usageError(`error: no terminal to confirm this change: add --yes to confirm it.\n${impact}`);
        if (answer === 'declined') return { rows: [], columns: [], failure: 'not confirmed: nothing was changed' };
      }
      return withDrs(ctx, (drs) => v.run(ctx, drs));
    },
  };
}

/** A verb whose data is DRS's one answer line (cancel, one-step prepare): the line on stdout. */
export function lineResult(ctx: VerbContext<unknown>, line: string): VerbResult<{ line: string }> {
  ctx.io.stdout.write(`${line}\n`);
  return { rows: [{ line }], columns: [{ header: 'MESSAGE', value: (r) => r.line }], written: true };
}
