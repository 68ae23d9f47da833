/**
 * The severity color scale of the wall screen: Cisco's syslog severities 0..7 (shared/model/alert.ts), from
 * Emergency (darkest red) to Debug (grey). Colors keep contrast on both themes.
 */
import { ALERT_SEVERITIES, type AlertSeverity } from '../../shared/model/alert.js';

/** Color of each severity. */
export const SEVERITY_COLORS: Readonly<Record<AlertSeverity, string>> = {
  Emergency: '#b0003a',
  Alert: '#d81b60',
  Critical: '#e53935',
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
