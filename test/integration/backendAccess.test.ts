/**
 * Identity in the backend (issue 16): the router runs each call as the caller the transport established, the
 * services record that caller (never a request field, never the process's user when a caller is known), changes and
 * refusals land in the backend's real audit log (history.db, HMAC chain), and the local session of desktop/web
 * refuses logins. A real backend on a temporary data folder, without the embedded cluster (nothing here needs one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../shared/model/views.js';
import type { SessionState } from '../../shared/model/access.js';
import type { MaintenanceWindow, Silence } from '../../shared/model/alert.js';
import type { IpcResult } from '../../shared/ipc/envelope.js';
import type { Caller } from '../../main/core/base/callerContext.js';
import { osOperator } from '../../main/core/audit/actionRecords.js';
import { adminSetupCommand, createBackend } from '../../main/core/backend/createBackend.js';
import { createApiRouter, type ApiRouter } from '../../main/core/transport/apiRouter.js';
import type { Backend } from '../../main/core/transport/backend.js';

const alice: Caller = { operator: 'alice', role: 'operator', source: 'server', address: '127.0.0.1', sessionId: 's-a' };
const wall: Caller = { operator: 'wall', role: 'viewer', source: 'server', address: '127.0.0.2', sessionId: 's-w' };

function value<T>(r: IpcResult<unknown>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('backend identity and audit (server mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imp-access-'));
  let backend: Backend;
  let router: ApiRouter;

  beforeAll(async () => {
    backend = await createBackend({ stateDir: dir, embeddedSimulator: false, transport: 'web', access: { mode: 'server' }, onAuditHead: () => undefined });
    router = createApiRouter(backend.api, undefined, { audit: backend.audit });
  });

  afterAll(async () => {
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has sessions with no admin yet: the setup command names the data folder', () => {
    expect(backend.localOperator).toBe(osOperator());
    expect(backend.sessions?.hasAdmin()).toBe(false);
    expect(backend.sessions?.state(undefined)).toMatchObject({ loggedIn: false, setupCommand: adminSetupCommand(dir) });
    expect(adminSetupCommand(dir)).toContain(`--data-dir ${dir}`);
    expect(adminSetupCommand("/tmp/it's here")).toContain(`--data-dir '/tmp/it'\\''s here'`);
  });

  it('app.info tells the caller, and nobody before login', async () => {
    expect(value<AppInfo>(await router.dispatch('app', 'info', [], alice))).toMatchObject({ operator: 'alice', role: 'operator', mode: 'server', transport: 'web' });
    const anonymous = value<AppInfo>(await router.dispatch('app', 'info', []));
    expect(anonymous.operator).toBe('');
    expect(anonymous.role).toBeUndefined();
    expect(value<SessionState>(await router.dispatch('session', 'state', [], wall))).toEqual({ mode: 'server', loggedIn: true, operator: 'wall', role: 'viewer' });
  });

  it('records the caller as who made a silence and a maintenance window, and audits both', async () => {
    const now = Date.now();
    const id = value<string>(await router.dispatch('alerts', 'silence', [{ matchers: { node: 'imp-sub1' }, startsAtMs: now, endsAtMs: now + 3_600_000, comment: 'patching' }], alice));
    const silences = value<Silence[]>(await router.dispatch('alerts', 'listSilences', [], wall));
    expect(silences.find((s) => s.id === id)?.createdBy).toBe('alice');
    const window = value<MaintenanceWindow>(await router.dispatch('alerts', 'saveMaintenance', [{ cluster: 'sim', schedule: { kind: 'once', startsAt: now, endsAt: now + 60_000 }, comment: 'upgrade' }], alice));
    expect(window.createdBy).toBe('alice');
    const entries = await backend.api.audit.list({ operator: 'alice' });
    expect(entries.map((e) => [e.action, e.result, e.source, e.address, e.role])).toEqual([
      ['alerts.saveMaintenance', 'ok', 'server', '127.0.0.1', 'operator'],
      ['alerts.silence', 'ok', 'server', '127.0.0.1', 'operator'],
    ]);
    expect(entries[0]?.target).toBe('sim');
  });

  it('refuses a viewer, audited as refused under the viewer, and changes nothing', async () => {
    const before = (await backend.api.alerts.listSilences()).length;
    const r = await router.dispatch('alerts', 'silence', [{ matchers: { node: 'imp-sub2' }, startsAtMs: 0, endsAtMs: 10, comment: '' }], wall);
    expect(r).toMatchObject({ ok: false, error: { code: 'ROLE_FORBIDDEN', message: 'alerts.silence needs the operator role; wall is a viewer' } });
    expect(await backend.api.alerts.listSilences()).toHaveLength(before);
    const [entry] = await backend.api.audit.list({ operator: 'wall', result: 'refused' });
    expect(entry).toMatchObject({ action: 'alerts.silence', role: 'viewer', errorCode: 'ROLE_FORBIDDEN', address: '127.0.0.2' });
  });

  it('refuses a forged operator field (VALIDATION, audited under the session operator)', async () => {
    const r = await router.dispatch('alerts', 'acknowledge', [{ alarmId: 'a-1', by: 'mallory' }], alice);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const [entry] = await backend.api.audit.list({ action: 'alerts.acknowledge' });
    expect(entry).toMatchObject({ operator: 'alice', result: 'refused', errorCode: 'VALIDATION', target: 'a-1' });
  });

  it('audits a failed change with its error code and an operators change by an admin; the chain verifies', async () => {
    const admin: Caller = { operator: 'root', role: 'admin', source: 'server', address: '127.0.0.1' };
    expect(await router.dispatch('clusters', 'remove', ['no-such-cluster'], admin)).toMatchObject({ ok: false });
    expect(await router.dispatch('operators', 'add', [{ name: 'bob', role: 'viewer', password: 'correct horse battery' }], admin)).toMatchObject({ ok: true });
    const entries = await backend.api.audit.list({ operator: 'root' });
    expect(entries.map((e) => [e.action, e.result, e.target])).toEqual([
      ['operators.add', 'ok', 'bob'],
      ['clusters.remove', 'failed', 'no-such-cluster'],
    ]);
    expect(JSON.stringify(entries)).not.toContain('correct horse');
    expect(await backend.api.audit.verify()).toMatchObject({ ok: true });
  });
});

describe('backend identity (desktop mode)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imp-access-desktop-'));
  let backend: Backend;

  beforeAll(async () => {
    backend = await createBackend({ stateDir: dir, embeddedSimulator: false, transport: 'electron' });
  });

  afterAll(async () => {
    await backend?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('acts as the OS user with the admin role; logins are refused with the reason, audited', async () => {
    const router = createApiRouter(backend.api, undefined, { audit: backend.audit });
    const me: Caller = { operator: backend.localOperator, role: 'admin', source: 'desktop' };
    expect(value<SessionState>(await router.dispatch('session', 'state', [], me))).toEqual({ mode: 'desktop', loggedIn: true, operator: me.operator, role: 'admin' });
    expect(value<AppInfo>(await router.dispatch('app', 'info', [], me))).toMatchObject({ operator: me.operator, role: 'admin', mode: 'desktop', transport: 'electron' });
    const r = await router.dispatch('session', 'login', ['admin', 'a long enough password'], me);
    expect(r).toMatchObject({ ok: false, error: { code: 'PRECONDITION', message: `Logins are for a server started with npm run server; this app acts as ${me.operator}` } });
    const [entry] = await backend.api.audit.list({ action: 'session.login' });
    expect(entry).toMatchObject({ operator: me.operator, source: 'desktop', result: 'failed', errorCode: 'PRECONDITION', target: 'admin' });
    expect(JSON.stringify(entry)).not.toContain('a long enough password');
    // Outside any call (a timer of the backend) the alerts act as the OS user.
    const now = Date.now();
    const id = await backend.api.alerts.silence({ matchers: { node: 'n1' }, startsAtMs: now, endsAtMs: now + 60_000, comment: '' });
    expect((await backend.api.alerts.listSilences()).find((s) => s.id === id)?.createdBy).toBe(me.operator);
  });
});
