/**
 * Desktop notifications for new critical alarms: the first time an outstanding alarm of severity Emergency,
 * Alert or Critical is seen in onDidChangeAlarms, one Electron Notification names the alarm, node and message.
 */
import { Notification } from 'electron';
import type { AlarmRecord, AlertSeverity } from '../../shared/model/alert.js';
import { toDisposable, type Disposable } from '../core/base/disposable.js';
import type { EventHub } from '../core/transport/eventHub.js';

const CRITICAL: ReadonlySet<AlertSeverity> = new Set<AlertSeverity>(['Emergency', 'Alert', 'Critical']);
/** Bound on remembered alarm ids (oldest forgotten first). */
const MAX_SEEN = 10_000;

/** Shows notifications; `onClick` brings the window forward. Dispose stops listening. */
export function notifyCriticalAlarms(hub: EventHub, onClick: (alarm: AlarmRecord) => void): Disposable {
  const seen = new Set<string>();
  const sub = hub.subscribe((e) => {
    if (e.event !== 'onDidChangeAlarms' || !Notification.isSupported()) return;
    for (const alarm of e.payload) {
      if (seen.has(alarm.id) || alarm.status !== 'outstanding' || !CRITICAL.has(alarm.severity)) continue;
      seen.add(alarm.id);
      if (seen.size > MAX_SEEN) seen.delete(seen.values().next().value as string);
      const n = new Notification({ title: `${alarm.severity}: ${alarm.ruleName}`, body: `${alarm.cluster} / ${alarm.node}\n${alarm.message}`.slice(0, 500), urgency: 'critical' });
      n.on('click', () => onClick(alarm));
      n.show();
    }
  });
  return toDisposable(() => sub.dispose());
}
