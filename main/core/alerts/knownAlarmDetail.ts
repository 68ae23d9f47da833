import { DRF_ALARM_DETAIL, guideAlarm, type KnownAlarmDetail } from '../../../shared/alarms/knownAlarms.js';
import { PRECONFIGURED_ALERTS } from './preconfiguredAlerts.js';

/**
 * The definition and recommended action of a known alarm name, for the syslog viewer: the guide's alarm table
 * (shared/alarms), else a preconfigured alert of that name or id, else the DRF family (guide Table 42).
 */
export function knownAlarmDetail(name: string | undefined): KnownAlarmDetail | undefined {
  if (!name) return undefined;
  const guide = guideAlarm(name);
  if (guide) return { description: guide.description, recommendedAction: guide.recommendedAction };
  const base = name.replace(/Cleared$/, '');
  const rule = PRECONFIGURED_ALERTS.find((r) => r.name === base || r.id === base);
  if (rule) return { description: rule.description, recommendedAction: rule.recommendedAction ?? 'See the alert definition in Alert Central.' };
  if (base.startsWith('DRF')) return DRF_ALARM_DETAIL;
  return undefined;
}
