import { describe, expect, it } from 'vitest';
import { auditParams, auditTarget } from './auditTarget.js';

describe('auditTarget', () => {
  it.each<[string, string, unknown[], string | undefined]>([
    ['clusters', 'remove', ['c1'], 'c1'],
    ['alerts', 'acknowledge', [{ alarmId: 'a-9', comment: 'x' }], 'a-9'],
    ['nodes', 'controlService', [{ cluster: 'sim', node: 'imp-sub1', service: 'Cisco XCP Router', action: 'stop' }], 'sim/imp-sub1 · Cisco XCP Router'],
    ['ha', 'command', [{ cluster: 'sim', action: 'failover', target: 'imp-sub1' }], 'sim/imp-sub1'],
    ['alerts', 'silence', [{ matchers: { node: 'imp-sub2', ruleId: 'CriticalServiceDown' }, startsAtMs: 0, endsAtMs: 1, comment: '' }], 'node=imp-sub2 ruleId=CriticalServiceDown'],
    ['traces', 'collect', [{ nodes: [{ cluster: 'sim', node: 'imp-pub', serviceLogs: [], systemLogs: [] }, { cluster: 'sim', node: 'imp-sub1', serviceLogs: [], systemLogs: [] }], outDir: '/b' }], 'sim/imp-pub, sim/imp-sub1'],
    ['alerts', 'saveMaintenance', [{ cluster: 'sim', schedule: { kind: 'once', startsAt: 0, endsAt: 1 }, comment: '' }], 'sim'],
    ['operators', 'add', [{ name: 'bob', role: 'viewer', password: 'pw' }], 'bob'],
    ['alerts', 'updateSilence', ['s-1', { matchers: {} }], 's-1'],
    ['alerts', 'clearAll', [['a1', 'a2']], undefined],
    ['jobs', 'list', [], undefined],
    // Secret positions are never a target: the password of a login, both of a password change.
    ['session', 'login', ['', 'hunter2hunter2'], undefined],
    ['session', 'changePassword', ['old password', 'new password'], undefined],
    ['operators', 'resetPassword', ['bob', 'new password'], 'bob'],
  ])('%s.%s %j → %s', (service, method, args, want) => {
    expect(auditTarget(service, method, args)).toBe(want);
  });

  it('cuts a long target', () => {
    expect(auditTarget('clusters', 'remove', ['x'.repeat(1000)])).toHaveLength(200);
  });
});

describe('auditParams', () => {
  it('keeps the arguments in order with secret positions replaced', () => {
    expect(auditParams('session', 'changePassword', ['a', 'b'])).toEqual({ args: ['[secret]', '[secret]'] });
    expect(auditParams('operators', 'resetPassword', ['bob', 'pw'])).toEqual({ args: ['bob', '[secret]'] });
    expect(auditParams('clusters', 'remove', ['c1'])).toEqual({ args: ['c1'] });
    expect(auditParams('clusters', 'remove', 'c1')).toEqual({ args: '[not an array]' });
  });
});
