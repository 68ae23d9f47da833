/**
 * Starts the app in web mode on the simulated cluster for browser tests and benches: builds the renderer when
 * dist/renderer is missing, loads main/core/backend/createBackend (through transport/backend.ts), serves it with
 * startWebMode on 127.0.0.1:0, and launches Debian's Chromium through playwright-core. Everything it opens is
 * closed by `dispose()`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createBackend } from '../../main/core/backend/createBackend.js';
import { startWebMode, type WebMode } from '../../main/core/transport/webMode.js';

/** Where Debian installs Chromium (apt-get install -y chromium); IMP_TEST_CHROMIUM names another binary. */
export const CHROMIUM_PATH = process.env.IMP_TEST_CHROMIUM || '/usr/bin/chromium';
/** Flags for a quiet headless Chromium in a container. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The built renderer. */
export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
/** Screenshots go here (gitignored). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('./artifacts/', import.meta.url));

/** Whether the backend factory file exists yet (it is written separately). */
export function backendAvailable(): boolean {
  return ['ts', 'js'].some((ext) => existsSync(fileURLToPath(new URL(`../../main/core/backend/createBackend.${ext}`, import.meta.url))));
}

/**
 * Chromium as a required tool, for `describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))` (test/helpers/requiredTools.ts):
 * skipped where it is missing, a failure naming it under CI=true.
 */
export const CHROMIUM_TOOL = { path: CHROMIUM_PATH, apt: 'chromium' } as const;

/** Whether Chromium is installed. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Builds dist/renderer with Vite unless it exists (or `force`). */
export function ensureRendererBuilt(force = false): void {
  if (!force && existsSync(`${RENDERER_DIR}index.html`)) return;
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}

/** A running web mode with a browser page on it. */
export interface E2eSession {
  readonly web: WebMode;
  /** The backend's state folder (history.db, pins, settings). */
  readonly stateDir: string;
  readonly browser: Browser;
  readonly page: Page;
  /** Browser console errors seen so far. */
  readonly consoleErrors: string[];
  /**
   * Opens the app in a fresh browser context (own localStorage, so its own language and theme), for a test that
   * must not depend on what an earlier test did to the shared `page`. Closed by `close()` or by `dispose()`.
   */
  openPage(options?: E2ePageOptions): Promise<E2ePage>;
  dispose(): Promise<void>;
}

/** Options of E2eSession.openPage. */
export interface E2ePageOptions {
  /** The UI language, stored as the user's pick before the app loads (default: the browser locale, en-US). */
  readonly language?: 'en' | 'zh';
  readonly theme?: 'dark' | 'light';
  readonly width?: number;
  readonly height?: number;
}

/** A page of its own, with the console errors it logged. */
export interface E2ePage {
  readonly page: Page;
  readonly consoleErrors: string[];
  close(): Promise<void>;
}

/**
 * Opens the app at `url` in a fresh browser context with the language and theme stored before it loads; console
 * errors go to `consoleErrors` when given (several pages of one test sharing one list), else to the page's own.
 */
export async function openAppPage(browser: Browser, url: string, options: E2ePageOptions & { readonly locale?: string; readonly consoleErrors?: string[] }): Promise<E2ePage> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1600, height: options.height ?? 1000 }, locale: options.locale ?? 'en-US' });
  // The keys renderer/app/appStore.ts reads at start, set once: a later pick in the page survives a reload.
  await context.addInitScript(({ language, theme }) => {
    const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void } }).localStorage;
    if (language && storage.getItem('imp-monitor.locale') === null) storage.setItem('imp-monitor.locale', language);
    if (theme && storage.getItem('imp-monitor.theme') === null) storage.setItem('imp-monitor.theme', theme);
  }, { language: options.language, theme: options.theme });
  const page = await context.newPage();
  const consoleErrors: string[] = options.consoleErrors ?? [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(url);
  return { page, consoleErrors, close: () => context.close() };
}

/** Starts backend + web mode + Chromium and opens the app (English, dark theme) at `view`; `speed` runs the simulator faster. */
export async function startE2eSession(options: { readonly locale?: string; readonly width?: number; readonly height?: number; readonly speed?: number } = {}): Promise<E2eSession> {
  ensureRendererBuilt();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  // A fresh state folder and free ports; polls every 5 s so the views fill quickly; no scripted scenario.
  const stateDir = mkdtempSync(join(tmpdir(), 'imp-e2e-'));
  // `speed`: the simulator's virtual seconds per real second (default 1), for flows the guide counts in minutes (DRS).
  const backend = await createBackend({ transport: 'web', stateDir, simBasePort: 0, scenario: null, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000, ...(options.speed ? { speed: options.speed } : {}) });
  let web: WebMode | undefined;
  let browser: Browser | undefined;
  try {
    web = await startWebMode({ backend, rendererDir: RENDERER_DIR, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const w = web;
    const b = browser;
    const first = await openAppPage(b, w.server.url, { locale: options.locale, width: options.width, height: options.height });
    return {
      web: w,
      stateDir,
      browser: b,
      page: first.page,
      consoleErrors: first.consoleErrors,
      openPage: (pageOptions = {}) => openAppPage(b, w.server.url, { locale: options.locale, ...pageOptions }),
      async dispose() {
        await b.close();
        await w.dispose();
      },
    };
  } catch (err) {
    await browser?.close();
    if (web) await web.dispose();
    else await backend.dispose();
    throw err;
  }
}

/** Opens a view through the navigation (as a user would). */
export async function openView(page: Page, view: string): Promise<void> {
  await page.locator(`nav [data-view="${view}"]`).click();
  await page.locator(`[data-testid="view-${view}"]`).waitFor();
}

/** Calls the backend's API from the page (same origin, with the page's token cookie): `service/method` and its arguments. */
export async function apiCall<T>(page: Page, path: string, args: readonly unknown[]): Promise<T> {
  return page.evaluate(async ({ path, args }) => {
    const r = await fetch(`/api/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args), credentials: 'same-origin' });
    const body = (await r.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${path}: ${body.error?.code} ${body.error?.message}`);
    return body.value;
  }, { path, args }) as Promise<T>;
}
