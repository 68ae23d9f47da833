import type { ReportOptions, ReportProblem } from '../../../../shared/model/reports.js';
import { AppError } from '../../base/errors.js';
import type { ClusterSpec } from '../../collector/collector.js';
import type { ReportGenerator } from '../../reports/reportContext.js';
import { standaloneReportContext } from '../../reports/reportRunner.js';
import { specReportAccess, type SpecReportAccess } from '../../reports/specReportAccess.js';
import { nodeRequestCounts } from '../../reports/requestMeter.js';
import type { ReportClusterAccess } from '../../reports/reportAccess.js';

/**
 * How `imp report …` runs a report: no backend and no collector — one specReportAccess per cluster (an admin CLI
 * session per node kept for the run, its own SOAP transport per node; main/core/reports/specReportAccess.ts), the
 * app's own generator (main/core/reports), a ReportContext whose steps are progress lines on stderr, and
 * everything closed when it ends, whatever happened.
 */

/** The clusters `--cluster` names (comma-separated ids or names), every opened one without it. */
export function pickReportClusters(clusters: readonly ClusterSpec[], wanted: string | undefined): ClusterSpec[] {
  if (wanted === undefined) return [...clusters];
  const names = wanted
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const out: ClusterSpec[] = [];
  for (const name of names) {
    const c = clusters.find((x) => x.id === name || x.name === name);
    if (!c) throw new AppError('NOT_FOUND', `no cluster ${name}: the clusters are ${clusters.map((x) => x.id).join(', ')}`);
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/**
 * Runs `use` with a signal that Ctrl-C (SIGINT) or SIGTERM aborts: the report stops after the request in flight,
 * every session is closed, and the command fails (exit 1) saying it was interrupted; nothing runs on after it.
 */
export async function interruptible<T>(log: (line: string) => void, use: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const stop = (signal: string): void => {
    if (abort.signal.aborted) return;
    log(`imp: ${signal}: stopping the report (closing the sessions to the nodes)…`);
    abort.abort(new AppError('PRECONDITION', `interrupted (${signal}): the report was not finished`));
  };
  const onInt = (): void => stop('SIGINT');
  const onTerm = (): void => stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const value = await use(abort.signal);
    abort.signal.throwIfAborted();
    return value;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
  }
}

/** What a finished run hands back: the data, what could not be read (already logged), and the requests each node was sent. */
export interface ReportRunOutcome<T> {
  readonly data: T;
  readonly problems: readonly ReportProblem[];
  readonly generatedAtMs: number;
  /** Requests per node (soap, ris, ssh), one line each for stderr. */
  readonly requestLines: readonly string[];
}

/** Opens one access per cluster, runs `use` with them, and closes them all after. */
export async function withReportAccess<T>(clusters: readonly ClusterSpec[], signal: AbortSignal, use: (accesses: readonly ReportClusterAccess[]) => Promise<T>): Promise<{ value: T; accesses: readonly ReportClusterAccess[] }> {
  const accesses: SpecReportAccess[] = clusters.map((c) => specReportAccess(c, { signal }));
  try {
    return { value: await use(accesses), accesses };
  } finally {
    await Promise.all(accesses.map((a) => a.dispose()));
  }
}

/**
 * Runs `generator` on the clusters with the runner's standalone context (defaults filled in, problems collected).
 * Progress: one line per step on stderr, `[done/total] what runs now` (a step is one node asked one thing; the
 * total grows as the generator learns the nodes), then a line per part that could not be read. A generator that could read
 * nothing at all throws (AppError): that is the verb's failure (exit 1).
 */
export async function runReport<T>(
  generator: ReportGenerator<T>,
  clusters: readonly ClusterSpec[],
  options: ReportOptions,
  log: (line: string) => void,
  signal: AbortSignal = new AbortController().signal,
): Promise<ReportRunOutcome<T>> {
  const nowMs = Date.now();
  let problems: readonly ReportProblem[] = [];
  let lastDone = 0;
  const { value, accesses } = await withReportAccess(clusters, signal, (accesses) => {
    const ctx = standaloneReportContext({
      clusters: accesses,
      options: definedOnly(options),
      signal,
      nowMs,
      // A line per step done (the plan growing alone prints nothing).
      onProgress: (p) => {
        // Once stopped, steps still settling are not news.
        if (p.done === lastDone || signal.aborted) return;
        lastDone = p.done;
        log(`[${p.done}/${p.total}] ${p.step}`);
      },
    });
    problems = ctx.problems;
    // What could not be read, one line each, also when nothing could be read at all (the generator throws).
    return generator(ctx).finally(() => {
      if (!signal.aborted) for (const p of problems) log(problemLine(p));
    });
  });
  return {
    data: value,
    problems,
    generatedAtMs: Date.now(),
    requestLines: nodeRequestCounts(accesses).map((r) => `${r.cluster}/${r.node}: ${r.soap} SOAP, ${r.ris} RIS, ${r.ssh} SSH`),
  };
}

function definedOnly(o: ReportOptions): ReportOptions {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as ReportOptions;
}

/** A problem as one stderr line: `imp: lab/imp-sub1: run pe sql …: POLL_CONNECT: connection refused`. */
export function problemLine(p: ReportProblem): string {
  const where = p.node ? `${p.cluster}/${p.node}` : p.cluster;
  return `imp: ${where}: ${p.source}: ${p.error.code}: ${p.error.message.replace(/\s*\n\s*/g, '; ')}`;
}
