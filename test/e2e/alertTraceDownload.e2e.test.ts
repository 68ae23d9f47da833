/**
 * Trace download on alert in the rule editor (Chromium, web mode on the simulated cluster, English and Chinese):
 * "Enable Trace Download" shows its settings with Cisco's caution, the services typed as the node names them are
 * saved in the rule (checked through the API), an empty service list is refused with the validation message, and
 * turning the option off removes it. Screenshots go to /tmp/shots/h3b/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule } from '../../shared/model/alert.js';
import { newCustomDraft } from '../../renderer/features/alerts/ruleForm.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { apiCall, CHROMIUM_TOOL, openView, startE2eSession, type E2eSession } from './webModeHarness.js';

const SHOTS = '/tmp/shots/h3b/';
const RULE = 'E2E trace download';
const LABELS = {
  en: { custom: 'Custom', edit: 'Set Alert/Properties', enable: 'Enable Trace Download', save: 'Save', caution: 'Trace Download may affect services on the node.' },
  zh: { custom: '自定义', edit: '设置警报/属性', enable: '启用跟踪下载', save: '保存', caution: '跟踪下载可能会影响节点上的服务。' },
} as const;

describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('rule editor: Enable Trace Download', () => {
  let s: E2eSession;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startE2eSession({ width: 1280, height: 1000 });
    await apiCall(s.page, 'alerts/saveRule', [{ ...newCustomDraft(), name: RULE, emailEnabled: false, condition: { kind: 'threshold', metric: { object: 'Processor', instance: '_Total', counter: '% CPU Time' }, direction: 'over', threshold: 1e12, valueAs: 'absolute' } }]);
  }, 240_000);
  afterAll(async () => {
    await s?.dispose();
  });

  const saved = async (): Promise<AlertRule> => (await apiCall<AlertRule[]>(s.page, 'alerts/listRules', [])).find((r) => r.name === RULE)!;

  for (const language of ['en', 'zh'] as const) {
    it(`saves the chosen services and limits, refuses an empty list, and turns off (${language})`, async () => {
      const L = LABELS[language];
      const { page, close, consoleErrors } = await s.openPage({ language, width: 1280, height: 1000 });
      try {
        await openView(page, 'alerts');
        const openEditor = async () => {
          await page.getByRole('tab', { name: L.custom }).click();
          await page.locator('[data-testid="rules-table"] tr', { hasText: RULE }).getByRole('button', { name: L.edit }).click();
          const editor = page.locator('[data-testid="rule-editor"]');
          await editor.waitFor();
          return editor;
        };
        let editor = await openEditor();
        const box = editor.locator('[data-testid="rule-trace-download"]');
        await box.getByRole('checkbox', { name: L.enable }).check();
        expect(await box.getByText(L.caution).isVisible()).toBe(true);
        // Saving with no service is refused, naming the field.
        await page.getByRole('dialog').getByRole('button', { name: L.save }).click();
        await editor.locator('[data-testid="rule-issues"]').waitFor();
        expect(await editor.locator('[data-testid="rule-issues"]').textContent()).toContain('traceDownload.serviceLogs');
        await box.locator('[data-testid="rule-trace-services"]').fill('Cisco XCP Router, Cisco Presence Engine');
        await box.locator('input[type="number"]').first().fill('30');
        await box.locator('input[type="number"]').nth(1).fill('2');
        await box.screenshot({ path: `${SHOTS}rule-trace-download-${language}.png` });
        await page.getByRole('dialog').getByRole('button', { name: L.save }).click();
        await page.getByRole('dialog').first().waitFor({ state: 'detached', timeout: 10_000 });
        expect((await saved()).traceDownload).toEqual({ serviceLogs: ['Cisco XCP Router', 'Cisco Presence Engine'], systemLogs: [], lastMinutes: 30, maxPerDay: 2 });

        // Reopened, the editor shows what was saved; unchecking removes the option.
        editor = await openEditor();
        expect(await editor.locator('[data-testid="rule-trace-services"]').inputValue()).toBe('Cisco XCP Router, Cisco Presence Engine');
        await editor.locator('[data-testid="rule-trace-download"]').getByRole('checkbox', { name: L.enable }).uncheck();
        await page.getByRole('dialog').getByRole('button', { name: L.save }).click();
        await page.getByRole('dialog').first().waitFor({ state: 'detached', timeout: 10_000 });
        expect((await saved()).traceDownload).toBeUndefined();
        expect(consoleErrors).toEqual([]);
      } finally {
        await close();
      }
    }, 180_000);
  }
});
