/**
 * Every report as rows and columns (issue 14): the CSV the Reports area downloads and `npm run imp -- report …
 * --format csv` prints are this one function's text, and the command line's table and JSON use the same rows, so a
 * download and a script read the same thing. Each report kind has the levels its data has: the IM and Presence User
 * Session Report per cluster, presence redundancy group, node and user (guide L7019-7045, "CSV at both levels");
 * topology per cluster, group and node; the HA checklist per group and node; the user troubleshooter per cluster
 * and per problem (all of them: the admin page stops at 10, guide L8537-8580); replication per cluster and node;
 * the dashboard per cluster and node; the System Troubleshooter and certificates one row per test / certificate.
 * CSV is quoted as RFC 4180 says (a field holding a comma, a double quote or a line break is enclosed in double
 * quotes, a double quote doubled), with a header row; lines end with "\n", as the command line's other CSV does.
 * Pure: the renderer imports it.
 */
import {
  SESSION_DEVICE_TYPES,
  type CertificateRow,
  type DashboardCluster,
  type HaReadinessItem,
  type ReportData,
  type ReportKind,
  type SessionTotals,
  type TroubleshootTest,
  type UserProblemKind,
} from '../model/reports.js';

export type ReportLevel = 'cluster' | 'group' | 'node' | 'user';

/** A cell: null and undefined are an empty CSV field (a table prints "-"). */
export type ReportCell = string | number | boolean | null | undefined;

/** One column: `key` is the CSV header (as the JSON field is named), `title` the words a table shows. */
export interface ReportColumn {
  readonly key: string;
  readonly title: string;
}

/** A report at one level as columns and rows of cells (rows in the report's order). */
export interface ReportTable {
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly ReportCell[])[];
}

/** Keep only one node's rows (a drill-down, e.g. the users logged in on one node). */
export interface ReportOnly {
  readonly cluster: string;
  readonly node: string;
}

/** The levels each kind has, the first its default ([] : one level, no choice). */
const LEVELS: Readonly<Record<ReportKind, readonly ReportLevel[]>> = {
  sessions: ['node', 'cluster', 'group', 'user'],
  topology: ['node', 'cluster', 'group'],
  'ha-readiness': ['node', 'group'],
  troubleshoot: [],
  users: ['user', 'cluster'],
  certificates: [],
  replication: ['node', 'cluster'],
  dashboard: ['cluster', 'node'],
};

/** The levels a report kind can be shown at (empty: it has one). */
export function reportLevels(kind: ReportKind): readonly ReportLevel[] {
  return LEVELS[kind];
}

/** The level a kind is shown at when none is asked for (undefined: it has one). */
export function defaultReportLevel(kind: ReportKind): ReportLevel | undefined {
  return LEVELS[kind][0];
}

const USER_PROBLEM_KINDS: readonly UserProblemKind[] = ['duplicate-userid', 'no-directory-uri', 'invalid-directory-uri', 'duplicate-directory-uri', 'no-mail-id', 'duplicate-mail-id'];

const HA_CHECKS: readonly HaReadinessItem['check'][] = ['services-running', 'replication', 'sessions-recreated', 'restart-age', 'ha-toggle-wait'];

/** A time as ISO 8601 UTC, without milliseconds when they are 0 (empty when unknown). */
function iso(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
}

function col(key: string, title: string): ReportColumn {
  return { key, title };
}

const SESSION_TOTAL_COLUMNS: readonly ReportColumn[] = [
  col('usersLoggedIn', 'Users logged in'),
  col('sessions', 'Total sessions'),
  ...SESSION_DEVICE_TYPES.map((d) => col(d, d)),
];

function sessionTotals(t: SessionTotals): ReportCell[] {
  return [t.usersLoggedIn, t.sessions, ...SESSION_DEVICE_TYPES.map((d) => t.byDevice[d])];
}

/** A checklist item: its state, with its figures when it has some ("wait (assigned=2000, active=1450)"). */
function itemCell(item: HaReadinessItem | undefined): ReportCell {
  if (!item) return undefined;
  const values = Object.entries(item.values)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`);
  return values.length === 0 ? item.state : `${item.state} (${values.join(', ')})`;
}

/** Subjects of a test, with how many more there are. */
function subjectsCell(t: TroubleshootTest): ReportCell {
  const list = t.subjects ?? [];
  if (list.length === 0) return undefined;
  return `${list.join(', ')}${t.more ? ` and ${t.more} more` : ''}`;
}

function certificateCells(r: CertificateRow): ReportCell[] {
  return [r.cluster, r.node, r.type, r.unit, r.fileName, r.subject, r.issuer, r.serial, iso(r.notBeforeMs), iso(r.notAfterMs), r.daysLeft, r.status];
}

function dashboardCells(c: DashboardCluster): ReportCell[] {
  // Nodes by reachability, e.g. "5 (4 up, 1 down)".
  const by = new Map<string, number>();
  for (const n of c.nodes) by.set(n.reachability, (by.get(n.reachability) ?? 0) + 1);
  const nodes = `${c.nodes.length} (${[...by].map(([r, k]) => `${k} ${r}`).join(', ')})`;
  return [
    c.cluster,
    c.users,
    c.assignedUsers,
    c.devices,
    c.contacts,
    c.primaryExtensions,
    c.cucmPublisher?.name,
    c.cucmPublisher?.ip,
    c.syncAgent.service,
    c.syncAgent.status,
    iso(c.syncAgent.lastSyncMs),
    c.nodes.length === 0 ? '0' : nodes,
    c.notChecked.map((n) => `${n.item}: ${n.reason}`).join('; ') || undefined,
  ];
}

/** Rows of a level with the node (when the rows have one) for the `only` filter. */
interface LevelRows {
  readonly columns: readonly ReportColumn[];
  readonly rows: ReadonlyArray<{ readonly cluster: string; readonly node?: string; readonly cells: readonly ReportCell[] }>;
}

function levelRows(data: ReportData, level: ReportLevel | undefined): LevelRows {
  switch (data.kind) {
    case 'sessions':
      if (level === 'cluster') return { columns: [col('cluster', 'Cluster'), ...SESSION_TOTAL_COLUMNS], rows: data.clusters.map((r) => ({ cluster: r.cluster, cells: [r.cluster, ...sessionTotals(r)] })) };
      if (level === 'group') return { columns: [col('cluster', 'Cluster'), col('group', 'Group'), ...SESSION_TOTAL_COLUMNS], rows: data.groups.map((r) => ({ cluster: r.cluster, cells: [r.cluster, r.group, ...sessionTotals(r)] })) };
      if (level === 'node')
        return {
          columns: [col('cluster', 'Cluster'), col('group', 'Group'), col('node', 'Node'), ...SESSION_TOTAL_COLUMNS, col('counterBefore', 'Counter before'), col('counterAfter', 'Counter after')],
          rows: data.nodes.map((r) => ({ cluster: r.cluster, node: r.node, cells: [r.cluster, r.group, r.node, ...sessionTotals(r), r.counterBefore, r.counterAfter] })),
        };
      return {
        columns: [col('cluster', 'Cluster'), col('group', 'Group'), col('node', 'Node'), col('userId', 'User ID'), col('sessions', 'Sessions'), col('devices', 'Devices')],
        rows: data.users.map((r) => ({ cluster: r.cluster, node: r.node, cells: [r.cluster, r.group, r.node, r.userId, r.sessions, r.devices.join(', ')] })),
      };
    case 'topology':
      if (level === 'cluster')
        return {
          columns: [col('cluster', 'Cluster'), col('totalUsers', 'Users'), col('assignedUsers', 'Assigned'), col('unassignedUsers', 'Unassigned'), col('groupImbalancePercent', 'Group imbalance %')],
          rows: data.clusters.map((r) => ({ cluster: r.cluster, cells: [r.cluster, r.totalUsers, r.assignedUsers, r.unassignedUsers, r.groupImbalancePercent] })),
        };
      if (level === 'group')
        return {
          columns: [col('cluster', 'Cluster'), col('group', 'Group'), col('nodes', 'Nodes'), col('haEnabled', 'HA enabled'), col('assignedUsers', 'Assigned'), col('imbalancePercent', 'Imbalance %'), col('unbalanced', 'Unbalanced'), col('advice', 'Advice')],
          rows: data.groups.map((r) => ({ cluster: r.cluster, cells: [r.cluster, r.group, r.nodes.join(' '), r.haEnabled, r.assignedUsers, r.imbalancePercent, r.unbalanced, r.adviceCode] })),
        };
      return {
        columns: [col('cluster', 'Cluster'), col('group', 'Group'), col('node', 'Node'), col('assignedUsers', 'Assigned'), col('activeJsmSessions', 'Active JSM sessions'), col('capacity', 'Capacity'), col('percentOfCapacity', '% of capacity')],
        rows: data.nodes.map((r) => ({ cluster: r.cluster, node: r.node, cells: [r.cluster, r.group, r.node, r.assignedUsers, r.activeJsmSessions, r.capacity, r.percentOfCapacity] })),
      };
    case 'ha-readiness':
      if (level === 'group')
        return {
          columns: [col('cluster', 'Cluster'), col('group', 'Group'), col('haEnabled', 'HA enabled'), col('haChangedAt', 'HA changed at'), col('verdict', 'Verdict')],
          rows: data.groups.map((r) => ({ cluster: r.cluster, cells: [r.cluster, r.group, r.haEnabled, iso(r.haChangedAtMs), r.verdict] })),
        };
      return {
        columns: [
          col('cluster', 'Cluster'),
          col('group', 'Group'),
          col('node', 'Node'),
          col('assignedUsers', 'Assigned'),
          col('activeJsmSessions', 'Active JSM sessions'),
          col('lastRestart', 'Last restart'),
          ...HA_CHECKS.map((c) => col(c, c.replace(/-/g, ' '))),
          col('verdict', 'Verdict'),
        ],
        rows: data.nodes.map((r) => ({
          cluster: r.cluster,
          node: r.node,
          cells: [r.cluster, r.group, r.node, r.assignedUsers, r.activeJsmSessions, iso(r.lastRestartMs), ...HA_CHECKS.map((c) => itemCell(r.items.find((i) => i.check === c))), r.verdict],
        })),
      };
    case 'troubleshoot':
      return {
        columns: [col('cluster', 'Cluster'), col('category', 'Category'), col('test', 'Test'), col('result', 'Result'), col('problem', 'Problem'), col('solution', 'Solution'), col('fixAt', 'Where to fix'), col('subjects', 'Subjects')],
        rows: data.tests.map((t) => ({ cluster: t.cluster, cells: [t.cluster, t.category, t.test, t.result, t.problem, t.solution, t.fixAt, subjectsCell(t)] })),
      };
    case 'users':
      if (level === 'cluster')
        return {
          columns: [col('cluster', 'Cluster'), col('usersChecked', 'Users checked'), col('problems', 'Problems'), ...USER_PROBLEM_KINDS.map((k) => col(k, k.replace(/-/g, ' ')))],
          rows: data.checked.map((c) => {
            const mine = data.rows.filter((r) => r.cluster === c.cluster);
            return { cluster: c.cluster, cells: [c.cluster, c.users, mine.length, ...USER_PROBLEM_KINDS.map((k) => mine.filter((r) => r.kind === k).length)] };
          }),
        };
      return {
        columns: [col('cluster', 'Cluster'), col('kind', 'Problem'), col('userId', 'User ID'), col('value', 'URI or mail ID'), col('nodes', 'Nodes')],
        rows: data.rows.map((r) => ({ cluster: r.cluster, cells: [r.cluster, r.kind, r.userId, r.value, r.nodes.join(' ')] })),
      };
    case 'certificates':
      return {
        columns: [
          col('cluster', 'Cluster'),
          col('node', 'Node'),
          col('type', 'Type'),
          col('unit', 'Unit'),
          col('fileName', 'File'),
          col('subject', 'Subject'),
          col('issuer', 'Issuer'),
          col('serial', 'Serial'),
          col('notBefore', 'Valid from'),
          col('notAfter', 'Expires'),
          col('daysLeft', 'Days left'),
          col('status', 'Status'),
        ],
        rows: data.rows.map((r) => ({ cluster: r.cluster, node: r.node, cells: certificateCells(r) })),
      };
    case 'replication':
      if (level === 'cluster')
        return {
          columns: [col('cluster', 'Cluster'), col('statusRan', 'Status ran'), col('tablesChecked', 'Tables checked'), col('tablesTotal', 'Tables'), col('mismatches', 'Mismatches'), col('errors', 'Errors'), col('remedy', 'Remedy')],
          rows: data.clusters.map((r) => ({ cluster: r.cluster, cells: [r.cluster, r.statusRan, r.tablesChecked, r.tablesTotal, r.mismatches.join('; ') || undefined, r.errors.join('; ') || undefined, r.remedy] })),
        };
      return {
        columns: [col('cluster', 'Cluster'), col('node', 'Node'), col('ip', 'IP'), col('reportedBy', 'Reported by'), col('setupState', 'Setup state'), col('setupText', 'Replication setup'), col('pingMs', 'Ping ms'), col('queue', 'Queue'), col('good', 'Good')],
        rows: data.nodes.map((r) => ({ cluster: r.cluster, node: r.node, cells: [r.cluster, r.node, r.ip, r.reportedBy, r.setupState, r.setupText, r.pingMs, r.queue, r.good] })),
      };
    case 'dashboard':
      if (level === 'node')
        return {
          columns: [col('cluster', 'Cluster'), col('node', 'Node'), col('role', 'Role'), col('reachability', 'Reachability')],
          rows: data.clusters.flatMap((c) => c.nodes.map((n) => ({ cluster: c.cluster, node: n.name, cells: [c.cluster, n.name, n.role, n.reachability] }))),
        };
      return {
        columns: [
          col('cluster', 'Cluster'),
          col('users', 'Users'),
          col('assignedUsers', 'Assigned'),
          col('devices', 'Devices'),
          col('contacts', 'Contacts'),
          col('primaryExtensions', 'Primary extensions'),
          col('cucmPublisher', 'CUCM publisher'),
          col('cucmPublisherIp', 'CUCM publisher IP'),
          col('syncAgent', 'Sync Agent'),
          col('syncAgentStatus', 'Sync Agent status'),
          col('lastSync', 'Last sync'),
          col('nodes', 'Nodes'),
          col('notChecked', 'Not checked'),
        ],
        rows: data.clusters.map((c) => ({ cluster: c.cluster, cells: dashboardCells(c) })),
      };
  }
}

/** The level to show `data` at: the one asked for (refused when the kind has no such level) or its default. */
function levelOf(kind: ReportKind, level: ReportLevel | undefined): ReportLevel | undefined {
  const levels = LEVELS[kind];
  if (level === undefined) return levels[0];
  if (!levels.includes(level)) throw new RangeError(levels.length === 0 ? `the ${kind} report has no levels` : `the ${kind} report's levels are ${levels.join(', ')}, not ${level}`);
  return level;
}

/**
 * A report at one level as columns and rows (`only`: one node's rows; at a level whose rows have no node, the rows
 * of that node's cluster). A level the kind does not have is a RangeError.
 */
export function reportTable(data: ReportData, level?: ReportLevel, only?: ReportOnly): ReportTable {
  const t = levelRows(data, levelOf(data.kind, level));
  const rows = only ? t.rows.filter((r) => r.cluster === only.cluster && (r.node === undefined || r.node === only.node)) : t.rows;
  return { columns: t.columns, rows: rows.map((r) => r.cells) };
}

/**
 * A field quoted as RFC 4180 says when it holds a comma, a double quote or a line break. Text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, a tab or a CR: a user ID, a subject or a node's words are the
 * cluster's data, not ours) gets a leading apostrophe, as OWASP's CSV-injection advice says; numbers stay numbers.
 */
export function csvField(cell: ReportCell): string {
  let value = cell === null || cell === undefined ? '' : String(cell);
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value)) value = `'${value}`;
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The report at one level as CSV: a header row of the columns' keys, then one line per row (see reportTable). */
export function reportCsv(data: ReportData, level?: ReportLevel, only?: ReportOnly): string {
  const t = reportTable(data, level, only);
  return [t.columns.map((c) => csvField(c.key)), ...t.rows.map((r) => r.map(csvField))].map((l) => `${l.join(',')}\n`).join('');
}
