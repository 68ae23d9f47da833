import { setTimeout as sleep } from 'node:timers/promises';
import { Option } from 'commander';
import { AppError } from '../../base/errors.js';
import { restoreKind } from '../../drs/drsOperations.js';
import type { DrsAfterRestore, DrsComponentRow, DrsOneStepState, DrsRestartStep, DrsRestoreCheckItem, DrsRestoreRequest } from '../../../../shared/model/drs.js';
import { formatOf } from '../conventions/outputFormat.js';
import { followJob, statusResult } from './drsFollow.js';
import { isoSeconds, namesArg } from './drsOptions.js';
import { jobLine } from './drsProgressLines.js';
import type { VerbResult } from '../conventions/verb.js';
import { drsVerb, lineResult } from './drsVerb.js';

/** `imp drs restore|one-step|after-restore|restart`: the Restore Wizard's steps (guide L10330-10624). */

interface RestoreOptions {
  device: string;
  file: string;
  nodes: string[];
  features?: string[];
  integrityCheck?: boolean;
  databaseFrom?: string;
  checkOnly?: boolean;
  oneStep?: boolean;
  wait?: boolean;
  format?: string;
  json?: boolean;
}

const CHECK_COLUMNS = [
  { header: 'CHECK', value: (c: DrsRestoreCheckItem) => c.check },
  { header: 'RESULT', value: (c: DrsRestoreCheckItem) => (c.ok ? 'PASSED' : 'FAILED') },
  { header: 'MESSAGE', value: (c: DrsRestoreCheckItem) => c.message },
];

/** restore prints component rows, or with --check-only the check items. */
type RestoreRow = DrsComponentRow | DrsRestoreCheckItem;

function restoreRows<R extends RestoreRow>(r: VerbResult<R>): VerbResult<RestoreRow> {
  return r as unknown as VerbResult<RestoreRow>;
}

export const restore = drsVerb<RestoreOptions, RestoreRow>({
  name: 'restore',
  summary: 'restores chosen features of a backup file onto chosen nodes (or only checks what DRS would refuse)',
  output: true,
  secrets: [{ name: 'password', what: 'the cluster security password in effect when the backup was taken' }],
  options: (cmd) => {
    cmd
      .addOption(new Option('--device <NAME>', 'the backup device holding the file (step 1)').makeOptionMandatory())
      .addOption(new Option('--file <NAME>', 'the backup file, e.g. 2026-12-06-10-00-00.tar (step 2; see drs files)').makeOptionMandatory())
      .addOption(new Option('--nodes <LIST>', 'the nodes to restore, comma-separated host names (step 4): the first node, subsequent nodes, or every node').argParser(namesArg).makeOptionMandatory())
      .addOption(new Option('--features <LIST>', "features to restore, comma-separated as the backup names them (step 3; default: every feature in the backup)").argParser(namesArg))
      .addOption(new Option('--integrity-check', 'let DRS check each file with SHA-1 (guide L10388-10394; slower)'))
      .addOption(new Option('--database-from <NODE>', 'Select Server Name: restore the publisher database from this running subscriber (guide L10410)'))
      .addOption(new Option('--one-step', 'a One-Step Restore of the entire cluster after drs one-step prepare said ready (guide L10484-10494)'))
      .addOption(new Option('--check-only', 'only ask DRS its checks (version, hostname, IP, DNS, deployment type, security password); start nothing'))
      .addOption(new Option('--wait', 'wait for the end, printing per-component progress on stderr'));
  },
  check: (ctx) => {
    if (ctx.options.checkOnly && ctx.options.wait) ctx.usageError('error: --check-only starts nothing to wait for');
  },
  help: `Asks DRS to restore (utils disaster_recovery restore network <nodes> <file> <device>), answering its questions:
the features, the security password of the backup (never echoed, never stored), the publisher database source
when the backup holds CCMDB, and the SHA-1 check. DRS then checks what it refuses (guide L10340-10345, L10437):
the entire version string, hostname, IP address, DNS, deployment type and the security password; a failed check
ends it with DRS's words and raises DRFRestoreFailure.
--check-only answers "n" at DRS's last question: it prints each check (PASSED/FAILED with DRS's words) and
restores nothing:
  [{check, ok, message}]
Otherwise the restore starts: the chosen nodes' data is replaced by the backup's. With --wait the progress goes
to stderr and the final status to stdout:
  {operation, state, message, tarFilename, storageLocation, percentage, rows: [..]}
After it the restored nodes must be restarted in the guide's order and replication checked: drs after-restore.
Exit codes: 0 checks passed (--check-only), started, or ended SUCCESS (--wait); 1 a check failed or DRS refused
(its words on stderr), the restore ended other than SUCCESS, or the publisher could not be reached; 2 bad usage.`,
  impact: (ctx) =>
    ctx.options.checkOnly
      ? undefined
      : `Restoring ${ctx.options.features?.join(',') ?? 'every feature'} of ${ctx.options.file} onto ${ctx.options.nodes.join(', ')}: their data is replaced by the backup's, OS Administration requests are locked while it runs, and the restored nodes must then be restarted in the guide's order (publisher first, L10418-10422; drs after-restore).`,
  run: async (ctx, { ops, cluster }) => {
    const o = ctx.options;
    const securityPassword = await ctx.secret('password');
    let features = o.features;
    if (!features) {
      const file = (await ops.backupFiles(o.device)).find((f) => f.fileName === o.file);
      if (!file) throw new AppError('NOT_FOUND', `no backup file ${o.file} on device ${o.device} (see drs files --device ${o.device})`);
      if (!file.features || file.features.length === 0) throw new AppError('PRECONDITION', `the features of ${o.file} could not be read${file.error ? ` (${file.error.message})` : ''}: give --features`);
      features = [...file.features];
    }
    const request: DrsRestoreRequest = {
      cluster: cluster.id,
      device: o.device,
      fileName: o.file,
      features,
      servers: o.nodes,
      integrityCheck: o.integrityCheck === true,
      securityPassword,
      ...(o.databaseFrom !== undefined ? { databaseFrom: o.databaseFrom } : {}),
      kind: restoreKind(ops.access.nodes(), ops.masterNode(), { servers: o.nodes, kind: o.oneStep ? 'oneStep' : 'entireCluster' }),
    };
    if (o.checkOnly) {
      ctx.log(`asking DRS to check a restore (${request.kind}) of ${features.join(',')} from ${o.file} onto ${o.nodes.join(', ')} (nothing starts)…`);
      const check = await ops.checkRestore(request);
      const failed = check.items.find((i) => !i.ok);
      return restoreRows<DrsRestoreCheckItem>({
        rows: check.items,
        columns: CHECK_COLUMNS,
        json: (c) => ({ check: c.check, ok: c.ok, message: c.message }),
        ...(check.ok ? {} : { failure: failed ? failed.message : 'DRS refused the restore' }),
      });
    }
    ctx.log(`restoring (${request.kind}) ${features.join(',')} from ${o.file} (device ${o.device}) onto ${o.nodes.join(', ')}: their data is replaced by the backup's; restart them after it (drs after-restore)…`);
    const started = await ops.startRestore(request);
    if (!o.wait) {
      ctx.log(jobLine(started));
      return restoreRows(statusResult(ctx, started));
    }
    const result = await followJob(ctx, ops, 'restore', started);
    if (result.failure === undefined) ctx.log(`restart the restored nodes in the guide's order and check replication: npm run imp -- drs after-restore --nodes ${o.nodes.join(',')}`);
    return restoreRows(result);
  },
});

const oneStepJson = (s: DrsOneStepState): unknown => ({ state: s.state, message: s.message, readyAt: isoSeconds(s.readyAtMs) ?? null });
const ONE_STEP_COLUMNS = [
  { header: 'STATE', value: (s: DrsOneStepState) => s.state },
  { header: 'READY AT', value: (s: DrsOneStepState) => isoSeconds(s.readyAtMs) },
  { header: 'MESSAGE', value: (s: DrsOneStepState) => s.message },
];
/** How often `one-step prepare --wait` reads the state (the five minutes are the cluster's, guide L10490). */
const ONE_STEP_POLL_MS = 2000;

export const oneStep = drsVerb<{ device?: string; file?: string; wait?: boolean }, DrsOneStepState>({
  name: 'one-step',
  summary: 'One-Step Restore: prepare the publisher to become cluster aware (5 minutes), or read its state',
  output: true,
  options: (cmd) => {
    cmd
      .argument('<ACTION>', 'prepare or status')
      .addOption(new Option('--device <NAME>', 'prepare: the device holding the cluster backup'))
      .addOption(new Option('--file <NAME>', 'prepare: the cluster backup to restore'))
      .addOption(new Option('--wait', 'prepare: wait until the publisher is cluster aware or failed'));
  },
  check: (ctx) => {
    const action = ctx.args[0];
    if (action !== 'prepare' && action !== 'status') ctx.usageError(`error: the action is prepare or status, got ${action ?? 'nothing'}`);
    if (action === 'prepare' && (ctx.options.device === undefined || ctx.options.file === undefined)) ctx.usageError('error: prepare needs --device and --file');
    if (action === 'status' && (ctx.options.device !== undefined || ctx.options.file !== undefined || ctx.options.wait)) ctx.usageError('error: status takes no --device, --file or --wait');
  },
  help: `One-Step Restore of an entire cluster (guide L10484-10494), available only for a cluster backup whose
features are registered on publisher and subscribers. "prepare" (utils disaster_recovery prepare restore
pub_from_sub <device> <file>) starts the publisher's five minutes to become cluster aware; no backup or restore may
start meanwhile. "status" (prepare status) reads it. Then drs restore --one-step with every node.
  {state: idle|preparing|ready|failed, message (the guide's three messages), readyAt}
Exit codes: 0 prepared or read (failed reads as exit 1); 1 DRS refused (its words on stderr), the publisher failed
to become cluster aware, or the publisher could not be reached; 2 bad usage.`,
  impact: (ctx) => (ctx.args[0] === 'prepare' ? 'Preparing a One-Step Restore: for five minutes, while the publisher becomes cluster aware, no backup or restore may start (guide L10490).' : undefined),
  run: async (ctx, { ops }) => {
    let s = ctx.args[0] === 'prepare' ? await ops.prepareOneStep(ctx.options.device!, ctx.options.file!) : await ops.oneStepState();
    ctx.log(`one-step restore: ${s.state}: ${s.message}`);
    if (ctx.args[0] === 'prepare' && ctx.options.wait) {
      const abort = new AbortController();
      const onInt = (): void => abort.abort();
      process.on('SIGINT', onInt);
      try {
        while (s.state === 'preparing' && !abort.signal.aborted) {
          await sleep(ONE_STEP_POLL_MS, undefined, { signal: abort.signal }).catch(() => undefined);
          if (abort.signal.aborted) break;
          const next = await ops.oneStepState();
          if (next.state !== s.state || next.message !== s.message) ctx.log(`one-step restore: ${next.state}: ${next.message}`);
          s = next;
        }
      } finally {
        process.off('SIGINT', onInt);
      }
    }
    return { rows: [s], columns: ONE_STEP_COLUMNS, json: oneStepJson, ...(s.state === 'failed' ? { failure: s.message } : {}) };
  },
});

interface AfterRow extends DrsRestartStep {
  readonly replication?: string;
}

export const afterRestore = drsVerb<{ nodes: string[]; format?: string; json?: boolean }, AfterRow>({
  name: 'after-restore',
  summary: "after a restore: the guide's restart order of the nodes and the replication check with its remedy",
  output: true,
  options: (cmd) => {
    cmd.addOption(new Option('--nodes <LIST>', 'the restored nodes, comma-separated').argParser(namesArg).makeOptionMandatory());
  },
  help: `Each node is logged in to over SSH first (up or down: nothing polls them here). Restart order (guide L10594-10624): CUCM publisher, CUCM subscribers, IM&P publisher, IM&P subscribers; never
an IM&P subscriber while the CUCM publisher is not up (blockedBy says why, in the guide's words). Restart each with
drs restart --node N. Replication (utils dbreplication runtimestate on the restored nodes' clusters) must be 2 on
every node (L10553); otherwise the guide's remedy (utils dbreplication reset all, L10555 / L10618).
--format json prints the object
  {restart: [{node, role, order, reachability, blockedBy?}], replication: [{node, state?, text?, error?}],
   replicationOk, remedy?}
and the table one row per node in restart order with its replication state.
Exit codes: 0 replication is 2 on every node; 1 it is not (yet): the remedy on stderr, or the publisher could not
be reached; 2 bad usage.`,
  run: async (ctx, { ops, probeNodes }) => {
    ctx.log('logging in to each node over SSH to see which are up…');
    await probeNodes();
    const a: DrsAfterRestore = await ops.afterRestore(ctx.options.nodes);
    const rows: AfterRow[] = a.restart.map((r) => {
      const rep = a.replication.find((x) => x.node === r.node);
      const replication = rep === undefined ? undefined : rep.error ? `${rep.error.code}: ${rep.error.message}` : rep.state !== undefined ? `${rep.state}${rep.text ? ` (${rep.text})` : ''}` : rep.text;
      return { ...r, ...(replication !== undefined ? { replication } : {}) };
    });
    for (const r of a.restart) if (r.blockedBy) ctx.log(`${r.node}: wait: ${r.blockedBy}`);
    const failure = a.replicationOk ? undefined : `replication is not 2 on every node${a.remedy ? `: ${a.remedy}` : ''}`;
    if (formatOf(ctx.options) === 'json') {
      ctx.io.stdout.write(`${JSON.stringify(a, null, 2)}\n`);
      return { rows, columns: [], written: true, ...(failure ? { failure } : {}) };
    }
    return {
      rows,
      columns: [
        { header: 'ORDER', value: (r) => r.order },
        { header: 'NODE', value: (r) => r.node },
        { header: 'ROLE', value: (r) => r.role },
        { header: 'STATE', value: (r) => r.reachability },
        { header: 'REPLICATION', value: (r) => r.replication },
        { header: 'WAIT FOR', value: (r) => r.blockedBy },
      ],
      ...(failure ? { failure } : {}),
    };
  },
});

export const restart = drsVerb<{ node: string }, { line: string }>({
  name: 'restart',
  summary: "restarts a node after a restore (utils system restart), refused out of the guide's order",
  options: (cmd) => {
    cmd.addOption(new Option('--node <NAME>', 'the node to restart').makeOptionMandatory());
  },
  help: `Restarts the node (utils system restart on it, answering yes): its services stop and its SSH sessions close
until it is back. Each node is logged in to first to see which are up; an IM&P subscriber is refused while the
CUCM publisher is not up (guide L10602, L10618). Each run starts afresh, so the order among the restored nodes
(first node, then the subsequent nodes, L10547, L10592) is yours to follow: drs after-restore shows it.
Exit codes: 0 the restart began; 1 refused (the guide's words on stderr) or the node could not be reached; 2 bad
usage.`,
  impact: (ctx) => `Restarting ${ctx.options.node} (utils system restart): its services stop until it is back; the sessions and calls it serves are cut.`,
  run: async (ctx, { ops, probeNodes }) => {
    await probeNodes();
    ctx.log(`restarting ${ctx.options.node}: its services stop until it is back…`);
    await ops.restartNode(ctx.options.node);
    return lineResult(ctx, `${ctx.options.node} is restarting`);
  },
});
