/**
 * Two runs of one report side by side: every figure a report keeps per cluster, group, node, test or
 * certificate, from run A and run B, with the difference. Pure (no DOM); the view highlights rows that changed.
 */
import type { ReportData, TroubleshootCategory } from '../../../../shared/model/reports.js';

/** What a row measures; the view words it (reports.metric.<metric>). */
export type CompareMetric =
  | 'sessions'
  | 'usersLoggedIn'
  | 'Desktop'
  | 'iPhone'
  | 'iPad'
  | 'assignedUsers'
  | 'activeJsmSessions'
  | 'percentOfCapacity'
  | 'imbalancePercent'
  | 'unbalanced'
  | 'verdict'
  | 'result'
  | 'problems'
  | 'daysLeft'
  | 'status'
  | 'setupState'
  | 'remedy'
  | 'users'
  | 'devices'
  | 'contacts'
  | 'primaryExtensions'
  | 'syncAgent';

/** One compared figure. */
export interface CompareRow {
  /** Stable key: subject + metric. */
  readonly key: string;
  /** What the figure is about, e.g. "cluster / group / node" or "cluster / category / test". */
  readonly subject: string;
  readonly metric: CompareMetric;
  readonly a?: number | string;
  readonly b?: number | string;
  /** a − b for numbers present in both. */
  readonly delta?: number;
  readonly changed: boolean;
  /** A troubleshooter test's ids, so the view can show its title (catalogue, both languages) instead of ids. */
  readonly test?: TestRef;
}

/** A troubleshooter row's cluster, category and test id. */
export interface TestRef {
  readonly cluster: string;
  readonly category: TroubleshootCategory;
  readonly test: string;
}

/** Figures where a rise is bad news (the view colors their rise red, their fall green). */
export const WORSE_WHEN_UP: ReadonlySet<CompareMetric> = new Set<CompareMetric>(['problems', 'percentOfCapacity', 'imbalancePercent']);

type Pair = readonly [string, CompareMetric, number | string | boolean | undefined, TestRef?];

function figures(data: ReportData): Pair[] {
  const out: Pair[] = [];
  const totals = (subject: string, r: { sessions: number; usersLoggedIn: number; byDevice: Readonly<Record<'Desktop' | 'iPhone' | 'iPad', number>> }) => {
    out.push([subject, 'sessions', r.sessions], [subject, 'usersLoggedIn', r.usersLoggedIn], [subject, 'Desktop', r.byDevice.Desktop], [subject, 'iPhone', r.byDevice.iPhone], [subject, 'iPad', r.byDevice.iPad]);
  };
  switch (data.kind) {
    case 'sessions':
      for (const c of data.clusters) totals(c.cluster, c);
      for (const g of data.groups) totals(`${g.cluster} / ${g.group}`, g);
      for (const n of data.nodes) totals(`${n.cluster} / ${n.group} / ${n.node}`, n);
      break;
    case 'topology':
      for (const c of data.clusters) out.push([c.cluster, 'assignedUsers', c.assignedUsers], [c.cluster, 'users', c.totalUsers], [c.cluster, 'imbalancePercent', round(c.groupImbalancePercent)]);
      for (const g of data.groups) out.push([`${g.cluster} / ${g.group}`, 'imbalancePercent', round(g.imbalancePercent)], [`${g.cluster} / ${g.group}`, 'unbalanced', g.unbalanced]);
      for (const n of data.nodes) {
        const s = `${n.cluster} / ${n.group} / ${n.node}`;
        out.push([s, 'assignedUsers', n.assignedUsers], [s, 'activeJsmSessions', n.activeJsmSessions], [s, 'percentOfCapacity', round(n.percentOfCapacity)]);
      }
      break;
    case 'ha-readiness':
      for (const g of data.groups) out.push([`${g.cluster} / ${g.group}`, 'verdict', g.verdict]);
      for (const n of data.nodes) out.push([`${n.cluster} / ${n.group} / ${n.node}`, 'verdict', n.verdict], [`${n.cluster} / ${n.group} / ${n.node}`, 'activeJsmSessions', n.activeJsmSessions]);
      break;
    case 'troubleshoot':
      for (const x of data.tests) out.push([`${x.cluster} / ${x.category} / ${x.test}`, 'result', x.result, { cluster: x.cluster, category: x.category, test: x.test }]);
      break;
    case 'users': {
      const counts = new Map<string, number>();
      for (const r of data.rows) counts.set(`${r.cluster} / ${r.kind}`, (counts.get(`${r.cluster} / ${r.kind}`) ?? 0) + 1);
      for (const c of data.checked) out.push([c.cluster, 'users', c.users]);
      for (const [subject, n] of counts) out.push([subject, 'problems', n]);
      break;
    }
    case 'certificates':
      for (const r of data.rows) {
        const s = `${r.cluster} / ${r.node} / ${r.unit}/${r.fileName}`;
        out.push([s, 'daysLeft', r.daysLeft], [s, 'status', r.status]);
      }
      break;
    case 'replication':
      for (const c of data.clusters) out.push([c.cluster, 'remedy', c.remedy], [c.cluster, 'problems', c.mismatches.length + c.errors.length]);
      for (const n of data.nodes) out.push([`${n.cluster} / ${n.node}`, 'setupState', n.setupState]);
      break;
    case 'dashboard':
      for (const c of data.clusters) {
        out.push([c.cluster, 'users', c.users], [c.cluster, 'assignedUsers', c.assignedUsers], [c.cluster, 'devices', c.devices], [c.cluster, 'contacts', c.contacts]);
        out.push([c.cluster, 'primaryExtensions', c.primaryExtensions], [c.cluster, 'syncAgent', c.syncAgent.service]);
      }
      break;
  }
  return out;
}

const round = (n: number) => Math.round(n * 10) / 10;
const plain = (v: number | string | boolean | undefined): number | string | undefined => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : v);

/** The figures of both runs, in A's order then what only B has; `changed` when they differ. */
export function compareRows(a: ReportData, b: ReportData): CompareRow[] {
  if (a.kind !== b.kind) throw new RangeError(`cannot compare a ${a.kind} report with a ${b.kind} report`);
  const fa = figures(a);
  const fb = new Map(figures(b).map(([s, m, v]) => [`${s}|${m}`, v]));
  const rows: CompareRow[] = [];
  const seen = new Set<string>();
  const push = (subject: string, metric: CompareMetric, va: number | string | undefined, vb: number | string | undefined, test?: TestRef) => {
    const key = `${subject}|${metric}`;
    if (seen.has(key)) return;
    seen.add(key);
    const delta = typeof va === 'number' && typeof vb === 'number' ? round(va - vb) : undefined;
    rows.push({ key, subject, metric, a: va, b: vb, ...(delta !== undefined ? { delta } : {}), changed: va !== vb, ...(test ? { test } : {}) });
  };
  // A kind of problem one run does not list had none in it: 0, so the row shows its difference (not "≠").
  const missing = (m: CompareMetric) => (m === 'problems' ? 0 : undefined);
  for (const [s, m, v, ref] of fa) push(s, m, plain(v), fb.has(`${s}|${m}`) ? plain(fb.get(`${s}|${m}`)) : missing(m), ref);
  for (const [s, m, v, ref] of figures(b)) push(s, m, missing(m), plain(v), ref);
  return rows;
}
