import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../main/core/backend/createBackend.js';
import { NOTIFICATION_SETTINGS_FILE } from '../../main/core/notify/notificationSettings.js';
import type { Backend } from '../../main/core/transport/backend.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.js';
import { until } from '../helpers/until.js';

// The whole path in the app: a settings file in the state dir, the backend reads it at start and attaches the
// pipeline; a critical service stopped on the simulated cluster (over its real endpoints) becomes an e-mail
// received by a real SMTP server (smtp-server) with login; the password comes from the environment.
const PASSWORD = 'pw-from-env-7f3a';
const ENV = 'IMP_TEST_SMTP_PASSWORD';

describe('backend notifications from the settings file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imp-notify-'));
  let smtp: SmtpSink | undefined;
  let backend: Backend | undefined;
  const warn = vi.spyOn(console, 'warn');

  afterAll(async () => {
    await backend?.dispose();
    await smtp?.close();
    delete process.env[ENV];
    warn.mockRestore();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a service stopped through Control Center raises CriticalServiceDown and mails the enabled recipients', async () => {
    smtp = await startSmtpSink({ user: 'rtmt', password: PASSWORD });
    process.env[ENV] = PASSWORD;
    writeFileSync(join(dir, NOTIFICATION_SETTINGS_FILE), JSON.stringify({
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'imp-monitor@example.com', user: 'rtmt', password: { env: ENV } },
      alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }, { address: 'off@example.com', enabled: false }] }],
      groupWaitSeconds: 0,
      // A change in a group already notified is mailed at once (Alertmanager group_interval; default 5 min).
      groupIntervalSeconds: 0,
    }));
    backend = await createBackend({ stateDir: dir, simBasePort: 0, scenario: null, speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 1000 });
    const api = backend.api;
    await until('imp-sub2 services polled', async () => ((await api.nodes.services('sim', 'imp-sub2')).some((s) => s.name === 'Cisco XCP Web Connection Manager' && s.status === 'Started') ? true : undefined));
    const job = await api.nodes.controlService({ cluster: 'sim', node: 'imp-sub2', service: 'Cisco XCP Web Connection Manager', action: 'stop' });
    await until('the stop job', async () => (await api.jobs.list()).find((j) => j.id === job.id && j.state !== 'running'));

    const mail = await until('the CriticalServiceDown mail', () => smtp!.mails.find((m) => m.data.includes('CriticalServiceDown on imp-sub2')));
    expect(mail.to).toEqual(['noc@example.com']);
    const head = mail.data.split('\r\n\r\n')[0]!.replace(/\r\n[ \t]+/g, ' ');
    expect(head).toMatch(/^Subject: \[IMP Monitor\] \[Critical\] CriticalServiceDown on imp-sub2 \(Cisco XCP Web Connection Manager\)$/m);
    expect(smtp!.logins.every((l) => l === 'rtmt')).toBe(true);
    expect(warn.mock.calls.flat().join('\n')).not.toContain(PASSWORD);
  }, 120_000);

  it('a silence made in the app holds back the mail of the alarms it matches, which are still raised and shown', async () => {
    const api = backend!.api;
    const now = Date.now();
    const id = await api.alerts.silence({ matchers: { ruleId: 'CriticalServiceDown', cluster: 'sim', node: 'imp-sub1' }, startsAtMs: now, endsAtMs: now + 3_600_000, comment: 'maintenance' });
    expect((await api.alerts.listSilences()).map((s) => [s.id, s.source])).toContainEqual([id, 'app']);
    const stop = async (node: string): Promise<void> => {
      await until(`${node} services polled`, async () => ((await api.nodes.services('sim', node)).some((s) => s.name === 'Cisco XCP Web Connection Manager' && s.status === 'Started') ? true : undefined));
      const job = await api.nodes.controlService({ cluster: 'sim', node, service: 'Cisco XCP Web Connection Manager', action: 'stop' });
      await until(`the stop job on ${node}`, async () => (await api.jobs.list()).find((j) => j.id === job.id && j.state !== 'running'));
    };
    // The silenced node first: its alarm is raised (and would be mailed at once) before the other node's is.
    await stop('imp-sub1');
    await until('the silenced alarm in Alert Central', async () => (await api.alerts.listActive()).find((a) => a.ruleId === 'CriticalServiceDown' && a.node === 'imp-sub1'));
    await stop('imp-pub');
    await until('the mail of the node that is not silenced', () => smtp!.mails.find((m) => m.data.includes('CriticalServiceDown on imp-pub')));
    expect(smtp!.mails.filter((m) => m.data.includes('imp-sub1'))).toEqual([]);
    const ended = await api.alerts.expireSilence(id);
    expect(ended.endsAt).toBeLessThanOrEqual(Date.now());
  }, 150_000);
});
