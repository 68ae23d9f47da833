/**
 * The desktop notification at the end of a collection (issue 12 "a desktop notification at the end"), through the
 * browser Notification API as Alert Central's (features/alerts/desktopNotifier.ts): only when the user allowed
 * them; the permission is asked from the wizard's Start click, never on load.
 */
import type { TraceCollectionStatus } from '../../../../shared/model/traces.js';
import { notificationPermission } from '../../alerts/desktopNotifier.js';

/** Shows one notification for a collection that just ended; `text` words its title and body. */
export function notifyCollectionEnded(status: TraceCollectionStatus, text: (s: TraceCollectionStatus) => { title: string; body: string }): boolean {
  if (notificationPermission() !== 'granted') return false;
  const { title, body } = text(status);
  // `tag` collapses a repeated final status of the same collection into one notification.
  new Notification(title, { body, tag: `trace-${status.id}` });
  return true;
}
