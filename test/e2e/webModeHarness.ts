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

/** Where Debian installs Chromium (apt-get install -y chromium). */
export const CHROMIUM_PATH = '/usr/bin/chromium';
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
  readonly browser: Browser;
  readonly page: Page;
  /** Browser console errors seen so far. */
  readonly consoleErrors: string[];
  dispose(): Promise<void>;
}

/** Starts backend + web mode + Chromium and opens the app (English, dark theme) at `view`. */
export async function startE2eSession(options: { readonly locale?: string; readonly width?: number; readonly height?: number } = {}): Promise<E2eSession> {
  ensureRendererBuilt();
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  // A fresh state folder and free ports; polls every 5 s so the views fill quickly; no scripted scenario.
  const backend = await createBackend({ transport: 'web', stateDir: mkdtempSync(join(tmpdir(), 'imp-e2e-')), simBasePort: 0, scenario: null, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
  let web: WebMode | undefined;
  let browser: Browser | undefined;
  try {
    web = await startWebMode({ backend, rendererDir: RENDERER_DIR, port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: { width: options.width ?? 1600, height: options.height ?? 1000 }, locale: options.locale ?? 'en-US' });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(web.server.url);
    const w = web;
    const b = browser;
    return {
      web: w,
      browser: b,
      page,
      consoleErrors,
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
