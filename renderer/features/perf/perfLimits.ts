/**
 * Performance view rules. The polling limits live in shared/ (one limit for the renderer's choices, the contract's
 * validation and the backend's PerfWatches); this file adds what only the page uses.
 */
export { clampPollSec, DEFAULT_POLL_SEC, MAX_POLL_SEC, MIN_POLL_SEC, type PerfPanelKind } from '../../../shared/model/perfLimits.js';
import { DEFAULT_POLL_SEC, MAX_POLL_SEC, MIN_POLL_SEC, type PerfPanelKind } from '../../../shared/model/perfLimits.js';

/** Time ranges offered, in ms. */
export const RANGES_MS = { '10m': 600_000, '1h': 3_600_000, '24h': 86_400_000 } as const;
/** A range name. */
export type RangeName = keyof typeof RANGES_MS;

/** Polling rates a panel offers in its picker (RTMT's minimum of the presentation, the default, and longer ones). */
export function pollChoices(kind: PerfPanelKind): number[] {
  const all = [MIN_POLL_SEC[kind], 2, 5, DEFAULT_POLL_SEC, 15, 30, 60, 300, 900, MAX_POLL_SEC];
  return [...new Set(all.filter((s) => s >= MIN_POLL_SEC[kind] && s <= MAX_POLL_SEC))].sort((a, b) => a - b);
}

/** Title prefix that marks a table panel in a saved PerfLayout (the layout type has no kind field). */
export const TABLE_TITLE_PREFIX = 'table: ';
