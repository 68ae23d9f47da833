import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NOTIFICATION_SETTINGS_FILE, parseNotificationSettings, readNotificationSettings } from './notificationSettings.js';
import { resolveSecret } from './notificationSettingsPipeline.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'notify-settings-'));
  dirs.push(d);
  return d;
};

const valid = {
  smtp: { host: 'mail.example.com', port: 465, from: 'rtmt@example.com', user: 'rtmt', password: { credentialId: 'smtp' } },
  alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com' }, { address: 'off@example.com', enabled: false }] }],
  alertmanager: { url: 'http://127.0.0.1:9093' },
  webhook: { url: 'https://hooks.example.com/x', bearerToken: { env: 'HOOK_TOKEN' } },
  silences: [{ matchers: [{ field: 'node', value: 'imp-sub1' }, { field: 'ruleId', op: '=~', value: 'Cpu.*' }], startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-02T00:00:00Z' }],
  maintenanceWindows: [{ cluster: 'sim', node: 'imp-sub2', startsAt: 0, endsAt: 1000 }],
};

describe('notification settings', () => {
  it('parses a full file with defaults (implicit TLS on 465, recipients enabled unless said)', () => {
    const r = parseNotificationSettings(valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.smtp).toMatchObject({ secure: true, requireTLS: false, allowSelfSigned: false, password: { credentialId: 'smtp' } });
    expect(r.value.alertActions[0]!.recipients).toEqual([{ address: 'noc@example.com', enabled: true }, { address: 'off@example.com', enabled: false }]);
    expect(r.value.silences[0]).toMatchObject({ startsAt: Date.UTC(2026, 0, 1), endsAt: Date.UTC(2026, 0, 2), matchers: [{ field: 'node', op: '=', value: 'imp-sub1' }, { field: 'ruleId', op: '=~', value: 'Cpu.*' }] });
    expect(r.value.maintenanceWindows).toHaveLength(1);
  });

  it('refuses a secret written in the file and names fields, never their values', () => {
    const r = parseNotificationSettings({ ...valid, smtp: { ...valid.smtp, password: 'hunter2-secret' }, webhook: { url: 'ftp://x' }, silences: [{ matchers: [{ field: 'bogus', value: 'x' }], startsAt: 5, endsAt: 1 }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.issues.join('\n');
    expect(text).toContain('smtp.password must name a secret');
    expect(text).toContain('webhook.url must be an http(s) URL');
    expect(text).toContain('silences[0].matchers[0].field');
    expect(text).not.toContain('hunter2-secret');
  });

  it('says for each bad field its path and what is expected', () => {
    const r = parseNotificationSettings({
      smtp: { host: ' ', port: 70_000, from: 'not-an-address', user: 'u', password: { env: '1X' } },
      alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: 'yes' }] }],
      alertmanager: 5,
      webhook: { url: 'https://h.example.com', bearerToken: {} },
      silences: [{ matchers: [{ field: 'node', op: '~', value: ' ' }], startsAt: 'soon', endsAt: 0 }, { matchers: [], startsAt: 0, endsAt: 1 }],
      maintenanceWindows: [{ cluster: 'sim', startsAt: 0, endsAt: 0 }],
      repeatIntervalSeconds: 5,
    });
    expect(r).toEqual({
      ok: false,
      issues: [
        'smtp.host must be a non-empty string',
        'smtp.port must be a number from 1 to 65535',
        'smtp.from must be an e-mail address',
        'smtp.password.env must be an environment variable name (letters, digits, _; not starting with a digit)',
        'alertActions[0].recipients[0].enabled must be true or false',
        'alertmanager must be an object',
        'webhook.bearerToken needs credentialId or env (a variable name)',
        'silences[0].matchers[0].op must be =, !=, =~ or !~',
        'silences[0].matchers[0].value must be a non-empty string',
        'silences[0].startsAt must be an ISO date-time or epoch milliseconds',
        'silences[1].matchers must hold at least one matcher',
        'maintenanceWindows[0].node must be a non-empty string',
        'repeatIntervalSeconds must be a number from 60 to 604800',
      ],
    });
    expect(parseNotificationSettings({ maintenanceWindows: [{ cluster: 'c', node: 'n', startsAt: 5, endsAt: 5 }] })).toEqual({ ok: false, issues: ['maintenanceWindows[0].endsAt must be after startsAt'] });
    expect(parseNotificationSettings({ smtp: { host: 'h', port: 25, from: 'a@b', password: { credentialId: 'c' } }, alertActions: [{ id: 'Default' }] })).toEqual({ ok: false, issues: ['smtp.password needs smtp.user'] });
  });

  it('names what it leaves out: silence ids, who and why, maintenance ids; trims text', () => {
    const r = parseNotificationSettings({ silences: [{ matchers: [{ field: 'node', value: 'imp-sub1' }], startsAt: 0, endsAt: 5 }], maintenanceWindows: [{ cluster: ' sim ', node: 'n', startsAt: 0, endsAt: 5 }] });
    expect(r).toEqual({
      ok: true,
      value: {
        alertActions: [],
        silences: [{ id: 'silence-1', matchers: [{ field: 'node', op: '=', value: 'imp-sub1' }], startsAt: 0, endsAt: 5, createdBy: 'settings file', comment: '', source: 'settings' }],
        maintenanceWindows: [{ id: 'maintenance-1', cluster: 'sim', node: 'n', startsAt: 0, endsAt: 5 }],
      },
    });
  });

  it('needs alert actions when SMTP is set, and rejects non-objects', () => {
    expect(parseNotificationSettings({ smtp: valid.smtp })).toMatchObject({ ok: false, issues: [expect.stringContaining('alertActions')] });
    expect(parseNotificationSettings([])).toMatchObject({ ok: false });
    expect(parseNotificationSettings(null)).toMatchObject({ ok: false });
  });

  it('reads the file from the state dir: absent → undefined, bad JSON or bad settings → VALIDATION', async () => {
    const d = tmp();
    await expect(readNotificationSettings(d)).resolves.toBeUndefined();
    writeFileSync(join(d, NOTIFICATION_SETTINGS_FILE), '{ nope');
    await expect(readNotificationSettings(d)).rejects.toMatchObject({ code: 'VALIDATION' });
    writeFileSync(join(d, NOTIFICATION_SETTINGS_FILE), JSON.stringify({ webhook: {} }));
    await expect(readNotificationSettings(d)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('webhook.url') });
    writeFileSync(join(d, NOTIFICATION_SETTINGS_FILE), JSON.stringify(valid));
    await expect(readNotificationSettings(d)).resolves.toMatchObject({ alertmanager: { url: 'http://127.0.0.1:9093' } });
  });

  it('resolves secrets from the credential store or the environment, and names a missing one without a value', async () => {
    const credentials = { get: async (id: string) => (id === 'smtp' ? 's3cret' : undefined) };
    await expect(resolveSecret({ credentialId: 'smtp' }, { credentials })).resolves.toBe('s3cret');
    await expect(resolveSecret({ env: 'TOKEN' }, { credentials, env: { TOKEN: 't0k' } })).resolves.toBe('t0k');
    await expect(resolveSecret({ credentialId: 'other' }, { credentials })).rejects.toMatchObject({ code: 'VALIDATION', message: 'credential other is not in the credential store' });
    await expect(resolveSecret({ env: 'NOPE' }, { credentials, env: {} })).rejects.toMatchObject({ message: 'environment variable NOPE is not set' });
  });
});
