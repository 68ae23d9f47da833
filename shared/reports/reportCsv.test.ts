import { describe, expect, it } from 'vitest';
import { REPORT_KINDS, type ReportData } from '../model/reports.js';
import { csvField, defaultReportLevel, reportCsv, reportLevels, reportTable } from './reportCsv.js';
import { parseCsv } from '../../test/helpers/csvRows.js';

const byDevice = (d: number, i: number, p: number) => ({ Desktop: d, iPhone: i, iPad: p });

const SESSIONS: ReportData = {
  kind: 'sessions',
  clusters: [{ cluster: 'lab', usersLoggedIn: 3, sessions: 5, byDevice: byDevice(3, 1, 1) }],
  groups: [{ cluster: 'lab', group: 'DefaultCUPSubcluster', usersLoggedIn: 3, sessions: 5, byDevice: byDevice(3, 1, 1) }],
  nodes: [
    { cluster: 'lab', group: 'DefaultCUPSubcluster', node: 'imp-pub', usersLoggedIn: 2, sessions: 4, byDevice: byDevice(2, 1, 1), counterBefore: 4, counterAfter: 4 },
    { cluster: 'lab', group: 'DefaultCUPSubcluster', node: 'imp-sub1', usersLoggedIn: 1, sessions: 1, byDevice: byDevice(1, 0, 0) },
  ],
  users: [
    { cluster: 'lab', group: 'DefaultCUPSubcluster', node: 'imp-pub', userId: 'user0001', sessions: 3, devices: ['Desktop', 'iPhone', 'iPad'] },
    { cluster: 'lab', group: 'DefaultCUPSubcluster', node: 'imp-pub', userId: 'o"brien, pat', sessions: 1, devices: ['Desktop'] },
    { cluster: 'lab', group: 'DefaultCUPSubcluster', node: 'imp-sub1', userId: 'user0003', sessions: 1, devices: ['Desktop'] },
  ],
};

const SAMPLES: Record<(typeof REPORT_KINDS)[number], ReportData> = {
  sessions: SESSIONS,
  topology: {
    kind: 'topology',
    ovaUsers: 15000,
    activeActive: false,
    clusters: [{ cluster: 'lab', totalUsers: 6000, assignedUsers: 5990, unassignedUsers: 10, groupImbalancePercent: 0 }],
    groups: [{ cluster: 'lab', group: 'G1', nodes: ['imp-pub', 'imp-sub1'], haEnabled: true, assignedUsers: 5990, imbalancePercent: 25, unbalanced: true, adviceCode: 'rebalance-group' }],
    nodes: [{ cluster: 'lab', group: 'G1', node: 'imp-pub', assignedUsers: 3400, activeJsmSessions: 3400, capacity: 22500, percentOfCapacity: 15.1 }],
  },
  'ha-readiness': {
    kind: 'ha-readiness',
    groups: [{ cluster: 'lab', group: 'G1', haEnabled: false, haChangedAtMs: Date.UTC(2026, 11, 6, 10, 0, 0), verdict: 'wait' }],
    nodes: [
      {
        cluster: 'lab',
        group: 'G1',
        node: 'imp-pub',
        assignedUsers: 2000,
        activeJsmSessions: 1450,
        items: [
          { check: 'services-running', state: 'ok', values: {} },
          { check: 'sessions-recreated', state: 'wait', values: { assigned: 2000, active: 1450 } },
        ],
        verdict: 'wait',
      },
    ],
  },
  troubleshoot: {
    kind: 'troubleshoot',
    tests: [
      { cluster: 'lab', category: 'system', test: 'services-running', result: 'passed' },
      { cluster: 'lab', category: 'sync-agent', test: 'sync-agent-running', result: 'failed', problem: 'Cisco Sync Agent is stopped on imp-pub', solution: 'Start it', fixAt: 'Control Center', subjects: ['imp-pub'], more: 2 },
    ],
  },
  users: {
    kind: 'users',
    checked: [{ cluster: 'lab', users: 6000 }],
    rows: [
      { cluster: 'lab', kind: 'duplicate-userid', userId: 'user0002', nodes: ['imp-pub', 'imp-sub1'] },
      { cluster: 'lab', kind: 'invalid-directory-uri', userId: 'user0003', value: 'bad uri,with comma', nodes: ['imp-pub'] },
    ],
  },
  certificates: {
    kind: 'certificates',
    warnDays: 30,
    rows: [
      { cluster: 'lab', node: 'imp-sub1', unit: 'tomcat', type: 'own', fileName: 'tomcat.pem', subject: 'CN=imp-sub1.example.com, OU=IMP, O=Example, C=US', issuer: 'CN=imp-sub1.example.com, OU=IMP, O=Example, C=US', notBeforeMs: Date.UTC(2024, 1, 13), notAfterMs: Date.UTC(2026, 11, 1), daysLeft: -5, status: 'expired' },
      { cluster: 'lab', node: 'imp-pub', unit: 'cup-xmpp-trust', type: 'trust', fileName: 'imp-sub1.pem', subject: 'CN=x', issuer: 'CN=x', serial: '5A3C', notBeforeMs: Date.UTC(2024, 1, 13), notAfterMs: Date.UTC(2029, 1, 11), daysLeft: 800, status: 'valid' },
    ],
  },
  replication: {
    kind: 'replication',
    clusters: [{ cluster: 'lab', statusRan: true, tablesChecked: 10, tablesTotal: 10, mismatches: ['enduser', 'rosters'], errors: [], remedy: 'reset' }],
    nodes: [{ cluster: 'lab', reportedBy: 'imp-pub', node: 'imp-sub1', ip: '127.0.10.12', pingMs: 0.04, queue: 0, setupState: 3, setupText: '(3) Setup Failed', good: false }],
  },
  dashboard: {
    kind: 'dashboard',
    clusters: [
      {
        cluster: 'lab',
        users: 6000,
        assignedUsers: 5990,
        devices: 12000,
        contacts: 180000,
        primaryExtensions: 5000,
        cucmPublisher: { name: 'cucm-pub', ip: '127.0.10.10' },
        syncAgent: { service: 'running', status: 'Idle', lastSyncMs: Date.UTC(2026, 11, 6, 9, 0, 0) },
        nodes: [
          { name: 'cucm-pub', role: 'cucm-publisher', reachability: 'up' },
          { name: 'imp-pub', role: 'imp-publisher', reachability: 'down' },
        ],
        notChecked: [{ item: 'contacts', reason: 'run sql refused' }],
      },
    ],
  },
};

describe('reportCsv', () => {
  it('session report per node: a header row, one row per node with its cluster, group and node', () => {
    const rows = parseCsv(reportCsv(SESSIONS, 'node'));
    expect(rows[0]).toEqual(['cluster', 'group', 'node', 'usersLoggedIn', 'sessions', 'Desktop', 'iPhone', 'iPad', 'counterBefore', 'counterAfter']);
    expect(rows.slice(1)).toEqual([
      ['lab', 'DefaultCUPSubcluster', 'imp-pub', '2', '4', '2', '1', '1', '4', '4'],
      ['lab', 'DefaultCUPSubcluster', 'imp-sub1', '1', '1', '1', '0', '0', '', ''],
    ]);
  });

  it('quotes as RFC 4180 says and reads back exactly', () => {
    const text = reportCsv(SESSIONS, 'user');
    expect(text).toContain('"o""brien, pat"');
    expect(text).toContain(',"Desktop, iPhone, iPad"\n');
    const rows = parseCsv(text);
    expect(rows[2]).toEqual(['lab', 'DefaultCUPSubcluster', 'imp-pub', 'o"brien, pat', '1', 'Desktop']);
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('plain')).toBe('plain');
    // A formula from the cluster's data is text in a spreadsheet; numbers (and numeric text) stay as they are.
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3')).toBe('-3');
    expect(csvField('2.5')).toBe('2.5');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(false)).toBe('false');
  });

  it('the drill-down keeps one node\'s users', () => {
    const rows = parseCsv(reportCsv(SESSIONS, 'user', { cluster: 'lab', node: 'imp-sub1' }));
    expect(rows.slice(1).map((r) => r[3])).toEqual(['user0003']);
    expect(parseCsv(reportCsv(SESSIONS, 'user', { cluster: 'other', node: 'imp-sub1' }))).toHaveLength(1);
  });

  it('every kind at every level: a header row and the same number of fields in every row', () => {
    for (const kind of REPORT_KINDS) {
      const data = SAMPLES[kind];
      const levels = reportLevels(kind);
      for (const level of levels.length === 0 ? [undefined] : levels) {
        const table = reportTable(data, level);
        const rows = parseCsv(reportCsv(data, level));
        expect(rows[0], `${kind} ${level}`).toEqual(table.columns.map((c) => c.key));
        expect(rows.length, `${kind} ${level}`).toBe(table.rows.length + 1);
        expect(table.rows.length, `${kind} ${level} has rows`).toBeGreaterThan(0);
        for (const r of rows) expect(r.length, `${kind} ${level}`).toBe(table.columns.length);
        expect(rows[0]).toContain('cluster');
      }
      expect(reportCsv(data)).toBe(reportCsv(data, defaultReportLevel(kind)));
    }
  });

  it('certificates: one row per certificate with its node, times in ISO 8601 UTC', () => {
    const rows = parseCsv(reportCsv(SAMPLES.certificates));
    expect(rows[0]!.slice(0, 4)).toEqual(['cluster', 'node', 'type', 'unit']);
    expect(rows[1]!.slice(0, 5)).toEqual(['lab', 'imp-sub1', 'own', 'tomcat', 'tomcat.pem']);
    expect(rows[1]![5]).toBe('CN=imp-sub1.example.com, OU=IMP, O=Example, C=US');
    expect(rows[1]!.slice(9)).toEqual(['2026-12-01T00:00:00Z', '-5', 'expired']);
  });

  it('troubleshooter, HA checklist, users per cluster and dashboard render their figures', () => {
    const t = parseCsv(reportCsv(SAMPLES.troubleshoot));
    expect(t[2]).toEqual(['lab', 'sync-agent', 'sync-agent-running', 'failed', 'Cisco Sync Agent is stopped on imp-pub', 'Start it', 'Control Center', 'imp-pub and 2 more']);
    const ha = parseCsv(reportCsv(SAMPLES['ha-readiness'], 'node'));
    expect(ha[1]).toContain('wait (assigned=2000, active=1450)');
    expect(ha[1]![ha[0]!.indexOf('replication')]).toBe('');
    const users = parseCsv(reportCsv(SAMPLES.users, 'cluster'));
    expect(users[1]!.slice(0, 5)).toEqual(['lab', '6000', '2', '1', '0']);
    const dash = parseCsv(reportCsv(SAMPLES.dashboard));
    expect(dash[1]![dash[0]!.indexOf('nodes')]).toBe('2 (1 up, 1 down)');
    expect(dash[1]![dash[0]!.indexOf('notChecked')]).toBe('contacts: run sql refused');
    expect(parseCsv(reportCsv(SAMPLES.dashboard, 'node')).slice(1)).toEqual([
      ['lab', 'cucm-pub', 'cucm-publisher', 'up'],
      ['lab', 'imp-pub', 'imp-publisher', 'down'],
    ]);
  });

  it('a level the kind does not have is refused', () => {
    expect(() => reportCsv(SAMPLES.certificates, 'node')).toThrow(/certificates report has no levels/);
    expect(() => reportCsv(SAMPLES.topology, 'user')).toThrow(/levels are node, cluster, group, not user/);
  });
});
