/**
 * The severity color scale of the wall screen: Cisco's syslog severities 0..7 (shared/model/alert.ts), from
 * Emergency (darkest red) to Debug (grey). These are fills (chips, pills, borders): the text on them is
 * `severityTextOn` (4.5:1 or more, checked by palette.test.ts); severity as text on a panel uses the themes'
 * `--sev-text-*` colors of styles.css instead.
 */
import { ALERT_SEVERITIES, type AlertSeverity } from '../../shared/model/alert.js';
import { readableTextOn } from './contrast.js';

/** Color of each severity. */
export const SEVERITY_COLORS: Readonly<Record<AlertSeverity, string>> = {
  Emergency: '#b0003a',
  Alert: '#d81b60',
  Critical: '#d32f2f',
  Error: '#fb8c00',
  Warning: '#fdd835',
  Notice: '#42a5f5',
  Informational: '#26a69a',
  Debug: '#90a4ae',
};

/** Returns 0 (Emergency) … 7 (Debug); unknown names rank after Debug. */
export function severityRank(severity: string): number {
  const i = (ALERT_SEVERITIES as readonly string[]).indexOf(severity);
  return i < 0 ? ALERT_SEVERITIES.length : i;
}

/** Returns the color of a severity given by name or by syslog number. */
export function severityColor(severity: AlertSeverity | number): string {
  const name = typeof severity === 'number' ? ALERT_SEVERITIES[Math.max(0, Math.min(7, Math.floor(severity)))] : severity;
  return SEVERITY_COLORS[name ?? 'Debug'];
}

/** Returns the severity name of a syslog number 0..7. */
export function severityName(severity: number): AlertSeverity {
  return ALERT_SEVERITIES[Math.max(0, Math.min(7, Math.floor(severity)))] ?? 'Debug';
}

/** Text color on a severity fill: near-black or white, whichever contrasts more. */
export function severityTextOn(severity: AlertSeverity | number): string {
  return readableTextOn(severityColor(severity));
}

/** Color of a severity written as text on the current theme's panels (a styles.css custom property). */
export function severityTextColor(severity: AlertSeverity): string {
  return `var(--sev-text-${severity})`;
}
