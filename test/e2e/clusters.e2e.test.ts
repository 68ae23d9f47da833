/**
 * Browser test of real clusters (issue 15), in web mode (Debian Chromium via playwright-core, skipped without it, a
 * failure under CI=true). A second simulated cluster runs in the test process on its own loopback addresses and
 * ports (startSimCluster, as `npm run sim -- --base-port N` would), and a person adds it through the Clusters form
 * as if it were a real one: its publisher and ports, first a wrong admin password (the test names it), then the
 * right one; the fingerprints shown for consent and accepted; its nodes discovered; every connection tested; saved.
 * The app is restarted on the same data folder and still lists it with its nodes. The cluster is then "reinstalled"
 * (new SSH host keys and certificates on the same addresses): Test names the changed host key, and Edit shows the
 * changed key in red beside the pinned one. Finally it is removed after a confirmation. Every view is photographed
 * at 1280x800 in English and Chinese (/tmp/shots/clusters-*.png; IMP_SHOTS_DIR names another folder) and no text
 * spills out of its box.
 */
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterConfigView } from '../../shared/model/clusters.js';
import { createBackend } from '../../main/core/backend/createBackend.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { SimPortInUseError, startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { startWebMode, type WebMode } from '../../main/core/transport/webMode.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { overflowing } from './pageOverflow.js';
import { apiCall, CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_TOOL, ensureRendererBuilt, openAppPage, openView, RENDERER_DIR, type E2ePage } from './webModeHarness.js';

const WAIT_MS = 240_000;
const SHOTS = process.env.IMP_SHOTS_DIR || '/tmp/shots/';
/** The second cluster's own loopback addresses (the embedded one uses the profile's 127.0.10.x). */
const ADDRESS_BASE = '127.0.11.11';
const NAME = 'Lab two';

/** Starts the second simulated cluster on fixed ports of its own addresses; `name` seeds its SSH host keys. */
async function startSecondCluster(name: string, identityDir: string, basePort?: number): Promise<SimCluster> {
  const base = loadProfile();
  for (let attempt = 0; ; attempt++) {
    const port = basePort ?? 30_000 + Math.floor(Math.random() * 300) * 100;
    try {
      return await startSimCluster({ profile: { ...base, name, endpoints: { ...base.endpoints, addressBase: ADDRESS_BASE } }, basePort: port, speed: 1, identityDir, seed: 7 });
    } catch (err) {
      if (!(err instanceof SimPortInUseError) || basePort !== undefined || attempt >= 5) throw err;
    }
  }
}

/** The app's backend and web server on a data folder (a restart is a new one on the same folder). */
async function startApp(stateDir: string): Promise<WebMode> {
  const backend = await createBackend({ transport: 'web', stateDir, simBasePort: 0, scenario: null, intervalsSec: { systemSec: 5, servicesSec: 5, haSec: 5 }, alertIntervalMs: 5000 });
  try {
    return await startWebMode({ backend, rendererDir: RENDERER_DIR, port: 0 });
  } catch (err) {
    await backend.dispose();
    throw err;
  }
}

/** Sends one CiscoLog syslog line over UDP from 127.0.0.1 claiming host `host` (RFC 3164 framing, local7.err). */
async function sendSpoofed(port: number, host: string): Promise<void> {
  const socket = createSocket('udp4');
  const line = `<187>41: ${host}: Dec 06 2026 10:00:00.000 UTC: %UC_GENERIC-3-CoreDumpFileFound: %[Reason=spoofed sender][AppID=Cisco AMC Service][ClusterID=][NodeID=${host}]: Core dump file found`;
  try {
    await new Promise<void>((resolve, reject) => socket.send(line, port, '127.0.0.1', (err) => (err ? reject(err) : resolve())));
  } finally {
    socket.close();
  }
}

const overflowingClusters = (page: Page): Promise<string[]> =>
  overflowing(page, '.cl-page', { selector: '.panel, button, .tag, th, h2, h3, label, .tabs button', wrapping: ['LABEL', 'H2', 'H3', 'TH'], titleExplains: true });

describe.skipIf(skipWithoutTools(CHROMIUM_TOOL))('Clusters in the browser', () => {
  let stateDir: string;
  let identityDir: string;
  let reinstalledDir: string;
  let web: WebMode | undefined;
  let browser: Browser;
  let lab: SimCluster | undefined;
  const pages: E2ePage[] = [];
  const open = async (language: 'en' | 'zh') => {
    if (!web) throw new Error('app not running');
    const p = await openAppPage(browser, web.server.url, { language, theme: 'dark', width: 1280, height: 800 });
    pages.push(p);
    return p;
  };
  const shot = async (page: Page, name: string, at?: string) => {
    if (at) await page.locator(at).first().evaluate((el) => (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}clusters-${name}.png` });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureRendererBuilt();
    stateDir = mkdtempSync(join(tmpdir(), 'imp-e2e-clusters-'));
    identityDir = mkdtempSync(join(tmpdir(), 'imp-e2e-lab-id-'));
    reinstalledDir = mkdtempSync(join(tmpdir(), 'imp-e2e-lab-id2-'));
    lab = await startSecondCluster('lab-two', identityDir);
    web = await startApp(stateDir);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  }, WAIT_MS);
  afterAll(async () => {
    for (const p of pages) await p.close().catch(() => undefined);
    await browser?.close();
    await web?.dispose();
    await lab?.dispose();
    for (const d of [stateDir, identityDir, reinstalledDir]) if (d) rmSync(d, { recursive: true, force: true });
  }, WAIT_MS);

  it('adds a second simulated cluster through the form, keeps it across a restart, names a changed host key, removes it', async () => {
    const publisher = lab!.plan.nodes[0]!;
    const ports = publisher.ports;
    const ep = lab!.profile.endpoints;
    const { page, consoleErrors } = await open('en');
    await openView(page, 'clusters');
    await page.locator('[data-testid="cl-embedded-state"]').filter({ hasText: 'running' }).waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="cl-none"]').waitFor();

    // The form, with the publisher's own ports and a wrong admin password first.
    await page.locator('[data-testid="cl-add"]').click();
    const form = page.locator('[data-testid="cl-form"]');
    await form.locator('[data-testid="cl-save"]').click();
    expect(await form.locator('.cl-bad').count(), 'an empty form names what is missing').toBeGreaterThan(0);
    await form.locator('[data-testid="cl-name"]').fill(NAME);
    await form.locator('[data-testid="cl-publisher"]').fill(publisher.host);
    await form.locator('[data-testid="cl-port-ssh"]').fill(String(ports.ssh));
    await form.locator('[data-testid="cl-port-soap"]').fill(String(ports.soap));
    await form.locator('[data-testid="cl-port-snmp"]').fill(String(ports.snmp));
    await form.locator('[data-testid="cl-admin-user"]').fill(ep.admin.username);
    await form.locator('[data-testid="cl-admin-password"]').fill('NotThePassword1!');
    await form.locator('[data-testid="cl-app-user"]').fill(ep.applicationUser.username);
    await form.locator('[data-testid="cl-app-password"]').fill(ep.applicationUser.password);
    await form.locator('[data-testid="cl-community"]').fill(ep.snmpCommunity);

    // Fingerprints first: new ones, shown for consent; Test stops until they are accepted.
    await form.locator('[data-testid="cl-identify"]').click();
    const sshKey = form.locator(`[data-testid="cl-key-ssh-${publisher.host}-${ports.ssh}"]`);
    await sshKey.waitFor({ timeout: 30_000 });
    expect(await sshKey.getAttribute('data-pin')).toBe('new');
    expect(await sshKey.locator('.cl-fp').textContent()).toMatch(/^SHA256:/);
    expect(await form.locator(`[data-testid="cl-key-tls-${publisher.host}-${ports.soap}"]`).getAttribute('data-pin')).toBe('new');
    await form.locator('[data-testid="cl-test"]').click();
    await form.locator('[data-testid="cl-notice"]').filter({ hasText: 'Accept the fingerprints' }).waitFor();
    await form.locator('[data-testid="cl-accept-new"]').click();

    // A wrong password: discovery (SSH to the publisher) is refused, in words a person can act on.
    await form.locator('[data-testid="cl-discover"]').click();
    const refused = form.locator('[data-testid="cl-error"]');
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.getAttribute('data-kind')).toBe('wrongPassword');
    expect(await refused.textContent()).toContain('Wrong password');
    expect(await refused.textContent()).toContain('check the user and type the password again');

    // The right password: discover the nodes (each node's own keys then shown and accepted).
    await form.locator('[data-testid="cl-admin-password"]').fill(ep.admin.password);
    await form.locator('[data-testid="cl-discover"]').click();
    const nodes = form.locator('[data-testid="cl-nodes"] tbody tr');
    await nodes.first().waitFor({ timeout: 60_000 });
    const nodeNames = await nodes.evaluateAll((rows) => rows.map((r) => (r as unknown as { getAttribute(n: string): string | null }).getAttribute('data-testid')!.replace('cl-node-', '')));
    expect(nodeNames.length).toBe(lab!.plan.nodes.length);
    expect(nodeNames).toContain('cucm-pub');
    const hosts = await form.locator('[data-testid="cl-node-host"]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
    expect(hosts.sort()).toEqual(lab!.plan.nodes.map((n) => n.host).sort());
    await form.locator(`[data-testid="cl-key-ssh-${lab!.plan.nodes[1]!.host}-${ports.ssh}"]`).waitFor({ timeout: 30_000 });
    if ((await form.locator('[data-testid="cl-accept-new"]').count()) > 0) await form.locator('[data-testid="cl-accept-new"]').click();
    // A single new key has no "accept all" button: tick it.
    for (const box of await form.locator('[data-testid="cl-key-accept"]:not(:checked)').all()) await box.check();

    // Test every node with a wrong admin password again: each node's SSH names it, SOAP and SNMP answer.
    await form.locator('[data-testid="cl-admin-password"]').fill('NotThePassword1!');
    await form.locator('[data-testid="cl-test"]').click();
    const results = form.locator('[data-testid="cl-form-results"]');
    await results.waitFor({ timeout: 120_000 });
    const wrong = results.locator('tr[data-kind="wrongPassword"]');
    expect(await wrong.count()).toBe(nodeNames.length);
    expect(await wrong.first().textContent()).toContain('Wrong password');
    expect(await results.locator('tr[data-ok="true"][data-testid$="-soap"]').count(), 'SOAP with its right password answers').toBe(nodeNames.length);
    await shot(page, 'wrong-password-en', '[data-testid="cl-form-results"]');

    // The right password: every connection answers.
    await form.locator('[data-testid="cl-admin-password"]').fill(ep.admin.password);
    await form.locator('[data-testid="cl-test"]').click();
    await form.locator('[data-testid="cl-form-results-summary"]').filter({ hasText: 'All' }).waitFor({ timeout: 120_000 });
    expect(await results.locator('tr[data-ok="false"]').count()).toBe(0);
    expect(await results.locator('tbody tr').count()).toBe(nodeNames.length * 3);
    await shot(page, 'form-en', '[data-testid="cl-form"]');
    expect(await overflowingClusters(page)).toEqual([]);
    await form.locator('[data-testid="cl-save"]').click();
    await form.waitFor({ state: 'detached', timeout: 60_000 });

    const configs = await apiCall<ClusterConfigView[]>(page, 'clusters/configs', []);
    const saved = configs.find((c) => c.name === NAME);
    expect(saved, 'saved in clusters.json').toBeDefined();
    expect(saved!.ports).toEqual({ ssh: ports.ssh, soap: ports.soap, snmp: ports.snmp });
    expect(saved!.hasAdminPassword && saved!.hasAppPassword).toBe(true);
    const row = page.locator(`[data-testid="cl-row-${saved!.id}"]`);
    await row.locator('[data-tone="ok"]').waitFor({ timeout: 90_000 });
    for (const n of nodeNames) expect(await row.locator('[data-testid="cl-row-nodes"]').textContent()).toContain(n);
    expect(await page.locator('[data-testid="cluster-picker"] option').allTextContents()).toContain(NAME);
    await shot(page, 'list-en');
    expect(consoleErrors).toEqual([]);

    // Restart the app on the same data folder: the cluster and its nodes are still there.
    await web!.dispose();
    web = undefined;
    web = await startApp(stateDir);
    const after = await open('en');
    await openView(after.page, 'clusters');
    const rowAfter = after.page.locator(`[data-testid="cl-row-${saved!.id}"]`);
    await rowAfter.waitFor({ timeout: 30_000 });
    await rowAfter.locator('[data-tone="ok"]').waitFor({ timeout: 90_000 });
    for (const n of nodeNames) expect(await rowAfter.locator('[data-testid="cl-row-nodes"]').textContent()).toContain(n);

    // The cluster is "reinstalled": new host keys and certificates on the same addresses and ports.
    await lab!.dispose();
    lab = undefined;
    lab = await startSecondCluster('lab-two-reinstalled', reinstalledDir, ports.ssh);
    await rowAfter.locator('[data-testid="cl-row-test"]').click();
    const savedResults = after.page.locator(`[data-testid="cl-saved-results-${saved!.id}"]`);
    const changed = savedResults.locator('tr[data-kind="hostKeyChanged"]');
    await changed.first().waitFor({ timeout: 60_000 });
    expect(await changed.first().textContent()).toContain('Host key changed');
    expect(await changed.first().textContent()).toContain('reinstalled');
    await shot(after.page, 'host-key-changed-en', `[data-testid="cl-saved-results-${saved!.id}"]`);

    // Edit shows the changed key in red, with the pinned fingerprint beside the new one.
    await rowAfter.locator('[data-testid="cl-row-edit"]').click();
    const edit = after.page.locator('[data-testid="cl-form"]');
    expect(await edit.locator('[data-testid="cl-admin-password"]').inputValue(), 'no secret comes back to the form').toBe('');
    await edit.locator('[data-testid="cl-identify"]').click();
    const changedKey = edit.locator(`[data-testid="cl-key-ssh-${publisher.host}-${ports.ssh}"]`);
    await changedKey.waitFor({ timeout: 30_000 });
    expect(await changedKey.getAttribute('data-pin')).toBe('changed');
    expect(await changedKey.getAttribute('class')).toContain('cl-changed');
    const fps = await changedKey.locator('.cl-fp').allTextContents();
    expect(fps.length).toBe(2);
    expect(fps[0]).not.toBe(fps[1]);
    await shot(after.page, 'key-changed-en', '[data-testid="cl-keys"]');
    await edit.locator('[data-testid="cl-cancel"]').click();

    // Remove, after a confirmation that names the cluster.
    await rowAfter.locator('[data-testid="cl-row-remove"]').click();
    const dialog = after.page.locator('[role="dialog"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(NAME);
    await dialog.locator('.dialog-actions button').last().click();
    await rowAfter.waitFor({ state: 'detached', timeout: 30_000 });
    expect((await apiCall<ClusterConfigView[]>(after.page, 'clusters/configs', [])).map((c) => c.name)).not.toContain(NAME);
    expect(await after.page.locator('[data-testid="cluster-picker"] option').allTextContents()).not.toContain(NAME);

    // The embedded simulated cluster switched off and on again: it leaves the cluster list and comes back.
    const simName = (await apiCall<{ id: string; name: string }[]>(after.page, 'clusters/list', [])).find((c) => c.id === 'sim')?.name;
    expect(simName).toBeDefined();
    const embedded = after.page.locator('[data-testid="cl-embedded-switch"]');
    await embedded.click();
    await after.page.locator('[data-testid="cl-embedded-state"]').filter({ hasText: 'switched off' }).waitFor({ timeout: 60_000 });
    await expect.poll(() => after.page.locator('[data-testid="cluster-picker"] option').allTextContents(), { timeout: 30_000 }).not.toContain(simName);
    await embedded.click();
    await after.page.locator('[data-testid="cl-embedded-state"]').filter({ hasText: 'running' }).waitFor({ timeout: 120_000 });
    await expect.poll(() => after.page.locator('[data-testid="cluster-picker"] option').allTextContents(), { timeout: 30_000 }).toContain(simName);
    expect(after.consoleErrors).toEqual([]);
  }, WAIT_MS * 2);

  it('photographs the Clusters view, the receivers, IM&P and the SysLog Viewer in English and Chinese without cut text', async () => {
    for (const language of ['en', 'zh'] as const) {
      const { page, consoleErrors } = await open(language);
      await openView(page, 'clusters');
      await page.locator('[data-testid="cl-embedded-state"]').filter({ hasText: language === 'en' ? 'running' : '正在运行' }).waitFor({ timeout: 60_000 });
      await page.locator('[data-testid="cl-add"]').click();
      await page.locator('[data-testid="cl-save"]').click();
      await shot(page, `view-${language}`);
      expect(await overflowingClusters(page)).toEqual([]);
      await page.locator('[data-testid="cl-cancel"]').click();
      await page.locator('[data-testid="cl-tab-receivers"]').click();
      await page.locator('[data-testid="rx-listeners"]').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="rx-configure-sim"]').click();
      await page.locator('[data-testid="rx-setups-sim"]').waitFor({ timeout: 60_000 });
      await shot(page, `receivers-${language}`, '[data-testid="rx-panel"]');
      expect(await overflowingClusters(page)).toEqual([]);
      await shot(page, `receivers-steps-${language}`, '[data-testid="rx-steps"]');
      // The steps name the port the syslog receiver is bound to.
      const udp = await page.locator('[data-testid="rx-syslog-udp"] td').nth(1).textContent();
      expect(udp).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(await page.locator('[data-testid="rx-steps"]').textContent()).toContain(udp!.split(':').at(-1));
      await openView(page, 'imp');
      await page.locator('[data-testid^="imp-"] h2').first().waitFor({ timeout: 60_000 });
      // The OVA is the node's (NodeStatus.ova), no longer a choice kept in the browser.
      await page.locator('[data-testid="node-ova"]').first().waitFor({ timeout: 60_000 });
      expect(await page.locator('.page-head select').count()).toBe(0);
      await shot(page, `imp-${language}`);
      // A message from 127.0.0.1 claiming a host no cluster reports: kept, shown as unattributed, with its sender.
      await sendSpoofed(Number(udp!.split(':').at(-1)), `fake-node-${language}`);
      await openView(page, 'syslog');
      await page.locator('[data-testid="syslog-attributed"]').selectOption('no');
      await page.locator('.filter-bar button[type="submit"]').click();
      const spoofed = page.locator('[data-testid="syslog-table"] tbody tr').filter({ hasText: `fake-node-${language}` });
      await spoofed.first().waitFor({ timeout: 30_000 });
      expect(await spoofed.first().locator('[data-attributed="false"]').textContent()).toContain('127.0.0.1');
      await spoofed.first().click();
      expect(await page.locator('[data-testid="syslog-attribution"]').textContent()).toContain(`fake-node-${language}`);
      await shot(page, `syslog-${language}`);
      expect(consoleErrors).toEqual([]);
    }
  }, WAIT_MS);
});
