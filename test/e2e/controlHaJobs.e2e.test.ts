/**
 * Browser tests of Control Center, the PRG (HA) view and Job Status (issue 10), in web mode on the simulated
 * cluster (Debian Chromium via playwright-core; skipped without it, a failure under CI=true). Restarting Cisco
 * XCP Router in Control Center shows the steps the job observes and the final result with its dependants; the
 * HA page shows replication in words, why each button is disabled and an action for every state, in English
 * and Chinese; Job Status words job titles, kinds and results per language. Screenshots of the three views in
 * both languages and both themes go to /tmp/shots/h3/ (IMP_SHOTS_DIR names another folder).
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus, PrgStatus } from '../../shared/model/views.js';
import { MESSAGES_EN, MESSAGES_ZH } from '../../renderer/i18n/messages.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { apiCall, CHROMIUM_TOOL, openView, startE2eSession, type E2ePage, type E2eSession } from './webModeHarness.js';

const WAIT_MS = 90_000;
const SHOTS = process.env.IMP_SHOTS_DIR || '/tmp/shots/h3/';
const DEPENDANTS = ['Cisco XCP Connection Manager', 'Cisco XCP Web Connection Manager', 'Cisco XCP Text Conference Manager', 'Cisco XCP File Transfer Manager', 'Cisco XCP Authentication Service'];

describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('Control Center, HA and Job Status in the browser', () => {
  let s: E2eSession;
  const pages: E2ePage[] = [];
  const open = async (language: 'en' | 'zh', theme: 'dark' | 'light' = 'dark') => {
    const p = await s.openPage({ language, theme });
    pages.push(p);
    return p;
  };
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startE2eSession();
  }, 180_000);
  afterAll(async () => {
    const errors = pages.flatMap((p) => p.consoleErrors);
    for (const p of pages) await p.close();
    await s?.dispose();
    expect(errors, 'browser console errors').toEqual([]);
  });

  it('restarting Cisco XCP Router in Control Center shows the observed steps, the dependants coming back and the result', async () => {
    const { page } = await open('en');
    await openView(page, 'control');
    // Filter by node: only imp-sub1 is listed.
    await page.getByTestId('control-node-filter').selectOption('imp-sub1');
    await expect.poll(() => page.locator('[data-testid^="control-"]:not([data-testid="control-node-filter"])').count(), { timeout: WAIT_MS }).toBe(1);
    const row = page.getByTestId('control-imp-sub1').getByTestId('service-Cisco XCP Router');
    await expect.poll(() => row.getAttribute('data-status'), { timeout: WAIT_MS }).toBe('Started');
    await row.getByRole('button', { name: 'Restart', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restart' }).click();
    const progress = page.getByTestId('control-imp-sub1').getByTestId('job-progress');
    await progress.waitFor({ timeout: WAIT_MS });
    // While it runs: steps, not a percentage.
    await expect.poll(() => progress.locator('[data-step="stopping"], [data-step="stopped"]').count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
    expect(await progress.locator('[role="progressbar"]').count()).toBe(0);
    await expect.poll(() => progress.locator('[data-step="dependants"][data-step-state="active"]').count(), { timeout: WAIT_MS }).toBeGreaterThan(0);
    await progress.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}control-restart-running-en-dark.png`, fullPage: false });
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: WAIT_MS }).toBe('succeeded');
    const steps = await progress.locator('[data-step]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-step-state')}`));
    expect(steps).toEqual(expect.arrayContaining(['requested:done', 'stopped:done', 'started:done', 'dependants:done', 'dependantsBack:done', 'verified:done']));
    const message = await progress.getByTestId('job-message').textContent();
    for (const d of DEPENDANTS) expect(message).toContain(d);
    await expect(progress.getByTestId('job-note').textContent()).resolves.toMatch(/restarts the XCP feature services that depend on it/);
    // Read back: every dependant is Started in the table.
    for (const d of DEPENDANTS) await expect.poll(() => page.getByTestId('control-imp-sub1').getByTestId(`service-${d}`).getAttribute('data-status'), { timeout: WAIT_MS }).toBe('Started');
    await progress.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}control-restart-done-en-dark.png`, fullPage: false });

    // A stopped service shows how long it has been stopped.
    const amc = page.getByTestId('control-imp-sub1').getByTestId('service-Cisco AMC Service');
    await amc.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => amc.getAttribute('data-status'), { timeout: WAIT_MS }).toBe('Stopped');
    await expect.poll(() => amc.getByTestId('stopped-since').getAttribute('title'), { timeout: WAIT_MS }).toMatch(/^Stopped (at least )?since /);
    await amc.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}control-stopped-since-en-dark.png`, fullPage: false });
    await amc.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => amc.getAttribute('data-status'), { timeout: WAIT_MS }).toBe('Started');
  }, 240_000);

  it('the HA page words replication, says why each disabled button is disabled and shows an action, in English and Chinese', async () => {
    for (const language of ['en', 'zh'] as const) {
      const M = language === 'zh' ? MESSAGES_ZH : MESSAGES_EN;
      const { page } = await open(language);
      await openView(page, 'ha');
      const groups = await apiCall<PrgStatus[]>(page, 'ha/groups', ['sim']);
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) {
        const card = page.getByTestId(`prg-${g.name}`);
        await card.waitFor({ timeout: WAIT_MS });
        // Replication in words, never a bare number.
        await expect.poll(async () => (await card.getByTestId('ha-replication').allTextContents()).every((x) => !/^\d+$/.test(x.trim()) && x.trim() !== ''), { timeout: WAIT_MS }).toBe(true);
        await expect.poll(() => card.getByTestId('ha-replication').first().textContent(), { timeout: WAIT_MS }).toBe(M['ha.repl.2']);
        // An action for the state (Table 4 row, or the rows it leads to).
        await expect(card.getByTestId('ha-recommended').count()).resolves.toBe(1);
        // Every disabled button says why, in the page's language.
        const disabled = card.locator('button[disabled][data-testid]');
        const n = await disabled.count();
        expect(n).toBeGreaterThan(0);
        for (let i = 0; i < n; i++) {
          const id = await disabled.nth(i).getAttribute('data-testid');
          // The button points at its reason, and the reason's line under the buttons names it.
          expect(await disabled.nth(i).getAttribute('aria-describedby')).toBe(`${id}-why`);
          const line = card.getByTestId(`${id}-why`).locator('xpath=ancestor::li[1]');
          const why = (await line.textContent()) ?? '';
          expect(why.length, `${id} has a reason`).toBeGreaterThan(3);
          expect((await disabled.nth(i).getAttribute('title')) ?? '', `${id} reason`).not.toBe('');
        }
        if (g.allowed.recover === false && g.disabledReasons?.recover?.key === 'recoverNeedsFailedMode') await expect(card.getByTestId(`recover-${g.name}`).getAttribute('title')).resolves.toBe(M['haDisabled.recoverNeedsFailedMode']);
      }
      for (const theme of ['dark', 'light'] as const) {
        const shot = theme === 'dark' ? page : (await open(language, 'light')).page;
        if (theme === 'light') {
          await openView(shot, 'ha');
          await shot.getByTestId(`prg-${groups[0]!.name}`).getByTestId('ha-recommended').waitFor({ timeout: WAIT_MS });
        }
        await shot.screenshot({ path: `${SHOTS}ha-${language}-${theme}.png`, fullPage: true });
        await openView(shot, 'control');
        await shot.getByTestId('control-imp-sub1').waitFor({ timeout: WAIT_MS });
        await shot.screenshot({ path: `${SHOTS}control-${language}-${theme}.png`, fullPage: false });
        await openView(shot, 'jobs');
        await shot.getByTestId('jobs-table').waitFor({ timeout: WAIT_MS });
        await shot.screenshot({ path: `${SHOTS}jobs-${language}-${theme}.png`, fullPage: true });
      }
    }
  }, 240_000);

  it('Job Status words job titles, kinds and results in Chinese', async () => {
    const { page } = await open('zh');
    const jobs = await apiCall<JobStatus[]>(page, 'jobs/list', []);
    const restart = jobs.find((j) => j.titleText?.key === 'service.title.restart');
    expect(restart, 'the restart job of the first test').toBeDefined();
    await openView(page, 'jobs');
    const row = page.getByTestId(`job-${restart!.id}`);
    await row.waitFor({ timeout: WAIT_MS });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('在 imp-sub1 上重新启动 Cisco XCP Router');
    expect(text).toContain(MESSAGES_ZH['jobs.kind.service']);
    expect(text).toContain(MESSAGES_ZH['job.succeeded']);
    expect(text).toContain('依赖它的服务已重新启动');
    expect(text).toContain(MESSAGES_ZH['jobStep.dependants']);
    expect(text).not.toContain('Restart Cisco XCP Router on');
    expect(text).not.toContain('Dependent services');
  }, 120_000);

  it('a failover shows the pair heading to its states, users moved against the assigned users, and a running job with no CLI transcript', async () => {
    const { page } = await open('en');
    await openView(page, 'ha');
    // Let the PRG view see the pair Normal with its JSM counters (the assigned users).
    await expect.poll(async () => (await apiCall<PrgStatus[]>(page, 'ha/groups', ['sim'])).find((g) => g.name === 'Subcluster-2')?.nodes.every((n) => (n.composedSessions ?? 0) > 0), { timeout: WAIT_MS }).toBe(true);
    const card = page.getByTestId('prg-Subcluster-2');
    const button = card.locator('button[data-testid^="failover-"]:not([disabled])').first();
    await button.waitFor({ timeout: WAIT_MS });
    await button.click();
    await page.getByRole('dialog').getByRole('button', { name: 'Failover' }).click();
    await card.getByTestId('ha-heading').first().waitFor({ timeout: WAIT_MS });
    await card.getByTestId('ha-users-moved').waitFor({ timeout: WAIT_MS });
    const total = Number(await card.getByTestId('ha-users-moved').getAttribute('data-total'));
    expect(total).toBeGreaterThan(0);
    // Users arrive during Taking Over: the count moves before the pair settles.
    await expect.poll(async () => Number(await card.getByTestId('ha-users-moved').getAttribute('data-moved')), { timeout: WAIT_MS }).toBeGreaterThan(0);
    await expect(card.locator('[data-testid="ha-state"]').allTextContents()).resolves.toEqual(expect.arrayContaining(['Taking Over']));
    const progress = card.getByTestId('job-progress');
    await expect(progress.getAttribute('data-state')).resolves.toBe('running');
    await expect(progress.textContent()).resolves.not.toMatch(/yes\/no|continue\?/i);
    // Buttons say the pair is in transition (or a command runs).
    const why = await card.locator('[data-testid="disabled-reason"]').allTextContents();
    expect(why.length).toBeGreaterThan(0);
    expect(why.every((w) => /in transition|command is running/.test(w))).toBe(true);
    await expect(card.getByTestId('ha-recommended').textContent()).resolves.toMatch(/failover/i);
    await page.screenshot({ path: `${SHOTS}ha-failover-running-en-dark.png`, fullPage: true });
    await card.screenshot({ path: `${SHOTS}ha-failover-group-en-dark.png` });
    const zh = await open('zh', 'light');
    await openView(zh.page, 'ha');
    await zh.page.getByTestId('prg-Subcluster-2').getByTestId('ha-users-moved').waitFor({ timeout: WAIT_MS });
    await zh.page.screenshot({ path: `${SHOTS}ha-failover-running-zh-light.png`, fullPage: true });
    await zh.page.getByTestId('prg-Subcluster-2').screenshot({ path: `${SHOTS}ha-failover-group-zh-light.png` });
  }, 240_000);
});
