/**
 * Report kind → its generator, the one-line summary the list of kept runs shows (English, and its figures for the
 * renderer to word in the UI language: reportSummaryValues), and its Job Status title
 * (issue 14). HC1's generators: sessions, topology, HA readiness, dashboard; HC2's: troubleshooter, users,
 * certificates, replication. The command line (`imp report`) and the app use the same table.
 */
import type { ReportData, ReportKind } from '../../../shared/model/reports.js';
import { certificatesReport } from './certificatesReport.js';
import { dashboardReport } from './dashboardReport.js';
import { haReadinessReport } from './haReadinessReport.js';
import { replicationReport } from './replicationReport.js';
import type { ReportGenerator } from './reportContext.js';
import type { ReportKindEntry } from './reportRunner.js';
import { sessionReport } from './sessionReport.js';
import { topologyReport } from './topologyReport.js';
import { troubleshootReport } from './troubleshoot/troubleshootReport.js';
import { usersReport } from './usersReport.js';

const n = (v: number): string => v.toLocaleString('en-US');
const plural = (v: number, one: string, many = `${one}s`): string => `${n(v)} ${v === 1 ? one : many}`;
const count = <T>(rows: readonly T[], pick: (row: T) => boolean): number => rows.reduce((c, r) => c + (pick(r) ? 1 : 0), 0);
const sum = <T>(rows: readonly T[], pick: (row: T) => number): number => rows.reduce((c, r) => c + pick(r), 0);

/** The figures of a report's summary, per kind (the renderer words them in the UI language, ReportRunInfo.summaryValues). */
export interface ReportSummaryValues {
  readonly sessions: { nodes: number; users: number; sessions: number };
  readonly topology: { nodes: number; assigned: number; unbalancedGroups: number };
  readonly 'ha-readiness': { ready: number; nodes: number };
  readonly troubleshoot: { failed: number; warning: number; notChecked: number; passed: number };
  readonly users: { problems: number; users: number };
  readonly certificates: { expired: number; expiring: number; total: number };
  /** notKnown: clusters whose replication state could not be read (remedy unknown). */
  readonly replication: { nodes: number; notReplicating: number; notKnown: number };
  readonly dashboard: { clusters: number; users: number };
}

/** The figures of a report's one-line summary. */
export function reportSummaryValues<K extends ReportKind>(data: Extract<ReportData, { kind: K }>): ReportSummaryValues[K];
export function reportSummaryValues(data: ReportData): ReportSummaryValues[ReportKind];
export function reportSummaryValues(data: ReportData): ReportSummaryValues[ReportKind] {
  switch (data.kind) {
    case 'sessions':
      return { nodes: data.nodes.length, users: sum(data.clusters, (c) => c.usersLoggedIn), sessions: sum(data.clusters, (c) => c.sessions) };
    case 'topology':
      return { nodes: data.nodes.length, assigned: sum(data.clusters, (c) => c.assignedUsers), unbalancedGroups: count(data.groups, (g) => g.unbalanced) };
    case 'ha-readiness':
      return { ready: count(data.nodes, (x) => x.verdict === 'ok'), nodes: data.nodes.length };
    case 'troubleshoot':
      return {
        failed: count(data.tests, (t) => t.result === 'failed'),
        warning: count(data.tests, (t) => t.result === 'warning'),
        notChecked: count(data.tests, (t) => t.result === 'not-checked'),
        passed: count(data.tests, (t) => t.result === 'passed'),
      };
    case 'users':
      return { problems: data.rows.length, users: sum(data.checked, (c) => c.users) };
    case 'certificates':
      return { expired: count(data.rows, (r) => r.status === 'expired'), expiring: count(data.rows, (r) => r.status === 'expiring'), total: data.rows.length };
    case 'replication':
      return {
        nodes: data.nodes.length,
        notReplicating: count(data.nodes, (x) => !x.good && x.setupState !== undefined),
        notKnown: count(data.clusters, (c) => c.remedy === 'unknown'),
      };
    case 'dashboard':
      return { clusters: data.clusters.length, users: sum(data.clusters, (c) => c.users ?? 0) };
  }
}

/** The one-line English summary of a kind's figures (the command line's and Job Status's words). */
export function summaryText(kind: ReportKind, values: ReportSummaryValues[ReportKind]): string {
  const v = values as Readonly<Record<string, number>>;
  const x = (name: string): number => v[name] ?? 0;
  switch (kind) {
    case 'sessions':
      return `${plural(x('nodes'), 'node')}, ${plural(x('users'), 'user')} logged in, ${plural(x('sessions'), 'session')}`;
    case 'topology':
      return `${plural(x('nodes'), 'node')}, ${plural(x('assigned'), 'user')} assigned, ${x('unbalancedGroups') === 0 ? 'balanced' : `${plural(x('unbalancedGroups'), 'group')} unbalanced`}`;
    case 'ha-readiness':
      return `${n(x('ready'))} of ${plural(x('nodes'), 'node')} ready`;
    case 'troubleshoot':
      return `${n(x('failed'))} failed, ${plural(x('warning'), 'warning')}, ${n(x('notChecked'))} not checked, ${n(x('passed'))} passed`;
    case 'users':
      return `${plural(x('problems'), 'problem')} in ${plural(x('users'), 'user')}`;
    case 'certificates':
      return `${plural(x('total'), 'certificate')}, ${n(x('expired'))} expired, ${n(x('expiring'))} expiring`;
    case 'replication':
      return `${plural(x('nodes'), 'node')}, ${x('notReplicating') > 0 ? `${n(x('notReplicating'))} not replicating` : x('notKnown') > 0 ? `replication state not known in ${plural(x('notKnown'), 'cluster')}` : 'replication good'}`;
    case 'dashboard':
      return `${plural(x('clusters'), 'cluster')}, ${plural(x('users'), 'user')}`;
  }
}

/** The one-line summary of a report's data. */
export function reportSummary(data: ReportData): string {
  return summaryText(data.kind, reportSummaryValues(data));
}

const GENERATORS: Readonly<Record<ReportKind, { generate: ReportGenerator<ReportData>; title: string }>> = {
  sessions: { generate: sessionReport, title: 'IM and Presence User Session Report' },
  topology: { generate: topologyReport, title: 'Presence topology and balance' },
  'ha-readiness': { generate: haReadinessReport, title: 'Safe to enable HA / restart check' },
  troubleshoot: { generate: troubleshootReport, title: 'System Troubleshooter' },
  users: { generate: usersReport, title: 'User troubleshooter' },
  certificates: { generate: certificatesReport, title: 'Certificates' },
  replication: { generate: replicationReport, title: 'Database replication' },
  dashboard: { generate: dashboardReport, title: 'System Dashboard' },
};

/** The generator of a kind. */
export function reportGenerator(kind: ReportKind): ReportGenerator<ReportData> {
  return GENERATORS[kind].generate;
}

/** What the runner needs of a kind. */
export function reportKindEntry(kind: ReportKind): ReportKindEntry {
  return { ...GENERATORS[kind], summary: reportSummary, summaryValues: (data) => ({ ...reportSummaryValues(data) }) };
}
