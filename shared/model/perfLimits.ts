/**
 * Polling limits of the Performance view, in one place for the renderer's choices, the contract's validation and
 * the backend's PerfWatches (RTMT, serviceability-reference.md A.2: "The minimum polling rate for monitoring a
 * performance counter in chart view is 5 seconds; the minimum rate … in table view is 1 second. The default value
 * for both is 10 seconds."). Pure: no Node, no DOM.
 */

/** Chart or table presentation of a counter group (RTMT "Present Data in Table View"). */
export type PerfPanelKind = 'chart' | 'table';

/** The presentations, for validation enums. */
export const PERF_PANEL_KINDS = ['chart', 'table'] as const satisfies readonly PerfPanelKind[];

/** Minimum polling rate in seconds per presentation. */
export const MIN_POLL_SEC: Readonly<Record<PerfPanelKind, number>> = { chart: 5, table: 1 };
/** The lowest polling rate of any presentation (a saved layout holds charts and tables). */
export const MIN_ANY_POLL_SEC = Math.min(...Object.values(MIN_POLL_SEC));
/** RTMT's default polling rate in seconds. */
export const DEFAULT_POLL_SEC = 10;
/** Longest polling rate accepted, one hour. */
export const MAX_POLL_SEC = 3600;

/** Returns a polling rate clamped to the allowed window of a presentation (non-numbers give the default). */
export function clampPollSec(value: number, kind: PerfPanelKind): number {
  if (!Number.isFinite(value)) return DEFAULT_POLL_SEC;
  return Math.min(MAX_POLL_SEC, Math.max(MIN_POLL_SEC[kind], Math.round(value)));
}

/** Returns why `intervalSec` is not a valid polling rate of `kind`, or undefined when it is. */
export function pollSecProblem(intervalSec: number, kind: PerfPanelKind): string | undefined {
  if (!Number.isInteger(intervalSec)) return `the polling rate must be a whole number of seconds, got ${intervalSec}`;
  const min = MIN_POLL_SEC[kind];
  if (intervalSec < min || intervalSec > MAX_POLL_SEC) return `${kind} polling is every ${min}-${MAX_POLL_SEC} s, got ${intervalSec}`;
  return undefined;
}
