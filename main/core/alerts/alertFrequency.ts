import type { AlertFrequency } from '../../../shared/model/alert.js';

/**
 * RTMT "Frequency" (serviceability-reference.md A.3): "Trigger alert on every poll", or "trigger up to N alerts
 * within M minutes". An alert here is one occurrence of a firing instance; the notification pipeline still
 * groups and rate-limits what is sent (that is where we beat RTMT's mail storms, reference F).
 */

/** Returns whether one more alert may be triggered at `now`, given the times of earlier alerts (oldest first). */
export function frequencyAllows(frequency: AlertFrequency, recentAlertTimes: readonly number[], now: number): boolean {
  if (frequency.kind === 'everyPoll') return true;
  const windowStart = now - frequency.withinMinutes * 60_000;
  let inWindow = 0;
  for (const t of recentAlertTimes) if (t > windowStart) inWindow++;
  return inWindow < frequency.maxAlerts;
}

/** Drops times that no longer matter for the frequency window and appends `now` (bounded memory). */
export function recordAlertTime(frequency: AlertFrequency, recentAlertTimes: readonly number[], now: number): number[] {
  if (frequency.kind === 'everyPoll') return [now];
  const windowStart = now - frequency.withinMinutes * 60_000;
  const kept = recentAlertTimes.filter((t) => t > windowStart);
  kept.push(now);
  return kept.slice(-frequency.maxAlerts);
}
