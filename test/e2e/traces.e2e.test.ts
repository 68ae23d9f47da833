/**
 * Browser test of Trace & Log Central's Collect Files (issue 12), in web mode on the embedded simulated cluster
 * (Debian Chromium via playwright-core; skipped without it, a failure under CI=true). A person walks the wizard —
 * two IM and Presence nodes, Cisco XCP Router and a system log picked from what the nodes list, an absolute range
 * typed on the node's clock, a destination folder, zip — starts it, sees the collection's progress per node and per
 * file, the finished bundle (its path on disk; `unzip` and `sha256sum -c` accept it), one desktop notification at
 * the end, the job in Job Status, and the bundle in Local Browse where Verify checks it against MANIFEST.sha256.
 * Bad input is refused with its reason. The views are photographed in English and Chinese (/tmp/shots/traces-*.png, the Chinese ones in
 * the light theme; IMP_SHOTS_DIR names another folder) and no text of the page overflows its box.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceCollectionStatus } from '../../shared/model/traces.js';
import { MESSAGES_EN, MESSAGES_ZH } from '../../renderer/i18n/messages.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { overflowing, type PageEl } from './pageOverflow.js';
import { apiCall, CHROMIUM_TOOL, openView, startE2eSession, type E2ePage, type E2eSession } from './webModeHarness.js';

const WAIT_MS = 120_000;
const SHOTS = process.env.IMP_SHOTS_DIR || '/tmp/shots/';
const UNZIP = { path: '/usr/bin/unzip', apt: 'unzip' } as const;
const SHA256SUM = { path: '/usr/bin/sha256sum', apt: 'coreutils' } as const;

interface PageGlobal {
  readonly document: { readonly body: unknown; querySelector(selector: string): PageEl | null };
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  traceSeen: string[];
}

/** Elements of the trace page whose text is cut or spills out of its box (buttons, tabs, labels, badges, headers). */
const overflowingTraces = (page: Page): Promise<string[]> =>
  overflowing(page, '.trace-page', { selector: 'button, .tag, .job-state, th, legend, .trace-figures dt, .trace-figures dd, label' });

/** The wall-clock text of an instant in UTC, as a datetime-local input takes it. */
function utcWall(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16);
}

describe.skipIf(skipWithoutTools([CHROMIUM_TOOL, UNZIP, SHA256SUM]))('Trace & Log Central: Collect Files in the browser', () => {
  let s: E2eSession;
  let outDir: string;
  const pages: E2ePage[] = [];
  const open = async (language: 'en' | 'zh', theme: 'dark' | 'light' = 'dark') => {
    const p = await s.openPage({ language, theme, width: 1440, height: 1000 });
    pages.push(p);
    return p;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}traces-${name}.png`, fullPage: true });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    outDir = mkdtempSync(join(tmpdir(), 'imp-e2e-bundles-'));
    s = await startE2eSession();
  }, 180_000);
  afterAll(async () => {
    const errors = pages.flatMap((p) => p.consoleErrors);
    for (const p of pages) await p.close();
    await s?.dispose();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
    expect(errors, 'browser console errors').toEqual([]);
  });

  it('walks the wizard, follows the progress and finds the finished bundle', async () => {
    const { page } = await open('en');
    await openView(page, 'traces');
    // Step 1: nodes, then what they list.
    await page.getByTestId('trace-node-imp-pub').check({ timeout: WAIT_MS });
    await page.getByTestId('trace-node-imp-sub1').check();
    // Next is refused while nothing is selected, with the reason.
    expect(await page.getByTestId('trace-next').isDisabled()).toBe(true);
    expect(await page.getByTestId('trace-problem').first().textContent()).toBe(MESSAGES_EN['traces.problem.noServices']);
    const router = page.getByTestId('trace-group-imp').getByTestId('trace-service-Cisco XCP Router');
    await router.check({ timeout: WAIT_MS });
    // The CUCM publisher lists no XCP service: a system log every node has is in its own group.
    await page.getByTestId('trace-group-systemLog').getByTestId('trace-service-Event Viewer-Application Log').check();
    await shot(page, 'wizard-select-en');
    expect(await overflowingTraces(page)).toEqual([]);
    await page.getByTestId('trace-next').click();

    // Step 2: an absolute range on the node's clock (UTC), the last two hours; an empty range is refused first.
    await page.getByTestId('trace-range-absolute').check();
    await page.getByTestId('trace-zone-node').check();
    await page.getByTestId('trace-node-zone').selectOption('UTC');
    const now = Date.now();
    await page.getByTestId('trace-range-from').fill(utcWall(now + 60_000));
    await page.getByTestId('trace-range-to').fill(utcWall(now - 3_600_000));
    await expect.poll(() => page.getByTestId('trace-problem').first().textContent()).toBe(MESSAGES_EN['traces.problem.emptyRange']);
    expect(await page.getByTestId('trace-next').isDisabled()).toBe(true);
    await page.getByTestId('trace-range-from').fill(utcWall(now - 2 * 3_600_000));
    await page.getByTestId('trace-range-to').fill(utcWall(now + 5 * 60_000));
    await expect.poll(() => page.getByTestId('trace-range-utc').textContent()).toContain(utcWall(now - 2 * 3_600_000).replace('T', ' '));
    await shot(page, 'wizard-range-en');
    await page.getByTestId('trace-next').click();

    // Step 3: zip, a folder of our own, a name; the summary lists each node's pick.
    await page.getByTestId('trace-archive-zip').check();
    await page.getByTestId('trace-outdir').fill(outDir);
    await page.getByTestId('trace-label').fill('e2e case/1');
    await expect.poll(() => page.getByTestId('trace-problem').first().textContent()).toBe(MESSAGES_EN['traces.problem.label']);
    await page.getByTestId('trace-label').fill('e2e-case-1');
    const summary = await page.getByTestId('trace-summary').textContent();
    expect(summary).toContain('imp-pub');
    expect(summary).toContain('Cisco XCP Router');
    await shot(page, 'wizard-output-en');
    expect(await overflowingTraces(page)).toEqual([]);
    // Desktop notifications allowed, and recorded as the page shows them.
    await page.context().grantPermissions(['notifications']);
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobal & { Notification: unknown; traceNotified: string[] };
      w.traceNotified = [];
      w.Notification = Object.assign(
        function (title: string, options?: { body?: string }) {
          w.traceNotified.push(`${title} — ${options?.body ?? ''}`);
        },
        { permission: 'granted', requestPermission: async () => 'granted' },
      );
    });
    // Every state and byte count the page shows from now on, recorded in the page (no sampling gaps).
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobal;
      w.traceSeen = [];
      const record = (): void => {
        const card = w.document.querySelector('[data-testid="trace-collection"]');
        if (!card) return;
        const entry = `${card.getAttribute('data-state')}|${card.querySelector('[data-testid="trace-bytes"]')?.textContent ?? ''}`;
        if (w.traceSeen.at(-1) !== entry) w.traceSeen.push(entry);
      };
      new w.MutationObserver(record).observe(w.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByTestId('trace-start').click();

    // The Collections tab opens on it; progress per node and per file until it ends.
    const card = page.getByTestId('trace-collection').first();
    await card.waitFor({ timeout: WAIT_MS });
    await expect.poll(() => card.getAttribute('data-state'), { timeout: WAIT_MS }).toMatch(/^(completed|partial|failed)$/);
    expect(await card.getAttribute('data-state')).toBe('completed');
    const seen = await page.evaluate(() => (globalThis as unknown as PageGlobal).traceSeen);
    // It was shown running before it ended (the first status comes back from Start while it plans).
    expect(seen.some((e) => /^(planning|running|packing)\|/.test(e))).toBe(true);
    expect(seen.at(-1)?.startsWith('completed|')).toBe(true);
    // One desktop notification at the end, naming the collection, its state and the bundle.
    const notified = await page.evaluate(() => (globalThis as unknown as { traceNotified: string[] }).traceNotified);
    expect(notified).toEqual(['e2e-case-1: Completed — e2e-case-1.zip']);
    expect(await card.getByTestId('trace-node-row-imp-pub').getAttribute('data-state')).toBe('done');
    expect(await card.getByTestId('trace-node-row-imp-sub1').getAttribute('data-state')).toBe('done');
    const bytes = (await card.getByTestId('trace-bytes').textContent()) ?? '';
    const [done, total] = bytes.split(' of ');
    expect(done).toBe(total);
    expect(done).not.toBe('0 B');
    await card.locator('details.trace-details summary').first().click();
    expect(await card.locator('.trace-files tbody tr[data-state="done"]').count()).toBeGreaterThan(1);
    await shot(page, 'collections-en');
    expect(await overflowingTraces(page)).toEqual([]);

    // The bundle: where the card says, accepted by unzip and sha256sum -c, listing both nodes' files.
    const bundlePath = (await card.getByTestId('trace-bundle-path').textContent()) ?? '';
    expect(bundlePath).toBe(join(outDir, 'e2e-case-1.zip'));
    expect(existsSync(bundlePath)).toBe(true);
    const listing = execFileSync('unzip', ['-Z1', bundlePath], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(expect.arrayContaining(['MANIFEST.sha256', 'collection.json']));
    expect(listing.some((p) => p.startsWith('imp-pub/epas/trace/xcp/log/rtr-jsm-1'))).toBe(true);
    expect(listing.some((p) => p.startsWith('imp-sub1/syslog/CiscoSyslog'))).toBe(true);
    const extracted = mkdtempSync(join(tmpdir(), 'imp-e2e-extract-'));
    try {
      execFileSync('unzip', ['-q', bundlePath, '-d', extracted]);
      execFileSync('sha256sum', ['-c', '--quiet', 'MANIFEST.sha256'], { cwd: extracted });
    } finally {
      rmSync(extracted, { recursive: true, force: true });
    }
    expect(readdirSync(outDir).filter((n) => n.endsWith('.part'))).toEqual([]);

    // The same collection through the API, and as a job in Job Status.
    const listed = await apiCall<TraceCollectionStatus[]>(page, 'traces/collections', []);
    const status = listed.find((c) => c.bundlePath === bundlePath)!;
    expect(status.request.range).toMatchObject({ kind: 'absolute', timeZone: 'UTC' });
    expect(status.request.nodes.map((n) => n.node).sort()).toEqual(['imp-pub', 'imp-sub1']);
    await openView(page, 'jobs');
    await expect.poll(() => page.locator('[data-testid="view-jobs"]').textContent(), { timeout: WAIT_MS }).toContain('e2e-case-1');

    // Local Browse from the card: the bundle, its contents, and Verify.
    await openView(page, 'traces');
    await page.getByTestId('trace-tab-collections').click();
    await page.getByTestId('trace-collection').first().getByTestId('trace-show-bundle').click();
    const row = page.locator(`[data-testid="trace-bundle"][data-path="${bundlePath}"]`);
    await row.waitFor({ timeout: WAIT_MS });
    // Shown from the card, it is open already.
    await expect.poll(() => row.getByTestId('trace-bundle-open').getAttribute('aria-expanded')).toBe('true');
    const details = page.getByTestId('trace-bundle-details');
    await expect.poll(() => details.locator('.trace-entries li').count(), { timeout: WAIT_MS }).toBe(listing.filter((p) => p !== '' && !p.endsWith('/')).length);
    await details.getByTestId('trace-bundle-verify').click();
    await expect.poll(() => details.getByTestId('trace-verify-result').getAttribute('data-ok'), { timeout: WAIT_MS }).toBe('true');
    await shot(page, 'local-en');
    expect(await overflowingTraces(page)).toEqual([]);
  }, 300_000);

  it('shows the same views in Chinese (light theme), every text in its box', async () => {
    const { page } = await open('zh', 'light');
    await openView(page, 'traces');
    expect(await page.getByTestId('trace-tab-collect').textContent()).toBe(MESSAGES_ZH['traces.tab.collect']);
    await page.getByTestId('trace-node-imp-pub').check({ timeout: WAIT_MS });
    await page.getByTestId('trace-node-imp-sub2').check();
    await page.getByTestId('trace-preset').selectOption('highCpu', { timeout: WAIT_MS });
    // The preset picked the node's own names (its Tomcat security log included) and its diagnostics.
    await expect.poll(() => page.getByTestId('trace-group-imp').getByTestId('trace-service-Cisco XCP Router').isChecked(), { timeout: WAIT_MS }).toBe(true);
    await page.getByTestId('trace-mode-per-node').check();
    await shot(page, 'wizard-select-zh');
    expect(await overflowingTraces(page)).toEqual([]);
    await page.getByTestId('trace-next').click();
    await page.getByTestId('trace-range-absolute').check();
    await shot(page, 'wizard-range-zh');
    expect(await overflowingTraces(page)).toEqual([]);
    await page.getByTestId('trace-range-relative').check();
    await page.getByTestId('trace-next').click();
    await page.getByTestId('trace-outdir').fill(outDir);
    await shot(page, 'wizard-output-zh');
    expect(await overflowingTraces(page)).toEqual([]);
    await page.getByTestId('trace-start').click();
    const card = page.getByTestId('trace-collection').first();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: WAIT_MS }).toMatch(/^(completed|partial)$/);
    expect(await card.getByTestId('trace-collection-state').textContent()).toMatch(new RegExp(`^(${MESSAGES_ZH['traces.state.completed']}|${MESSAGES_ZH['traces.state.partial']})$`));
    const zhBundle = (await card.getByTestId('trace-bundle-path').textContent()) ?? '';
    expect(zhBundle.startsWith(outDir)).toBe(true);
    await shot(page, 'collections-zh');
    expect(await overflowingTraces(page)).toEqual([]);
    await page.getByTestId('trace-tab-local').click();
    await page.getByTestId('trace-local-dir').fill(outDir);
    await page.getByTestId('trace-local-list').click();
    await page.locator(`[data-testid="trace-bundle"][data-path="${zhBundle}"]`).waitFor({ timeout: WAIT_MS });
    await shot(page, 'local-zh');
    expect(await overflowingTraces(page)).toEqual([]);
    await page.getByTestId('trace-tab-schedules').click();
    await page.getByTestId('trace-schedule-new').click();
    await page.getByTestId('trace-schedule-sftp').check();
    await shot(page, 'schedules-zh');
    expect(await overflowingTraces(page)).toEqual([]);
  }, 300_000);

  it('saves a schedule and runs it now (English)', async () => {
    const { page } = await open('en');
    await openView(page, 'traces');
    await page.getByTestId('trace-tab-schedules').click();
    await page.getByTestId('trace-schedule-new').click();
    const editor = page.getByTestId('trace-schedule-editor');
    await editor.getByTestId('trace-schedule-name').fill('hourly router');
    await editor.getByTestId('trace-node-imp-sub1').check({ timeout: WAIT_MS });
    await editor.getByTestId('trace-service-Cisco XCP Router').check({ timeout: WAIT_MS });
    await editor.locator('input.trace-path-input').fill(outDir);
    await shot(page, 'schedules-editor-en');
    expect(await overflowingTraces(page)).toEqual([]);
    await editor.getByTestId('trace-schedule-save').click();
    const row = page.getByTestId('trace-schedule').first();
    await row.waitFor({ timeout: WAIT_MS });
    expect(await row.textContent()).toContain('hourly router');
    await row.getByTestId('trace-schedule-run').click();
    const card = page.getByTestId('trace-collection').first();
    await expect.poll(() => card.getAttribute('data-state'), { timeout: WAIT_MS }).toMatch(/^(completed|partial)$/);
    await page.getByTestId('trace-tab-schedules').click();
    await shot(page, 'schedules-en');
    expect(await overflowingTraces(page)).toEqual([]);
  }, 300_000);
});
