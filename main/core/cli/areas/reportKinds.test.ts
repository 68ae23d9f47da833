import { describe, expect, it } from 'vitest';
import { REPORT_KINDS, type CertificateRow, type TroubleshootTest } from '../../../../shared/model/reports.js';
import { kindSpec, reportFinding, reportJsonRows, reportNotes } from './reportKinds.js';

const test = (result: TroubleshootTest['result'], extra: Partial<TroubleshootTest> = {}): TroubleshootTest => ({ cluster: 'lab', category: 'sync-agent', test: 'service-running', result, ...extra });

const cert = (node: string, status: CertificateRow['status']): CertificateRow => ({
  cluster: 'lab',
  node,
  unit: 'tomcat',
  type: 'own',
  fileName: 'tomcat.pem',
  subject: 'CN=x',
  issuer: 'CN=x',
  notBeforeMs: Date.UTC(2024, 0, 1),
  notAfterMs: Date.UTC(2027, 0, 1, 12, 30, 5),
  daysLeft: 10,
  status,
});

describe('imp report kinds', () => {
  it('every kind has its title, help and exit-1 words', () => {
    for (const kind of REPORT_KINDS) {
      const s = kindSpec(kind);
      expect(s.kind).toBe(kind);
      expect(s.title.length).toBeGreaterThan(3);
      expect(s.help.length).toBeGreaterThan(40);
      expect(s.exit1).toMatch(/nothing could be read/);
    }
  });

  it('troubleshoot: exit 1 exactly when a test failed (a warning or not-checked is not a failure); JSON has the documented shape', () => {
    expect(reportFinding({ kind: 'troubleshoot', tests: [test('passed'), test('warning', { problem: 'w' }), test('not-checked', { problem: 'n' })] })).toBeUndefined();
    expect(reportFinding({ kind: 'troubleshoot', tests: [test('passed'), test('failed', { category: 'ldap', test: 'servers' })] })).toBe('1 test failed: ldap/servers');
    const rows = reportJsonRows({ kind: 'troubleshoot', tests: [test('passed'), test('failed', { problem: 'stopped', solution: 'start it', subjects: ['imp-pub'] })] }, undefined, undefined) as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0]!).slice(0, 5)).toEqual(['category', 'test', 'result', 'problem', 'solution']);
    expect(rows[0]).toMatchObject({ category: 'sync-agent', test: 'service-running', result: 'passed', problem: null, solution: null });
    expect(rows[1]).toMatchObject({ result: 'failed', problem: 'stopped', solution: 'start it', subjects: ['imp-pub'] });
  });

  it('certificates: expired or expiring is a finding; JSON carries ISO times; --node keeps one node', () => {
    expect(reportFinding({ kind: 'certificates', warnDays: 30, rows: [cert('a', 'valid')] })).toBeUndefined();
    expect(reportFinding({ kind: 'certificates', warnDays: 30, rows: [cert('a', 'expired'), cert('b', 'expiring'), cert('c', 'expiring')] })).toBe('1 certificate expired, 2 expiring within 30 days');
    const rows = reportJsonRows({ kind: 'certificates', warnDays: 30, rows: [cert('a', 'valid'), cert('b', 'valid')] }, undefined, { cluster: 'lab', node: 'b' }) as Array<{ node: string; notAfter: string }>;
    expect(rows).toEqual([expect.objectContaining({ node: 'b', notAfter: '2027-01-01T12:30:05.000Z' })]);
  });

  it('HA readiness: anything but ok at a node or group is "not safe yet"; sessions never is a finding', () => {
    const node = { cluster: 'lab', group: 'G', node: 'imp-pub', items: [], verdict: 'ok' as const };
    expect(reportFinding({ kind: 'ha-readiness', groups: [{ cluster: 'lab', group: 'G', verdict: 'ok' }], nodes: [node] })).toBeUndefined();
    expect(reportFinding({ kind: 'ha-readiness', groups: [{ cluster: 'lab', group: 'G', verdict: 'wait' }], nodes: [{ ...node, verdict: 'unknown' }] })).toBe('not safe yet: lab/G wait, lab/imp-pub unknown');
    expect(reportFinding({ kind: 'sessions', clusters: [], groups: [], nodes: [], users: [] })).toBeUndefined();
  });

  it('replication and dashboard: a node not in state 2, a stopped Sync Agent or a node down', () => {
    const good = { cluster: 'lab', reportedBy: 'imp-pub', node: 'imp-sub1', setupText: 'Setup Completed', setupState: 2, good: true };
    const cluster = { cluster: 'lab', statusRan: true, mismatches: [], errors: [], remedy: 'none' as const };
    expect(reportFinding({ kind: 'replication', clusters: [cluster], nodes: [good] })).toBeUndefined();
    expect(reportFinding({ kind: 'replication', clusters: [{ ...cluster, remedy: 'reset' }], nodes: [{ ...good, good: false, setupState: 3 }] })).toBe('replication is not healthy: lab/imp-sub1 not in state 2, lab (remedy: reset)');
    // The state could not be read: not a finding (exit 0), but said on stderr.
    const unread = { ...good, node: 'imp-sub2', setupText: 'unknown', setupState: undefined, good: false };
    expect(reportFinding({ kind: 'replication', clusters: [{ ...cluster, remedy: 'unknown' }], nodes: [good, unread] })).toBeUndefined();
    expect(reportNotes({ kind: 'replication', clusters: [{ ...cluster, remedy: 'unknown' }], nodes: [good, unread] })).toEqual(['imp: lab: replication remedy not known: the replication state could not be read (imp-sub2)']);
    expect(reportNotes({ kind: 'replication', clusters: [{ ...cluster, remedy: 'unknown' }], nodes: [] })).toEqual(['imp: lab: replication remedy not known: the replication state could not be read']);
    expect(reportNotes({ kind: 'replication', clusters: [cluster], nodes: [good] })).toEqual([]);
    expect(reportFinding({ kind: 'replication', clusters: [{ ...cluster, remedy: 'reset' }], nodes: [{ ...good, good: false, setupState: 3 }, unread] })).toBe('replication is not healthy: lab/imp-sub1 not in state 2, lab (remedy: reset)');
    const dash = { cluster: 'lab', syncAgent: { service: 'running' as const }, nodes: [{ name: 'imp-pub', role: 'imp-publisher', reachability: 'unknown' }], notChecked: [] };
    expect(reportFinding({ kind: 'dashboard', clusters: [dash] })).toBeUndefined();
    expect(reportFinding({ kind: 'dashboard', clusters: [{ ...dash, syncAgent: { service: 'stopped' }, nodes: [{ name: 'imp-sub1', role: 'imp-subscriber', reachability: 'down' }] }] })).toBe('lab: Cisco Sync Agent is stopped; lab: imp-sub1 down');
  });
});
