/**
 * Report kind → its generator, the one-line summary the list of kept runs shows, and its Job Status title
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

/** The one-line summary of a report's data. */
export function reportSummary(data: ReportData): string {
  switch (data.kind) {
    case 'sessions':
      return `${plural(data.nodes.length, 'node')}, ${plural(data.clusters.reduce((s, c) => s + c.usersLoggedIn, 0), 'user')} logged in, ${plural(data.clusters.reduce((s, c) => s + c.sessions, 0), 'session')}`;
    case 'topology': {
      const unbalanced = data.groups.filter((g) => g.unbalanced).length;
      return `${plural(data.nodes.length, 'node')}, ${plural(data.clusters.reduce((s, c) => s + c.assignedUsers, 0), 'user')} assigned, ${unbalanced === 0 ? 'balanced' : `${plural(unbalanced, 'group')} unbalanced`}`;
    }
    case 'ha-readiness': {
      const ready = data.nodes.filter((x) => x.verdict === 'ok').length;
      return `${n(ready)} of ${plural(data.nodes.length, 'node')} ready`;
    }
    case 'troubleshoot': {
      const c = (r: string): number => data.tests.filter((t) => t.result === r).length;
      return `${n(c('failed'))} failed, ${plural(c('warning'), 'warning')}, ${n(c('not-checked'))} not checked, ${n(c('passed'))} passed`;
    }
    case 'users':
      return `${plural(data.rows.length, 'problem')} in ${plural(data.checked.reduce((s, c) => s + c.users, 0), 'user')}`;
    case 'certificates': {
      const c = (s: string): number => data.rows.filter((r) => r.status === s).length;
      return `${plural(data.rows.length, 'certificate')}, ${n(c('expired'))} expired, ${n(c('expiring'))} expiring`;
    }
    case 'replication': {
      const bad = data.nodes.filter((x) => !x.good).length;
      return `${plural(data.nodes.length, 'node')}, ${bad === 0 ? 'replication good' : `${n(bad)} not replicating`}`;
    }
    case 'dashboard':
      return `${plural(data.clusters.length, 'cluster')}, ${plural(data.clusters.reduce((s, c) => s + (c.users ?? 0), 0), 'user')}`;
  }
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
  return { ...GENERATORS[kind], summary: reportSummary };
}
