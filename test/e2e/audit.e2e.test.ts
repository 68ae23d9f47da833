/**
 * Browser test of the audit log view (issue 16) against a real server (test/helpers/serverHarness.ts, the built UI;
 * Debian Chromium via playwright-core): an admin's changes are listed with a readable action, filtered by operator
 * and action, their parameters shown on expand (never a password); Export CSV downloads every match as RFC 4180
 * with a header; Verify chain says the chain holds, and after one entry is edited behind the server's back with
 * Debian's sqlite3 (the operator's name changed, as someone hiding their tracks would) it names that entry in red.
 * Screenshots at 1280x800 in English and Chinese (IMP_SHOTS_DIR, default /tmp/shots/).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../helpers/csvRows.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { addOperator, call, CURL_TOOL, loginToken, startTestServer, type TestServer } from '../helpers/serverHarness.js';
import { overflowing } from './pageOverflow.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_TOOL, ensureRendererBuilt, openAppPage, openView, RENDERER_DIR, type E2ePage } from './webModeHarness.js';

const WAIT_MS = 120_000;
const TEST_MS = 300_000;
const SHOTS = `${(process.env.IMP_SHOTS_DIR || '/tmp/shots').replace(/\/$/, '')}/`;
const SQLITE3_TOOL = { path: '/usr/bin/sqlite3', apt: 'sqlite3' } as const;
const ADMIN_PASSWORD = 'audit-admin-pass-1';

const cut = (page: Page): Promise<string[]> => overflowing(page, '.app-main', { selector: '.panel, button, .tag, th, h1, h2, label, .banner', wrapping: ['LABEL', 'H2'], titleExplains: true });

function sqlite(db: string, sql: string): Promise<string> {
  return new Promise((resolve, reject) => execFile(SQLITE3_TOOL.path, [db, sql], (err, out, errOut) => (err ? reject(new Error(`sqlite3: ${errOut || err.message}`)) : resolve(out))));
}

describe.skipIf(skipWithoutTools([CHROMIUM_TOOL, CURL_TOOL, SQLITE3_TOOL]))('the audit log view in Chromium against a server', () => {
  let server: TestServer;
  let browser: Browser;
  let view: E2ePage;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureRendererBuilt();
    server = await startTestServer({ rendererDir: RENDERER_DIR });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    await addOperator(server, { name: 'ada', role: 'admin', password: ADMIN_PASSWORD });
    // Changes to find in the log: two operators added, one's role changed (the admin, through the API).
    const token = await loginToken(server.url, 'ada', ADMIN_PASSWORD);
    for (const [name, role] of [['bob', 'operator'], ['cy', 'viewer']] as const) {
      expect((await call(server.url, token, 'operators', 'add', [{ name, role, password: `${name}-password-123` }])).result.ok).toBe(true);
    }
    expect((await call(server.url, token, 'operators', 'setRole', ['cy', 'operator'])).result.ok).toBe(true);
    view = await openAppPage(browser, server.url, { language: 'en', width: 1280, height: 800 });
    await view.page.locator('[data-testid="login-name"]').fill('ada');
    await view.page.locator('[data-testid="login-password"]').fill(ADMIN_PASSWORD);
    await view.page.locator('[data-testid="login-submit"]').click();
    await view.page.locator('[data-testid="session-who"]').waitFor({ timeout: WAIT_MS });
  }, TEST_MS);

  afterAll(async () => {
    await view?.close();
    await browser?.close();
    await server?.dispose();
  });

  it('lists, filters and expands entries; Export CSV has every match; Verify chain holds', async () => {
    const { page } = view;
    await openView(page, 'audit');
    const entries = page.locator('[data-testid="audit-entry"]');
    await entries.first().waitFor({ timeout: WAIT_MS });
    await page.locator('[data-testid="audit-action"]').selectOption('operators');
    await page.locator('[data-testid="audit-apply"]').click();
    await expect.poll(async () => entries.locator('[data-testid="audit-action-cell"]').allTextContents(), { timeout: WAIT_MS }).toEqual(expect.arrayContaining(['Add operator', 'Change role']));
    const actions = await entries.locator('[data-testid="audit-action-cell"]').evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-action')));
    expect(actions.every((a) => a?.startsWith('operators.'))).toBe(true);
    // The role change's parameters on expand; an add's password never appears.
    const roleRow = entries.filter({ hasText: 'Change role' }).first();
    await roleRow.locator('button.audit-expand').click();
    await expect.poll(() => roleRow.locator('.audit-details').textContent(), { timeout: WAIT_MS }).toMatch(/cy/);
    const addRow = entries.filter({ hasText: 'Add operator' }).first();
    await addRow.locator('button.audit-expand').click();
    expect(await addRow.locator('.audit-details').textContent()).not.toMatch(/-password-123/);
    await page.locator('[data-testid="audit-verify"]').click();
    await expect.poll(() => page.locator('[data-testid="audit-verify-result"]').textContent(), { timeout: WAIT_MS }).toMatch(/^✓ Chain verified: \d+ entries/);
    await page.screenshot({ path: `${SHOTS}audit-filtered-en.png` });
    expect(await cut(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="audit-export"]').click()]);
    const file = await download.path();
    const rows = parseCsv(readFileSync(file, 'utf8'));
    expect(rows.length).toBeGreaterThan(1);
    const body = rows.slice(1).map((r) => r.join(','));
    expect(body.filter((r) => r.includes('operators.add')).length).toBe(2);
    expect(body.some((r) => r.includes('-password-123'))).toBe(false);
  }, TEST_MS);

  it('an entry edited behind the server is named in red by Verify chain (English and Chinese)', async () => {
    const { page } = view;
    await sqlite(path.join(server.dataDir, 'history.db'), "UPDATE audit_log SET operator='mallory' WHERE seq=2");
    await page.locator('[data-testid="audit-action"]').selectOption('');
    await page.locator('[data-testid="audit-operator"]').fill('mallory');
    await page.locator('[data-testid="audit-apply"]').click();
    await expect.poll(() => page.locator('[data-testid="audit-operator-cell"]').allTextContents(), { timeout: WAIT_MS }).toEqual(['mallory']);
    await page.locator('[data-testid="audit-verify"]').click();
    const result = page.locator('[data-testid="audit-verify-result"]');
    await expect.poll(() => result.textContent(), { timeout: WAIT_MS }).toMatch(/^✗ Chain broken at entry 2: /);
    expect(await result.getAttribute('class')).toMatch(/banner-error/);
    await page.screenshot({ path: `${SHOTS}audit-broken-en.png` });
    expect(await cut(page)).toEqual([]);
    await page.locator('[data-testid="language-picker"]').selectOption('zh');
    await page.locator('[data-testid="audit-verify"]').click();
    await expect.poll(() => result.textContent(), { timeout: WAIT_MS }).toMatch(/^✗ 链在条目 2 处断开：/);
    await page.screenshot({ path: `${SHOTS}audit-broken-zh.png` });
    expect(await cut(page)).toEqual([]);
  }, TEST_MS);
});
