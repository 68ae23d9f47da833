/**
 * Browser test of Reports (issue 14), in web mode on the embedded simulated cluster (Debian Chromium via
 * playwright-core, skipped without it, a failure under CI=true). A person generates the IM and Presence User
 * Session Report (guide L7019-7045) and watches its progress, finds the run kept with its time stamp, opens a node's
 * "users logged in" to its users with their device types (L7043), downloads the CSV at node level and at user
 * level for that node (L7041, L7045) and finds in each the header and one row per node / per user of the report;
 * then runs the System Troubleshooter, which shows the guide's fifteen categories in its order (L11228-11243), each
 * with a result chip; with Cisco Sync Agent stopped its test fails with the guide's solution and fix location in
 * Chinese. Every tab is photographed at 1280x800 in English and Chinese (IMP_SHOTS_DIR, default
 * /tmp/shots/reports-*.png) and no text is cut or spills out of its box in either language.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary, ServiceStatusRow } from '../../shared/model/cluster.js';
import { REPORT_KINDS, TROUBLESHOOT_CATEGORIES, type Report, type SessionReport, type TroubleshootReport } from '../../shared/model/reports.js';
import { TROUBLESHOOT_CATEGORY_TITLES, troubleshootTestEntry } from '../../shared/reports/troubleshootCatalog.js';
import { MESSAGES_EN, MESSAGES_ZH } from '../../renderer/i18n/messages.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { overflowing } from './pageOverflow.js';
import { apiCall, CHROMIUM_TOOL, openView, startE2eSession, type E2ePage, type E2eSession } from './webModeHarness.js';
import { parseCsv } from '../helpers/csvRows.js';

const WAIT_MS = 240_000;

interface PageGlobal {
  readonly document: { readonly body: unknown; querySelector(selector: string): unknown };
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  repProgressSeen: boolean;
}
const SHOTS = process.env.IMP_SHOTS_DIR || '/tmp/shots/';

/** Elements of the Reports page whose text is cut or spills out of its box (an ellipsis with a title is fine). */
const overflowingReports = (page: Page): Promise<string[]> =>
  overflowing(page, '.rep-page', { selector: '.panel, button, .tag, .rep-chip, th, h2, h3, label, .big-number-label, .big-number-value, .rep-card', wrapping: ['LABEL', 'H2', 'H3'], titleExplains: true });

describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('Reports in the browser', () => {
  let s: E2eSession;
  const pages: E2ePage[] = [];
  const open = async (language: 'en' | 'zh') => {
    const p = await s.openPage({ language, theme: 'dark', width: 1280, height: 800 });
    pages.push(p);
    return p;
  };
  const tab = async (page: Page, id: string) => {
    await page.locator(`[data-testid="report-tab-${id}"]`).click();
    await page.locator(`[data-testid="report-panel-${id}"]`).waitFor();
  };
  /** Generates the tab's report and waits until the finished run is shown. */
  const generate = async (page: Page, kind: string) => {
    const before = await page.locator('[data-testid="report-runs"] li').count();
    await page.locator('[data-testid="report-generate"]').click();
    await page.locator('[data-testid="report-runs"] li').nth(before).waitFor({ timeout: WAIT_MS });
    await page.locator('[data-testid="report-runs"] li[data-state="running"]').waitFor({ state: 'detached', timeout: WAIT_MS });
    await page.locator(`[data-testid="report-${kind}"] [data-testid="report-shown"]`).waitFor({ timeout: WAIT_MS });
    await page.locator('[data-testid="report-shown"] .state-loading').waitFor({ state: 'detached', timeout: WAIT_MS });
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}reports-${name}.png` });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startE2eSession({ width: 1280, height: 800 });
  }, WAIT_MS);
  afterAll(async () => {
    for (const p of pages) await p.close();
    await s?.dispose();
  });

  it('generates the session report, drills down to a node\u2019s users and downloads both CSVs', async () => {
    const { page, consoleErrors } = await open('en');
    await openView(page, 'reports');
    await page.locator('nav [data-view="reports"]', { hasText: MESSAGES_EN['nav.reports'] }).waitFor();
    await page.locator('[data-testid="report-panel-sessions"]').waitFor();
    await page.getByText(MESSAGES_EN['reports.noRuns']).waitFor();

    // Progress is shown while it runs (the guide: "can take 2 minutes or longer").
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobal;
      w.repProgressSeen = false;
      new w.MutationObserver(() => {
        if (w.document.querySelector('[data-testid="report-progress"]')) w.repProgressSeen = true;
      }).observe(w.document.body, { subtree: true, childList: true });
    });
    await generate(page, 'sessions');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobal).repProgressSeen)).toBe(true);
    const run = page.locator('[data-testid="report-runs"] li').first();
    expect(await run.getAttribute('data-state')).toBe('done');
    expect((await run.locator('.rep-run-time').textContent())?.trim()).toMatch(/\d/);
    await page.locator('[data-testid="sessions-chart"] .recharts-bar-rectangle').first().waitFor({ timeout: WAIT_MS });

    // The report the page shows is the one the backend kept.
    const id = (await page.locator('[data-testid="report-shown"]').getAttribute('data-run'))!;
    const report = await apiCall<Report>(page, 'reports/get', [id]);
    const data = report.data as SessionReport;
    expect(data.kind).toBe('sessions');
    expect(data.nodes.length).toBeGreaterThan(0);
    for (const n of data.nodes) await page.locator(`[data-testid="sessions-node-${n.node}"]`).waitFor();
    await shot(page, 'sessions-en');

    // Drill down: the node with the most users logged in; its users with sessions and device types.
    const node = [...data.nodes].sort((a, b) => b.usersLoggedIn - a.usersLoggedIn)[0]!;
    expect(node.usersLoggedIn).toBeGreaterThan(0);
    const users = data.users.filter((u) => u.cluster === node.cluster && u.node === node.node);
    expect(users.length).toBe(node.usersLoggedIn);
    await page.locator(`[data-testid="sessions-users-${node.node}"]`).click();
    const table = page.locator('[data-testid="sessions-users-table"]');
    await table.waitFor();
    // Virtualised (a node can serve 15,000 users): only the rows in view are in the page; scrolled to the end,
    // the node's last user is there.
    const rendered = await table.locator('tbody tr[data-user]').count();
    expect(rendered).toBeGreaterThan(0);
    if (users.length > 100) expect(rendered).toBeLessThan(100);
    await page.locator('[data-testid="sessions-users-scroll"]').evaluate((el) => {
      (el as unknown as { scrollTop: number; scrollHeight: number }).scrollTop = (el as unknown as { scrollHeight: number }).scrollHeight;
    });
    await table.locator(`tr[data-user="${users[users.length - 1]!.userId}"]`).waitFor();
    await page.locator('[data-testid="sessions-users-scroll"]').evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    const first = users[0]!;
    const firstRow = table.locator(`tr[data-user="${first.userId}"]`);
    await firstRow.waitFor(); // back at the top: the virtualiser renders it on the scroll event
    expect(await firstRow.locator('.rep-device').allTextContents()).toEqual([...first.devices]);
    expect(await firstRow.locator('td').nth(2).getAttribute('title')).toBe(first.devices.join(', '));
    await shot(page, 'sessions-users-en');

    // CSV at node level (the level offered first): the header and one row per node.
    expect(await page.locator('[data-testid="report-csv-level"]').inputValue()).toBe('node');
    const [nodeCsv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="report-csv"]').click()]);
    const nodeRows = parseCsv(readFileSync((await nodeCsv.path())!, 'utf8'));
    expect(nodeRows[0]).toEqual(['cluster', 'group', 'node', 'usersLoggedIn', 'sessions', 'Desktop', 'iPhone', 'iPad', 'counterBefore', 'counterAfter']);
    expect(nodeRows.slice(1).map((r) => [r[2], Number(r[3]), Number(r[4])])).toEqual(data.nodes.map((n) => [n.node, n.usersLoggedIn, n.sessions]));
    // CSV at user level for that node: the header and one row per user logged in there.
    const [userCsv] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="sessions-csv-users"]').click()]);
    expect(userCsv.suggestedFilename()).toContain(node.node);
    const userRows = parseCsv(readFileSync((await userCsv.path())!, 'utf8'));
    expect(userRows[0]).toEqual(['cluster', 'group', 'node', 'userId', 'sessions', 'devices']);
    expect(userRows.length - 1).toBe(users.length);
    expect(new Set(userRows.slice(1).map((r) => r[2]))).toEqual(new Set([node.node]));
    expect(userRows.slice(1).map((r) => r[3])).toEqual(users.map((u) => u.userId));

    expect(await overflowingReports(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, WAIT_MS * 2);

  it('runs the System Troubleshooter: the guide\u2019s fifteen categories in its order, each with a result chip', async () => {
    const { page, consoleErrors } = await open('en');
    await openView(page, 'reports');
    await tab(page, 'troubleshoot');
    await generate(page, 'troubleshoot');
    const categories = page.locator('[data-testid^="troubleshoot-category-"]');
    await categories.first().waitFor();
    expect(await categories.evaluateAll((els) => els.map((e) => (e as unknown as { getAttribute(n: string): string }).getAttribute('data-testid')))).toEqual(TROUBLESHOOT_CATEGORIES.map((c) => `troubleshoot-category-${c}`));
    for (const c of TROUBLESHOOT_CATEGORIES) {
      const section = page.locator(`[data-testid="troubleshoot-category-${c}"]`);
      expect((await section.locator('h3').textContent())?.trim()).toBe(TROUBLESHOOT_CATEGORY_TITLES[c].en);
      expect(await section.locator('.panel-head .rep-chip').count()).toBe(1);
    }
    // Every test the backend ran is shown with its result chip, and "problems only" hides the passed ones.
    const tests = page.locator('.rep-test');
    const all = await tests.count();
    expect(all).toBeGreaterThan(0);
    const passed = await page.locator('.rep-test[data-result="passed"]').count();
    await page.locator('[data-testid="troubleshoot-problems-only"]').check();
    expect(await tests.count()).toBe(all - passed);
    await page.locator('[data-testid="troubleshoot-problems-only"]').uncheck();
    await shot(page, 'troubleshoot-en');
    expect(await overflowingReports(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, WAIT_MS * 2);

  it('a stopped Cisco Sync Agent: a failed test with the guide\u2019s solution and where to fix it, in Chinese; the dashboard says stopped', async () => {
    const { page, consoleErrors } = await open('zh');
    const cluster = (await apiCall<ClusterSummary[]>(page, 'clusters/list', []))[0]!;
    const publisher = cluster.nodes.find((n) => n.role === 'imp-publisher')!.name;
    const syncAgent = async () => (await apiCall<ServiceStatusRow[]>(page, 'nodes/services', [cluster.id, publisher])).find((x) => x.name === 'Cisco Sync Agent')?.status;
    await apiCall(page, 'nodes/controlService', [{ cluster: cluster.id, node: publisher, service: 'Cisco Sync Agent', action: 'stop' }]);
    try {
      for (let i = 0; i < 120 && (await syncAgent()) !== 'Stopped'; i++) await page.waitForTimeout(1000);
      expect(await syncAgent()).toBe('Stopped');
      await openView(page, 'reports');
      await tab(page, 'troubleshoot');
      await generate(page, 'troubleshoot');
      const id = (await page.locator('[data-testid="report-shown"]').getAttribute('data-run'))!;
      const failed = ((await apiCall<Report>(page, 'reports/get', [id])).data as TroubleshootReport).tests.filter((x) => x.category === 'sync-agent' && x.result === 'failed');
      expect(failed.length).toBeGreaterThan(0);
      const section = page.locator('[data-testid="troubleshoot-category-sync-agent"]');
      expect(await section.getAttribute('data-worst')).toBe('failed');
      expect((await section.locator('.panel-head .rep-chip').textContent())?.trim()).toBe(MESSAGES_ZH['reports.result.failed']);
      const row = section.locator(`.rep-test[data-test="${failed[0]!.test}"]`);
      const entry = troubleshootTestEntry('sync-agent', failed[0]!.test)!;
      expect((await row.locator('.rep-test-title').textContent())?.trim()).toBe(entry.title.zh);
      expect(await row.textContent()).toContain(entry.solution.zh);
      expect(await row.textContent()).toContain(entry.fixAt.zh);
      await page.locator('[data-testid="troubleshoot-problems-only"]').check();
      await section.scrollIntoViewIfNeeded();
      await shot(page, 'troubleshoot-failed-zh');
      expect(await overflowingReports(page)).toEqual([]);
      await tab(page, 'dashboard');
      await generate(page, 'dashboard');
      await page.locator('.rep-dash .rep-chip', { hasText: MESSAGES_ZH['reports.value.stopped'] }).waitFor();
      await shot(page, 'dashboard-stopped-zh');
      expect(consoleErrors).toEqual([]);
    } finally {
      await apiCall(page, 'nodes/controlService', [{ cluster: cluster.id, node: publisher, service: 'Cisco Sync Agent', action: 'start' }]);
    }
  }, WAIT_MS * 2);

  it('HA readiness in watch mode: regenerated every 20 s, only the latest watch run kept beside a kept run it compares with; leaving the tab stops it; the dashboard watches every 60 s', async () => {
    const { page, consoleErrors } = await open('en');
    await openView(page, 'reports');
    await tab(page, 'ha-readiness');
    // A run a person keeps ("before"), then Watch.
    await generate(page, 'ha-readiness');
    const keptId = (await page.locator('[data-testid="report-runs"] li').first().getAttribute('data-testid'))!.replace('report-run-', '');
    await page.locator('[data-testid="report-watch"]').check();
    // One watch run at once, marked as such; the next one 20 s later replaces it (only the latest watch run is kept).
    await page.locator('[data-testid="report-runs"] li[data-watch="true"][data-state="done"]').waitFor({ timeout: WAIT_MS });
    const doneWatch = page.locator('[data-testid="report-runs"] li[data-watch="true"][data-state="done"]').first();
    const first = (await doneWatch.getAttribute('data-testid'))!.replace('report-run-', '');
    expect(await doneWatch.locator('[data-testid="report-run-watch"]').textContent()).toBe(MESSAGES_EN['reports.watchRun']);
    await page.locator(`[data-testid="report-runs"] li[data-watch="true"][data-state="done"]:not([data-testid="report-run-${first}"])`).waitFor({ timeout: WAIT_MS });
    await page.locator(`[data-testid="report-run-${first}"]`).waitFor({ state: 'detached', timeout: WAIT_MS });
    const second = (await page.locator('[data-testid="report-runs"] li[data-watch="true"][data-state="done"]').first().getAttribute('data-testid'))!.replace('report-run-', '');
    await page.locator(`[data-testid="report-shown"][data-run="${second}"]`).waitFor({ timeout: WAIT_MS });
    // The kept run is still there, in the backend too, and the live run compares with it.
    await page.locator(`[data-testid="report-run-${keptId}"]`).waitFor();
    const listed = await apiCall<{ id: string; watch?: boolean }[]>(page, 'reports/runs', ['ha-readiness']);
    expect(listed.some((r) => r.id === keptId && !r.watch)).toBe(true);
    expect(listed.filter((r) => r.watch && r.id !== second).every((r) => (r as { state?: string }).state === 'running')).toBe(true);
    await page.locator('[data-testid="report-compare"]').selectOption(keptId);
    await page.locator('[data-testid="report-compare-view"]').waitFor();
    // Leaving the tab unmounts the timer: no new watch run starts (read again after the interval).
    await tab(page, 'sessions');
    // The watch run in flight when the tab was left may still finish (and replace the previous one): wait for it.
    for (let i = 0; i < WAIT_MS / 1000; i++) {
      if (!(await apiCall<{ state: string }[]>(page, 'reports/runs', ['ha-readiness'])).some((r) => r.state === 'running')) break;
      await page.waitForTimeout(1000);
    }
    const ids = (await apiCall<{ id: string }[]>(page, 'reports/runs', ['ha-readiness'])).map((r) => r.id);
    await page.waitForTimeout(25_000);
    expect((await apiCall<{ id: string }[]>(page, 'reports/runs', ['ha-readiness'])).map((r) => r.id)).toEqual(ids);
    // The System Dashboard watches too (a wall screen), every 60 s: ticking Watch generates at once.
    await tab(page, 'dashboard');
    expect((await page.locator('label.rep-watch').textContent())?.trim()).toBe(MESSAGES_EN['reports.watch'].replace('{seconds}', '60'));
    await page.locator('[data-testid="report-watch"]').check();
    await page.locator('[data-testid="report-runs"] li[data-watch="true"][data-state="done"]').waitFor({ timeout: WAIT_MS });
    await tab(page, 'sessions');
    expect(consoleErrors).toEqual([]);
  }, WAIT_MS * 2);

  it('every tab in English and Chinese: generated, photographed, no cut text', async () => {
    for (const language of ['en', 'zh'] as const) {
      const { page, consoleErrors } = await open(language);
      const words = language === 'zh' ? MESSAGES_ZH : MESSAGES_EN;
      await openView(page, 'reports');
      await page.locator('nav [data-view="reports"]', { hasText: words['nav.reports'] }).waitFor();
      for (const kind of REPORT_KINDS) {
        await tab(page, kind);
        // English generates each kind once; Chinese shows the kept runs (and generates what is missing).
        if (language === 'en' || (await page.locator('[data-testid="report-runs"] li').count()) === 0) await generate(page, kind);
        await page.locator('[data-testid="report-shown"]').waitFor({ timeout: WAIT_MS });
        await page.locator('[data-testid="report-shown"] .state-loading').waitFor({ state: 'detached', timeout: WAIT_MS });
        await shot(page, `${kind}-${language}`);
        expect(await overflowingReports(page), `${kind} in ${language}`).toEqual([]);
        // The kept run's summary is worded in the UI language from its figures (Chinese has no Latin words left).
        const summary = (await page.locator('[data-testid="report-runs"] li[data-state="done"] .rep-run-summary').first().textContent()) ?? '';
        if (language === 'zh') expect(summary, kind).toMatch(/^[\d,\s\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+$/);
        else expect(summary, kind).toMatch(/^\d/);
      }
      // Two runs of a kind compare side by side.
      await tab(page, 'sessions');
      if ((await page.locator('[data-testid="report-runs"] li').count()) < 2) await generate(page, 'sessions');
      await page.locator('[data-testid="report-compare"]').selectOption({ index: 1 });
      await page.locator('[data-testid="report-compare-view"]').waitFor();
      await page.locator('[data-testid="report-compare-view"] .state-loading').waitFor({ state: 'detached', timeout: WAIT_MS });
      await shot(page, `compare-${language}`);
      expect(await overflowingReports(page), `compare in ${language}`).toEqual([]);
      await tab(page, 'find-user');
      await page.locator('[data-testid="find-user-query"]').fill('user000');
      await page.locator('[data-testid="find-user-search"]').click();
      await page.locator('[data-testid="find-user-results"]').waitFor({ timeout: WAIT_MS });
      // The last column lists the devices a user is logged in from (device chips, not a count).
      expect((await page.locator('[data-testid="find-user-table"] th').last().textContent())?.trim()).toBe(words['reports.find.devices']);
      await shot(page, `find-user-${language}`);
      expect(await overflowingReports(page), `find a user in ${language}`).toEqual([]);
      expect(consoleErrors).toEqual([]);
    }
  }, WAIT_MS * 6);
});
