/**
 * Issue 16: "Alerts raised and mailed by the server with no browser open". A server on a data folder holding
 * notifications.json (a real SMTP server: smtp-server with login, the password from the environment) monitors the
 * embedded simulated cluster, whose scenario stops a critical service; CriticalServiceDown is raised and mailed while
 * nobody is connected (no WebSocket, no request), and the alarm is there for the first operator who logs in.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlarmRecord } from '../../shared/model/alert.js';
import { NOTIFICATION_SETTINGS_FILE } from '../../main/core/notify/notificationSettings.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { addOperator, call, CURL_TOOL, loginToken, startTestServer, type TestServer } from '../helpers/serverHarness.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtpSink.js';
import { until } from '../helpers/until.js';

const PASSWORD = 'smtp-pass-from-env-31c';
const ENV = 'IMP_TEST_SERVER_SMTP_PASSWORD';
const SERVICE = 'Cisco XCP Web Connection Manager';

describe.skipIf(skipWithoutTools(CURL_TOOL))('a server raises and mails alerts with no browser open', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imp-server-mail-'));
  let smtp: SmtpSink | undefined;
  let t: TestServer | undefined;

  afterAll(async () => {
    await t?.dispose();
    await smtp?.close();
    delete process.env[ENV];
    rmSync(dir, { recursive: true, force: true });
  });

  it('CriticalServiceDown from the simulated cluster is mailed while no client is connected', async () => {
    smtp = await startSmtpSink({ user: 'rtmt', password: PASSWORD });
    const { mails } = smtp;
    process.env[ENV] = PASSWORD;
    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(path.join(dataDir, NOTIFICATION_SETTINGS_FILE), JSON.stringify({
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'imp-monitor@example.com', user: 'rtmt', password: { env: ENV } },
      alertActions: [{ id: 'Default', recipients: [{ address: 'noc@example.com', enabled: true }] }],
      groupWaitSeconds: 0,
      groupIntervalSeconds: 0,
    }));
    // The cluster stops the service by itself (a scenario), a few virtual seconds after the start.
    const scenario = path.join(dir, 'stop-wcm.yaml');
    writeFileSync(scenario, `name: stop-wcm\nsteps:\n  - { at: 20s, action: stopService, node: imp-sub2, service: ${SERVICE} }\n`);
    t = await startTestServer({
      dataDir,
      embedded: { enabled: true, basePort: 0, scenario },
      backendOptions: { speed: 20, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 1000 },
    });

    const mail = await until('the CriticalServiceDown mail', () => mails.find((m) => m.data.includes('CriticalServiceDown on imp-sub2')), 120_000);
    // Nobody was connected: no push socket subscribed, and no operator exists yet to have logged in.
    expect(t.server.backend.events.subscriberCount).toBe(0);
    expect(t.server.backend.sessions!.hasAdmin()).toBe(false);
    expect(mail.to).toEqual(['noc@example.com']);
    expect(mail.subject).toBe('[IMP Monitor] [Critical] CriticalServiceDown on imp-sub2 (Cisco XCP Web Connection Manager)');

    // The first operator who logs in finds the alarm.
    await addOperator(t, { name: 'admin', role: 'admin', password: 'admin-pass-mail-1' });
    const token = await loginToken(t.url, 'admin', 'admin-pass-mail-1');
    const active = await call<AlarmRecord[]>(t.url, token, 'alerts', 'listActive');
    expect(active.result.ok && active.result.value.some((a) => a.ruleId === 'CriticalServiceDown' && a.node === 'imp-sub2' && a.instance === SERVICE)).toBe(true);
  }, 180_000);
});
