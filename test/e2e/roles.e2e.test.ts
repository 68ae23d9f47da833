/**
 * Browser test of named operators and roles (issue 16) against a real server (main/core/server/serverMode.ts through
 * test/helpers/serverHarness.ts, the built UI, the embedded simulated cluster; Debian Chromium via playwright-core).
 * While the server has no admin the login page shows the setup command line and refuses logins. Then: a viewer sees
 * the acknowledge button disabled with the reason and no Operators tab; an operator acknowledges an alarm through
 * the dialog and the row names the operator (never sent by the page); five wrong passwords lock an account and the
 * sixth try, with the right password, says until when; an admin unlocks it in the Operators tab, adds an operator
 * through the form, disables it while that operator is logged in elsewhere (whose page returns to the login page,
 * the session ended) and enables it again, reads the entries in the audit log (the operator's acknowledgement, the viewer's refusal, the
 * lockout) and verifies the chain; a logout returns to the login page. Screenshots at 1280x800 in English and
 * Chinese (IMP_SHOTS_DIR, default /tmp/shots/) of the login page, the top bar, the audit log and the operators, and
 * no text spills out of its box.
 */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/model/audit.js';
import type { AlarmRecord } from '../../shared/model/alert.js';
import type { ClusterSummary } from '../../shared/model/cluster.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { addOperator, call, CURL_TOOL, loginToken, startTestServer, type TestServer } from '../helpers/serverHarness.js';
import { overflowing } from './pageOverflow.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_TOOL, ensureRendererBuilt, openAppPage, openView, RENDERER_DIR, type E2ePage } from './webModeHarness.js';

const WAIT_MS = 120_000;
const TEST_MS = 300_000;
const SHOTS = `${(process.env.IMP_SHOTS_DIR || '/tmp/shots').replace(/\/$/, '')}/`;
const STOPPED = 'Cisco XCP Router';
const PASSWORDS = { ada: 'ada-admin-pass-1', otto: 'otto-operator-2', vera: 'vera-viewer-pw-3', pat: 'pat-new-operator-4' } as const;

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Text cut or spilling out of its box (an ellipsis with a title is fine). */
const cut = (page: Page, root = '.app-main'): Promise<string[]> =>
  overflowing(page, root, { selector: '.panel, button, .tag, th, h1, h2, label, .dialog, .banner', wrapping: ['LABEL', 'H2'], titleExplains: true });

async function logIn(page: Page, name: string, password: string): Promise<void> {
  await page.locator('[data-testid="login-name"]').fill(name);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.locator('[data-testid="login-submit"]').click();
}

describe.skipIf(skipWithoutTools([CHROMIUM_TOOL, CURL_TOOL]))('operators, roles and the audit log in Chromium against a server', () => {
  let server: TestServer;
  let browser: Browser;
  let alarm: AlarmRecord;
  const pages: E2ePage[] = [];
  const open = async (language: 'en' | 'zh' = 'en'): Promise<Page> => {
    const p = await openAppPage(browser, server.url, { language, width: 1280, height: 800 });
    pages.push(p);
    return p.page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureRendererBuilt();
    server = await startTestServer({ rendererDir: RENDERER_DIR, backendOptions: { intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 } });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  }, TEST_MS);

  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => undefined);
    await browser?.close();
    await server?.dispose();
  });

  it('without an admin the login page shows the setup command and a login is refused', async () => {
    for (const language of ['en', 'zh'] as const) {
      const page = await open(language);
      const setup = page.locator('[data-testid="login-setup"]');
      await setup.waitFor({ timeout: WAIT_MS });
      expect(await setup.textContent()).toContain('operators add --name admin --role admin --password-env IMP_ADMIN_PASSWORD');
      await logIn(page, 'nobody', 'whatever-password');
      await page.locator('[data-testid="login-error"]').waitFor();
      await page.screenshot({ path: `${SHOTS}login-no-admin-${language}.png` });
      expect(await cut(page, '.login-screen')).toEqual([]);
    }
    // The operators this test needs (the service does what `imp operators add` does; tested with the CLI elsewhere).
    await addOperator(server, { name: 'ada', role: 'admin', password: PASSWORDS.ada });
    await addOperator(server, { name: 'otto', role: 'operator', password: PASSWORDS.otto });
    await addOperator(server, { name: 'vera', role: 'viewer', password: PASSWORDS.vera });
    // An alarm to act on: a critical service stopped on the simulated cluster (as the admin, through the API).
    const admin = await loginToken(server.url, 'ada', PASSWORDS.ada);
    let clusters: ClusterSummary[] = [];
    await waitUntil('a cluster', async () => {
      const r = await call<ClusterSummary[]>(server.url, admin, 'clusters', 'list');
      clusters = r.result.ok ? r.result.value : [];
      return clusters.length > 0;
    });
    const cluster = clusters[0]!;
    const node = cluster.nodes.find((n) => n.role === 'imp-subscriber')?.name ?? cluster.nodes.find((n) => n.role !== 'cucm-publisher')!.name;
    const stop = await call(server.url, admin, 'nodes', 'controlService', [{ cluster: cluster.id, node, service: STOPPED, action: 'stop' }]);
    expect(stop.result.ok).toBe(true);
    await waitUntil(`CriticalServiceDown for ${STOPPED}`, async () => {
      const r = await call<AlarmRecord[]>(server.url, admin, 'alerts', 'listActive');
      const found = r.result.ok ? r.result.value.find((a) => a.ruleId === 'CriticalServiceDown' && a.node === node && a.instance === STOPPED) : undefined;
      if (found) alarm = found;
      return found !== undefined;
    });
    await call(server.url, admin, 'session', 'logout');
  }, TEST_MS);

  it('a viewer sees the acknowledge button disabled with the reason and has no Operators tab', async () => {
    const page = await open('en');
    await logIn(page, 'vera', PASSWORDS.vera);
    await expect.poll(() => page.locator('[data-testid="session-who"]').textContent(), { timeout: WAIT_MS }).toBe('vera · viewer');
    await openView(page, 'alerts');
    const ack = page.locator(`[data-testid="ack-${alarm.id}"]`);
    await ack.waitFor({ timeout: WAIT_MS });
    expect(await ack.isDisabled()).toBe(true);
    expect(await ack.getAttribute('title')).toBe('Needs the operator role; you are a viewer.');
    expect(await page.locator('[data-testid="role-note"]').first().textContent()).toContain('Needs the operator role; you are a viewer.');
    expect(await page.locator(`[data-testid="clear-${alarm.id}"]`).isDisabled()).toBe(true);
    await page.screenshot({ path: `${SHOTS}roles-viewer-alerts-en.png` });
    expect(await cut(page)).toEqual([]);
    // The server refuses the call anyway (a page is not trusted), and audits the refusal under the viewer's name.
    const refused = await page.evaluate(async (id) => {
      const r = await fetch('/api/alerts/acknowledge', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify([id, { comment: 'not mine to do' }]), credentials: 'same-origin' });
      return (await r.json()) as { ok: boolean; error?: { code: string } };
    }, alarm.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });
    await openView(page, 'audit');
    await page.locator('[data-testid="audit-table"]').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('[data-testid="audit-tab-operators"]').count()).toBe(0);
    // Control Center's service buttons are the admin's.
    await openView(page, 'control');
    await page.locator('[data-testid="role-note"]').first().waitFor({ timeout: WAIT_MS });
    expect(await page.locator('[data-testid="role-note"]').first().textContent()).toContain('Needs the admin role; you are a viewer.');
  }, TEST_MS);

  it('an operator acknowledges through the dialog and the alarm names the operator', async () => {
    const page = await open('en');
    await logIn(page, 'otto', PASSWORDS.otto);
    await expect.poll(() => page.locator('[data-testid="session-who"]').textContent(), { timeout: WAIT_MS }).toBe('otto · operator');
    await page.screenshot({ path: `${SHOTS}roles-topbar-operator-en.png`, clip: { x: 0, y: 0, width: 1280, height: 56 } });
    await openView(page, 'alerts');
    const row = page.locator(`[data-testid="active-alarms"] tbody tr[data-key="${alarm.id}"]`);
    await row.waitFor({ timeout: WAIT_MS });
    await row.locator(`[data-testid="ack-${alarm.id}"]`).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('[data-testid="ack-comment"]').fill('On it');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => row.textContent(), { timeout: WAIT_MS }).toMatch(/Acknowledged by otto/);
    // Rules are the admin's: their buttons are disabled for an operator.
    expect(await page.locator(`[data-testid="unack-${alarm.id}"]`).isDisabled()).toBe(false);
  }, TEST_MS);

  it('five wrong passwords lock an account; the sixth try says until when', async () => {
    const page = await open('en');
    for (let i = 0; i < 5; i++) {
      await logIn(page, 'vera', `wrong-password-${i}`);
      await expect.poll(() => page.locator('[data-testid="login-error"]').textContent(), { timeout: WAIT_MS }).toMatch(/Wrong operator name or password|locked/);
    }
    await logIn(page, 'vera', PASSWORDS.vera);
    await expect.poll(() => page.locator('[data-testid="login-error"]').textContent(), { timeout: WAIT_MS }).toMatch(/This account is locked until \d{1,2}:\d{2}/);
    await page.screenshot({ path: `${SHOTS}login-locked-en.png` });
    expect(await cut(page, '.login-screen')).toEqual([]);
  }, TEST_MS);

  it('an admin unlocks, adds an operator, reads the audit log and verifies the chain (English and Chinese)', async () => {
    const page = await open('en');
    await logIn(page, 'ada', PASSWORDS.ada);
    await expect.poll(() => page.locator('[data-testid="session-who"]').textContent(), { timeout: WAIT_MS }).toBe('ada · admin');
    await openView(page, 'audit');
    await page.locator('[data-testid="audit-tab-operators"]').click();
    const table = page.locator('[data-testid="ops-table"]');
    await table.waitFor({ timeout: WAIT_MS });
    const vera = table.locator('tr[data-operator="vera"]');
    expect(await vera.locator('[data-testid="ops-state"]').textContent()).toMatch(/locked until/);
    await vera.locator('[data-testid="ops-unlock"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.locator('[data-testid="ops-outcome"]').textContent(), { timeout: WAIT_MS }).toBe('vera unlocked.');
    await expect.poll(() => vera.locator('[data-testid="ops-state"]').textContent(), { timeout: WAIT_MS }).toBe('active');

    // Add an operator through the form: a short password is refused in the form, then the right one is accepted.
    await page.locator('[data-testid="ops-add"]').click();
    const form = page.locator('[data-testid="ops-form"]');
    await form.locator('[data-testid="ops-form-name"]').fill('pat');
    await form.locator('[data-testid="ops-form-role"]').selectOption('operator');
    await form.locator('[data-testid="ops-form-password"]').fill('short');
    await form.locator('[data-testid="ops-form-again"]').fill('short');
    await form.locator('[data-testid="ops-form-submit"]').click();
    expect(await form.locator('[data-testid="ops-form-error"]').textContent()).toBe('The new password needs at least 10 characters.');
    await form.locator('[data-testid="ops-form-password"]').fill(PASSWORDS.pat);
    await form.locator('[data-testid="ops-form-again"]').fill(PASSWORDS.pat);
    await page.screenshot({ path: `${SHOTS}operators-add-en.png` });
    await form.locator('[data-testid="ops-form-submit"]').click();
    expect(await page.locator('[data-testid="ops-confirm-text"]').textContent()).toBe('Add pat as operator?');
    await page.getByRole('dialog').getByRole('button', { name: 'Add operator' }).click();
    await table.locator('tr[data-operator="pat"]').waitFor({ timeout: WAIT_MS });
    await page.screenshot({ path: `${SHOTS}operators-en.png` });
    expect(await cut(page)).toEqual([]);
    // The new operator logs in in another browser; the admin disables the account: pat's next call answers
    // AUTH_REQUIRED and pat's page is back at the login page saying the session ended.
    const patPage = await open('en');
    await logIn(patPage, 'pat', PASSWORDS.pat);
    await expect.poll(() => patPage.locator('[data-testid="session-who"]').textContent(), { timeout: WAIT_MS }).toBe('pat · operator');
    await table.locator('tr[data-operator="pat"] [data-testid="ops-disable"]').click();
    expect(await page.locator('[data-testid="ops-confirm-text"]').textContent()).toMatch(/^Disable pat\?/);
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await expect.poll(() => table.locator('tr[data-operator="pat"] [data-testid="ops-state"]').textContent(), { timeout: WAIT_MS }).toBe('disabled');
    await patPage.locator('nav [data-view="audit"]').click();
    await patPage.locator('[data-testid="login-expired"]').waitFor({ timeout: WAIT_MS });
    await table.locator('tr[data-operator="pat"] [data-testid="ops-enable"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Enable' }).click();
    await expect.poll(() => table.locator('tr[data-operator="pat"] [data-testid="ops-state"]').textContent(), { timeout: WAIT_MS }).toBe('active');

    // The audit log: the operator's acknowledgement, the viewer's refusal, the lockout, the admin's changes.
    await page.locator('[data-testid="audit-tab-log"]').click();
    const entries = page.locator('[data-testid="audit-entry"]');
    await entries.first().waitFor({ timeout: WAIT_MS });
    const rows = async (): Promise<string[]> => entries.evaluateAll((els) => els.map((e) => (e as unknown as { textContent: string }).textContent));
    const all = await rows();
    expect(all.some((r) => /otto · operator.*Acknowledge alarm.*ok/.test(r))).toBe(true);
    expect(all.some((r) => /vera · viewer.*Acknowledge alarm.*refused/.test(r))).toBe(true);
    expect(all.some((r) => /Account locked/.test(r))).toBe(true);
    expect(all.some((r) => /ada · admin.*Add operator.*pat.*ok/.test(r))).toBe(true);
    expect(all.some((r) => /ada · admin.*Disable \/ enable operator.*pat.*ok/.test(r))).toBe(true);
    // The same from the API: who is recorded is the session's operator.
    const admin = await loginToken(server.url, 'ada', PASSWORDS.ada);
    const listed = await call<AuditEntry[]>(server.url, admin, 'audit', 'list', [{ action: 'alerts.acknowledge' }]);
    expect(listed.result.ok && listed.result.value.map((e) => `${e.operator}:${e.result}`)).toEqual(expect.arrayContaining(['otto:ok', 'vera:refused']));
    // Filter by result, expand an entry's parameters.
    await page.locator('[data-testid="audit-result"]').selectOption('refused');
    await page.locator('[data-testid="audit-apply"]').click();
    await expect.poll(async () => (await rows()).every((r) => /refused/.test(r)), { timeout: WAIT_MS }).toBe(true);
    await entries.first().locator('button.audit-expand').click();
    await entries.first().locator('.audit-details').waitFor();
    await page.locator('[data-testid="audit-verify"]').click();
    await expect.poll(() => page.locator('[data-testid="audit-verify-result"]').textContent(), { timeout: WAIT_MS }).toMatch(/Chain verified: \d+ entries/);
    await page.screenshot({ path: `${SHOTS}audit-en.png` });
    expect(await cut(page)).toEqual([]);

    // Chinese: the same views.
    await page.locator('[data-testid="language-picker"]').selectOption('zh');
    await page.locator('[data-testid="audit-result"]').selectOption('');
    await page.locator('[data-testid="audit-apply"]').click();
    await page.locator('[data-testid="audit-verify"]').click();
    await expect.poll(() => page.locator('[data-testid="audit-verify-result"]').textContent(), { timeout: WAIT_MS }).toMatch(/链校验通过/);
    await page.screenshot({ path: `${SHOTS}audit-zh.png` });
    expect(await cut(page)).toEqual([]);
    await page.locator('[data-testid="audit-tab-operators"]').click();
    await table.waitFor({ timeout: WAIT_MS });
    await page.screenshot({ path: `${SHOTS}operators-zh.png` });
    expect(await cut(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}roles-topbar-admin-zh.png`, clip: { x: 0, y: 0, width: 1280, height: 56 } });
    await page.locator('[data-testid="change-password"]').click();
    await page.locator('[data-testid="password-dialog"]').waitFor();
    await page.screenshot({ path: `${SHOTS}change-password-zh.png` });
    await page.keyboard.press('Escape');

    // Log out: back to the login page, which says so.
    await page.locator('[data-testid="logout"]').click();
    await page.locator('[data-testid="login-form"]').waitFor({ timeout: WAIT_MS });
    await page.screenshot({ path: `${SHOTS}login-zh.png` });
    expect(await cut(page, '.login-screen')).toEqual([]);
  }, TEST_MS);
});
