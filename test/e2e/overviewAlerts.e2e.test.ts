/**
 * The wall overview and Alert Central in Chromium (web mode on the simulated cluster), in English and Chinese:
 * the worst alarms first as sentences, reachability and health apart on the node tiles, the severity badge and
 * short labels on one line, Clear all asking first with its counts, Suspend/Resume following the rule across a
 * tab change, the flap marker with its tooltip, and sticky table headers that hide the rows scrolled under
 * them. Screenshots of each view, en/zh, dark/light, go to /tmp/shots/h4/.
 *
 * Alarms are made as a person would: a critical service stopped through Control Center's API (CriticalServiceDown,
 * Critical) and, after it, custom rules that breach on every node (Warning, Error): the newer, lesser alarms.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmRecord, AlertRule } from '../../shared/model/alert.js';
import type { ClusterSummary } from '../../shared/model/cluster.js';
import { newCustomDraft } from '../../renderer/features/alerts/ruleForm.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { apiCall, CHROMIUM_TOOL, openView, startE2eSession, type E2ePage, type E2ePageOptions, type E2eSession } from './webModeHarness.js';

// Each wait ends as soon as the state is there; these bound a few polls of the cluster.
const WAIT_MS = 90_000;
const TEST_MS = 180_000;
const SHOTS = '/tmp/shots/h4/';
const SEVERITY_ORDER = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'];
const STOPPED = 'Cisco XCP Router';

/** A custom threshold rule that breaches on every node (a value over -1) or never (over 1e12). */
function customRule(name: string, severity: 'Warning' | 'Error', threshold: number, counter: { object: string; counter: string; instance?: string }) {
  return {
    ...newCustomDraft(),
    name,
    description: `e2e: ${name}`,
    severity,
    condition: { kind: 'threshold', metric: counter, direction: 'over', threshold, valueAs: 'absolute' },
    emailEnabled: false,
  } as const;
}

/** Waits until `check` is true (expect.poll is for tests only, and this runs in beforeAll); fails after `timeoutMs`. */
async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Boxes as the browser gives them. */
interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly width: number;
  readonly height: number;
}
/** An element, as far as the page scripts below use it. */
interface El {
  readonly tagName: string;
  getBoundingClientRect(): Box;
  closest(selector: string): El | null;
}
/**
 * The browser globals the page scripts below use: this file is type-checked with Node's library, not the DOM's,
 * so the scripts reach them through `globalThis` cast to this shape (the cast is erased; the page has them).
 */
interface Browser {
  readonly document: {
    querySelector(selector: string): El | null;
    querySelectorAll(selector: string): Iterable<El>;
    elementFromPoint(x: number, y: number): El | null;
    createTreeWalker(root: unknown, whatToShow: number): { nextNode(): { readonly textContent: string | null } | null };
    createRange(): { selectNodeContents(node: unknown): void; getClientRects(): Iterable<Box> };
  };
  readonly NodeFilter: { readonly SHOW_TEXT: number };
  getComputedStyle(el: unknown): { readonly fontSize: string; readonly textOverflow: string };
}

/**
 * Opens the app in a fresh context and waits for its navigation. The page is reloaded once if the app did not
 * start: the shared dist/renderer can be rebuilt by another process while a page loads (its assets replaced).
 */
async function openApp(session: E2eSession, options: E2ePageOptions): Promise<E2ePage> {
  const opened = await session.openPage(options);
  const nav = opened.page.locator('nav [data-view="overview"]');
  try {
    await nav.waitFor({ timeout: 20_000 });
  } catch {
    await opened.page.reload();
    await nav.waitFor({ timeout: WAIT_MS });
  }
  return opened;
}

/** Number of lines the element's text runs over (1 = on one line): its text nodes' boxes, grouped by top. */
async function lineCount(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const { document, NodeFilter, getComputedStyle } = globalThis as unknown as Browser;
      const tops: number[] = [];
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) if (r.width > 0) tops.push(r.top);
      }
      const half = parseFloat(getComputedStyle(el).fontSize) / 2;
      tops.sort((a, b) => a - b);
      return tops.filter((t, i) => i === 0 || t - tops[i - 1]! > half).length;
    }),
  );
}

// Without Chromium: skipped, and a failure naming it under CI=true (test/helpers/requiredTools.ts).
describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('overview and Alert Central in Chromium (en/zh, dark/light)', () => {
  let s: E2eSession;
  let cluster: ClusterSummary;
  let stoppedOn: string;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    s = await startE2eSession({ width: 1280, height: 900 });
    const { page } = s;
    await waitUntil('a cluster', async () => (await apiCall<ClusterSummary[]>(page, 'clusters/list', [])).length > 0);
    cluster = (await apiCall<ClusterSummary[]>(page, 'clusters/list', []))[0]!;
    stoppedOn = cluster.nodes.find((n) => n.role === 'imp-subscriber')?.name ?? cluster.nodes.find((n) => n.role !== 'cucm-publisher')!.name;
    // First the critical condition: a critical service stopped on one IM&P node.
    await apiCall(page, 'nodes/controlService', [{ cluster: cluster.id, node: stoppedOn, service: STOPPED, action: 'stop' }]);
    await waitUntil(`CriticalServiceDown for ${STOPPED}`, async () => (await apiCall<AlarmRecord[]>(page, 'alerts/listActive', [])).some((a) => a.ruleId === 'CriticalServiceDown' && a.node === stoppedOn && a.instance === STOPPED));
    // Then newer, lesser alarms on every node: they must not push the critical one down.
    await apiCall(page, 'alerts/saveRule', [customRule('E2E CPU above zero', 'Warning', -1, { object: 'Processor', instance: '_Total', counter: '% CPU Time' })]);
    await apiCall(page, 'alerts/saveRule', [customRule('E2E node status above -1', 'Error', -1, { object: 'IMP Monitor Node', counter: 'Down' })]);
    await apiCall(page, 'alerts/saveRule', [customRule('E2E never fires', 'Warning', 1e12, { object: 'Processor', instance: '_Total', counter: '% CPU Time' })]);
    await waitUntil('the custom rules\' alarms', async () => {
      const active = await apiCall<AlarmRecord[]>(page, 'alerts/listActive', []);
      return active.filter((a) => a.severity === 'Warning').length >= 2 && active.filter((a) => a.severity === 'Error').length >= 2;
    });
  }, 240_000);
  afterAll(async () => {
    await s?.dispose();
  });

  it('the overview lists the worst alarms first, as sentences naming the service, with the full text on hover', async () => {
    const { page, close } = await openApp(s, { language: 'en', theme: 'dark', width: 1280, height: 900 });
    await openView(page, 'overview');
    const lines = page.locator(`[data-testid="cluster-${cluster.id}"] .alarm-line`);
    await lines.first().waitFor({ timeout: WAIT_MS });
    const active = await apiCall<AlarmRecord[]>(page, 'alerts/listActive', []);
    const ofCluster = active.filter((a) => a.cluster === cluster.id);
    // Critical was raised before every Warning and Error: newest-first would put it last.
    const critical = ofCluster.find((a) => a.ruleId === 'CriticalServiceDown' && a.instance === STOPPED)!;
    expect(ofCluster.filter((a) => a.severity !== 'Critical').every((a) => a.raisedAt >= critical.raisedAt)).toBe(true);
    await expect.poll(async () => (await lines.count()) >= 3, { timeout: WAIT_MS }).toBe(true);
    const ids = await lines.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace(/^latest-alarm-/, '')));
    const byId = new Map(ofCluster.map((a) => [a.id, a]));
    const severities = ids.map((id) => byId.get(id)?.severity ?? 'Debug');
    const ranks = severities.map((sv) => SEVERITY_ORDER.indexOf(sv));
    expect(ranks, severities.join(',')).toEqual([...ranks].sort((a, b) => a - b));
    expect(SEVERITY_ORDER.indexOf(severities[0]!)).toBeLessThanOrEqual(SEVERITY_ORDER.indexOf('Critical'));
    // The sentence names the service first and how long it has been down; no threshold arithmetic.
    const line = page.locator(`[data-testid="latest-alarm-${critical.id}"]`);
    await expect.poll(() => line.textContent(), { timeout: WAIT_MS }).toMatch(new RegExp(`${STOPPED} stopped on ${stoppedOn} for \\d+ (sec|min)`));
    expect(await line.textContent()).not.toMatch(/threshold|IMP Monitor Service/);
    const title = await line.getAttribute('title');
    expect(title).toContain(critical.message);
    // Reachability and health apart: the node answers its polls (Up) and has a critical service down.
    await expect.poll(() => page.locator(`[data-testid="reach-${stoppedOn}"]`).textContent(), { timeout: WAIT_MS }).toBe('Up');
    await expect.poll(() => page.locator(`[data-testid="health-${stoppedOn}"]`).textContent(), { timeout: WAIT_MS }).toBe('Critical');
    // Stopping the XCP Router stops the XCP services that depend on it: every one counts as a critical service down.
    const down = new Set((await apiCall<AlarmRecord[]>(page, 'alerts/listActive', [])).filter((a) => a.ruleId === 'CriticalServiceDown' && a.node === stoppedOn).map((a) => a.instance));
    await expect.poll(async () => /(\d+) critical services down/.exec((await page.locator(`[data-testid="state-${stoppedOn}"]`).textContent()) ?? '')?.[1], { timeout: WAIT_MS }).toBe(String(down.size));
    await close();
  }, TEST_MS);

  it('in Chinese the overview says the same in Chinese, durations included', async () => {
    const { page, close } = await openApp(s, { language: 'zh', theme: 'light', width: 1280, height: 900 });
    await openView(page, 'overview');
    const active = await apiCall<AlarmRecord[]>(page, 'alerts/listActive', []);
    const critical = active.find((a) => a.ruleId === 'CriticalServiceDown' && a.node === stoppedOn && a.instance === STOPPED)!;
    const line = page.locator(`[data-testid="latest-alarm-${critical.id}"]`);
    await expect.poll(() => line.textContent(), { timeout: WAIT_MS }).toMatch(new RegExp(`${stoppedOn} 上的 ${STOPPED} 已停止 \\d+(秒|分钟)`));
    expect(await page.locator(`[data-testid="reach-${stoppedOn}"]`).textContent()).toBe('在线');
    expect(await page.locator(`[data-testid="health-${stoppedOn}"]`).textContent()).toBe('严重');
    await close();
  }, TEST_MS);

  it('Chinese Alert Central keeps badges, headers and action buttons on one line, and translates alarm states', async () => {
    const { page, close } = await openApp(s, { language: 'zh', theme: 'dark', width: 1280, height: 900 });
    await openView(page, 'alerts');
    const table = page.locator('[data-testid="active-alarms"]');
    await table.locator('.sev-badge').first().waitFor({ timeout: WAIT_MS });
    for (const n of await lineCount(page, '[data-testid="active-alarms"] .sev-badge')) expect(n).toBe(1);
    // The badge is one line high: no taller than 1.6 times its font size with its padding.
    const [height, fontSize] = await table.locator('.sev-badge').first().evaluate((el) => [el.getBoundingClientRect().height, parseFloat((globalThis as unknown as Browser).getComputedStyle(el).fontSize)]);
    expect(height).toBeLessThan(fontSize * 2);
    for (const n of await lineCount(page, '[data-testid="active-alarms"] th')) expect(n).toBe(1);
    for (const n of await lineCount(page, '[data-testid="active-alarms"] [data-testid^="silence-"]')) expect(n).toBe(1);
    const status = await table.locator('tbody tr').first().locator('.status-cell').textContent();
    expect(status).toMatch(/未处理|已确认/);
    expect(status).not.toMatch(/outstanding|acknowledged/);
    // History: badges on one line too, states in Chinese.
    await page.getByRole('tab', { name: '警报历史记录' }).click();
    const history = page.locator('[data-testid="alarm-history"]');
    await history.locator('.sev-badge').first().waitFor({ timeout: WAIT_MS });
    for (const n of await lineCount(page, '[data-testid="alarm-history"] .sev-badge')) expect(n).toBe(1);
    expect(await history.textContent()).not.toMatch(/outstanding|acknowledged|resolved/);
    await close();
  }, TEST_MS);

  it('the flap marker shows in Alert Central with a tooltip that explains it', async () => {
    const { page, close } = await openApp(s, { language: 'en', theme: 'dark' });
    const active = await apiCall<AlarmRecord[]>(page, 'alerts/listActive', []);
    const marked = active.find((a) => a.ruleId === 'CriticalServiceDown' && a.node === stoppedOn && a.instance === STOPPED)!.id;
    // The backend's own answers and pushes, with one alarm marked flapping as the engine marks it (flapDetection.ts:
    // a real flap needs 21 evaluations of a condition going on and off).
    const mark = (a: AlarmRecord): AlarmRecord => (a.id === marked ? { ...a, flapping: true } : a);
    await page.route('**/api/alerts/listActive', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value: AlarmRecord[] };
      await route.fulfill({ response, json: { ...body, value: body.value.map(mark) } });
    });
    await page.routeWebSocket(/\/ws/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => server.send(m));
      server.onMessage((m) => {
        const msg = JSON.parse(String(m)) as { event: string; payload: unknown };
        if (msg.event === 'onDidChangeAlarms') msg.payload = (msg.payload as AlarmRecord[]).map(mark);
        ws.send(JSON.stringify(msg));
      });
    });
    await page.reload();
    await openView(page, 'alerts');
    const tag = page.locator(`[data-testid="flapping-${marked}"]`);
    await tag.waitFor({ timeout: WAIT_MS });
    expect(await tag.textContent()).toBe('Flapping');
    expect(await tag.getAttribute('title')).toMatch(/changed state often over the last 21 checks/);
    // Any other marker is the engine's own: those alarms are flapping in the backend too.
    const shown = await page.locator('[data-testid^="flapping-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace(/^flapping-/, '')));
    const flapping = new Set((await apiCall<AlarmRecord[]>(page, 'alerts/listActive', [])).filter((a) => a.flapping).map((a) => a.id));
    for (const id of shown) if (id !== marked) expect(flapping.has(id), id).toBe(true);
    await close();
  }, TEST_MS);

  it('the rule editor in Chinese shows its options in Chinese and saves the same values', async () => {
    const { page, close } = await openApp(s, { language: 'zh', theme: 'light' });
    await openView(page, 'alerts');
    const rule = (await apiCall<AlertRule[]>(page, 'alerts/listRules', [])).find((r) => r.name === 'E2E never fires')!;
    await page.getByRole('tab', { name: '自定义' }).click();
    await page.locator('[data-testid="rules-table"] tr', { hasText: 'E2E never fires' }).getByRole('button', { name: '设置警报/属性' }).click();
    const editor = page.locator('[data-testid="rule-editor"]');
    await editor.waitFor();
    const optionTexts = await editor.locator('select option').allTextContents();
    for (const english of ['noData', 'error', 'alerting', 'keepLast', 'Default']) expect(optionTexts, english).not.toContain(english);
    expect(optionTexts).toEqual(expect.arrayContaining(['无数据', '错误', '保持上一状态', '默认']));
    expect(await editor.locator('[data-testid="rule-action"]').inputValue()).toBe('Default');
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
    await page.getByRole('dialog').first().waitFor({ state: 'detached', timeout: 10_000 }); // the dialog closes once the backend answered
    const saved = (await apiCall<AlertRule[]>(page, 'alerts/listRules', [])).find((r) => r.id === rule.id)!;
    expect([saved.noDataPolicy, saved.errorPolicy, saved.alertAction]).toEqual([rule.noDataPolicy, rule.errorPolicy, rule.alertAction]);
    await close();
  }, TEST_MS);

  it('Suspend becomes Resume and stays so across a tab change, as the rule is kept by the backend', async () => {
    const { page, close } = await openApp(s, { language: 'en', theme: 'dark' });
    await openView(page, 'alerts');
    const rules = await apiCall<AlertRule[]>(page, 'alerts/listRules', []);
    const rule = rules.find((r) => r.name === 'E2E never fires')!;
    await page.getByRole('tab', { name: 'Custom' }).click();
    const button = page.locator(`[data-testid="suspend-${rule.id}"]`);
    await button.waitFor({ timeout: WAIT_MS });
    expect(await button.textContent()).toBe('Suspend');
    await button.click();
    await expect.poll(() => button.textContent(), { timeout: WAIT_MS }).toBe('Resume');
    expect((await apiCall<AlertRule[]>(page, 'alerts/listRules', [])).find((r) => r.id === rule.id)!.enabled).toBe(false);
    await page.getByRole('tab', { name: 'System' }).click();
    await page.getByRole('tab', { name: 'Custom' }).click();
    await expect.poll(() => page.locator(`[data-testid="suspend-${rule.id}"]`).textContent(), { timeout: WAIT_MS }).toBe('Resume');
    // And after a reload (a new renderer): still suspended, still "Resume".
    await page.reload();
    await openView(page, 'alerts');
    await page.getByRole('tab', { name: 'Custom' }).click();
    await expect.poll(() => page.locator(`[data-testid="suspend-${rule.id}"]`).textContent(), { timeout: WAIT_MS }).toBe('Resume');
    await page.locator(`[data-testid="suspend-${rule.id}"]`).click();
    await expect.poll(() => page.locator(`[data-testid="suspend-${rule.id}"]`).textContent(), { timeout: WAIT_MS }).toBe('Suspend');
    await close();
  }, TEST_MS);

  it.each(['control', 'server'])('%s: a table header scrolled over rows hides them (no row shows through above or behind it)', async (view) => {
    const { page, close } = await openApp(s, { language: 'en', theme: 'light', width: 1280, height: 600 });
    await openView(page, view);
    const rows = page.locator(`[data-testid="view-${view}"] .data-table tbody tr`);
    await rows.nth(8).waitFor({ timeout: WAIT_MS });
    // Scroll the main area so that the rows of the first long table pass under its sticky header.
    await page.evaluate((v) => {
      const { document } = globalThis as unknown as Browser;
      const main = document.querySelector('main.app-main')! as unknown as El & { scrollTop: number; scrollTo(x: number, y: number): void };
      const table = [...document.querySelectorAll(`[data-testid="view-${v}"] .data-table`)].find((t) => (t as unknown as { rows: { length: number } }).rows.length > 8)!;
      main.scrollTo(0, table.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop + 120);
    }, view);
    await page.waitForTimeout(100);
    const seen = await page.evaluate((v) => {
      const { document } = globalThis as unknown as Browser;
      const mainBox = document.querySelector('main.app-main')!.getBoundingClientRect();
      // The header cell stuck at the top: its table starts above the visible area, the cell itself lies within it.
      const head = [...document.querySelectorAll(`[data-testid="view-${v}"] .data-table th`)].find((h) => {
        const r = h.getBoundingClientRect();
        return h.closest('table')!.getBoundingClientRect().top < mainBox.top && r.top >= mainBox.top && r.top <= mainBox.top + 40;
      });
      if (!head) return { stuck: false, through: [] as string[] };
      const r = head.getBoundingClientRect();
      const through: string[] = [];
      // Every point from the top of the visible area down through the header: nothing of a row may show.
      for (let y = Math.ceil(mainBox.top) + 1; y < r.bottom - 1; y += 2) {
        for (const x of [r.left + 20, (r.left + r.right) / 2, r.right - 20]) {
          const el = document.elementFromPoint(x, y);
          if (el?.closest('tbody')) through.push(`${Math.round(x)},${y}: ${el.tagName}`);
        }
      }
      return { stuck: true, through };
    }, view);
    await page.screenshot({ path: `${SHOTS}sticky-header-${view}-en-light.png` });
    expect(seen.stuck).toBe(true);
    expect(seen.through).toEqual([]);
    await close();
  }, TEST_MS);

  it('Silence… from Chinese Alert Central writes its comment in Chinese', async () => {
    const { page, close } = await openApp(s, { language: 'zh', theme: 'dark' });
    await openView(page, 'alerts');
    const button = page.locator('[data-testid="active-alarms"] [data-testid^="silence-"]:not([disabled])').first();
    await button.waitFor({ timeout: WAIT_MS });
    await button.click();
    await page.getByRole('dialog').getByRole('button', { name: '保存静默' }).click();
    await expect.poll(async () => (await apiCall<{ comment: string }[]>(page, 'alerts/listSilences', [])).map((x) => x.comment).join('|'), { timeout: WAIT_MS }).toMatch(/从告警中心静默（.+）/);
    await close();
  }, TEST_MS);

  it('screenshots: overview, Alert Central (active, history, rules, silences) and syslog, en/zh, dark/light', async () => {
    const views: [string, (page: Page) => Promise<void>][] = [
      ['overview', (p) => openView(p, 'overview').then(() => p.locator('.alarm-line').first().waitFor({ timeout: WAIT_MS }))],
      ['overview-alarms', async (p) => {
        await openView(p, 'overview');
        await p.locator('.latest-alarms').first().scrollIntoViewIfNeeded();
      }],
      ['alerts-active', (p) => openView(p, 'alerts').then(() => p.locator('[data-testid="active-alarms"]').waitFor({ timeout: WAIT_MS }))],
      ['alerts-history', async (p) => {
        await openView(p, 'alerts');
        await p.locator('.tabs [role="tab"]').nth(4).click();
        await p.locator('[data-testid="alarm-history"]').waitFor({ timeout: WAIT_MS });
      }],
      ['alerts-rules', async (p) => {
        await openView(p, 'alerts');
        await p.locator('.tabs [role="tab"]').nth(1).click();
        await p.locator('[data-testid="rules-table"]').waitFor({ timeout: WAIT_MS });
      }],
      ['alerts-silences', async (p) => {
        await openView(p, 'alerts');
        await p.locator('.tabs [role="tab"]').nth(5).click();
        await p.locator('[data-testid="silences"], .state').first().waitFor({ timeout: WAIT_MS });
      }],
      ['syslog', (p) => openView(p, 'syslog').then(() => p.locator('[data-testid="syslog-table"]').waitFor({ timeout: WAIT_MS }))],
    ];
    for (const language of ['en', 'zh'] as const)
      for (const theme of ['dark', 'light'] as const) {
        const { page, close, consoleErrors } = await openApp(s, { language, theme, width: 1280, height: 900 });
        for (const [name, open] of views) {
          await open(page);
          await page.waitForTimeout(300);
          // A view opens at its top, not where the previous view was scrolled to.
          if (name === 'alerts-active' || name === 'syslog') expect(await page.locator('main.app-main').evaluate((el) => el.scrollTop), name).toBe(0);
          await page.screenshot({ path: `${SHOTS}${name}-${language}-${theme}.png` });
          // Nothing wider than the page: a table that overflows its panel hides its last columns.
          const overflow = await page.locator('main.app-main').evaluate((el) => el.scrollWidth - el.clientWidth);
          expect(overflow, `${name} ${language} ${theme} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
          // Text cut with an ellipsis can be read whole on hover.
          const cutWithoutTitle = await page.evaluate(() => {
            const { document, getComputedStyle } = globalThis as unknown as Browser;
            return [...document.querySelectorAll('main *')]
              .filter((el) => {
                const e = el as unknown as { scrollWidth: number; clientWidth: number; title?: string; querySelector(s: string): unknown };
                return getComputedStyle(el).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth && !el.closest('[title]') && !e.querySelector('[title]');
              })
              .map((el) => `${el.tagName}: ${(el as unknown as { textContent: string }).textContent.slice(0, 40)}`);
          });
          expect(cutWithoutTitle, `${name} ${language} ${theme}`).toEqual([]);
          // Severity badges on one line in every view that has them (syslog and history included).
          for (const n of await lineCount(page, '.sev-badge')) expect(n, `${name} ${language} ${theme}`).toBe(1);
          // So are table headers, buttons and tags in tables ("立即结束" wrapped one character per line).
          for (const n of await lineCount(page, 'main .data-table th, main .data-table button, main .data-table .tag')) expect(n, `${name} ${language} ${theme}`).toBe(1);
        }
        expect(consoleErrors).toEqual([]);
        await close();
      }
  }, 300_000);

  it('Clear all asks first, naming how many alarms and how many are for conditions still present', async () => {
    const { page, close } = await openApp(s, { language: 'en', theme: 'dark' });
    await openView(page, 'alerts');
    await page.locator('[data-testid="active-alarms"]').waitFor({ timeout: WAIT_MS });
    const before = await apiCall<AlarmRecord[]>(page, 'alerts/listActive', []);
    const rules = await apiCall<AlertRule[]>(page, 'alerts/listRules', []);
    const thresholdRules = new Set(rules.filter((r) => r.condition.kind === 'threshold').map((r) => r.id));
    await page.locator('[data-testid="clear-all"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const total = Number(/(\d+) active alarms/.exec((await dialog.locator('[data-testid="clear-all-count"]').textContent()) ?? '')?.[1]);
    const ongoing = Number(/(\d+) of them/.exec((await dialog.locator('[data-testid="clear-all-ongoing"]').textContent()) ?? '')?.[1]);
    // Alarms may come and go between the two reads: the figures lie within one poll of the API's.
    expect(Math.abs(total - before.length)).toBeLessThanOrEqual(2);
    expect(ongoing).toBeGreaterThanOrEqual(1);
    expect(Math.abs(ongoing - before.filter((a) => thresholdRules.has(a.ruleId)).length)).toBeLessThanOrEqual(2);
    await page.screenshot({ path: `${SHOTS}clear-all-dialog-en-dark.png` });
    // Cancel clears nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog.count()).resolves.toBe(0);
    const history = await apiCall<AlarmRecord[]>(page, 'alerts/history', [{ limit: 500 }]);
    expect(history.filter((a) => a.status === 'cleared')).toEqual([]);
    // Confirm clears them, by the operator.
    await page.locator('[data-testid="clear-all"]').click();
    await page.getByRole('dialog').getByRole('button', { name: /^Clear \d+ alarms$/ }).click();
    await expect.poll(async () => (await apiCall<AlarmRecord[]>(page, 'alerts/history', [{ limit: 500 }])).filter((a) => a.status === 'cleared').length, { timeout: WAIT_MS }).toBeGreaterThan(0);
    await close();
  }, TEST_MS);
});
