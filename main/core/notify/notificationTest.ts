import { hostname } from 'node:os';
import type { NotificationTestRequest, NotificationTestResult } from '../../../shared/model/notifications.js';
import type { ErrorCode } from '../../../shared/errors.js';
import { DisposableStore } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import { enabledRecipients, DEFAULT_ALERT_ACTION_ID } from './alertActions.js';
import { AlertmanagerNotifier, WebhookNotifier } from './alertmanagerNotifier.js';
import { EmailNotifier } from './emailNotifier.js';
import type { NotificationSettings } from './notificationSettings.js';
import { buildNotifiers, type SecretSources } from './notificationSettingsPipeline.js';
import type { Notification, NotifiedAlarm, NotifyResult } from './notifier.js';

/** The rule name a test carries (Alertmanager: alertname), so a receiver's routing can tell tests apart. */
export const TEST_ALERT_NAME = 'IMPMonitorTest';

function testAlarm(atMs: number): NotifiedAlarm {
  const node = hostname();
  return {
    id: `test-${atMs}`, key: `${TEST_ALERT_NAME}|imp-monitor|${node}|`, ruleId: TEST_ALERT_NAME, ruleName: TEST_ALERT_NAME, group: 'System', severity: 'Informational',
    cluster: 'imp-monitor', node, instance: '', status: 'outstanding', message: 'A test notification sent from the IMP Monitor notification settings; nothing is wrong.',
    origin: 'poll', raisedAt: atMs, lastOccurrenceAt: atMs, occurrences: 1, flapping: false, emailEnabled: true, alertAction: DEFAULT_ALERT_ACTION_ID,
  };
}

/** A failed send as the form shows it: a stable code, the message, whether trying again may help. */
function errorOf(r: Extract<NotifyResult, { ok: false }>): NonNullable<NotificationTestResult['error']> {
  const m = r.error;
  const code: ErrorCode = /\b(535|534|530)\b|auth/i.test(m) ? 'POLL_AUTH' : /timed? ?out|ETIMEDOUT|TimeoutError|aborted/i.test(m) ? 'POLL_TIMEOUT' : r.retryable ? 'POLL_CONNECT' : 'POLL_PROTOCOL';
  return { code, message: m, retryable: r.retryable };
}

/**
 * "Send a test" (issue 15): a real message through one notifier built from `settings` — a test e-mail to the
 * enabled recipients of the alert action; an Alertmanager test alert (alertname IMPMonitorTest) posted firing, then
 * resolved; a webhook test payload. Failures are data in the result (code, message, retryable), never thrown;
 * settings that configure no such notifier are a VALIDATION result.
 */
export async function sendNotificationTest(request: NotificationTestRequest, settings: NotificationSettings | undefined, sources: SecretSources, now: () => number = Date.now): Promise<NotificationTestResult> {
  const started = now();
  const done = (sentTo: readonly string[], r: NotifyResult): NotificationTestResult => ({
    target: request.target, ok: r.ok, sentTo: [...sentTo], durationMs: Math.max(0, now() - started), ...(r.ok ? {} : { error: errorOf(r) }),
  });
  const refused = (message: string): NotificationTestResult => ({ target: request.target, ok: false, sentTo: [], durationMs: 0, error: { code: 'VALIDATION', message, retryable: false } });
  const store = new DisposableStore();
  try {
    if (request.target === 'email' && !settings?.smtp) return refused('no SMTP server is set');
    if (request.target === 'alertmanager' && !settings?.alertmanager) return refused('no Alertmanager URL is set');
    if (request.target === 'webhook' && !settings?.webhook) return refused('no webhook URL is set');
    let notifiers;
    try {
      // Only the notifier under test is built (a missing secret of another one does not stop it).
      const only: NotificationSettings = { alertActions: settings!.alertActions, silences: [], maintenanceWindows: [], ...(request.target === 'email' ? { smtp: settings!.smtp! } : request.target === 'alertmanager' ? { alertmanager: settings!.alertmanager! } : { webhook: settings!.webhook! }) };
      notifiers = await buildNotifiers(only, sources, store);
    } catch (err) {
      if (err instanceof AppError) return refused(err.message);
      throw err;
    }
    const notifier = notifiers[0]!;
    const at = now();
    const alarm = testAlarm(at);
    if (notifier instanceof EmailNotifier) {
      const action = request.alertAction ?? DEFAULT_ALERT_ACTION_ID;
      if (!settings!.alertActions.some((a) => a.id === action)) return refused(`there is no alert action ${action}`);
      const to = enabledRecipients(settings!.alertActions, action);
      if (to.length === 0) return refused(`alert action ${action} has no enabled recipient`);
      const r = await notifier.send(to, {
        subject: '[IMP Monitor] Test notification',
        text: `This is a test e-mail from IMP Monitor on ${alarm.node}, sent from the notification settings at ${new Date(at).toISOString()} to the recipients of alert action ${action}.\nAlert e-mails reach you the same way.\n`,
      });
      return done(to, r);
    }
    if (notifier instanceof AlertmanagerNotifier) {
      const url = settings!.alertmanager!.url;
      const base = { groupKey: 'test', groupLabels: { alertAction: DEFAULT_ALERT_ACTION_ID }, atMs: at };
      const fired = await notifier.notify({ ...base, firing: [alarm], resolved: [], reason: 'new' } satisfies Notification);
      if (!fired.ok) return done([url], fired);
      // Resolved at once: Alertmanager shows it, then lets it go (its endsAt has passed).
      const end = now();
      return done([url], await notifier.notify({ ...base, atMs: end, firing: [], resolved: [{ ...alarm, status: 'resolved', resolvedAt: end }], reason: 'update' }));
    }
    if (notifier instanceof WebhookNotifier) {
      return done([settings!.webhook!.url], await notifier.postTest({ version: '1', test: true, status: 'firing', groupKey: 'test', reason: 'test', groupLabels: {}, firing: [alarm], resolved: [], atMs: at }));
    }
    return refused(`cannot test ${request.target}`);
  } finally {
    store.dispose();
  }
}
