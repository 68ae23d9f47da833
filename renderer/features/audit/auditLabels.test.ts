import { describe, expect, it } from 'vitest';
import { API_METHODS, isAuditedMethod } from '../../../shared/ipc/channels.js';
import { MESSAGES_EN } from '../../i18n/messages.js';
import { paramLines } from './auditLabels.js';

describe('paramLines', () => {
  it('spreads a single object argument into sorted key: value lines', () => {
    expect(paramLines({ args: [{ service: 'Cisco SIP Proxy', action: 'stop', node: 'imp-sub1' }] })).toEqual(['action: stop', 'node: imp-sub1', 'service: Cisco SIP Proxy']);
  });

  it('numbers the arguments of a call with several, and keeps nested values as JSON', () => {
    expect(paramLines({ args: ['pat', { role: 'admin', tags: ['a'] }] })).toEqual(['1. pat', '2. role: admin', '2. tags: ["a"]']);
  });

  it('formats epoch-millisecond fields with the given formatter only', () => {
    const time = (ms: number) => `T${ms}`;
    expect(paramLines({ args: [{ endsAtMs: 1_796_598_466_997, durationMs: 5000, comment: 'x' }] }, time)).toEqual(['comment: x', 'durationMs: 5000', 'endsAtMs: T1796598466997']);
    expect(paramLines({ args: [{ endsAtMs: 1_796_598_466_997 }] })).toEqual(['endsAtMs: 1796598466997']);
  });

  it('keeps other params as they are, sorted', () => {
    expect(paramLines({ sessionId: 's1', attempts: 5 })).toEqual(['attempts: 5', 'sessionId: s1']);
    expect(paramLines({})).toEqual([]);
    expect(paramLines({ args: [] })).toEqual([]);
  });
});

describe('action labels', () => {
  it('every audited method has readable words (not its raw name) in the audit view', () => {
    const missing = Object.entries(API_METHODS).flatMap(([service, methods]) =>
      Object.keys(methods)
        .filter((method) => isAuditedMethod(service, method))
        .map((method) => `${service}.${method}`)
        .filter((action) => !(`audit.action.${action}` in MESSAGES_EN)),
    );
    expect(missing).toEqual([]);
  });
});
