/**
 * Browser test of the alarm workflow and the notification settings (issue 15), in web mode on the embedded
 * simulated cluster (Debian Chromium via playwright-core; skipped without it, a failure under CI=true). A critical
 * service is stopped through Control Center's API; in Alert Central a person sees who they act as (the backend's
 * OS user, never sent by the page), acknowledges the alarm with a comment until a preset time, reads it in the
 * alarm's journal, adds a note, unacknowledges it, silences it for a duration they choose, edits and ends the
 * silence, makes maintenance windows (a weekly one on a node in a chosen time zone, a one-off on the cluster in
 * force now), edits and deletes one, clears the alarm with a comment and finds who cleared it in the history. Then
 * the Notifications tab: SMTP with authentication against a real SMTP server (the smtp-server package) and an
 * alert action's recipients, "Send a test" (the mail arrives with the login used), a webhook with a bearer token
 * against a local HTTP server ("Send a test" reaches it with the token), save and apply, the notification log.
 * Every tab and dialog is photographed at 1280x800 in English and Chinese (IMP_SHOTS_DIR, default /tmp/shots/) and
 * no text spills out of its box.
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../shared/model/cluster.js';
import type { AlarmHistoryEntry, AlarmRecord, MaintenanceWindow, Silence } from '../../shared/model/alert.js';
import type { NotificationLogEntry } from '../../shared/model/notifications.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { overflowing } from './pageOverflow.js';
import { apiCall, CHROMIUM_TOOL, openView, startE2eSession, type E2eSession } from './webModeHarness.js';

const WAIT_MS = 120_000;
const TEST_MS = 300_000;
const SHOTS = `${(process.env.IMP_SHOTS_DIR || '/tmp/shots').replace(/\/$/, '')}/`;
const STOPPED = 'Cisco XCP Router';
const SMTP_USER = 'rtmt';
const SMTP_PASSWORD = 'smtp-pw-4e1b';
const WEBHOOK_TOKEN = 'hook-token-91c2';

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Text cut or spilling out of its box in Alert Central (an ellipsis with a title is fine). */
const cut = (page: Page): Promise<string[]> => overflowing(page, '.app-main', { selector: '.panel, button, .tag, th, h1, h2, h3, label, legend, .dialog', wrapping: ['LABEL', 'H2', 'H3', 'LEGEND'], titleExplains: true });

async function tab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

// Without Chromium: skipped, and a failure naming it under CI=true (test/helpers/requiredTools.ts).
describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('alarm workflow and notification settings in Chromium', () => {
  let s: E2eSession;
  let cluster: ClusterSummary;
  let node: string;
  let alarm: AlarmRecord;
  const operator = userInfo().username;
  const mails: { from: string; to: string[]; user: string; data: string }[] = [];
  const hooks: { auth: string; body: string }[] = [];
  const smtp = new SMTPServer({
    secure: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) cb(null, { user: SMTP_USER });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), user: String(session.user ?? ''), data: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  const webhook: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hooks.push({ auth: req.headers.authorization ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
    });
  });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    webhook.listen(0, '127.0.0.1');
    await once(webhook, 'listening');
    s = await startE2eSession({ width: 1280, height: 800 });
    const { page } = s;
    await waitUntil('a cluster', async () => (await apiCall<ClusterSummary[]>(page, 'clusters/list', [])).length > 0);
    cluster = (await apiCall<ClusterSummary[]>(page, 'clusters/list', [])).find((c) => c.id === 'sim') ?? (await apiCall<ClusterSummary[]>(page, 'clusters/list', []))[0]!;
    node = cluster.nodes.find((n) => n.role === 'imp-subscriber')?.name ?? cluster.nodes.find((n) => n.role !== 'cucm-publisher')!.name;
    await apiCall(page, 'nodes/controlService', [{ cluster: cluster.id, node, service: STOPPED, action: 'stop' }]);
    await waitUntil(`CriticalServiceDown for ${STOPPED}`, async () => (await apiCall<AlarmRecord[]>(page, 'alerts/listActive', [])).some((a) => a.ruleId === 'CriticalServiceDown' && a.node === node && a.instance === STOPPED));
    alarm = (await apiCall<AlarmRecord[]>(page, 'alerts/listActive', [])).find((a) => a.ruleId === 'CriticalServiceDown' && a.node === node && a.instance === STOPPED)!;
  }, TEST_MS);

  // A step that failed with its dialog open does not leave it over the next test's page.
  afterEach(async () => {
    if (s && (await s.page.getByRole('dialog').count()) > 0) await s.page.keyboard.press('Escape');
  });

  afterAll(async () => {
    await s?.dispose();
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise<void>((r) => webhook.close(() => r()));
  });

  it('acknowledge with a comment until a preset time, journal with a note, unacknowledge: the backend names who acted', async () => {
    const { page } = s;
    await openView(page, 'alerts');
    await expect.poll(() => page.locator('[data-testid="acting-as"]').textContent(), { timeout: WAIT_MS }).toBe(`You act as ${operator}`);
    const row = page.locator(`[data-testid="active-alarms"] tbody tr[data-key="${alarm.id}"]`);
    await row.waitFor({ timeout: WAIT_MS });
    await row.locator(`[data-testid="ack-${alarm.id}"]`).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-testid="ack-comment"]').fill('Looking at the XCP Router');
    await dialog.locator('[data-testid="ack-until"]').selectOption('4h');
    await page.screenshot({ path: `${SHOTS}alarm-ack-dialog-en.png` });
    expect(await cut(page)).toEqual([]);
    const before = Date.now();
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => row.textContent(), { timeout: WAIT_MS }).toMatch(new RegExp(`Acknowledged by ${operator}until `));
    const acked = (await apiCall<AlarmRecord[]>(page, 'alerts/listActive', [])).find((a) => a.id === alarm.id)!;
    expect(acked.ack).toMatchObject({ by: operator, comment: 'Looking at the XCP Router' });
    expect(acked.ack!.untilMs! - before).toBeGreaterThanOrEqual(4 * 3_600_000 - 1_000);
    expect(acked.ack!.untilMs! - Date.now()).toBeLessThanOrEqual(4 * 3_600_000);

    // The journal: raised, then the acknowledgement with who and the comment; a note is added.
    await row.locator('td').first().click();
    const journal = page.locator('[data-testid="journal-table"]');
    await expect.poll(() => journal.textContent(), { timeout: WAIT_MS }).toMatch(new RegExp(`Acknowledged${operator}Looking at the XCP Router`));
    await page.locator('[data-testid="journal-note"]').fill('Restarting the router after the config check');
    await page.locator('[data-testid="journal-add"]').click();
    await expect.poll(() => journal.textContent(), { timeout: WAIT_MS }).toMatch(new RegExp(`Note${operator}Restarting the router after the config check`));
    await page.locator('[data-testid="alarm-details"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}alarm-journal-en.png` });
    expect(await cut(page)).toEqual([]);

    await row.locator(`[data-testid="unack-${alarm.id}"]`).click();
    await page.getByRole('dialog').locator('[data-testid="unacknowledge-comment"]').fill('Handing over to the night shift');
    await page.getByRole('dialog').getByRole('button', { name: 'Unacknowledge' }).click();
    await expect.poll(() => row.textContent(), { timeout: WAIT_MS }).toContain('Outstanding');
    await expect.poll(() => journal.textContent(), { timeout: WAIT_MS }).toMatch(new RegExp(`Unacknowledged${operator}Handing over to the night shift`));
    const entries = await apiCall<AlarmHistoryEntry[]>(page, 'alerts/journal', [alarm.id]);
    expect(entries.filter((e) => e.event !== 'occurred').map((e) => [e.event, e.by ?? ''])).toEqual([
      ['raised', ''],
      ['acknowledged', operator],
      ['note', operator],
      ['unacknowledged', operator],
    ]);
    expect(entries.map((e) => e.atMs)).toEqual([...entries.map((e) => e.atMs)].sort((a, b) => a - b));
  }, TEST_MS);

  it('a silence with the matchers of the alarm for a duration chosen, edited, then ended', async () => {
    const { page } = s;
    const row = page.locator(`[data-testid="active-alarms"] tbody tr[data-key="${alarm.id}"]`);
    await row.locator(`[data-testid="silence-${alarm.id}"]`).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('[data-testid="silence-matcher-node"]').inputValue()).toBe(node);
    expect(await dialog.locator('[data-testid="silence-matcher-ruleId"]').inputValue()).toBe('CriticalServiceDown');
    await dialog.locator('[data-testid="silence-duration"]').fill('90');
    await dialog.locator('[data-testid="silence-comment"]').fill('Router maintenance');
    await page.screenshot({ path: `${SHOTS}alarm-silence-dialog-en.png` });
    expect(await cut(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save silence' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.textContent(), { timeout: WAIT_MS }).toMatch(/silenced until/);
    const made = (await apiCall<Silence[]>(page, 'alerts/listSilences', [])).find((x) => x.comment === 'Router maintenance')!;
    expect(made.createdBy).toBe(operator);
    expect(made.endsAt - made.startsAt).toBe(90 * 60_000);
    expect(made.matchers).toEqual(expect.arrayContaining([{ field: 'node', op: '=', value: node }, { field: 'ruleId', op: '=', value: 'CriticalServiceDown' }]));

    await tab(page, /^Silences$/);
    const silenceRow = page.locator(`[data-testid="silences"] tbody tr[data-key="${made.id}"]`);
    await expect.poll(() => silenceRow.textContent(), { timeout: WAIT_MS }).toMatch(new RegExp(`Active.*${operator}.*Router maintenance`));
    await silenceRow.locator(`[data-testid="edit-silence-${made.id}"]`).click();
    await page.getByRole('dialog').locator('[data-testid="silence-duration-preset"]').selectOption('240');
    await page.getByRole('dialog').locator('[data-testid="silence-comment"]').fill('Router maintenance, longer');
    await page.getByRole('dialog').getByRole('button', { name: 'Save silence' }).click();
    await expect.poll(() => silenceRow.textContent(), { timeout: WAIT_MS }).toContain('Router maintenance, longer');
    const edited = (await apiCall<Silence[]>(page, 'alerts/listSilences', [])).find((x) => x.id === made.id)!;
    expect(edited.endsAt - Date.now()).toBeGreaterThan(239 * 60_000);
    expect(edited.endsAt - Date.now()).toBeLessThanOrEqual(240 * 60_000);
    await page.screenshot({ path: `${SHOTS}alarm-silences-en.png` });
    expect(await cut(page)).toEqual([]);
    await silenceRow.locator(`[data-testid="expire-${made.id}"]`).click();
    await expect.poll(() => silenceRow.textContent(), { timeout: WAIT_MS }).toMatch(/Ended/);
  }, TEST_MS);

  it('maintenance windows: weekly on a node in a time zone, once on the cluster in force now; edited and deleted', async () => {
    const { page } = s;
    await tab(page, /^Maintenance$/);
    await page.locator('[data-testid="maint-new"]').click();
    let dialog = page.getByRole('dialog');
    await dialog.locator('[data-testid="maint-cluster"]').selectOption(cluster.id);
    await dialog.locator('[data-testid="maint-node"]').selectOption(node);
    await dialog.locator('[data-testid="maint-weekly"]').check();
    await dialog.locator('[data-testid="maint-day-0"]').uncheck();
    await dialog.locator('[data-testid="maint-day-2"]').check();
    await dialog.locator('[data-testid="maint-day-4"]').check();
    await dialog.locator('[data-testid="maint-time"]').fill('23:30');
    await dialog.locator('[data-testid="maint-duration"]').fill('150');
    await dialog.locator('[data-testid="maint-tz"]').fill('Asia/Shanghai');
    await dialog.locator('[data-testid="maint-comment"]').fill('Weekly patching');
    await page.screenshot({ path: `${SHOTS}alarm-maintenance-dialog-en.png` });
    expect(await cut(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await apiCall<MaintenanceWindow[]>(page, 'alerts/listMaintenance', [])).length, { timeout: WAIT_MS }).toBe(1);
    const weekly = (await apiCall<MaintenanceWindow[]>(page, 'alerts/listMaintenance', []))[0]!;
    expect(weekly).toMatchObject({ cluster: cluster.id, node, comment: 'Weekly patching', createdBy: operator, source: 'app', schedule: { kind: 'weekly', days: [2, 4], startMinute: 23 * 60 + 30, durationMinutes: 150, timeZone: 'Asia/Shanghai' } });
    const weeklyRow = page.locator(`[data-testid="maintenance-table"] tbody tr[data-key="${weekly.id}"]`);
    await expect.poll(() => weeklyRow.textContent(), { timeout: WAIT_MS }).toMatch(/(Next start|In force until) .*Tue, Thu 23:30 for 2 hr, 30 min \(Asia\/Shanghai\)Weekly patching/);

    // A one-off window on the whole cluster that is in force now.
    await page.locator('[data-testid="maint-new"]').click();
    dialog = page.getByRole('dialog');
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = (ms: number) => {
      const d = new Date(ms);
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    };
    const startInput = await page.evaluate(() => Date.now());
    await dialog.locator('[data-testid="maint-start"]').fill(local(startInput - 10 * 60_000));
    await dialog.locator('[data-testid="maint-end"]').fill(local(startInput + 60 * 60_000));
    await dialog.locator('[data-testid="maint-comment"]').fill('Cluster upgrade');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await apiCall<MaintenanceWindow[]>(page, 'alerts/listMaintenance', [])).length, { timeout: WAIT_MS }).toBe(2);
    const once = (await apiCall<MaintenanceWindow[]>(page, 'alerts/listMaintenance', [])).find((w) => w.comment === 'Cluster upgrade')!;
    expect(once.node).toBeUndefined();
    const onceRow = page.locator(`[data-testid="maintenance-table"] tbody tr[data-key="${once.id}"]`);
    await expect.poll(() => onceRow.textContent(), { timeout: WAIT_MS }).toMatch(/^In force until .*All nodes of the cluster/);
    await page.screenshot({ path: `${SHOTS}alarm-maintenance-en.png` });
    expect(await cut(page)).toEqual([]);

    // Edit the weekly one (Sundays only), then delete the one-off after a confirmation.
    await weeklyRow.locator(`[data-testid="maint-edit-${weekly.id}"]`).click();
    dialog = page.getByRole('dialog');
    expect(await dialog.locator('[data-testid="maint-tz"]').inputValue()).toBe('Asia/Shanghai');
    await dialog.locator('[data-testid="maint-day-2"]').uncheck();
    await dialog.locator('[data-testid="maint-day-4"]').uncheck();
    await dialog.locator('[data-testid="maint-day-0"]').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => weeklyRow.textContent(), { timeout: WAIT_MS }).toContain('Sun 23:30');
    const after = (await apiCall<MaintenanceWindow[]>(page, 'alerts/listMaintenance', [])).find((w) => w.id === weekly.id)!;
    expect(after).toMatchObject({ schedule: { days: [0] }, updatedBy: operator });
    await onceRow.locator(`[data-testid="maint-delete-${once.id}"]`).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(async () => (await apiCall<MaintenanceWindow[]>(page, 'alerts/listMaintenance', [])).map((w) => w.id), { timeout: WAIT_MS }).toEqual([weekly.id]);
  }, TEST_MS);

  it('clear with a comment; the history says who cleared it and when', async () => {
    const { page } = s;
    await tab(page, /^Active alarms$/);
    const row = page.locator(`[data-testid="active-alarms"] tbody tr[data-key="${alarm.id}"]`);
    await row.locator(`[data-testid="clear-${alarm.id}"]`).click();
    await page.getByRole('dialog').locator('[data-testid="clear-comment"]').fill('Router restarted by hand');
    await page.screenshot({ path: `${SHOTS}alarm-clear-dialog-en.png` });
    await page.getByRole('dialog').getByRole('button', { name: 'Clear' }).click();
    await row.waitFor({ state: 'detached', timeout: WAIT_MS });
    await tab(page, /^Alert history$/);
    await page.getByRole('button', { name: 'Apply' }).click();
    const historyRow = page.locator(`[data-testid="alarm-history"] tbody tr[data-key="${alarm.id}"]`);
    await expect.poll(() => historyRow.textContent(), { timeout: WAIT_MS }).toContain(`Cleared: ${operator}`);
    await historyRow.locator('td').first().click();
    await expect.poll(() => page.locator('[data-testid="journal-table"]').textContent(), { timeout: WAIT_MS }).toMatch(new RegExp(`Cleared${operator}Router restarted by hand`));
    await page.screenshot({ path: `${SHOTS}alarm-history-en.png` });
    expect(await cut(page)).toEqual([]);
  }, TEST_MS);

  it('notification settings: SMTP with authentication and a webhook with a token, each "Send a test" reaching a real server; saved and applied; the log', async () => {
    const { page } = s;
    await tab(page, /^Notifications$/);
    const form = page.locator('[data-testid="notify-form"]');
    await form.waitFor({ timeout: WAIT_MS });
    if (!(await form.locator('[data-testid="notify-smtp-on"]').isChecked())) await form.locator('[data-testid="notify-smtp-on"]').check();
    await form.locator('[data-testid="notify-smtp-host"]').fill('127.0.0.1');
    await form.locator('[data-testid="notify-smtp-port"]').fill(String((smtp.server.address() as AddressInfo).port));
    await form.locator('[data-testid="notify-smtp-from"]').fill('imp-monitor@example.com');
    await form.locator('[data-testid="notify-smtp-user"]').fill(SMTP_USER);
    await form.locator('[data-testid="notify-smtp-password"]').fill(SMTP_PASSWORD);
    await form.locator('[data-testid="notify-action-0-add-recipient"]').click();
    await form.locator('[data-testid="notify-action-0-recipient-0"]').fill('noc@example.com');
    await form.locator('[data-testid="notify-action-0-add-recipient"]').click();
    await form.locator('[data-testid="notify-action-0-recipient-1"]').fill('off@example.com');
    await form.locator('[data-testid="notify-action-0-recipient-1-enabled"]').uncheck();
    await form.locator('[data-testid="notify-webhook-url"]').fill(`http://127.0.0.1:${(webhook.address() as AddressInfo).port}/imp`);
    await form.locator('[data-testid="notify-webhook-token"]').fill(WEBHOOK_TOKEN);

    // "Send a test" with the form as it is (not saved yet): a real mail through the SMTP server, with the login.
    await form.locator('[data-testid="test-email-send"]').click();
    await expect.poll(() => form.locator('[data-testid="test-email-result"]').textContent(), { timeout: WAIT_MS }).toMatch(/^Sent to noc@example\.com in \d+ ms\.$/);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ from: 'imp-monitor@example.com', to: ['noc@example.com'], user: SMTP_USER });
    await form.locator('[data-testid="test-webhook-send"]').click();
    await expect.poll(() => form.locator('[data-testid="test-webhook-result"]').textContent(), { timeout: WAIT_MS }).toMatch(/^Sent to .*\/imp in \d+ ms\.$/);
    expect(hooks.at(-1)?.auth).toBe(`Bearer ${WEBHOOK_TOKEN}`);

    await form.locator('[data-testid="notify-save"]').click();
    await expect.poll(() => form.locator('[data-testid="notify-saved"]').count(), { timeout: WAIT_MS }).toBe(1);
    // Main keeps the secrets: the form says one is stored, never shows it.
    await expect.poll(() => form.locator('[data-testid="notify-smtp-password"]').getAttribute('placeholder'), { timeout: WAIT_MS }).toBe('stored: leave empty to keep it');
    expect(await form.locator('[data-testid="notify-smtp-password"]').inputValue()).toBe('');
    expect(await page.content()).not.toContain(SMTP_PASSWORD);
    expect(await page.content()).not.toContain(WEBHOOK_TOKEN);
    await expect.poll(() => page.locator('[data-testid="notify-active"]').textContent(), { timeout: WAIT_MS }).toMatch(/email.*webhook|webhook.*email/);

    // A test with the saved settings (the secret stored, not typed) still logs in.
    await form.locator('[data-testid="test-email-send"]').click();
    await waitUntil('the second test mail', async () => mails.length === 2);
    expect(mails[1]).toMatchObject({ to: ['noc@example.com'], user: SMTP_USER });

    await page.locator('[data-testid="notify-log-refresh"]').click();
    await expect.poll(async () => (await apiCall<NotificationLogEntry[]>(page, 'notifications/log', [50])).filter((e) => e.reason === 'test').length, { timeout: WAIT_MS }).toBeGreaterThanOrEqual(3);
    await expect.poll(() => page.locator('[data-testid="notify-log"] tbody tr').count(), { timeout: WAIT_MS }).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${SHOTS}notifications-log-en.png` });
    expect(await cut(page)).toEqual([]);
    for (const part of ['smtp', 'actions', 'webhook'] as const) {
      await page.locator(`[data-testid="notify-${part}"]`).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}notifications-${part}-en.png` });
    }
  }, TEST_MS);

  it('Chinese: every tab and dialog photographed at 1280x800 with no text cut', async () => {
    const { page, close } = await s.openPage({ language: 'zh', width: 1280, height: 800 });
    try {
      await openView(page, 'alerts');
      await expect.poll(() => page.locator('[data-testid="acting-as"]').textContent(), { timeout: WAIT_MS }).toBe(`当前操作员：${operator}`);
      const first = page.locator('[data-testid="active-alarms"] tbody tr').first();
      await first.waitFor({ timeout: WAIT_MS });
      await page.screenshot({ path: `${SHOTS}alarm-active-zh.png` });
      expect(await cut(page)).toEqual([]);
      await first.locator('button[data-testid^="ack-"], button[data-testid^="unack-"]').first().click();
      await page.getByRole('dialog').waitFor();
      await page.screenshot({ path: `${SHOTS}alarm-ack-dialog-zh.png` });
      expect(await cut(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await first.locator('td').first().click();
      await page.locator('[data-testid="alarm-journal"]').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}alarm-journal-zh.png` });
      expect(await cut(page)).toEqual([]);
      for (const [name, file] of [[/^静默$/, 'alarm-silences-zh'], [/^维护时段$/, 'alarm-maintenance-zh'], [/^警报历史记录$/, 'alarm-history-zh'], [/^通知$/, 'notifications-zh']] as const) {
        await tab(page, name);
        await page.locator('.app-main .panel').first().waitFor();
        await page.screenshot({ path: `${SHOTS}${file}.png` });
        expect(await cut(page), file).toEqual([]);
      }
      for (const part of ['actions', 'webhook'] as const) {
        await page.locator(`[data-testid="notify-${part}"]`).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SHOTS}notifications-${part}-zh.png` });
      }
      await tab(page, /^静默$/);
      await page.locator('[data-testid="silence-new"]').click();
      await page.screenshot({ path: `${SHOTS}alarm-silence-dialog-zh.png` });
      expect(await cut(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await tab(page, /^维护时段$/);
      await page.locator('[data-testid="maint-new"]').click();
      await page.getByRole('dialog').locator('[data-testid="maint-weekly"]').check();
      await page.screenshot({ path: `${SHOTS}alarm-maintenance-dialog-zh.png` });
      expect(await cut(page)).toEqual([]);
      await page.keyboard.press('Escape');
    } finally {
      await close();
    }
  }, TEST_MS);
});
