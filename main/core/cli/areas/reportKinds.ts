import type { ReportData, ReportKind } from '../../../../shared/model/reports.js';
import type { ReportLevel, ReportOnly } from '../../../../shared/reports/reportCsv.js';

/**
 * What each `imp report <kind>` verb says and decides beyond the shared rows (shared/reports/reportCsv.ts): its
 * title and help, the options it takes, its JSON rows, the columns a terminal table leaves out (CSV and JSON have
 * every field), and what the report found that makes the command exit 1.
 */

export type ReportVerbOption = 'ova' | 'activeActive' | 'warnDays' | 'node';

export interface ReportKindSpec {
  readonly kind: ReportKind;
  /** The report's name (the guide's where it has one). */
  readonly title: string;
  readonly summary: string;
  /** What it reads and prints, the guide's lines; ends the verb's help before the exit codes. */
  readonly help: string;
  /** When it exits 1 (the help's words). */
  readonly exit1: string;
  readonly options: readonly ReportVerbOption[];
  /** Columns (CSV keys) a table leaves out to stay readable on a terminal. */
  readonly tableOmits?: readonly string[];
  /** Columns a table shows without their figures in parentheses ("wait (assigned=2000, …)" → "wait"). */
  readonly tableStatesOnly?: readonly string[];
}

export const REPORT_KIND_SPECS: readonly ReportKindSpec[] = [
  {
    kind: 'sessions',
    title: 'IM and Presence User Session Report',
    summary: 'users logged in and their sessions per cluster, presence redundancy group, node and user (guide L7019-7045)',
    help: `Per IM&P node: Cisco XCP JSM\\JsmClientSessionsActive (Perfmon), then the sessions the node serves now
(run pe sql ttlogin select userid, devicetype from clientsessions), then the counter again; an Android tablet
counts as Desktop (guide L7039). Levels: node (default: one row per node with its cluster, group and node names,
the counter before and after), cluster, group, user (each logged-in user with the sessions' device types;
--node NAME for one node's users).
--format json prints the rows of the level: {cluster, group, node, usersLoggedIn, sessions, byDevice,
counterBefore, counterAfter} per node, {cluster, group, node, userId, sessions, devices} per user.`,
    exit1: 'nothing could be read',
    options: ['node'],
  },
  {
    kind: 'topology',
    title: 'Presence topology and balance',
    summary: 'assigned and active users per node and group against capacity; unbalanced groups (guide L1219-1223, L9950)',
    help: `Assigned users per node (enduser.primarynodeid over run sql), Cisco Presence Engine\\ActiveJsmSessions, and
the node's capacity: 1.5 x the OVA's users (--ova, default 15000), half with --active-active (guide L6977-7017).
A group is unbalanced when its nodes' assigned users differ by more than 20 % (ours) or a node is above its
capacity; IM&P never rebalances by itself (guide L1741-1745): the advice says what to do.
Levels: node (default), group, cluster. --format json prints the rows of the level as the report holds them.`,
    exit1: 'a group is unbalanced or a node above capacity, or nothing could be read',
    options: ['ova', 'activeActive', 'node'],
  },
  {
    kind: 'ha-readiness',
    title: 'Safe to enable HA / restart check',
    summary: 'per node and group: is it safe to enable High Availability or restart now (guide L1437-1462, L9942-9968)',
    help: `Per node: every activated service Started, replication state 2, ActiveJsmSessions back to the assigned
users, minutes since XCP Router / Presence Engine started (15 and 30 minutes, guide L9964-9966); per group: HA
enabled and the 2-minute wait after it was toggled (L9958; the command line has no history of earlier toggles,
so it knows only what the cluster says now). Each item: ok, wait, act or unknown, with its figures.
Levels: node (default), group. Run it again to watch (e.g. every 20 s with watch(1)). The table shows each
item's state; CSV and JSON carry its figures.`,
    exit1: 'any verdict is not ok (wait, act or unknown: not safe yet), or nothing could be read',
    options: ['ova', 'node'],
    tableStatesOnly: ['services-running', 'replication', 'sessions-recreated', 'restart-age', 'ha-toggle-wait'],
  },
  {
    kind: 'troubleshoot',
    title: 'System Troubleshooter',
    summary: "the guide's fifteen categories of tests, each passed, failed, warning or not checked (guide L11224-11250)",
    help: `One row per test: category, test, result (passed | failed | warning | not-checked), the problem (or why
it was not checked), the guide's solution and where to fix it. A command that failed makes its test not-checked
with the error, never passed.
--format json prints an array of {category, test, result, problem, solution, fixAt, cluster, subjects}
(problem, solution and fixAt null when there is none). The table leaves out the solution and where to fix it.`,
    exit1: 'a test failed, or nothing could be read',
    options: [],
    tableOmits: ['solution', 'fixAt'],
  },
  {
    kind: 'users',
    title: 'User troubleshooter',
    summary: 'duplicate user IDs, duplicate and invalid directory URIs, missing and duplicate mail IDs: all of them (guide L8448-8580)',
    help: `utils users validate all on the IM&P nodes and the users' mail IDs (run sql); every problem, where the
administration page stops at 10. Levels: user (default: one row per problem: kind, user ID, the URI or mail ID,
the nodes), cluster (users checked and problems of each kind).`,
    exit1: 'a problem was found, or nothing could be read',
    options: [],
  },
  {
    kind: 'certificates',
    title: 'Certificates',
    summary: "every node's own certificates and trust stores, sorted by expiry (guide L4833-4858)",
    help: `show cert list own|trust and show cert own|trust <unit>/<file> on every node: one row per certificate with
its cluster and node, subject, issuer, validity and days left; status expired, expiring (within --warn-days,
default 30; the guide gives none) or valid, sorted by expiry across every cluster. The table leaves out the
issuer, serial and start of validity.`,
    exit1: 'a certificate is expired or expires within --warn-days, or nothing could be read',
    options: ['warnDays', 'node'],
    tableOmits: ['issuer', 'serial', 'notBefore'],
  },
  {
    kind: 'replication',
    title: 'Database replication',
    summary: 'per node the replication state (2 is good), mismatches and the guide\'s remedy (guide L2045-2066, L10551-10618)',
    help: `utils dbreplication runtimestate (one node lists every node) and utils dbreplication status on the
publisher. Levels: node (default: setup state, 2 = good), cluster (tables checked, mismatches, errors, remedy:
reset when a node is not 2 after a restart, guide L10618; rebuild when setup failed or reset did not help, L10555;
unknown when a node's state could not be read: not a finding, said on stderr).`,
    exit1: 'a node is not in state 2, a mismatch or error was found, or nothing could be read',
    options: ['node'],
  },
  {
    kind: 'dashboard',
    title: 'System Dashboard',
    summary: 'users, devices, contacts, the CUCM publisher and Cisco Sync Agent per cluster (guide L908-910, L11265-11268)',
    help: `Users, assigned users, devices, contacts, primary extensions (run sql), the CUCM publisher, Cisco Sync Agent
(service and utils diagnose module sync_agent) and the nodes. Levels: cluster (default), node (each node's role
and reachability). What could not be read is listed as not checked, with why.`,
    exit1: 'Cisco Sync Agent is stopped or a node is down, or nothing could be read',
    options: [],
  },
];

export function kindSpec(kind: ReportKind): ReportKindSpec {
  return REPORT_KIND_SPECS.find((s) => s.kind === kind)!;
}

function keep<T extends { cluster: string; node?: string }>(rows: readonly T[], only: ReportOnly | undefined): T[] {
  return only ? rows.filter((r) => r.cluster === only.cluster && (r.node === undefined || r.node === only.node)) : [...rows];
}

/** `--format json`: the rows of the level as the report holds them (troubleshoot: the documented test shape). */
export function reportJsonRows(data: ReportData, level: ReportLevel | undefined, only: ReportOnly | undefined): unknown[] {
  switch (data.kind) {
    case 'sessions':
      if (level === 'cluster') return keep(data.clusters, only);
      if (level === 'group') return keep(data.groups, only);
      if (level === 'user') return keep(data.users, only);
      return keep(data.nodes, only);
    case 'topology':
      if (level === 'cluster') return keep(data.clusters, only);
      if (level === 'group') return keep(data.groups, only);
      return keep(data.nodes, only);
    case 'ha-readiness':
      return level === 'group' ? keep(data.groups, only) : keep(data.nodes, only);
    case 'troubleshoot':
      return keep(data.tests, only).map((t) => ({
        category: t.category,
        test: t.test,
        result: t.result,
        problem: t.problem ?? null,
        solution: t.solution ?? null,
        fixAt: t.fixAt ?? null,
        cluster: t.cluster,
        subjects: [...(t.subjects ?? [])],
        ...(t.more ? { more: t.more } : {}),
      }));
    case 'users':
      if (level === 'cluster')
        return keep(data.checked, only).map((c) => {
          const mine = data.rows.filter((r) => r.cluster === c.cluster);
          const byKind: Record<string, number> = {};
          for (const r of mine) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
          return { cluster: c.cluster, usersChecked: c.users, problems: mine.length, byKind };
        });
      return keep(data.rows, only);
    case 'certificates':
      return keep(data.rows, only).map((r) => ({ ...r, notBefore: new Date(r.notBeforeMs).toISOString(), notAfter: new Date(r.notAfterMs).toISOString() }));
    case 'replication':
      return level === 'cluster' ? keep(data.clusters, only) : keep(data.nodes, only);
    case 'dashboard':
      if (level === 'node') return keep(data.clusters.flatMap((c) => c.nodes.map((n) => ({ cluster: c.cluster, node: n.name, role: n.role, reachability: n.reachability }))), only);
      return keep(data.clusters, only);
  }
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** What the report found that makes the command exit 1 (one line), or undefined. */
export function reportFinding(data: ReportData): string | undefined {
  switch (data.kind) {
    case 'sessions':
      return undefined;
    case 'topology': {
      const bad = data.groups.filter((g) => g.unbalanced);
      return bad.length === 0 ? undefined : `${plural(bad.length, 'presence redundancy group')} unbalanced or over capacity: ${bad.map((g) => `${g.cluster}/${g.group}`).join(', ')}`;
    }
    case 'ha-readiness': {
      const notOk = [...data.groups.filter((g) => g.verdict !== 'ok').map((g) => `${g.cluster}/${g.group} ${g.verdict}`), ...data.nodes.filter((n) => n.verdict !== 'ok').map((n) => `${n.cluster}/${n.node} ${n.verdict}`)];
      return notOk.length === 0 ? undefined : `not safe yet: ${notOk.join(', ')}`;
    }
    case 'troubleshoot': {
      const failed = data.tests.filter((t) => t.result === 'failed');
      return failed.length === 0 ? undefined : `${plural(failed.length, 'test')} failed: ${failed.map((t) => `${t.category}/${t.test}`).join(', ')}`;
    }
    case 'users':
      return data.rows.length === 0 ? undefined : `${plural(data.rows.length, 'user problem')} found`;
    case 'certificates': {
      const expired = data.rows.filter((r) => r.status === 'expired').length;
      const expiring = data.rows.filter((r) => r.status === 'expiring').length;
      if (expired + expiring === 0) return undefined;
      return `${plural(expired, 'certificate')} expired, ${expiring} expiring within ${data.warnDays} days`;
    }
    case 'replication': {
      // A node whose state could not be read is not a finding (remedy unknown: reportNotes says so on stderr).
      const bad = data.nodes.filter((n) => !n.good && n.setupState !== undefined).map((n) => `${n.cluster}/${n.node}`);
      const mismatched = data.clusters.filter((c) => c.mismatches.length > 0 || c.errors.length > 0 || c.remedy === 'reset' || c.remedy === 'rebuild').map((c) => `${c.cluster} (remedy: ${c.remedy})`);
      if (bad.length === 0 && mismatched.length === 0) return undefined;
      return `replication is not healthy: ${[...bad.map((b) => `${b} not in state 2`), ...mismatched].join(', ')}`;
    }
    case 'dashboard': {
      const found: string[] = [];
      for (const c of data.clusters) {
        if (c.syncAgent.service === 'stopped') found.push(`${c.cluster}: Cisco Sync Agent is stopped`);
        const down = c.nodes.filter((n) => n.reachability === 'down').map((n) => n.name);
        if (down.length > 0) found.push(`${c.cluster}: ${down.join(', ')} down`);
      }
      return found.length === 0 ? undefined : found.join('; ');
    }
  }
}

/**
 * What the report could not tell, one stderr line each (not a finding: the exit code stays 0 for it alone):
 * replication whose state could not be read (remedy unknown).
 */
export function reportNotes(data: ReportData): string[] {
  if (data.kind !== 'replication') return [];
  return data.clusters
    .filter((c) => c.remedy === 'unknown')
    .map((c) => {
      const unread = data.nodes.filter((n) => n.cluster === c.cluster && n.setupState === undefined).map((n) => n.node);
      return `imp: ${c.cluster}: replication remedy not known: the replication state could not be read${unread.length > 0 ? ` (${unread.join(', ')})` : ''}`;
    });
}
