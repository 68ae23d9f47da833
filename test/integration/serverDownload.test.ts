/**
 * A server's `GET /download?path=` (issue 16, transport/fileDownload.ts): an operator downloads a trace bundle from
 * `<data-dir>/bundles` with curl (the same bytes, as an attachment); a viewer is refused (403), no session is 401;
 * `..`, the data folder's credentials.json and a symbolic link out of the bundle folder are refused (403); a missing
 * file is 404; the download is in the audit log under the operator. Token mode (`--web`): the local user's own
 * files, only with the per-run token, audited under the OS user.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/model/audit.js';
import { openAuditLog, type OpenedAuditLog } from '../../main/core/audit/auditKey.js';
import { createApiRouter } from '../../main/core/transport/apiRouter.js';
import { EventHub } from '../../main/core/transport/eventHub.js';
import { startWebServer, type WebServer } from '../../main/core/transport/webServer.js';
import { createFakeDesktopApi } from '../kits/fakeDesktopApi.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { addOperator, call, curl, CURL_TOOL, loginToken, startTestServer, writeMinimalRenderer, type TestServer } from '../helpers/serverHarness.js';

const ADMIN = { name: 'root', role: 'admin', password: 'root-pass-5d2a8' } as const;
const OP = { name: 'sam', role: 'operator', password: 'sam-pass-91b4c' } as const;
const VIEWER = { name: 'wall', role: 'viewer', password: 'wall-pass-7e3f0' } as const;

const downloadUrl = (url: string, file: string) => `${url}/download?path=${encodeURIComponent(file)}`;

/** curl into a file: the response headers (stdout) and the status. */
function curlToFile(url: string, bearer: string, out: string): Promise<{ status: number; headers: string }> {
  return new Promise((resolve, reject) => {
    execFile('curl', ['-sS', '--max-time', '30', '-D', '-', '-o', out, '-H', `Authorization: Bearer ${bearer}`, url], (err, stdout, stderr) => {
      if (err) return reject(new Error(`curl failed: ${stderr || err.message}`));
      resolve({ status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(stdout)?.[1]), headers: stdout });
    });
  });
}

describe.skipIf(skipWithoutTools(CURL_TOOL))('server downloads of trace bundles', () => {
  let t: TestServer | undefined;
  let scratch = '';
  let admin = '';
  let operator = '';
  let viewer = '';
  let bundle = '';
  const content = randomBytes(200_000);

  beforeAll(async () => {
    t = await startTestServer({ embedded: { enabled: false } });
    await addOperator(t, ADMIN);
    await addOperator(t, OP);
    await addOperator(t, VIEWER);
    admin = await loginToken(t.url, ADMIN.name, ADMIN.password);
    operator = await loginToken(t.url, OP.name, OP.password);
    viewer = await loginToken(t.url, VIEWER.name, VIEWER.password);
    const bundles = path.join(t.dataDir, 'bundles');
    await mkdir(bundles, { recursive: true });
    bundle = path.join(bundles, 'imp-pub 2026-12-06 traces.zip');
    await writeFile(bundle, content);
    scratch = await mkdtemp(path.join(tmpdir(), 'imp-download-'));
  }, 120_000);

  afterAll(async () => {
    await t?.dispose();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('an operator downloads a bundle: the same bytes, as an attachment, and the audit log says so', async () => {
    const out = path.join(scratch, 'got.zip');
    const got = await curlToFile(downloadUrl(t!.url, bundle), operator, out);
    expect(got.status).toBe(200);
    expect(Buffer.compare(await readFile(out), content)).toBe(0);
    expect(got.headers).toMatch(/^content-type: application\/zip\r?$/im);
    expect(got.headers).toMatch(/^content-disposition: attachment; filename="imp-pub 2026-12-06 traces.zip"; filename\*=UTF-8''imp-pub%202026-12-06%20traces\.zip\r?$/im);
    expect(got.headers).toMatch(/^content-length: 200000\r?$/im);

    const head = await curl(['-I', '-H', `Authorization: Bearer ${operator}`, downloadUrl(t!.url, bundle)]);
    expect(head.status).toBe(200);
    expect(head.headers).toMatch(/^content-length: 200000\r?$/im);
    expect(head.body).toBe('');

    const audit = await call<AuditEntry[]>(t!.url, admin, 'audit', 'list', [{ action: 'traces.download', result: 'ok' }]);
    expect(audit.result.ok).toBe(true);
    const entries = (audit.result as { value: AuditEntry[] }).value;
    expect(entries.some((e) => e.operator === OP.name && e.role === 'operator' && e.source === 'server' && e.target === bundle && e.params['bytes'] === 200_000)).toBe(true);
  });

  it('a viewer gets 403 (audited as refused), no session 401, a missing file 404', async () => {
    const asViewer = await curl(['-H', `Authorization: Bearer ${viewer}`, downloadUrl(t!.url, bundle)]);
    expect(asViewer.status).toBe(403);
    expect(JSON.parse(asViewer.body)).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN' } });
    expect(asViewer.body).not.toContain(content.subarray(0, 16).toString('latin1'));
    const refused = await call<AuditEntry[]>(t!.url, admin, 'audit', 'list', [{ action: 'traces.download', operator: VIEWER.name }]);
    expect((refused.result as { value: AuditEntry[] }).value[0]).toMatchObject({ result: 'refused', errorCode: 'ROLE_FORBIDDEN' });

    const anonymous = await curl([downloadUrl(t!.url, bundle)]);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body)).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });

    const missing = await curl(['-H', `Authorization: Bearer ${operator}`, downloadUrl(t!.url, path.join(t!.dataDir, 'bundles', 'none.zip'))]);
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses paths out of the bundle folders: .., credentials.json, a symbolic link out, a folder, a relative path', async () => {
    const dataDir = t!.dataDir;
    const secret = path.join(dataDir, 'credentials.json');
    await writeFile(secret, '{"secret":"do-not-serve"}');
    const link = path.join(dataDir, 'bundles', 'innocent.zip');
    await symlink(secret, link);
    const asOperator = (file: string) => curl(['-H', `Authorization: Bearer ${operator}`, downloadUrl(t!.url, file)]);
    for (const file of [`${dataDir}/bundles/../credentials.json`, secret, link, path.join(dataDir, 'history.db'), path.join(dataDir, 'bundles')]) {
      const answer = await asOperator(file);
      expect(answer.status, file).toBe(403);
      expect(JSON.parse(answer.body), file).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
      expect(answer.body).not.toContain('do-not-serve');
    }
    expect((await asOperator('bundles/x.zip')).status).toBe(400);
    // A path outside the roots is refused whether it exists or not (no probing of the server's disk).
    expect((await asOperator('/nonexistent/elsewhere.zip')).status).toBe(403);
  });
});

describe.skipIf(skipWithoutTools(CURL_TOOL))('web (token) mode downloads', () => {
  let dir = '';
  let web: WebServer | undefined;
  let hub: EventHub | undefined;
  let audit: OpenedAuditLog | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'imp-web-download-'));
    const ui = await writeMinimalRenderer(path.join(dir, 'ui'));
    audit = await openAuditLog({ stateDir: path.join(dir, 'data') });
    hub = new EventHub({ flushIntervalMs: 50 });
    // The fake API backs /api only (not used here); /download is the web layer's own route.
    const { api } = createFakeDesktopApi({});
    web = await startWebServer({ router: createApiRouter(api), events: hub, rendererDir: ui, auth: { kind: 'token', caller: { operator: 'localuser', role: 'admin', source: 'web' } }, downloads: { audit: audit.log } });
  });

  afterAll(async () => {
    await web?.dispose();
    hub?.dispose();
    await audit?.dispose();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("serves the local user's file with the token only, audited under the OS user", async () => {
    const file = path.join(dir, 'bündel.tar.gz');
    await writeFile(file, 'local bundle bytes');
    const got = await curl(['-H', `Authorization: Bearer ${web!.token}`, downloadUrl(web!.origin, file)]);
    expect(got.status).toBe(200);
    expect(got.body).toBe('local bundle bytes');
    expect(got.headers).toMatch(/^content-type: application\/gzip\r?$/im);
    expect(got.headers).toMatch(/^content-disposition: attachment; filename="b_ndel\.tar\.gz"; filename\*=UTF-8''b%C3%BCndel\.tar\.gz\r?$/im);
    expect((await curl([downloadUrl(web!.origin, file)])).status).toBe(401);
    const entries = await audit!.log.list({ action: 'traces.download' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ operator: 'localuser', role: 'admin', source: 'web', target: file, result: 'ok', params: { bytes: 18 } });
  });
});
