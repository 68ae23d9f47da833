/**
 * Every API method has a role and a parser, and the router enforces the role (issue 16): enumerated from
 * API_METHODS at run time, so a method added later is covered without touching this test.
 */
import { describe, expect, it } from 'vitest';
import { API_METHODS, isAuditedMethod, methodRole } from '../../shared/ipc/channels.js';
import { ROLES, type MethodRole, type Role } from '../../shared/model/access.js';
import type { AuditEntry, AuditEntryInput } from '../../shared/model/audit.js';
import { IPC_ARGUMENT_PARSERS } from '../../shared/validation/ipcArguments.js';
import type { AuditSink, Caller } from '../../main/core/base/callerContext.js';
import { createApiRouter } from '../../main/core/transport/apiRouter.js';
import { createFakeDesktopApi } from '../kits/fakeDesktopApi.js';

const METHODS: readonly (readonly [string, string, MethodRole])[] = Object.entries(API_METHODS).flatMap(([service, methods]) =>
  Object.entries(methods).map(([method, role]) => [service, method, role as MethodRole] as const),
);
const RANK: Record<MethodRole, number> = { public: 0, viewer: 1, operator: 2, admin: 3 };

function sink(): AuditSink & { entries: AuditEntryInput[] } {
  const entries: AuditEntryInput[] = [];
  return { entries, append: async (e) => (entries.push(e), { ...e, seq: entries.length, atMs: 0 } as AuditEntry) };
}

const caller = (role: Role): Caller => ({ operator: `${role}-1`, role, source: 'server', address: '127.0.0.1' });

describe('API method roles', () => {
  it('covers a real list of methods', () => {
    expect(METHODS.length).toBeGreaterThan(100);
    for (const role of ['public', 'viewer', 'operator', 'admin'] as const) expect(METHODS.some(([, , r]) => r === role)).toBe(true);
  });

  it.each(METHODS)('%s.%s has a role and a parser', (service, method, role) => {
    expect(['public', 'viewer', 'operator', 'admin']).toContain(role);
    expect(methodRole(service, method)).toBe(role);
    const parsers = IPC_ARGUMENT_PARSERS as unknown as Record<string, Record<string, unknown>>;
    expect(typeof parsers[service]?.[method]).toBe('function');
    // Every change is audited; reads are not (session.* audit themselves or are refused on the desktop). The reads
    // above the viewer's role are named one by one: a method whose name says it changes something must be audited.
    const read = /^(list|identify|browse|cores|bundles|bundleEntries|verifyBundle|openLog|readLines|findInLog|lineAtTime|closeLog|search|tailStart|tailStop)$/.test(method);
    if (role === 'operator' || role === 'admin') expect(isAuditedMethod(service, method)).toBe(!read);
    if (role === 'viewer' && service !== 'session') expect(isAuditedMethod(service, method)).toBe(false);
  });

  it.each(ROLES)('the router allows a %s exactly the methods of its rank and audits each refusal', async (role) => {
    const { api, calls } = createFakeDesktopApi();
    const audit = sink();
    const router = createApiRouter(api, undefined, { audit, onInternalError: () => undefined });
    const who = caller(role);
    let refusals = 0;
    for (const [service, method, need] of METHODS) {
      // Arguments that no parser accepts: an allowed call stops at validation, a refused one before it.
      const r = await router.dispatch(service, method, [{ notAnArgument: true }, 1, 2, 3, 4, 5], who);
      if (RANK[need] > RANK[role]) {
        refusals++;
        expect(r, `${service}.${method}`).toEqual({ ok: false, error: { code: 'ROLE_FORBIDDEN', message: `${service}.${method} needs the ${need} role; ${who.operator} is a ${role}`, retryable: false } });
        expect(audit.entries.at(-1), `${service}.${method}`).toMatchObject({ operator: who.operator, role, source: 'server', address: '127.0.0.1', action: `${service}.${method}`, result: 'refused', errorCode: 'ROLE_FORBIDDEN' });
      } else {
        expect(r, `${service}.${method}`).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      }
    }
    expect(calls).toEqual([]);
    expect(audit.entries.filter((e) => e.errorCode === 'ROLE_FORBIDDEN')).toHaveLength(refusals);
    if (role === 'viewer') expect(refusals).toBe(METHODS.filter(([, , n]) => n === 'operator' || n === 'admin').length);
    if (role === 'admin') expect(refusals).toBe(0);
  });

  it('a viewer reaches the implementation of viewer methods (no-argument reads run)', async () => {
    const { api, calls } = createFakeDesktopApi();
    const router = createApiRouter(api);
    const reads = METHODS.filter(([s, m, need]) => need === 'viewer' && (IPC_ARGUMENT_PARSERS as unknown as Record<string, Record<string, (a: unknown[]) => { ok: boolean }>>)[s]![m]!([]).ok);
    expect(reads.length).toBeGreaterThan(10);
    for (const [service, method] of reads) expect(await router.dispatch(service, method, [], caller('viewer')), `${service}.${method}`).toMatchObject({ ok: true });
    expect(calls.map((c) => `${c.service}.${c.method}`)).toEqual(reads.map(([s, m]) => `${s}.${m}`));
  });

  it('refuses every non-public method without a caller (AUTH_REQUIRED, not audited) and runs public ones', async () => {
    const { api, calls } = createFakeDesktopApi();
    const audit = sink();
    const router = createApiRouter(api, undefined, { audit });
    for (const [service, method, need] of METHODS) {
      const r = await router.dispatch(service, method, [], undefined);
      if (need === 'public') expect(r, `${service}.${method}`).not.toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
      else expect(r, `${service}.${method}`).toEqual({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'Log in first', retryable: false } });
    }
    expect(audit.entries).toEqual([]);
    expect(calls.every((c) => methodRole(c.service, c.method) === 'public')).toBe(true);
  });
});
