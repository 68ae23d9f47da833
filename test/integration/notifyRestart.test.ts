import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceStatusRow } from '../../shared/model/cluster.js';
import type { NotificationSettingsInput } from '../../shared/model/notifications.js';
import { NOTIFICATION_SETTINGS_FILE } from '../../main/core/notify/notificationSettings.js';
import { FakeAlertScheduler } from '../kits/fakeAlertScheduler.js';
import { closedPort } from '../helpers/closedPort.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.js';
import { until } from '../helpers/until.js';
import { bootNotificationSlice } from './notificationSlice.js';

// Issue 15: "Notifications survive a restart". The backend's notification slice — history.db (alarms and the
// notification log), the alert engine, the credential store, createNotificationParts as createBackend builds it — is
// closed in the middle of an open alarm and opened again on the same files; a real SMTP server (smtp-server, with
// login) and Debian's Alertmanager get the first notification, ONE reminder at lastSent + repeat interval and ONE
// resolved notification, never a second "new". The alert clock is a manual one (the repeat interval is an hour), set
// an hour behind the wall clock so Alertmanager takes the resolved alert as ended.
const AM = '/usr/bin/prometheus-alertmanager';
const PASSWORD = 'smtp-secret-4c1d';
const HOUR = 3_600_000;


const SERVICES = ['Cisco XCP Router', 'Cisco SIP Proxy'];
const rows = (stopped: ReadonlySet<string>): ServiceStatusRow[] =>
  ['imp-pub'].flatMap((node) => SERVICES.map((name) => ({ cluster: 'c1', node, name, activated: true, status: stopped.has(name) ? ('Stopped' as const) : ('Started' as const) })));

describe.skipIf(skipWithoutTools({ path: AM, apt: 'prometheus-alertmanager' }))('notifications across a backend restart (smtp-server + prometheus-alertmanager)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imp-notify-restart-'));
  let smtp: SmtpSink;
  let am: ChildProcess | undefined;
  let amUrl = '';
  let amStderr = '';
  const clock = new FakeAlertScheduler(Date.now() - HOUR - 10 * 60_000);

  /** Alertmanager's own count of alerts received (alertmanager_alerts_received_total), per status. */
  async function amReceived(): Promise<{ firing: number; resolved: number }> {
    const text = await (await fetch(`${amUrl}/metrics`)).text();
    const count = (status: string) => [...text.matchAll(new RegExp(`^alertmanager_alerts_received_total\\{status="${status}"[^}]*\\} (\\d+)`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
    return { firing: count('firing'), resolved: count('resolved') };
  }

  /** One backend lifetime: the database, the engine on it, the credential store and the notification parts. */
  const boot = () => bootNotificationSlice(dir, clock);

  /** Lets the pipeline's due timers fire on the manual clock. */
  const step = (ms = 0) => clock.advance(ms);

  beforeAll(async () => {
    smtp = await startSmtpSink({ user: 'rtmt', password: PASSWORD });
    writeFileSync(join(dir, 'am.yml'), "route:\n  receiver: 'null'\nreceivers:\n  - name: 'null'\n");
    const port = await closedPort();
    amUrl = `http://127.0.0.1:${port}`;
    am = spawn(AM, [`--config.file=${join(dir, 'am.yml')}`, `--storage.path=${dir}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='], { stdio: ['ignore', 'ignore', 'pipe'] });
    am.stderr!.on('data', (d: Buffer) => (amStderr += d.toString()));
    await until(`alertmanager ready (${amStderr.slice(-200)})`, async () => ((await fetch(`${amUrl}/-/ready`).then((r) => r.ok, () => false)) ? true : undefined), 30_000, 100);
  });

  afterAll(async () => {
    if (am && am.exitCode === null) {
      am.kill('SIGTERM');
      await once(am, 'exit');
    }
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const form = (password?: string | null): NotificationSettingsInput => ({
    smtp: { host: '127.0.0.1', port: smtp.port, secure: false, requireTLS: false, allowSelfSigned: false, from: 'imp-monitor@example.com', user: 'rtmt', ...(password !== undefined ? { password } : {}) },
    alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }, { address: 'off@example.com', enabled: false }] }],
    alertmanager: { url: amUrl },
    groupWaitSeconds: 0,
    groupIntervalSeconds: 0,
    repeatIntervalSeconds: 3600,
  });

  it('send a test: an e-mail to the action\'s enabled recipients and an Alertmanager alert that resolves, with the form\'s settings', async () => {
    const first = await boot();
    try {
      const svc = first.parts.service;
      // The form's unsaved settings with a wrong password: the SMTP server refuses the login.
      const bad = await svc.test({ target: 'email', settings: form('wrong-password') });
      expect(bad).toMatchObject({ target: 'email', ok: false, error: { code: 'POLL_AUTH', retryable: false } });
      const ok = await svc.test({ target: 'email', settings: form(PASSWORD) });
      expect(ok).toMatchObject({ target: 'email', ok: true, sentTo: ['noc@example.com'] });
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]).toMatchObject({ to: ['noc@example.com'], subject: '[IMP Monitor] Test notification' });
      const before = await amReceived();
      const amTest = await svc.test({ target: 'alertmanager', settings: form(PASSWORD) });
      expect(amTest).toMatchObject({ target: 'alertmanager', ok: true, sentTo: [amUrl] });
      expect(await amReceived()).toEqual({ firing: before.firing + 1, resolved: before.resolved + 1 });
      // Nothing saved by a test: the saved settings have no notifier yet.
      expect((await svc.settings()).active.notifiers).toEqual([]);
      expect(await svc.test({ target: 'webhook' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'no webhook URL is set' } });
      expect((await svc.log(10)).map((e) => [e.notifier, e.reason, e.ok])).toEqual([['alertmanager', 'test', true], ['email', 'test', true], ['email', 'test', false]]);
      smtp.mails.length = 0;
    } finally {
      await first.close();
    }
  }, 60_000);

  it('an alarm open across a restart gets one reminder at lastSent + repeat interval and one resolved notification; nothing twice', async () => {
    const stopped = new Set(['Cisco XCP Router']);
    smtp.mails.length = 0;
    const amStart = await amReceived();
    // Lifetime 1: settings saved from the form (the password to the credential store), applied at once.
    const first = await boot();
    let raisedId = '';
    let firstSentAt = 0;
    try {
      const view = await first.parts.service.save(form(PASSWORD));
      expect(view.active).toEqual({ notifiers: ['email', 'alertmanager'] });
      expect(readFileSync(join(dir, NOTIFICATION_SETTINGS_FILE), 'utf8')).not.toContain(PASSWORD);
      first.alerts.updateServiceStatus(rows(stopped));
      first.alerts.evaluate();
      raisedId = first.alerts.activeAlarms()[0]!.id;
      step();
      firstSentAt = clock.now();
      await until('the first mail and the first alert in Alertmanager', async () => (smtp.mails.length === 1 && (await amReceived()).firing === amStart.firing + 1 ? true : undefined));
      expect(smtp.mails[0]!.subject).toBe('[IMP Monitor] [Critical] CriticalServiceDown on imp-pub (Cisco XCP Router)');
      await until('both deliveries logged', async () => ((await first.parts.service.log(10)).filter((e) => e.reason === 'new').length === 2 ? true : undefined));
    } finally {
      await first.close();
    }

    // Down for 20 minutes; the service is still stopped when the backend comes back.
    clock.advance(20 * 60_000);
    const second = await boot();
    try {
      expect(second.alerts.activeAlarms().map((a) => a.id)).toEqual([raisedId]);
      expect(second.parts.current()?.notifiers).toEqual(['email', 'alertmanager']);
      second.alerts.updateServiceStatus(rows(stopped));
      second.alerts.evaluate();
      step();
      // Settings saved again mid-alarm (the stored password kept): applied at once, the log kept, nothing re-sent.
      const resaved = await second.parts.service.save(form());
      expect(resaved.active).toEqual({ notifiers: ['email', 'alertmanager'] });
      expect(resaved.smtp?.hasPassword).toBe(true);
      step();
      // Up to a minute before the reminder is due: nothing is sent (no second "new" after the restart).
      step(firstSentAt + HOUR - 60_000 - clock.now());
      await new Promise((r) => setImmediate(r));
      expect(smtp.mails).toHaveLength(1);
      expect((await second.parts.service.log(20)).filter((e) => e.reason !== 'test').map((e) => e.reason)).toEqual(['new', 'new']);
      // The reminder, once, at lastSent + repeat interval.
      step(60_000);
      await until('the reminder mail and alert', async () => (smtp.mails.length === 2 && (await amReceived()).firing === amStart.firing + 2 ? true : undefined));
      expect(smtp.mails[1]!.subject).toBe('[IMP Monitor] [Critical] CriticalServiceDown on imp-pub (Cisco XCP Router) (reminder)');
      await until('the reminders logged', async () => ((await second.parts.service.log(20)).filter((e) => e.reason === 'repeat' && e.ok).length === 2 ? true : undefined));
    } finally {
      await second.close();
    }

    // Another restart right after the reminder; the service starts again: the resolved notification, once.
    clock.advance(5 * 60_000);
    const third = await boot();
    try {
      step();
      await new Promise((r) => setImmediate(r));
      expect(smtp.mails).toHaveLength(2);
      third.alerts.updateServiceStatus(rows(new Set()));
      third.alerts.evaluate();
      expect(third.alerts.activeAlarms()).toEqual([]);
      step();
      await until('the resolved mail and alert', async () => (smtp.mails.length === 3 && (await amReceived()).resolved === amStart.resolved + 1 ? true : undefined));
      expect(smtp.mails[2]!.subject).toBe('[IMP Monitor] [RESOLVED] CriticalServiceDown on imp-pub (Cisco XCP Router)');
      await until('the resolutions logged', async () => ((await third.parts.service.log(20)).filter((e) => e.reason === 'update' && e.ok).length === 2 ? true : undefined));
    } finally {
      await third.close();
    }

    // And once more: the alarm is closed and its resolution was sent — a whole repeat interval later, nothing.
    const fourth = await boot();
    try {
      step();
      step(2 * HOUR);
      await new Promise((r) => setImmediate(r));
      const log = (await fourth.parts.service.log(50)).filter((e) => e.reason !== 'test').reverse();
      // In time order: new, repeat, resolved (update) — each once per notifier (the two notifiers' order within a step may vary).
      expect(log.map((e) => e.reason)).toEqual(['new', 'new', 'repeat', 'repeat', 'update', 'update']);
      const rowsOf = (reason: string) => log.filter((e) => e.reason === reason).map((e) => [e.notifier, e.firing, e.resolved, e.ok]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(rowsOf('new')).toEqual([['alertmanager', [raisedId], [], true], ['email', [raisedId], [], true]]);
      expect(rowsOf('repeat')).toEqual([['alertmanager', [raisedId], [], true], ['email', [raisedId], [], true]]);
      expect(rowsOf('update')).toEqual([['alertmanager', [], [raisedId], true], ['email', [], [raisedId], true]]);
      expect(smtp.mails.map((m) => m.to)).toEqual([['noc@example.com'], ['noc@example.com'], ['noc@example.com']]);
      expect(await amReceived()).toEqual({ firing: amStart.firing + 2, resolved: amStart.resolved + 1 });
    } finally {
      await fourth.close();
    }
  }, 120_000);
});
