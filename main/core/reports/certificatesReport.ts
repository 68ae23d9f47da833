/**
 * Certificates (issue 14; guide L4284-4858, Table 15 L4320-4329, certificate monitoring L4833-4858): every node's own
 * certificates (tomcat, cup, cup-xmpp, cup-xmpp-s2s, ipsec) and trust stores, read over the admin CLI — `show cert list
 * own|trust`, then `show cert own|trust <unit>/<file>` for each (one node's commands one after the other: the access's
 * SSH session is pooled per node; nodes in parallel) — with subject, issuer, expiry and whole days left, sorted by
 * expiry across every cluster. A certificate expiring within `warnDays` (default 30, ours: the guide gives no default,
 * seed-inventory 4.7) is "expiring". The Certificate Expiry Monitor (certificateMonitor.ts) reads the same way.
 */
import type { CertificateRow, CertificatesReport, CertificateStatus } from '../../../shared/model/reports.js';
import { AppError } from '../base/errors.js';
import { isNoAnswer, PollError } from '../polling/pollError.js';
import { certificateDetail, certificateList, namedCliRun, type CliRun } from '../polling/ssh/reportCommands.js';
import { cliRun, problemOf } from './clusterLayout.js';
import type { ReportClusterAccess, ReportNodeInfo } from './reportAccess.js';
import type { ReportGenerator } from './reportContext.js';

export const DAY_MS = 86_400_000;

/** Whole days from `nowMs` to `notAfterMs` (negative once expired: a certificate that expired an hour ago has -1). */
export function daysLeft(notAfterMs: number, nowMs: number): number {
  return Math.floor((notAfterMs - nowMs) / DAY_MS);
}

export function certificateStatus(notAfterMs: number, nowMs: number, warnDays: number): CertificateStatus {
  if (notAfterMs <= nowMs) return 'expired';
  return daysLeft(notAfterMs, nowMs) < warnDays ? 'expiring' : 'valid';
}

/** What a node's certificates read gave: the rows, each command that failed, and the rows whose dates' zone was not known. */
export interface NodeCertificates {
  readonly rows: CertificateRow[];
  readonly failures: { readonly source: string; readonly error: PollError }[];
  /** Certificates whose validity dates carry a time zone the parser does not know (read as UTC: days left may be off by a day). */
  readonly zoneAssumedUtc: { readonly source: string; readonly dates: string }[];
}

/** The problem that says a certificate's dates were read as UTC (certOutput.ts: an unknown zone is said, never guessed silently). */
export function zoneAssumedProblem(node: string, z: { source: string; dates: string }): PollError {
  return new PollError('POLL_PARSE', 'ssh', node, `${z.source}: the time zone of its validity dates (${z.dates}) is not one we know; read as UTC, so its expiry and days left may be off by up to a day`);
}

export interface ReadCertificatesOptions {
  readonly nowMs: number;
  readonly warnDays: number;
  readonly signal?: AbortSignal;
  /** Called before each command (progress); `more` adds commands learnt from a list. */
  readonly onCommand?: (label: string) => void;
  readonly onPlan?: (more: number) => void;
}

/** Reads one node's own and trust certificates: two lists, then one detail per entry, one command at a time. */
export async function readNodeCertificates(run: CliRun, cluster: string, node: string, o: ReadCertificatesOptions): Promise<NodeCertificates> {
  const rows: CertificateRow[] = [];
  const failures: NodeCertificates['failures'] = [];
  const zoneAssumedUtc: NodeCertificates['zoneAssumedUtc'] = [];
  for (const type of ['own', 'trust'] as const) {
    o.signal?.throwIfAborted();
    const list = await certificateList(run, type);
    o.onCommand?.(`${cluster}: show cert list ${type} on ${node}`);
    if (!list.ok) {
      failures.push({ source: `show cert list ${type}`, error: list.error });
      // A node that did not answer at all is not asked again (each command would wait for the same timeout).
      if (isNoAnswer(list.error.code)) {
        if (type === 'own') o.onCommand?.(`${cluster}: show cert list trust on ${node} not sent`);
        break;
      }
      continue;
    }
    o.onPlan?.(list.value.length);
    for (const e of list.value) {
      o.signal?.throwIfAborted();
      const name = `${e.unit}/${e.fileName}`;
      const d = await certificateDetail(run, type, name);
      o.onCommand?.(`${cluster}: show cert ${type} ${name} on ${node}`);
      if (!d.ok) {
        failures.push({ source: `show cert ${type} ${name}`, error: d.error });
        continue;
      }
      if (d.value.zoneAssumedUtc) zoneAssumedUtc.push({ source: `show cert ${type} ${name}`, dates: `${new Date(d.value.notBeforeMs).toISOString()} – ${new Date(d.value.notAfterMs).toISOString()}` });
      rows.push({
        cluster,
        node,
        unit: e.unit,
        type,
        fileName: e.fileName,
        subject: d.value.subject,
        issuer: d.value.issuer,
        ...(d.value.serial !== undefined ? { serial: d.value.serial } : {}),
        notBeforeMs: d.value.notBeforeMs,
        notAfterMs: d.value.notAfterMs,
        daysLeft: daysLeft(d.value.notAfterMs, o.nowMs),
        status: certificateStatus(d.value.notAfterMs, o.nowMs, o.warnDays),
      });
    }
  }
  return { rows, failures, zoneAssumedUtc };
}

/** Every node's certificates of one cluster, nodes in parallel; a node the monitor sees down is not asked. */
export async function readClusterCertificates(access: ReportClusterAccess, o: ReadCertificatesOptions): Promise<{ node: ReportNodeInfo; result: NodeCertificates }[]> {
  return Promise.all(
    access.nodes().map(async (node) => {
      if (node.reachability === 'down') {
        // Its two list steps end here (the detail steps were never planned).
        o.onCommand?.(`${access.cluster}: ${node.name} is down`);
        o.onCommand?.(`${access.cluster}: ${node.name} is down`);
        return { node, result: { rows: [], failures: [{ source: 'show cert list own', error: new PollError('POLL_CONNECT', 'ssh', node.name, `${node.name} is unreachable (the monitor sees it down)`) }], zoneAssumedUtc: [] } };
      }
      return { node, result: await readNodeCertificates(namedCliRun(node.name, cliRun(access, node.name)), access.cluster, node.name, o) };
    }),
  );
}

/** Soonest expiry first, across clusters; ties by cluster, node, store and file. */
export function sortCertificates(rows: CertificateRow[]): CertificateRow[] {
  return rows.sort((a, b) => a.notAfterMs - b.notAfterMs || a.cluster.localeCompare(b.cluster) || a.node.localeCompare(b.node) || a.unit.localeCompare(b.unit) || a.fileName.localeCompare(b.fileName));
}

export const certificatesReport: ReportGenerator<CertificatesReport> = async (ctx) => {
  const warnDays = ctx.options.warnDays;
  const rows: CertificateRow[] = [];
  let anyRead = false;
  for (const access of ctx.clusters) ctx.plan(access.nodes().length * 2);
  const perCluster = await Promise.all(
    ctx.clusters.map((access) => readClusterCertificates(access, { nowMs: ctx.nowMs, warnDays, signal: ctx.signal, onCommand: (label) => ctx.step(label), onPlan: (n) => ctx.plan(n) })),
  );
  ctx.signal.throwIfAborted();
  perCluster.forEach((nodes, i) => {
    const cluster = ctx.clusters[i]!.cluster;
    for (const { node, result } of nodes) {
      rows.push(...result.rows);
      if (result.rows.length > 0) anyRead = true;
      for (const f of result.failures) ctx.problem(problemOf(cluster, f.source, f.error, node.name));
      for (const z of result.zoneAssumedUtc) ctx.problem(problemOf(cluster, z.source, zoneAssumedProblem(node.name, z), node.name));
    }
  });
  if (!anyRead && ctx.clusters.some((c) => c.nodes().length > 0)) throw new AppError('POLL_CONNECT', 'No node answered show cert: no certificate could be read', { retryable: true });
  return { kind: 'certificates', warnDays, rows: sortCertificates(rows) };
};
