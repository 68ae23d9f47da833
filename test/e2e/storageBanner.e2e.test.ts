/**
 * Issue 10: a held SQLite lock blocked the event loop; now a locked database delays the history's writes, loses
 * nothing, "and shows as a storage error". Here another connection holds the app's history.db for writing: the
 * page says so (in English and Chinese) while the lock is held, and the banner goes once the lock is released.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { CHROMIUM_TOOL, startE2eSession, type E2eSession } from './webModeHarness.js';

const WAIT_MS = 60_000;

describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('a locked history database in the app', () => {
  let s: E2eSession;
  beforeAll(async () => {
    s = await startE2eSession();
  }, 180_000);
  afterAll(async () => {
    await s?.dispose();
  });

  it('shows a banner while another process holds the database, and clears it once the writes resume', async () => {
    const en = await s.openPage({ language: 'en' });
    const zh = await s.openPage({ language: 'zh' });
    const banner = (p: typeof en) => p.page.locator('[data-testid="storage-banner"]');
    try {
      await en.page.locator('[data-testid="view-overview"]').waitFor();
      await expect(banner(en).count()).resolves.toBe(0);
      const holder = new Database(join(s.stateDir, 'history.db'));
      try {
        holder.exec('BEGIN IMMEDIATE');
        await banner(en).waitFor({ timeout: WAIT_MS });
        await expect(banner(en).textContent()).resolves.toMatch(/History writes are waiting \(STORAGE_BUSY\): [\d,]+ samples are kept/);
        await banner(zh).waitFor({ timeout: WAIT_MS });
        await expect(banner(zh).textContent()).resolves.toMatch(/历史数据写入正在等待（STORAGE_BUSY）/);
        await en.page.screenshot({ path: '/tmp/shots/storage-banner-en.png' });
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
      // The store retries within 30 s at most (1 s doubling), the page asks every 5 s.
      await banner(en).waitFor({ state: 'detached', timeout: WAIT_MS });
      expect([...en.consoleErrors, ...zh.consoleErrors]).toEqual([]);
    } finally {
      await en.close();
      await zh.close();
    }
  }, 180_000);
});
