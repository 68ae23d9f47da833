import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../base/errors.js';
import { createApiRouter } from './apiRouter.js';
import { createFakeDesktopApi } from '../../../test/kits/fakeDesktopApi.js';

const series = { cluster: 'c1', node: 'imp1', object: 'Processor', instance: '_Total', counter: '% CPU Time' };

describe('createApiRouter', () => {
  it('runs an allow-listed method with its parsed arguments and wraps the value', async () => {
    const { api, calls } = createFakeDesktopApi({ 'clusters.setEmbedded': () => undefined, 'perf.watch': () => 'w-1' });
    const router = createApiRouter(api);
    expect(await router.dispatch('clusters', 'setEmbedded', [true])).toEqual({ ok: true, value: undefined });
    expect(await router.dispatch('perf', 'watch', [{ series: [series], intervalSec: 5 }])).toEqual({ ok: true, value: 'w-1' });
    expect(calls.map((c) => [c.service, c.method, c.args])).toEqual([
      ['clusters', 'setEmbedded', [true]],
      ['perf', 'watch', [{ series: [series], intervalSec: 5 }]],
    ]);
  });

  it('passes the alert rule form through parseAlertRuleInput (RTMT defaults filled)', async () => {
    const { api, calls } = createFakeDesktopApi();
    const router = createApiRouter(api);
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
    const r = await createApiRouter(api).dispatch(service, method, []);
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
    const r = await createApiRouter(api).dispatch(service, method, args);
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
    const router = createApiRouter(api);
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
    const router = createApiRouter(api, undefined, { onInternalError });
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
    await expect(createApiRouter(api).dispatch('jobs', 'list', [])).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
