/**
 * Flap marker after Nagios' flap detection (peers-and-limits.md 2.4/2.5): the weighted percentage of state
 * changes over the last 21 evaluations, newer changes weighing more (0.8 … 1.2). An instance starts flapping
 * above the high threshold and stops below the low one. Thresholds: Nagios defaults for services (20 % / 5 %),
 * chosen by us. The marker is shown, never used to mute (RTMT users need to see it).
 */

/** Evaluations kept in the window (Nagios: 21). */
export const FLAP_WINDOW = 21;
/** Start flapping above this percentage of state change (Nagios high_service_flap_threshold default). */
export const FLAP_HIGH_PERCENT = 20;
/** Stop flapping below this percentage (Nagios low_service_flap_threshold default). */
export const FLAP_LOW_PERCENT = 5;

const MASK = (1 << FLAP_WINDOW) - 1;

/** Pushes one evaluation (true = breached) into a 21-bit history, newest in bit 0. */
export function pushHistoryBits(history: number, breached: boolean): number {
  return ((history << 1) | (breached ? 1 : 0)) & MASK;
}

/** Weight of the change between evaluations i and i + 1 (i = 0 the newest): 1.2 for the newest, 0.8 for the oldest. */
function changeWeight(i: number): number {
  return 1.2 - (0.4 * i) / Math.max(1, FLAP_WINDOW - 2);
}

/** Total weight of the window's FLAP_WINDOW - 1 changes. */
const WINDOW_WEIGHT = Array.from({ length: FLAP_WINDOW - 1 }, (_, i) => changeWeight(i)).reduce((a, b) => a + b, 0);

/**
 * Weighted percentage of state changes in the history (0..100), over the whole window: evaluations older than
 * the instance count as no change, as Nagios fills a new history with the first state. (Dividing by the known
 * changes only made one change in a 3-evaluation history 50 %: every alarm raised soon after a start showed
 * "flapping".)
 */
export function percentStateChange(history: number, length: number): number {
  if (length < 2) return 0;
  const known = Math.min(length, FLAP_WINDOW);
  const lenMask = (1 << known) - 1;
  const bits = history & lenMask;
  if (bits === 0 || bits === lenMask) return 0; // no change in the window: the common case, skip the loop
  let weighted = 0;
  for (let i = 0; i < known - 1; i++) if (((history >> i) & 1) !== ((history >> (i + 1)) & 1)) weighted += changeWeight(i);
  return (weighted / WINDOW_WEIGHT) * 100;
}

/** Returns whether an instance is flapping after this evaluation, with hysteresis between the two thresholds. */
export function nextFlapping(wasFlapping: boolean, history: number, length: number): boolean {
  const pct = percentStateChange(history, length);
  if (wasFlapping) return pct >= FLAP_LOW_PERCENT;
  return pct > FLAP_HIGH_PERCENT;
}
