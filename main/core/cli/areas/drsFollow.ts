import type { DrsComponentRow, DrsOperation, DrsStatus } from '../../../../shared/model/drs.js';
import { backupFollowDeadline, type DrsOperations } from '../../drs/drsOperations.js';
import { formatOf } from '../conventions/outputFormat.js';
import type { VerbContext, VerbResult } from '../conventions/verb.js';
import { COMPONENT_COLUMNS, DrsProgressLines } from './drsProgressLines.js';

/**
 * A status on stdout: `--format json` prints the whole status object
 *   {operation, state, message, tarFilename, storageLocation, percentage, rows: [{feature, server, component,
 *    state, percent, startedMs?, logFile?}]}
 * and the table and CSV formats print its component rows.
 */
export function statusResult(ctx: VerbContext<{ format?: string; json?: boolean }>, status: DrsStatus | undefined, failure?: string): VerbResult<DrsComponentRow> {
  const tail = failure !== undefined ? { failure } : {};
  if (formatOf(ctx.options) === 'json') {
    ctx.io.stdout.write(`${JSON.stringify(status ?? null, null, 2)}\n`);
    return { rows: status?.rows ?? [], columns: COMPONENT_COLUMNS, written: true, ...tail };
  }
  return { rows: status?.rows ?? [], columns: COMPONENT_COLUMNS, ...tail };
}

/**
 * Follows a backup or restore until DRS no longer says RUNNING: the job's and each component's progress on stderr.
 * Ctrl-C (SIGINT) or SIGTERM only stops following: the job goes on on the cluster (a backup is cancelled with
 * `drs cancel`). Exit code 0 only when DRS states SUCCESS.
 */
export async function followJob(ctx: VerbContext<{ format?: string; json?: boolean }>, ops: DrsOperations, op: DrsOperation, started: DrsStatus): Promise<VerbResult<DrsComponentRow>> {
  const progress = new DrsProgressLines(ctx.log);
  progress.update(started);
  const abort = new AbortController();
  let stopped: string | undefined;
  const stop = (signal: string): void => {
    if (stopped) return;
    stopped = signal;
    ctx.log(`imp: ${signal}: no longer waiting; the ${op} goes on on the cluster${op === 'backup' ? ' (npm run imp -- drs cancel stops it after the current component)' : ''}`);
    abort.abort();
  };
  const onInt = (): void => stop('SIGINT');
  const onTerm = (): void => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  let final: DrsStatus;
  try {
    final = await ops.follow(op, {
      signal: abort.signal,
      // A backup: not waited for past its 20 hours (guide L10217), even while the publisher cannot be reached.
      ...(op === 'backup' ? { until: backupFollowDeadline(Date.now()) } : {}),
      onStatus: (s) => progress.update(s),
      onError: (e) => ctx.log(`imp: reading the ${op} status: ${e.code}: ${e.message} (still waiting)`),
    });
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
  progress.update(final);
  if (stopped) return statusResult(ctx, final, `stopped waiting (${stopped}): the ${op} is ${final.state} at ${final.percentage}%`);
  if (final.state === 'SUCCESS') return statusResult(ctx, final);
  const failed = final.rows.filter((r) => r.state === 'ERROR').map((r) => `${r.server} ${r.feature}/${r.component}`);
  const detail = failed.length > 0 ? ` (failed: ${failed.join(', ')})` : '';
  return statusResult(ctx, final, `${op} ${final.state}: ${final.message}${detail}`);
}
