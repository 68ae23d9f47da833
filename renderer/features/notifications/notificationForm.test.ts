import { describe, expect, it } from 'vitest';
import type { NotificationSettingsView } from '../../../shared/model/notifications.js';
import { draftFromView, settingsInputOf } from './notificationForm.js';

const view: NotificationSettingsView = {
  smtp: { host: 'mail.example.com', port: 587, secure: false, requireTLS: true, allowSelfSigned: false, from: 'imp@example.com', user: 'imp', hasPassword: true },
  alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }] }],
  alertmanager: { url: 'http://127.0.0.1:9093', hasBearerToken: true },
  groupWaitSeconds: 30,
  groupIntervalSeconds: 300,
  repeatIntervalSeconds: 14400,
  file: '/x/notifications.json',
  active: { notifiers: ['email'] },
};

describe('notification settings form', () => {
  it('unchanged: the stored secrets are kept (no secret field sent), an unused webhook left out', () => {
    expect(settingsInputOf(draftFromView(view)).input).toEqual({
      smtp: { host: 'mail.example.com', port: 587, secure: false, requireTLS: true, allowSelfSigned: false, from: 'imp@example.com', user: 'imp' },
      alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }] }],
      alertmanager: { url: 'http://127.0.0.1:9093' },
      groupWaitSeconds: 30,
      groupIntervalSeconds: 300,
      repeatIntervalSeconds: 14400,
    });
  });
  it('a typed secret replaces the stored one, "remove" sends null; SMTP off leaves it out', () => {
    const d = draftFromView(view);
    const input = settingsInputOf({ ...d, smtp: { ...d.smtp, password: { ...d.smtp.password, text: 's3cret' } }, alertmanager: { ...d.alertmanager, token: { stored: true, text: '', remove: true } }, webhook: { url: 'https://hooks.example.com/x', token: { stored: false, text: 'tok', remove: false } } }).input!;
    expect(input.smtp?.password).toBe('s3cret');
    expect(input.alertmanager).toEqual({ url: 'http://127.0.0.1:9093', bearerToken: null });
    expect(input.webhook).toEqual({ url: 'https://hooks.example.com/x', bearerToken: 'tok' });
    expect(settingsInputOf({ ...d, smtpOn: false }).input?.smtp).toBeUndefined();
  });
  it('refuses a bad host, port, sender, recipient, duplicate action, URL or timing', () => {
    const d = draftFromView(view);
    expect(settingsInputOf({ ...d, smtp: { ...d.smtp, host: ' ' } }).error).toBe('notify.error.smtpHost');
    expect(settingsInputOf({ ...d, smtp: { ...d.smtp, port: 70000 } }).error).toBe('notify.error.smtpPort');
    expect(settingsInputOf({ ...d, smtp: { ...d.smtp, from: 'imp' } }).error).toBe('notify.error.smtpFrom');
    expect(settingsInputOf({ ...d, alertActions: [{ id: 'Default', recipients: [{ address: 'nobody', enabled: true }] }] }).error).toBe('notify.error.recipient');
    expect(settingsInputOf({ ...d, alertActions: [...d.alertActions, { id: 'Default', recipients: [] }] }).error).toBe('notify.error.actionId');
    expect(settingsInputOf({ ...d, webhook: { ...d.webhook, url: 'ftp://x' } }).error).toBe('notify.error.url');
    expect(settingsInputOf({ ...d, repeatIntervalSeconds: 10 }).error).toBe('notify.error.timing');
  });
  it('no alert action yet: the form starts with an empty "Default"', () => {
    expect(draftFromView({ ...view, smtp: undefined, alertActions: [] }).alertActions).toEqual([{ id: 'Default', recipients: [] }]);
  });
});
