import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../base/errors.js';
import type { AuditEntry, AuditEntryInput } from '../../../shared/model/audit.js';
import type { AuditSink, Caller } from '../base/callerContext.js';
import { currentCaller } from '../base/callerContext.js';
import { createApiRouter, type ApiRouter } from './apiRouter.js';
import { createFakeDesktopApi } from '../../../test/kits/fakeDesktopApi.js';

const ADMIN: Caller = { operator: 'root', role: 'admin', source: 'desktop' };

/** The router as the desktop's IPC layer uses it: every call as the OS user with the admin role. */
function adminRouter(...a: Parameters<typeof createApiRouter>): ApiRouter {
  const r = createApiRouter(...a);
  return { dispatch: (s, m, args) => r.dispatch(s, m, args, ADMIN) };
}

/** An AuditSink keeping its entries in memory (the router's contract with the sink, seen from outside). */
function memorySink(): AuditSink & { entries: AuditEntryInput[] } {
  const entries: AuditEntryInput[] = [];
  return {
    entries,
    append: async (e) => {
      entries.push(e);
      return { ...e, seq: entries.length, atMs: 0 } as AuditEntry;
    },
  };
}

const series = { cluster: 'c1', node: 'imp1', object: 'Processor', instance: '_Total', counter: '% CPU Time' };

describe('createApiRouter', () => {
  it('runs an allow-listed method with its parsed arguments and wraps the value', async () => {
    const { api, calls } = createFakeDesktopApi({ 'clusters.setEmbedded': () => undefined, 'perf.watch': () => 'w-1' });
    const router = adminRouter(api);
    expect(await router.dispatch('clusters', 'setEmbedded', [true])).toEqual({ ok: true, value: undefined });
    expect(await router.dispatch('perf', 'watch', [{ series: [series], intervalSec: 5 }])).toEqual({ ok: true, value: 'w-1' });
    expect(calls.map((c) => [c.service, c.method, c.args])).toEqual([
      ['clusters', 'setEmbedded', [true]],
      ['perf', 'watch', [{ series: [series], intervalSec: 5 }]],
    ]);
  });

  it('passes the alert rule form through parseAlertRuleInput (RTMT defaults filled)', async () => {
    const { api, calls } = createFakeDesktopApi();
    const router = adminRouter(api);
    const rule = { name: 'CPU high', condition: { kind: 'threshold', metric: { object: 'Processor', counter: '% CPU Time' }, direction: 'over', threshold: 90 } };
    const r = await router.dispatch('alerts', 'saveRule', [rule]);
    expect(r.ok).toBe(true);
    expect(calls[0]?.args[0]).toMatchObject({ name: 'CPU high', severity: 'Warning', enabled: true, duration: { kind: 'immediate' } });
    const bad = await router.dispatch('alerts', 'saveRule', [{ name: '' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['clusters', 'purge'],
    ['nope', 'list'],
    ['__proto__', 'toString'],
    ['clusters', 'constructor'],
    ['clusters', 'hasOwnProperty'],
    ['', ''],
  ])('refuses %s.%s with VALIDATION without calling anything', async (service, method) => {
    const { api, calls } = createFakeDesktopApi();
    const r = await adminRouter(api).dispatch(service, method, []);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', retryable: false } });
    expect(calls).toHaveLength(0);
  });

  it.each<[string, string, unknown]>([
    ['clusters', 'remove', [42]],
    ['clusters', 'remove', ['']],
    ['clusters', 'remove', []],
    ['clusters', 'remove', ['a', 'b']],
    ['clusters', 'remove', 'a'],
    ['clusters', 'remove', { 0: 'a', length: 1 }],
    ['clusters', 'setEmbedded', ['yes']],
    ['app', 'info', [1]],
    ['perf', 'query', [{ series: [series], fromMs: Number.NaN, toMs: 10, maxPoints: 100 }]],
    ['perf', 'query', [{ series: [series], fromMs: 20, toMs: 10, maxPoints: 100 }]],
    ['perf', 'query', [{ series: [], fromMs: 0, toMs: 10, maxPoints: 100 }]],
    ['perf', 'watch', [{ series: [series], intervalSec: 1 }]],
    ['perf', 'watch', [{ series: [series], intervalSec: Number.POSITIVE_INFINITY }]],
    ['nodes', 'controlService', [{ cluster: 'c', node: 'n', service: 's', action: 'kill' }]],
    ['nodes', 'controlService', [{ cluster: 'c', node: 'n', service: 's', action: 'stop', extra: 1 }]],
    ['alerts', 'silence', [{ matchers: {}, startsAtMs: 0, endsAtMs: 10, comment: '' }]],
    ['alerts', 'silence', [{ matchers: { node: 'a' }, startsAtMs: 10, endsAtMs: 10, comment: '' }]],
    // Who acts is the backend's operator (issue 15): a request naming one is refused, never recorded.
    ['alerts', 'silence', [{ matchers: { node: 'a' }, startsAtMs: 0, endsAtMs: 10, comment: '', createdBy: 'mallory' }]],
    ['alerts', 'acknowledge', [{ alarmId: 'a1', by: 'mallory', comment: 'x' }]],
    ['alerts', 'clear', ['a1', 'mallory', 'x']],
    ['alerts', 'clearAll', ['mallory', ['a1']]],
    ['alerts', 'addNote', ['a1', '   ']],
    ['alerts', 'saveMaintenance', [{ cluster: 'c', schedule: { kind: 'once', startsAt: 0, endsAt: 10 }, comment: '', createdBy: 'mallory' }]],
    ['alerts', 'saveMaintenance', [{ cluster: 'c', schedule: { kind: 'weekly', days: [1], startMinute: 0, durationMinutes: 60, timeZone: 'Nowhere/Else' }, comment: '' }]],
    ['syslog', 'query', [{ maxSeverity: 9 }]],
    ['clusters', 'add', [{ name: 'x', publisherHost: 'bad host', adminUsername: 'a', adminPassword: 'p', appUsername: 'a', appPassword: 'p', snmp: { version: '2c', community: 'c' } }]],
  ])('refuses bad arguments of %s.%s %j with VALIDATION', async (service, method, args) => {
    const { api, calls } = createFakeDesktopApi();
    const r = await adminRouter(api).dispatch(service, method, args);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) expect(r.error.message).toContain(`${service}.${method}`);
    expect(calls).toHaveLength(0);
  });

  it('passes AppError codes and retryable flags through', async () => {
    const { api } = createFakeDesktopApi({
      'clusters.remove': () => {
        throw new AppError('NOT_FOUND', 'No cluster c9');
      },
      'nodes.system': async () => {
        throw new AppError('POLL_TIMEOUT', 'imp1 did not answer');
      },
    });
    const router = adminRouter(api);
    expect(await router.dispatch('clusters', 'remove', ['c9'])).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No cluster c9', retryable: false } });
    expect(await router.dispatch('nodes', 'system', ['c1'])).toEqual({ ok: false, error: { code: 'POLL_TIMEOUT', message: 'imp1 did not answer', retryable: true } });
  });

  it('turns unknown errors into INTERNAL without a stack trace and reports them', async () => {
    const onInternalError = vi.fn();
    const { api } = createFakeDesktopApi({
      'jobs.list': () => {
        const err = new TypeError('x is undefined');
        err.message += '\n    at secret (/home/user/app/main.ts:1:1)';
        throw err;
      },
      'app.info': () => {
        throw 'a string';
      },
    });
    const router = adminRouter(api, undefined, { onInternalError });
    const r = await router.dispatch('jobs', 'list', []);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'x is undefined', retryable: false } });
    expect(JSON.stringify(r)).not.toContain(' at ');
    expect(await router.dispatch('app', 'info', [])).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'a string', retryable: false } });
    expect(onInternalError).toHaveBeenCalledTimes(2);
    expect(onInternalError.mock.calls[0]?.[1]).toBe('jobs');
  });

  it('never rejects, even for a missing implementation', async () => {
    const { api } = createFakeDesktopApi();
    delete (api.jobs as Partial<typeof api.jobs>).list;
    await expect(adminRouter(api).dispatch('jobs', 'list', [])).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('answers AUTH_REQUIRED without a caller for every non-public method, unaudited, and runs public ones', async () => {
    const { api, calls } = createFakeDesktopApi();
    const audit = memorySink();
    const router = createApiRouter(api, undefined, { audit });
    expect(await router.dispatch('alerts', 'acknowledge', [{ alarmId: 'a1' }])).toEqual({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'Log in first', retryable: false } });
    expect(await router.dispatch('app', 'info', [])).toMatchObject({ ok: true });
    expect(calls.map((c) => `${c.service}.${c.method}`)).toEqual(['app.info']);
    expect(audit.entries).toEqual([]);
  });

  it('refuses a role too low before parsing, audited as refused under the caller', async () => {
    const { api, calls } = createFakeDesktopApi();
    const audit = memorySink();
    const router = createApiRouter(api, undefined, { audit });
    const viewer: Caller = { operator: 'wall', role: 'viewer', source: 'server', address: '10.0.0.9', sessionId: 's1' };
    const r = await router.dispatch('alerts', 'acknowledge', [{ alarmId: 'a1', comment: 'x' }], viewer);
    expect(r).toEqual({ ok: false, error: { code: 'ROLE_FORBIDDEN', message: 'alerts.acknowledge needs the operator role; wall is a viewer', retryable: false } });
    expect(calls).toHaveLength(0);
    expect(audit.entries).toEqual([
      { operator: 'wall', role: 'viewer', source: 'server', address: '10.0.0.9', action: 'alerts.acknowledge', target: 'a1', params: { args: [{ alarmId: 'a1', comment: 'x' }] }, result: 'refused', errorCode: 'ROLE_FORBIDDEN', message: 'alerts.acknowledge needs the operator role; wall is a viewer' },
    ]);
  });

  it('runs the call as its caller and audits changes ok or failed, never reads', async () => {
    const seen: (Caller | undefined)[] = [];
    const { api } = createFakeDesktopApi({
      'alerts.acknowledge': () => {
        seen.push(currentCaller());
      },
      'clusters.remove': async () => {
        await new Promise((r) => setImmediate(r));
        seen.push(currentCaller());
        throw new AppError('NOT_FOUND', 'No cluster c9\nsecond line');
      },
      'alerts.listActive': () => {
        seen.push(currentCaller());
        return [];
      },
    });
    const audit = memorySink();
    const router = createApiRouter(api, undefined, { audit });
    const op: Caller = { operator: 'alice', role: 'operator', source: 'server', address: '127.0.0.1' };
    expect(await router.dispatch('alerts', 'acknowledge', [{ alarmId: 'a7' }], op)).toMatchObject({ ok: true });
    expect(await router.dispatch('alerts', 'listActive', [], op)).toMatchObject({ ok: true });
    expect(await router.dispatch('clusters', 'remove', ['c9'], ADMIN)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(seen).toEqual([op, op, ADMIN]);
    expect(currentCaller()).toBeUndefined();
    expect(audit.entries.map((e) => [e.operator, e.action, e.target, e.result, e.errorCode, e.message])).toEqual([
      ['alice', 'alerts.acknowledge', 'a7', 'ok', undefined, undefined],
      ['root', 'clusters.remove', 'c9', 'failed', 'NOT_FOUND', 'No cluster c9'],
    ]);
  });

  it('audits a refused validation of an audited method, with secrets replaced', async () => {
    const { api, calls } = createFakeDesktopApi();
    const audit = memorySink();
    const router = createApiRouter(api, undefined, { audit });
    const r = await router.dispatch('alerts', 'acknowledge', [{ alarmId: 'a1', by: 'mallory' }], ADMIN);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    await router.dispatch('operators', 'resetPassword', ['bob', 'short'], ADMIN);
    await router.dispatch('perf', 'query', [{}], ADMIN); // a read: not audited even when refused by validation
    expect(calls).toHaveLength(0);
    expect(audit.entries.map((e) => [e.action, e.result, e.errorCode, e.target, e.params])).toEqual([
      ['alerts.acknowledge', 'refused', 'VALIDATION', 'a1', { args: [{ alarmId: 'a1', by: 'mallory' }] }],
      ['operators.resetPassword', 'refused', 'VALIDATION', 'bob', { args: ['bob', '[secret]'] }],
    ]);
    expect(JSON.stringify(audit.entries)).not.toContain('short');
  });

  it('answers even when the audit sink throws', async () => {
    const { api } = createFakeDesktopApi({ 'clusters.remove': () => undefined });
    const router = createApiRouter(api, undefined, {
      audit: {
        append: () => {
          throw new Error('disk full');
        },
      },
    });
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await router.dispatch('clusters', 'remove', ['c1'], ADMIN)).toEqual({ ok: true, value: undefined });
    } finally {
      err.mockRestore();
    }
  });
});
