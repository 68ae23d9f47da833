/**
 * Browser test of Disaster Recovery (issue 13), in web mode on the embedded simulated cluster running on an
 * accelerated clock (a backup of every component takes seconds; Debian Chromium via playwright-core, skipped
 * without it, a failure under CI=true). A person adds a backup device (the simulated cluster's own SFTP server, as
 * the Add Device form offers it), adds a schedule with Set Default, asks for an estimate (refused: no history yet,
 * guide L10103-10107), runs a manual backup to the end watching its progress per server and component, finds it in
 * History and on the device, then walks the Restore Wizard's four steps to the end: One-Step Restore (the guide's
 * wait message, then its ready message, L10484-10494), every server, the security password, Check (DRS's checks,
 * each passed), Restore after a confirmation naming its impact, the restore's progress, and After Restore's
 * restart order and replication check. Every view is photographed at 1280x800 in English and Chinese
 * (/tmp/shots/drs-*.png; IMP_SHOTS_DIR names another folder) and no text spills out of its box.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrsHistoryEntry } from '../../shared/model/drs.js';
import { MESSAGES_EN, MESSAGES_ZH } from '../../renderer/i18n/messages.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { overflowing, type PageEl } from './pageOverflow.js';
import { apiCall, CHROMIUM_TOOL, openView, startE2eSession, type E2ePage, type E2eSession } from './webModeHarness.js';

/** Virtual seconds per real second: the guide's minutes become seconds. */
const SPEED = 120;
const WAIT_MS = 180_000;
const SHOTS = process.env.IMP_SHOTS_DIR || '/tmp/shots/';
/** The simulated cluster's security password (simulator profile default). */
const SECURITY_PASSWORD = 'Security123!';
const ONE_STEP_WAIT = 'Please wait for 5 minutes until Publisher becomes cluster aware';
const ONE_STEP_READY = 'Publisher has become cluster aware';

interface PageGlobal {
  readonly document: { readonly body: unknown; querySelector(selector: string): PageEl | null; querySelectorAll(selector: string): Iterable<PageEl> };
  readonly MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
  drsSeen: string[];
}

/** Elements of the DRS page whose text is cut or spills out of its box (an ellipsis with a title is fine). */
const overflowingDrs = (page: Page): Promise<string[]> =>
  overflowing(page, '.drs-page', { selector: '.panel, button, .tag, .drs-badge, th, h2, h3, .drs-facts dt, .drs-chart-label, label', wrapping: ['LABEL', 'H2', 'H3'], titleExplains: true });

/** Records, from now on, every distinct text of the elements matching `selector` (progress and messages between polls). */
async function watch(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const w = globalThis as unknown as PageGlobal;
    w.drsSeen = [];
    const record = () => {
      for (const el of w.document.querySelectorAll(sel)) {
        const text = (el.textContent ?? '').trim();
        if (text && !w.drsSeen.includes(text)) w.drsSeen.push(text);
      }
    };
    record();
    new w.MutationObserver(record).observe(w.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, selector);
}

async function seen(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as PageGlobal).drsSeen);
}

/** Confirms the open dialog with its confirm button and checks it names what it will do. */
async function confirmDialog(page: Page, mustName: readonly string[]): Promise<void> {
  const dialog = page.locator('[role="dialog"]');
  await dialog.waitFor();
  const text = (await dialog.textContent()) ?? '';
  for (const w of mustName) expect(text, 'the confirmation names its impact').toContain(w);
  await dialog.locator('.dialog-actions button').last().click();
  await dialog.waitFor({ state: 'detached' });
}

describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('Disaster Recovery in the browser', () => {
  let s: E2eSession;
  const pages: E2ePage[] = [];
  const open = async (language: 'en' | 'zh', theme: 'dark' | 'light' = 'dark') => {
    const p = await s.openPage({ language, theme, width: 1280, height: 800 });
    pages.push(p);
    return p;
  };
  /** A screenshot of the viewport (the app scrolls inside its main area), scrolled to `at` when given. */
  const shot = async (page: Page, name: string, at?: string) => {
    if (at) await page.locator(at).first().evaluate((el) => (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}drs-${name}.png` });
  };
  const tab = async (page: Page, id: string) => {
    await page.locator(`[data-testid="drs-tab-${id}"]`).click();
    await page.locator(`[data-testid="drs-panel-${id}"]`).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startE2eSession({ speed: SPEED, width: 1280, height: 800 });
  }, WAIT_MS);
  afterAll(async () => {
    for (const p of pages) await p.close();
    await s?.dispose();
  });

  it('adds a device, backs up with progress shown, and restores through the wizard with One-Step Restore to After Restore', async () => {
    const { page, consoleErrors } = await open('en');
    await openView(page, 'drs');
    await page.locator('nav [data-view="drs"]', { hasText: MESSAGES_EN['nav.drs'] }).waitFor();
    await page.locator('[data-testid="drs-master"]').waitFor({ timeout: WAIT_MS });
    await page.locator('.drs-page .state-empty', { hasText: MESSAGES_EN['drs.device.empty'] }).waitFor();
    await shot(page, 'devices-empty-en');

    // Add Device: the simulated backup server is offered; a bad name is refused with the guide's rule first.
    await page.locator('[data-testid="drs-device-new"]').click();
    await page.locator('[data-testid="drs-device-use-sim"]').click();
    expect(await page.locator('[data-testid="drs-device-host"]').inputValue()).not.toBe('');
    await page.locator('[data-testid="drs-device-name"]').fill('bad/name');
    await page.locator('[data-testid="drs-device-save"]').click();
    await page.getByText(MESSAGES_EN['drs.device.badName']).waitFor();
    await page.locator('[data-testid="drs-device-name"]').fill('E2E Backup');
    await shot(page, 'device-form-en');
    await page.locator('[data-testid="drs-device-save"]').click();
    await confirmDialog(page, ['E2E Backup']);
    await page.locator('[data-testid="drs-device-E2E Backup"]').waitFor({ timeout: WAIT_MS });
    // The password is never shown back: editing starts with an empty field.
    await page.locator('[data-testid="drs-device-E2E Backup"]').click();
    await page.locator('[data-testid="drs-device-edit"]').click();
    expect(await page.locator('[data-testid="drs-device-password"]').inputValue()).toBe('');
    await page.locator('[data-testid="drs-device-form"] button', { hasText: MESSAGES_EN['common.cancel'] }).click();
    await shot(page, 'devices-en');

    // Schedules: Set Default = weekly Tuesday to Saturday.
    await tab(page, 'schedules');
    await page.locator('[data-testid="drs-schedule-new"]').click();
    await page.locator('[data-testid="drs-schedule-name"]').fill('Nightly');
    await page.locator('[data-testid="drs-schedule-default"]').click();
    const days = page.locator('[data-testid="drs-schedule-days"] input');
    expect(await days.evaluateAll((els) => els.map((e) => (e as unknown as { checked: boolean }).checked))).toEqual([false, false, true, true, true, true, true]);
    await shot(page, 'schedule-form-en');
    await page.locator('[data-testid="drs-schedule-save"]').click();
    await confirmDialog(page, ['Nightly', 'E2E Backup']);
    await page.locator('[data-testid="drs-schedule-Nightly"]').waitFor({ timeout: WAIT_MS });
    await shot(page, 'schedules-en');
    // The device the schedule uses cannot be deleted (guide L10081): the page says so when it is selected.
    await tab(page, 'devices');
    await page.locator('[data-testid="drs-device-E2E Backup"]').click();
    await page.locator('[data-testid="drs-device-in-use"]', { hasText: 'Nightly' }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('[data-testid="drs-device-delete"]').isDisabled()).toBe(true);

    // Manual Backup: the estimate is refused while no backup history exists; then the backup runs to the end.
    await tab(page, 'backup');
    await page.locator('[data-testid="drs-backup-estimate"]').click();
    await expect.poll(async () => (await page.locator('[data-testid="drs-backup-estimate-result"]').textContent())?.trim() ?? '', { timeout: WAIT_MS }).not.toMatch(/^$|Loading/);
    expect(await page.locator('[data-testid="drs-backup-estimate-result"] .drs-warn, [data-testid="drs-backup-estimate-result"] .drs-bad').count(), 'no history: refused').toBe(1);
    await page.locator('[data-testid="drs-backup-reminder"]').waitFor();
    await watch(page, '[data-testid="drs-backup-percent"]');
    await page.locator('[data-testid="drs-backup-start"]').click();
    await confirmDialog(page, ['E2E Backup', 'OS Administration']);
    await page.locator('[data-testid="drs-server-chart"]').waitFor({ timeout: WAIT_MS });
    // A picture of the bars half-way (the observer above proves the progress; a missed moment only costs the picture).
    await page
      .waitForFunction(() => {
        const el = (globalThis as unknown as PageGlobal).document.querySelector('[data-testid="drs-backup-percent"]');
        const n = Number.parseInt(el?.textContent ?? '', 10);
        return n >= 20 && n < 90;
      }, undefined, { timeout: 20_000, polling: 'raf' })
      .catch(() => undefined);
    await shot(page, 'backup-running-en', '[data-testid="drs-status-backup"]');
    await page.locator('[data-testid="drs-status-backup"][data-state="SUCCESS"]').waitFor({ timeout: WAIT_MS });
    const percents = (await seen(page)).map((p) => Number.parseInt(p, 10));
    expect(percents.some((p) => p > 0 && p < 100), `progress between 0 and 100 was shown: ${percents.join(' ')}`).toBe(true);
    expect(percents.at(-1)).toBe(100);
    expect(await page.locator('[data-testid="drs-log-link"]').count()).toBeGreaterThan(0);
    await shot(page, 'backup-done-en', '[data-testid="drs-status-backup"]');
    await shot(page, 'backup-components-en', '[data-testid="drs-feature-bars"]');

    // A component's log opens in the Trace Log Viewer, read from the node (a remote LogSource).
    await page.locator('[data-testid="drs-status-backup"] .drs-details summary').click();
    const logLink = page.locator('[data-testid="drs-log-link"]').first();
    const logPath = (await logLink.getAttribute('title')) ?? '';
    expect(logPath).toMatch(/\//);
    await logLink.click();
    await page.locator('[data-testid="view-traces"]').waitFor();
    await page.locator(`.log-doc-tabs [role="tab"][title*="${logPath.slice(logPath.lastIndexOf('/') + 1)}"]`).waitFor({ timeout: WAIT_MS });
    await page.locator('[data-testid="log-lines"]').waitFor({ timeout: WAIT_MS });
    await shot(page, 'backup-log-en');
    await openView(page, 'drs');
    await page.locator('[data-testid="drs-panel-backup"]').waitFor();

    // History: the backup, and its file on the device.
    await tab(page, 'history');
    await page.locator('[data-testid="drs-history-backup"] tbody tr').first().waitFor({ timeout: WAIT_MS });
    await page.locator('[data-testid="drs-files"] tbody tr').first().waitFor({ timeout: WAIT_MS });
    const cluster = (await page.locator('[data-testid="cluster-picker"]').inputValue()) || '';
    const history = await apiCall<DrsHistoryEntry[]>(page, 'drs/history', [cluster]);
    expect(history.find((h) => h.operation === 'backup')).toMatchObject({ result: 'SUCCESS', device: 'E2E Backup' });
    await shot(page, 'history-en');

    // Restore Wizard: device, file, features, servers.
    await tab(page, 'restore');
    await page.locator('[data-testid="drs-restore-devices"] input').first().check();
    await shot(page, 'restore-step1-en');
    await page.locator('[data-testid="drs-restore-next"]').click();
    await page.locator('[data-testid="drs-files"] tbody tr input').first().check({ timeout: WAIT_MS });
    await shot(page, 'restore-step2-en');
    await page.locator('[data-testid="drs-restore-next"]').click();
    await page.locator('[data-testid="drs-restore-features"] input').first().waitFor();
    await shot(page, 'restore-step3-en');
    await page.locator('[data-testid="drs-restore-next"]').click();
    await page.locator('[data-testid="drs-restore-servers"]').waitFor();
    // The first node with a subscriber is refused before DRS is asked.
    const nodeBoxes = page.locator('[data-testid="drs-restore-nodes"] input');
    await page.locator('[data-testid="drs-restore-first"]').click();
    expect(await page.locator('[data-testid="drs-restore-kind"]').getAttribute('data-kind')).toBe('firstNode');
    await nodeBoxes.last().check();
    expect(await page.locator('[data-testid="drs-restore-kind"]').getAttribute('data-kind')).toBe('');

    // One-Step Restore: the guide's wait message, then its ready message.
    await watch(page, '[data-testid="drs-onestep-message"]');
    await page.locator('[data-testid="drs-onestep-start"]').click();
    await confirmDialog(page, ['five minutes']);
    await page.locator('[data-testid="drs-onestep"][data-state="preparing"]').waitFor({ timeout: WAIT_MS });
    await shot(page, 'restore-onestep-wait-en', '[data-testid="drs-restore-kind"]');
    await page.locator('[data-testid="drs-onestep"][data-state="ready"]').waitFor({ timeout: WAIT_MS });
    const messages = await seen(page);
    expect(messages.some((m) => m.includes(ONE_STEP_WAIT)), messages.join(' | ')).toBe(true);
    expect(messages.at(-1)).toContain(ONE_STEP_READY);
    await page.locator('[data-testid="drs-onestep-use"]').click();
    expect(await page.locator('[data-testid="drs-restore-kind"]').getAttribute('data-kind')).toBe('oneStep');
    expect(await nodeBoxes.evaluateAll((els) => els.every((e) => (e as unknown as { checked: boolean }).checked))).toBe(true);
    await page.locator('[data-testid="drs-restore-sha1"]').check();

    // Check first: a wrong security password is refused in DRS's words; the right one passes every check.
    expect(await page.locator('[data-testid="drs-restore-start"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="drs-restore-password"]').fill('Wrong-password-1');
    await page.locator('[data-testid="drs-restore-check"]').click();
    await page.locator('[data-testid="drs-check"][data-ok="false"]').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('[data-testid="drs-check"] li[data-ok="false"]').getAttribute('data-check')).toBe('securityPassword');
    await shot(page, 'restore-check-refused-en', '[data-testid="drs-onestep"]');
    expect(await page.locator('[data-testid="drs-restore-start"]').isDisabled()).toBe(true);
    await page.locator('[data-testid="drs-restore-password"]').fill(SECURITY_PASSWORD);
    await page.locator('[data-testid="drs-restore-check"]').click();
    await page.locator('[data-testid="drs-check"][data-ok="true"]').waitFor({ timeout: WAIT_MS });
    await shot(page, 'restore-step4-en', '[data-testid="drs-onestep"]');

    // Restore, confirmed; its progress; then After Restore.
    await watch(page, '[data-testid="drs-restore-percent"]');
    await page.locator('[data-testid="drs-restore-start"]').click();
    await confirmDialog(page, [MESSAGES_EN['drs.kind.oneStep'], 'restarted']);
    await page.locator('[data-testid="drs-panel-restoreStatus"]').waitFor();
    await page.locator('[data-testid="drs-status-restore"]').waitFor({ timeout: WAIT_MS });
    await shot(page, 'restore-running-en', '[data-testid="drs-server-chart"]');
    await page.locator('[data-testid="drs-status-restore"][data-state="SUCCESS"]').waitFor({ timeout: WAIT_MS });
    const restorePercents = (await seen(page)).map((p) => Number.parseInt(p, 10));
    expect(restorePercents.some((p) => p > 0 && p < 100), `restore progress shown: ${restorePercents.join(' ')}`).toBe(true);
    await shot(page, 'restore-done-en');
    await page.locator('[data-testid="drs-go-after"]').click();
    await page.locator('[data-testid="drs-restart-order"] li').first().waitFor({ timeout: WAIT_MS });
    const order = await page.locator('[data-testid="drs-restart-order"] li').evaluateAll((els) => els.map((e) => (e as unknown as PageEl).getAttribute('data-testid')));
    expect(order[0], 'the CUCM publisher restarts first (guide L10596)').toMatch(/cucm/);
    await page.locator('[data-testid="drs-replication"]').waitFor({ timeout: WAIT_MS });
    await shot(page, 'after-en');
    // The IM and Presence nodes wait for the CUCM publisher; restarting it (confirmed, naming the outage) frees them.
    expect(await page.locator('[data-testid="drs-restart-button-imp-pub"]').isDisabled()).toBe(true);
    const pub = (order[0] ?? '').replace('drs-restart-', '');
    await page.locator(`[data-testid="drs-restart-button-${pub}"]`).click();
    await confirmDialog(page, [pub, 'services are down']);
    await page.locator(`[data-testid="drs-restarted-${pub}"]`).waitFor({ timeout: WAIT_MS });
    await page.locator('[data-testid="drs-restart-button-imp-pub"]:not([disabled])').waitFor({ timeout: WAIT_MS });
    await shot(page, 'after-restarted-en');
    await shot(page, 'after-replication-en', '[data-testid="drs-replication"]');

    expect(await overflowingDrs(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 600_000);

  it('shows every view in Chinese (light theme) with the text inside its boxes', async () => {
    const { page, consoleErrors } = await open('zh', 'light');
    await openView(page, 'drs');
    await page.locator('nav [data-view="drs"]', { hasText: MESSAGES_ZH['nav.drs'] }).waitFor();
    await page.locator('[data-testid="drs-device-E2E Backup"]').waitFor({ timeout: WAIT_MS });
    const problems: string[] = [];
    for (const id of ['devices', 'schedules', 'backup', 'history', 'restore', 'restoreStatus', 'after'] as const) {
      await tab(page, id);
      await page.waitForTimeout(0);
      if (id === 'history') await page.locator('[data-testid="drs-history-backup"] tbody tr').first().waitFor({ timeout: WAIT_MS });
      if (id === 'after') await page.locator('[data-testid="drs-replication"]').waitFor({ timeout: WAIT_MS });
      if (id === 'backup') await page.locator('[data-testid="drs-server-chart"]').waitFor({ timeout: WAIT_MS });
      if (id === 'devices') {
        await page.locator('[data-testid="drs-device-new"]').click();
        await page.locator('[data-testid="drs-device-form"]').waitFor();
      }
      await shot(page, `${id}-zh`);
      if (id === 'backup' || id === 'restoreStatus') await shot(page, `${id}-chart-zh`, '[data-testid="drs-server-chart"]');
      problems.push(...(await overflowingDrs(page)).map((p) => `${id}: ${p}`));
    }
    // The wizard's steps in Chinese, from a fresh start.
    await tab(page, 'restore');
    await page.locator('[data-testid="drs-restore-devices"] input').first().check();
    await page.locator('[data-testid="drs-restore-next"]').click();
    await page.locator('[data-testid="drs-files"] tbody tr input').first().check({ timeout: WAIT_MS });
    await page.locator('[data-testid="drs-restore-next"]').click();
    await page.locator('[data-testid="drs-restore-next"]').click();
    await page.locator('[data-testid="drs-restore-servers"]').waitFor();
    await page.locator('[data-testid="drs-restore-entire"]').click();
    await shot(page, 'restore-step4-zh', '[data-testid="drs-restore-nodes"]');
    problems.push(...(await overflowingDrs(page)).map((p) => `restore step 4: ${p}`));
    expect(problems).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});
