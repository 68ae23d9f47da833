/**
 * Trace download on alert, seen from Alert Central (Chromium, web mode on the simulated cluster, English and
 * Chinese): a custom rule with "Enable Trace Download" fires on two nodes; with one download a day, one alarm's
 * details show its collected bundle ("Trace bundle: <path>") and the other's say why it was skipped; "Open in Local
 * Browse" shows that bundle highlighted in Trace & Log Central's Local Browse. Screenshots of the details go to
 * /tmp/shots/h6/ (IMP_SHOTS_DIR names another folder). IMP_E2E_RENDERER_DIR serves another build than dist/renderer.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord, AlarmTraceDownload, AlertRule } from '../../shared/model/alert.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import { startWebMode, type WebMode } from '../../main/core/transport/webMode.js';
import { MESSAGES_EN, MESSAGES_ZH } from '../../renderer/i18n/messages.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { until } from '../helpers/until.js';
import { apiCall, CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_TOOL, ensureRendererBuilt, openAppPage, openView, RENDERER_DIR } from './webModeHarness.js';

const WAIT_MS = 120_000;
const SHOTS = join(process.env.IMP_SHOTS_DIR || '/tmp/shots/', 'h6');
const MESSAGES = { en: MESSAGES_EN, zh: MESSAGES_ZH } as const;

describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('Alert Central: an alarm links to its trace bundle', () => {
  let web: WebMode;
  let browser: Browser;
  let stateDir: string;
  let page0: Page;
  let collected: AlarmTraceDownload;
  let skipped: AlarmTraceDownload;
  const consoleErrors: string[] = [];

  const open = async (language: 'en' | 'zh'): Promise<Page> =>
    (await openAppPage(browser, web.server.url, { language, theme: 'dark', width: 1280, height: 1000, consoleErrors })).page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    if (!process.env.IMP_E2E_RENDERER_DIR) ensureRendererBuilt();
    stateDir = mkdtempSync(join(tmpdir(), 'imp-e2e-alarm-trace-'));
    const backend = await createBackend({ transport: 'web', stateDir, simBasePort: 0, scenario: null, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
    try {
      web = await startWebMode({ backend, rendererDir: process.env.IMP_E2E_RENDERER_DIR || RENDERER_DIR, port: 0 });
    } catch (err) {
      await backend.dispose();
      throw err;
    }
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    page0 = await open('en');
    // Breaches at once (CPU over -1) on imp-pub and imp-sub1; one trace download a day for the rule.
    const rule = await apiCall<AlertRule>(page0, 'alerts/saveRule', [
      {
        name: 'E2E trace on alert',
        condition: { kind: 'threshold', metric: { object: 'Processor', instance: '_Total', counter: '% CPU Time' }, direction: 'over', threshold: -1 },
        emailEnabled: false,
        disabledNodes: ['cucm-pub', 'imp-sub2', 'imp-sub3'],
        traceDownload: { serviceLogs: ['Cisco XCP Router'], systemLogs: ['Event Viewer-Application Log'], lastMinutes: 60, maxPerDay: 1 },
      },
    ]);
    const alarms = await until('the rule to fire on both nodes', async () => {
      const mine = (await apiCall<AlarmRecord[]>(page0, 'alerts/listActive', [])).filter((a) => a.ruleId === rule.id);
      return mine.length === 2 ? mine : undefined;
    }, WAIT_MS);
    const links = await until('both downloads to settle', async () => {
      const all = (await Promise.all(alarms.map((a) => apiCall<AlarmTraceDownload[]>(page0, 'traces/alarmTraces', [a.id])))).flat();
      return all.length === 2 && all.every((l) => l.state !== 'running') ? all : undefined;
    }, WAIT_MS);
    collected = links.find((l) => l.state === 'completed')!;
    skipped = links.find((l) => l.state === 'skipped')!;
    expect(collected?.bundlePath).toBeDefined();
    expect(skipped?.reason).toMatch(/limit 1 per day/);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await web?.dispose();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  for (const language of ['en', 'zh'] as const) {
    it(`shows the bundle or why it was skipped in the alarm's details, and opens the bundle in Local Browse (${language})`, async () => {
      const M = MESSAGES[language];
      const page = await open(language);
      try {
        await openView(page, 'alerts');
        const details = page.getByTestId('alarm-details');
        const row = (id: string) => page.locator(`[data-testid="active-alarms"] tr[data-key="${id}"] td`).first();

        // The skipped one: its state and the rule's reason.
        await row(skipped.alarmId).click({ timeout: WAIT_MS });
        await details.waitFor();
        expect(await details.getByTestId('alarm-trace-state').textContent()).toBe(M['alerts.traceDownload.state.skipped']);
        expect(await details.getByTestId('alarm-trace-reason').textContent()).toBe(M['alerts.traceDownload.skipped'].replace('{reason}', skipped.reason!));
        expect(await details.getByTestId('alarm-trace-open').count()).toBe(0);
        await details.screenshot({ path: join(SHOTS, `alarm-trace-skipped-${language}.png`) });

        // The collected one: "Trace bundle: <path>", collected.
        await row(collected.alarmId).click();
        await expect.poll(() => details.getByTestId('alarm-trace-state').textContent()).toBe(M['alerts.traceDownload.state.completed']);
        expect(await details.getByTestId('alarm-trace-bundle').textContent()).toBe(M['alerts.traceDownload.bundle'].replace('{path}', collected.bundlePath!));
        await details.screenshot({ path: join(SHOTS, `alarm-trace-collected-${language}.png`) });
        await page.screenshot({ path: join(SHOTS, `alert-central-details-${language}.png`), fullPage: true });

        // Open: Trace & Log Central, Local Browse, the bundle's row highlighted with its entries open.
        await details.getByRole('button', { name: M['alerts.traceDownload.open'] }).click();
        await page.getByTestId('view-traces').waitFor();
        const bundleRow = page.locator(`[data-testid="trace-bundle"][data-path="${collected.bundlePath}"]`);
        await bundleRow.waitFor({ timeout: WAIT_MS });
        expect(await bundleRow.getAttribute('class')).toContain('trace-highlight');
        expect(await page.getByTestId('trace-local-dir').inputValue()).toBe(collected.bundlePath!.slice(0, collected.bundlePath!.lastIndexOf('/')));
        expect(await bundleRow.textContent()).toContain(collected.node);
        await page.screenshot({ path: join(SHOTS, `local-browse-from-alarm-${language}.png`), fullPage: true });
      } finally {
        await page.context().close();
      }
    }, 180_000);
  }

  it('logged no browser error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
