import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotificationSettingsInput, NotificationSettingsView } from '../../../shared/model/notifications.js';
import { FileCredentialStore } from '../credentials/fileCredentialStore.js';
import { Database } from '../storage/sqlite/database.js';
import { NotificationLog } from './notificationLog.js';
import { NOTIFICATION_SETTINGS_FILE, readNotificationSettings, type NotificationSettings } from './notificationSettings.js';
import { NOTIFICATION_SECRETS } from './notificationSettingsFile.js';
import { createNotificationsService } from './notificationsService.js';

const SMTP_PW = 'smtp-pw-93af';
const AM_TOKEN = 'am-token-77e1';
const HOOK_TOKEN = 'hook-token-1b2c';

const dirs: string[] = [];
const closers: Array<() => void> = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'notify-svc-'));
  dirs.push(dir);
  const credentials = await FileCredentialStore.open({ keyPath: join(dir, 'credentials.key'), storePath: join(dir, 'credentials.json') });
  const db = Database.open(join(dir, 'history.db'));
  closers.push(() => db.dispose());
  const log = NotificationLog.open(db);
  const applied: Array<NotificationSettings | undefined> = [];
  const svc = createNotificationsService({
    stateDir: dir, credentials, log,
    apply: async (s) => (applied.push(s), { notifiers: [...(s?.smtp ? ['email'] : []), ...(s?.alertmanager ? ['alertmanager'] : []), ...(s?.webhook ? ['webhook'] : [])] }),
    active: () => ({ notifiers: [] }),
  });
  return { dir, credentials, svc, applied, file: join(dir, NOTIFICATION_SETTINGS_FILE) };
}

const input = (o: Partial<NotificationSettingsInput> = {}): NotificationSettingsInput => ({
  smtp: { host: 'mail.example.com', port: 587, secure: false, requireTLS: true, allowSelfSigned: false, from: 'imp@example.com', user: 'rtmt', password: SMTP_PW },
  alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }, { address: 'off@example.com', enabled: false }] }],
  alertmanager: { url: 'http://127.0.0.1:9093', bearerToken: AM_TOKEN },
  webhook: { url: 'https://hooks.example.com/x', bearerToken: HOOK_TOKEN },
  groupWaitSeconds: 10, groupIntervalSeconds: 60, repeatIntervalSeconds: 3600,
  ...o,
});
const noSecret = (v: unknown) => {
  const text = JSON.stringify(v);
  for (const s of [SMTP_PW, AM_TOKEN, HOOK_TOKEN, 'new-pw-2']) expect(text).not.toContain(s);
};

describe('notifications service: settings round trip', () => {
  it('saves secrets to the credential store as { credentialId } references; the view and the file never hold one; the headless reader reads the file', async () => {
    const { svc, credentials, applied, file, dir } = await setup();
    const view = await svc.save(input());
    noSecret(view);
    noSecret(readFileSync(file, 'utf8'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(view).toMatchObject<Partial<NotificationSettingsView>>({
      smtp: { host: 'mail.example.com', port: 587, secure: false, requireTLS: true, allowSelfSigned: false, from: 'imp@example.com', user: 'rtmt', hasPassword: true },
      alertmanager: { url: 'http://127.0.0.1:9093', hasBearerToken: true },
      webhook: { url: 'https://hooks.example.com/x', hasBearerToken: true },
      groupWaitSeconds: 10, groupIntervalSeconds: 60, repeatIntervalSeconds: 3600, file,
      active: { notifiers: ['email', 'alertmanager', 'webhook'] },
    });
    expect(await credentials.get(NOTIFICATION_SECRETS.smtp)).toBe(SMTP_PW);
    expect(await credentials.get(NOTIFICATION_SECRETS.alertmanager)).toBe(AM_TOKEN);
    expect(await credentials.get(NOTIFICATION_SECRETS.webhook)).toBe(HOOK_TOKEN);
    const headless = await readNotificationSettings(dir);
    expect(headless?.smtp?.password).toEqual({ credentialId: NOTIFICATION_SECRETS.smtp });
    expect(headless?.webhook?.bearerToken).toEqual({ credentialId: NOTIFICATION_SECRETS.webhook });
    expect(applied.at(-1)).toEqual(headless);
    noSecret(await svc.settings());
  });

  it('a secret left out is kept, null removes it (and its credential), a new one replaces it; a section removed takes its secret along', async () => {
    const { svc, credentials } = await setup();
    await svc.save(input());
    const kept = await svc.save(input({ smtp: { ...input().smtp!, password: undefined }, alertmanager: { url: 'http://127.0.0.1:9093' } }));
    expect(kept.smtp?.hasPassword).toBe(true);
    expect(kept.alertmanager).toEqual({ url: 'http://127.0.0.1:9093', hasBearerToken: true });
    expect(await credentials.get(NOTIFICATION_SECRETS.smtp)).toBe(SMTP_PW);
    const changed = await svc.save(input({ smtp: { ...input().smtp!, password: 'new-pw-2' }, alertmanager: { url: 'http://127.0.0.1:9094', bearerToken: null }, webhook: undefined }));
    noSecret(changed);
    expect(changed.alertmanager).toEqual({ url: 'http://127.0.0.1:9094', hasBearerToken: false });
    expect(changed.webhook).toBeUndefined();
    expect(await credentials.get(NOTIFICATION_SECRETS.smtp)).toBe('new-pw-2');
    expect(await credentials.get(NOTIFICATION_SECRETS.alertmanager)).toBeUndefined();
    expect(await credentials.get(NOTIFICATION_SECRETS.webhook)).toBeUndefined();
  });

  it('keeps what the form does not edit (silences, maintenance windows, an { env } reference of a headless file)', async () => {
    const { svc, file } = await setup();
    const silences = [{ matchers: [{ field: 'node', value: 'imp-sub1' }], startsAt: 0, endsAt: 9e12, comment: 'kept' }];
    const maintenanceWindows = [{ cluster: 'sim', node: 'imp-sub2', startsAt: 0, endsAt: 9e12 }];
    writeFileSync(file, JSON.stringify({ smtp: { host: 'mail.example.com', port: 25, from: 'a@b.c', user: 'u', password: { env: 'SMTP_PW' } }, alertActions: [{ id: 'Default', recipients: [] }], silences, maintenanceWindows }));
    const before = await svc.settings();
    expect(before.smtp).toMatchObject({ host: 'mail.example.com', hasPassword: true });
    await svc.save(input({ smtp: { ...input().smtp!, password: undefined }, alertmanager: undefined, webhook: undefined }));
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(json.silences).toEqual(silences);
    expect(json.maintenanceWindows).toEqual(maintenanceWindows);
    expect((json.smtp as Record<string, unknown>).password).toEqual({ env: 'SMTP_PW' });
  });

  it('a stored password or token is not sent to another SMTP host, Alertmanager URL or webhook URL: save and test ask for it again', async () => {
    const { svc, credentials, file } = await setup();
    await svc.save(input());
    const before = readFileSync(file, 'utf8');
    const moved = input({
      smtp: { ...input().smtp!, host: 'evil.example.net', password: undefined },
      alertmanager: { url: 'http://127.0.0.1:9999' },
      webhook: { url: 'https://hooks.example.com/x' },
    });
    await expect(svc.save(moved)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'the SMTP server changed from mail.example.com to evil.example.net: type the SMTP password again (a stored one is only sent where it was saved for); '
        + 'the Alertmanager URL changed from http://127.0.0.1:9093/ to http://127.0.0.1:9999/: type the Alertmanager bearer token again (a stored one is only sent where it was saved for)',
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(await credentials.get(NOTIFICATION_SECRETS.smtp)).toBe(SMTP_PW);
    const hook = await svc.test({ target: 'webhook', settings: input({ webhook: { url: 'http://127.0.0.1:1/steal' } }) });
    expect(hook).toMatchObject({ ok: false, sentTo: [], error: { code: 'VALIDATION', message: expect.stringContaining('the webhook URL changed from https://hooks.example.com/x to http://127.0.0.1:1/steal: type the webhook bearer token again') } });
    // Typed again (or removed), the new host is fine; the same host keeps the stored one.
    const typed = await svc.save(input({ smtp: { ...input().smtp!, host: 'evil.example.net', password: 'new-pw-2' }, alertmanager: { url: 'http://127.0.0.1:9999', bearerToken: null } }));
    expect(typed.smtp).toMatchObject({ host: 'evil.example.net', hasPassword: true });
    expect(typed.alertmanager).toEqual({ url: 'http://127.0.0.1:9999', hasBearerToken: false });
    expect((await svc.save(input({ smtp: { ...input().smtp!, host: 'EVIL.example.net', password: undefined } }))).smtp?.hasPassword).toBe(true);
    expect(await credentials.get(NOTIFICATION_SECRETS.smtp)).toBe('new-pw-2');
  });

  it('refuses settings the headless reader would refuse, and a file that is not JSON, changing nothing', async () => {
    const { svc, credentials, file } = await setup();
    await expect(svc.save(input({ alertActions: [] }))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('smtp needs at least one alert action') });
    expect(await credentials.list()).toEqual([]);
    writeFileSync(file, '{ not json');
    await expect(svc.save(input())).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('is not valid JSON') });
    expect(readFileSync(file, 'utf8')).toBe('{ not json');
    expect(await credentials.list()).toEqual([]);
    const view = await svc.settings();
    expect(view.active.error).toContain('is not valid JSON');
  });

  it('a test with nothing configured is refused as data; the log stays empty', async () => {
    const { svc } = await setup();
    expect(await svc.test({ target: 'email' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'no SMTP server is set', retryable: false } });
    expect(await svc.test({ target: 'email', settings: input({ smtp: { ...input().smtp!, password: null, user: undefined } }), alertAction: 'Nope' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'there is no alert action Nope' } });
    expect(await svc.log()).toEqual([]);
  });
});
