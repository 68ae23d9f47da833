/**
 * Performance view rules from RTMT (serviceability-reference.md A.2): "The minimum polling rate for monitoring
 * a performance counter in chart view is 5 seconds; the minimum rate … in table view is 1 second. The default
 * value for both is 10 seconds."
 */

/** Chart or table presentation of a counter group (RTMT "Present Data in Table View"). */
export type PerfPanelKind = 'chart' | 'table';

/** Minimum polling rate in seconds per presentation. */
export const MIN_POLL_SEC: Readonly<Record<PerfPanelKind, number>> = { chart: 5, table: 1 };
/** RTMT's default polling rate in seconds. */
export const DEFAULT_POLL_SEC = 10;
/** Longest polling rate accepted, one hour. */
export const MAX_POLL_SEC = 3600;

/** Time ranges offered, in ms. */
export const RANGES_MS = { '10m': 600_000, '1h': 3_600_000, '24h': 86_400_000 } as const;
/** A range name. */
export type RangeName = keyof typeof RANGES_MS;

/** Returns a polling rate clamped to the allowed window of a presentation (non-numbers give the default). */
export function clampPollSec(value: number, kind: PerfPanelKind): number {
  if (!Number.isFinite(value)) return DEFAULT_POLL_SEC;
  return Math.min(MAX_POLL_SEC, Math.max(MIN_POLL_SEC[kind], Math.round(value)));
}

/** Title prefix that marks a table panel in a saved PerfLayout (the layout type has no kind field). */
export const TABLE_TITLE_PREFIX = 'table: ';
