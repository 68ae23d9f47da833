import { describe, expect, it } from 'vitest';
import { describeIssues } from './issues.js';
import { notificationSettingsInputSchema, notificationTestRequestSchema } from './notifications.js';

const base = {
  smtp: { host: 'mail', port: 25, secure: false, requireTLS: false, allowSelfSigned: false, from: 'a@b.c', user: 'u', password: 'pw-secret-1' },
  alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }] }],
  groupWaitSeconds: 30, groupIntervalSeconds: 300, repeatIntervalSeconds: 14_400,
};
const issues = (v: unknown) => {
  const r = notificationSettingsInputSchema.safeParse(v);
  return r.success ? [] : describeIssues(r.error, 'settings');
};

describe('notification settings form schema', () => {
  it('accepts a full form; a secret may be a string, null (remove) or absent (keep)', () => {
    expect(issues(base)).toEqual([]);
    expect(issues({ ...base, smtp: { ...base.smtp, password: null }, alertmanager: { url: 'https://am.example.com' }, webhook: { url: 'http://h/x', bearerToken: 't' } })).toEqual([]);
  });

  it('names fields and what is expected, never the value', () => {
    const bad = issues({ ...base, smtp: { ...base.smtp, port: 70_000, from: 'pw-secret-1' }, webhook: { url: 'ftp://pw-secret-1' }, repeatIntervalSeconds: 5, alertActions: [...base.alertActions, { id: 'Default', recipients: [] }] });
    expect(bad.join('\n')).not.toContain('pw-secret-1');
    expect(bad).toEqual(expect.arrayContaining([
      'smtp.port must be a number from 1 to 65535',
      'smtp.from must be an e-mail address',
      'webhook.url must be an http(s) URL',
      'repeatIntervalSeconds must be a number from 60 to 604800',
      'alertActions[1].id is used by another alert action',
    ]));
  });

  it('SMTP needs an alert action; a test names its target', () => {
    expect(issues({ ...base, alertActions: [] })).toContain('smtp needs at least one alert action with recipients (alertActions)');
    expect(notificationTestRequestSchema.safeParse({ target: 'sms' }).success).toBe(false);
    expect(notificationTestRequestSchema.safeParse({ target: 'email', settings: base }).success).toBe(true);
  });

  it('refuses a field it does not know (a misspelt secret would otherwise be dropped and the old one kept)', () => {
    expect(issues({ ...base, smtp: { ...base.smtp, pass: 'pw-secret-2' } }).join('\n')).toMatch(/smtp.*pass/);
    expect(issues({ ...base, webhook: { url: 'http://h/x', token: 't' } }).join('\n')).toMatch(/webhook.*token/);
    expect(issues({ ...base, alertActions: [{ ...base.alertActions[0], recipients: [{ address: 'noc@example.com', enabled: true, mobile: true }] }] })).not.toEqual([]);
    expect(notificationTestRequestSchema.safeParse({ target: 'email', by: 'mallory' }).success).toBe(false);
  });

  it('refuses credentials inside a URL (they would be kept in the file and shown), without repeating them', () => {
    const bad = issues({ ...base, webhook: { url: 'https://ops:pw-secret-3@hooks.example.com/x' } });
    expect(bad).toEqual(['webhook.url must not hold a user name or password (give a bearer token instead: it is kept in the credential store)']);
    expect(issues({ ...base, alertmanager: { url: 'http://token-only@am:9093' } })).toHaveLength(1);
  });
});
