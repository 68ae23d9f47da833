/**
 * The Performance view in Chromium on the simulated cluster (issue 10): counter descriptions shown, chart headings
 * naming the node, CPU % and sessions on two Y axes, a table polled every second, CSV export of a 24 h chart, and
 * a loaded layout moving the Node picker and showing in the Load-layout select. Screenshots of the view in English
 * and Chinese, dark and light, go to test/e2e/artifacts/ (and to $PERF_SHOTS_DIR when set).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { ARTIFACTS_DIR, CHROMIUM_TOOL, openView, startE2eSession, type E2ePage, type E2eSession } from './webModeHarness.js';

const WAIT_MS = 90_000;
const TEST_MS = 180_000;
const SHOTS = [ARTIFACTS_DIR, ...(process.env.PERF_SHOTS_DIR ? [process.env.PERF_SHOTS_DIR.replace(/\/?$/, '/')] : [])];

/** Picks a node, an object and a counter in the counter browser. */
async function pickCounter(page: Page, node: string, object: string, counter: string): Promise<void> {
  await page.locator('[data-testid="node-picker"]').selectOption(node);
  await page.locator('[data-testid="perf-objects"] li', { hasText: new RegExp(`^${object.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`) }).click();
  await page.locator('[data-testid="perf-counters"] li', { hasText: new RegExp(`^${counter.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`) }).click();
}

/** The counter description shown, once it is neither loading nor the empty dash ('' until then). */
async function descriptionText(page: Page): Promise<string> {
  const el = page.locator('[data-testid="counter-description"]');
  if ((await el.getAttribute('aria-busy')) === 'true') return '';
  const text = ((await el.textContent()) ?? '').trim();
  return /^(—|Loading…|正在加载…)$/.test(text) ? '' : text;
}

/** Builds a view with a two-unit chart and a 1 s table on imp-sub1. */
async function buildView(page: Page): Promise<void> {
  await openView(page, 'performance');
  await pickCounter(page, 'imp-sub1', 'Processor', '% CPU Time');
  await page.locator('[data-testid="add-chart"]').click();
  await pickCounter(page, 'imp-sub1', 'Cisco Presence Engine', 'ActiveJsmSessions');
  await page.locator('.counter-help button', { hasText: /Processor\\% CPU Time/ }).click();
  await pickCounter(page, 'imp-sub1', 'Memory', '% Mem Used');
  await page.locator('.counter-help button').last().click(); // Add to table
}

describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('Performance view in the browser', () => {
  let s: E2eSession;
  let p: E2ePage | undefined;
  beforeAll(async () => {
    s = await startE2eSession();
  }, 180_000);
  afterAll(async () => {
    await s?.dispose();
  });
  afterEach(async () => {
    // Leave the backend as found: removing the panels ends their watches (they would keep polling the node).
    const remove = p?.page.locator('[data-testid="remove-panel"]');
    for (let i = 0; remove && i < 20 && (await remove.count()) > 0; i++) await remove.first().click();
    const errors = [...(p?.consoleErrors ?? [])];
    await p?.close();
    p = undefined;
    expect(errors, 'browser console errors during this test').toEqual([]);
  });

  it('descriptions, node in headings, one axis per unit, a 1 s table, CSV of 24 h, and layouts that move the Node picker', async () => {
    p = await s.openPage({ language: 'en', theme: 'dark' });
    const { page } = p;
    await openView(page, 'performance');
    // The description comes from the node (perfmonQueryCounterDescription), not the empty dash.
    await pickCounter(page, 'imp-sub1', 'Processor', '% CPU Time');
    await expect.poll(() => descriptionText(page), { timeout: WAIT_MS }).toMatch(/\w{3,} \w{2,}/);

    await buildView(page);
    const chart = page.locator('[data-testid="perf-panel-chart"]');
    await expect(chart.locator('[data-testid="perf-panel-title"]').textContent()).resolves.toBe('imp-sub1 · Processor\\% CPU Time');
    // CPU % and sessions: two Y axes.
    await expect.poll(() => chart.locator('[data-testid="perf-chart"]').getAttribute('data-axes'), { timeout: WAIT_MS }).toBe('2');
    await expect.poll(() => chart.locator('.recharts-yAxis').count(), { timeout: WAIT_MS }).toBe(2);
    await expect.poll(async () => Number(await chart.locator('[data-testid="perf-chart"]').getAttribute('data-points')), { timeout: WAIT_MS }).toBeGreaterThan(0);
    // Reset zoom is not offered while no chart is zoomed. (A synthetic mouse drag on the recharts plot zoomed in one
    // fresh-clone run and not in the next, so zoom and reset are tested on the store: perfStore.test.ts.)
    await expect(page.locator('[data-testid="perf-reset-zoom"]').isDisabled()).resolves.toBe(true);

    // The table polls every second: the choice is offered and accepted (no error banner), and its value shows.
    const table = page.locator('[data-testid="perf-panel-table"]');
    await table.locator('[data-testid="poll-rate"]').selectOption('1');
    await expect(table.locator('[data-testid="poll-rate"]').inputValue()).resolves.toBe('1');
    await expect.poll(() => table.locator('td.mono').first().textContent(), { timeout: WAIT_MS }).toMatch(/\d/);
    await expect(page.locator('.banner-error, [role="alert"]').count()).resolves.toBe(0);

    // Export CSV of the 24 h range downloads the file (no VALIDATION banner).
    await page.locator('[data-testid="perf-range"]').selectOption('24h');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT_MS }), chart.locator('[data-testid="export-csv"]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toContain('\\\\imp-sub1\\Processor(_Total)\\% CPU Time');
    expect(lines[0]).toContain('\\\\imp-sub1\\Cisco Presence Engine\\ActiveJsmSessions');
    expect(lines.length).toBeGreaterThan(1);
    await expect(page.locator('.banner-error, [role="alert"]').count()).resolves.toBe(0);

    // Save, move the picker elsewhere, load: the picker follows the layout's node and the select shows the layout.
    await page.locator('[data-testid="layout-name"]').fill('sub1 wall');
    await page.locator('[data-testid="save-layout"]').click();
    const loadSelect = page.locator('[data-testid="load-layout"]');
    await expect.poll(() => loadSelect.locator('option').allTextContents(), { timeout: WAIT_MS }).toContain('sub1 wall');
    await expect.poll(() => loadSelect.inputValue()).toBe('sub1 wall');
    await page.locator('[data-testid="node-picker"]').selectOption('imp-pub');
    await loadSelect.selectOption('sub1 wall');
    await expect.poll(() => page.locator('[data-testid="node-picker"]').inputValue(), { timeout: WAIT_MS }).toBe('imp-sub1');
    await expect.poll(() => loadSelect.inputValue()).toBe('sub1 wall');
    await expect.poll(() => page.locator('[data-testid="perf-panel-table"] [data-testid="poll-rate"]').inputValue(), { timeout: WAIT_MS }).toBe('1');
    await page.locator('[data-testid="delete-layout"]').click();
    await expect.poll(() => loadSelect.locator('option').allTextContents(), { timeout: WAIT_MS }).not.toContain('sub1 wall');
  }, TEST_MS);

  it('screenshots in English and Chinese, dark and light (one view, switched with the app\'s own controls)', async () => {
    p = await s.openPage({ language: 'en', theme: 'dark', width: 1440, height: 900 });
    const { page } = p;
    await buildView(page);
    await pickCounter(page, 'imp-sub1', 'Cisco Presence Engine', 'ActiveJsmSessions');
    await expect.poll(() => descriptionText(page), { timeout: WAIT_MS }).toMatch(/\w{3,} \w{2,}/);
    await expect.poll(async () => Number(await page.locator('[data-testid="perf-chart"]').first().getAttribute('data-points')), { timeout: WAIT_MS }).toBeGreaterThan(0);
    for (const language of ['en', 'zh'] as const) {
      await page.locator('[data-testid="language-picker"]').selectOption(language);
      for (const theme of ['dark', 'light'] as const) {
        // The theme the page shows: <html data-theme> (renderer/app/App.tsx).
        const shown = () => page.locator('html').getAttribute('data-theme');
        if ((await shown()) !== theme) await page.locator('[data-testid="theme-toggle"]').click();
        await expect.poll(shown).toBe(theme);
        for (const dir of SHOTS) {
          mkdirSync(dir, { recursive: true });
          await page.screenshot({ path: `${dir}performance-${language}-${theme}.png`, fullPage: true });
        }
      }
    }
  }, TEST_MS);
});
