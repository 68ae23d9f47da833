/**
 * `npm run server` as a process (issue 16): plain HTTP off the machine is refused before anything binds (exit 2, the
 * data folder untouched); a config with TLS on 127.0.0.1 serves HTTPS that curl trusts with `--cacert` (an openssl
 * certificate), prints its URL, /metrics and the setup line while no admin exists, takes the first admin from
 * `imp operators add` without a restart, sets a Secure session cookie, and stops on SIGTERM with exit 0.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/model/views.js';
import { closedPort } from '../helpers/closedPort.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { addOperatorWithCli, call, curl, CURL_TOOL, login, makeTestCertificate, OPENSSL_TOOL, runServerToEnd, spawnServer, writeMinimalRenderer, type SpawnedServer } from '../helpers/serverHarness.js';

const ADMIN = { name: 'admin', role: 'admin', password: 'first-admin-pass-1' } as const;

describe.skipIf(skipWithoutTools([CURL_TOOL, OPENSSL_TOOL]))('npm run server as a process', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'imp-server-process-'));
  let running: SpawnedServer | undefined;

  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to listen on 0.0.0.0 without TLS: exit 2 with the reason, before binding or creating anything', async () => {
    const port = await closedPort();
    const dataDir = path.join(dir, 'refused-data');
    const r = await runServerToEnd(['--listen', `0.0.0.0:${port}`, '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`listening on 0.0.0.0:${port} needs TLS: set tls.certFile and tls.keyFile in the config (never plain HTTP off the machine)`);
    expect(r.stdout).not.toContain('IMP Monitor server is at');
    expect(existsSync(dataDir)).toBe(false);
    // Bad usage is exit 2 with the usage too.
    const bad = await runServerToEnd(['--listen', 'everywhere']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--listen must be ADDR:PORT/);
    expect(bad.stderr).toMatch(/Usage: npm run server --/);
  }, 120_000);

  it('serves HTTPS on 127.0.0.1 from a config, prints the setup line, takes the first admin from imp operators and stops on SIGTERM', async () => {
    const { certFile, keyFile } = await makeTestCertificate(dir);
    const dataDir = path.join(dir, 'data');
    const configFile = path.join(dir, 'server.json');
    writeFileSync(configFile, JSON.stringify({ listen: '127.0.0.1:0', tls: { certFile: path.basename(certFile), keyFile: path.basename(keyFile) }, dataDir: 'data', embeddedSimulator: { enabled: false }, sessions: { maxAgeSec: 3600 } }));
    const renderer = await writeMinimalRenderer(dir);
    running = await spawnServer(['--config', configFile], { IMP_RENDERER_DIR: renderer });
    const url = running.url;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const out = running.output();
    expect(out).toContain(`[server] data folder: ${dataDir}`);
    expect(out).toContain('no admin account yet: every login is refused');
    expect(out).toContain(`operators add --name admin --role admin --password-env IMP_ADMIN_PASSWORD --data-dir ${dataDir}`);
    const metricsUrl = /\[server\] metrics: (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(out)?.[1];
    expect(metricsUrl).toBeDefined();
    expect((await curl([metricsUrl!])).status).toBe(200);

    // curl trusts the openssl certificate only when told to.
    await expect(curl([`${url}/`])).rejects.toThrow(/certificate/i);
    const page = await curl([`${url}/`], { cacert: certFile });
    expect(page.status).toBe(200);
    expect(page.headers).toMatch(/^strict-transport-security: max-age=31536000/im);
    // Plain HTTP to the HTTPS port gets no page.
    const plain = await curl([url.replace('https:', 'http:') + '/']).catch((err: Error) => err);
    expect(plain instanceof Error || plain.status >= 400).toBe(true);

    const refused = await login(url, ADMIN.name, ADMIN.password, { cacert: certFile });
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'PRECONDITION' } });
    await addOperatorWithCli(dataDir, ADMIN);
    const r = await login(url, ADMIN.name, ADMIN.password, { cacert: certFile });
    expect(r.result.ok).toBe(true);
    const cookie = /^set-cookie:.*$/im.exec(r.headers)![0];
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/Max-Age=3600/);
    const info = await call<AppInfo>(url, r.token, 'app', 'info', [], { cacert: certFile });
    expect(info.result).toMatchObject({ ok: true, value: { operator: 'admin', role: 'admin', mode: 'server' } });

    const end = await running.stop();
    running = undefined;
    expect(end.code).toBe(0);
    expect(end.stdout).toContain('[server] stopped');
  }, 240_000);
});
