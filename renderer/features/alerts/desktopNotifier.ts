/**
 * Desktop notifications for new critical alarms through the browser Notification API, only when the user
 * allowed them (the permission prompt is asked from a click, never on load).
 */
import type { AlarmRecord } from '../../../shared/model/alert.js';

/** Whether the Notification API exists here and its permission. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the user for permission (call from a click). Returns the resulting permission. */
export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows one notification per alarm when permitted; `title` builds the localized title. */
export function notifyAlarms(alarms: readonly AlarmRecord[], title: (a: AlarmRecord) => string): void {
  if (notificationPermission() !== 'granted') return;
  for (const a of alarms) {
    // `tag` collapses repeats of the same alarm key into one notification.
    new Notification(title(a), { body: `${a.node} — ${a.message}`, tag: a.key });
  }
}
