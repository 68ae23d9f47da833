/**
 * System Troubleshooter, "System problems" (系统问题, guide L11228): every activated service running on every node
 * (`utils service list`, reference D.2; critical services before HA, guide L2068-2098, L2174-2180), NTP synchronised
 * with stratum ≤ 3 on a publisher and ≤ 4 on a subscriber (`utils ntp status`, reference D.9), and database replication
 * set up everywhere (`utils dbreplication runtimestate`: every node's REPLICATION SETUP 2, guide L2045-2066, D.3),
 * and — ours — no node certificate expired or expiring (`show cert`, certificatesReport.ts; guide L4833-4858).
 */
import type { TroubleshootTest } from '../../../../shared/model/reports.js';
import type { CliServiceStatus } from '../../polling/ssh/parsers/serviceList.js';
import type { ReportNodeInfo } from '../reportAccess.js';
import { listText, makeTest, notCheckedByRead, notCheckedNoNode, perNodeVerdict } from './troubleshootTest.js';
import type { TroubleshootReads } from './troubleshootReads.js';

const C = 'system' as const;

/** Stratum allowed: "Pub should be Stratum 3 maximum, Sub should be Stratum 4 maximum" (reference D.9). */
export function maxStratum(node: ReportNodeInfo): number {
  return node.role === 'cucm-publisher' || node.role === 'imp-publisher' ? 3 : 4;
}

/** Activated services not Started on one node, as "node: service (Status)". */
export function servicesDown(node: string, services: readonly CliServiceStatus[], only?: (name: string) => boolean): { hard: string[]; transitional: string[] } {
  const hard: string[] = [];
  const transitional: string[] = [];
  for (const s of services) {
    if (!s.activated || s.status === 'Started' || (only && !only(s.name))) continue;
    const line = `${node}: ${s.name} (${s.status})`;
    (s.status === 'Starting' || s.status === 'Stopping' ? transitional : hard).push(line);
  }
  return { hard, transitional };
}

async function servicesRunning(reads: TroubleshootReads): Promise<TroubleshootTest> {
  const nodes = reads.nodes();
  const rs = await Promise.all(nodes.map((n) => reads.services(n)));
  const hard: string[] = [];
  const transitional: string[] = [];
  for (const r of rs) {
    if (!r.ok) continue;
    const d = servicesDown(r.node, r.value);
    hard.push(...d.hard);
    transitional.push(...d.transitional);
  }
  const bad = [...hard, ...transitional];
  const problem = bad.length > 0
    ? { result: hard.length > 0 ? ('failed' as const) : ('warning' as const), facts: { problemCode: 'services-not-running', values: { count: bad.length, list: listText(bad) }, subjects: bad, evidence: 'utils service list' } }
    : undefined;
  return perNodeVerdict(reads.cluster, C, 'services-running', rs, problem, `utils service list on ${rs.map((r) => r.node).join(', ')}`);
}

async function ntpSynchronised(reads: TroubleshootReads): Promise<TroubleshootTest> {
  const nodes = reads.nodes();
  const rs = await Promise.all(nodes.map((n) => reads.ntp(n)));
  const unsynced: string[] = [];
  const high: string[] = [];
  rs.forEach((r, i) => {
    if (!r.ok) return;
    const node = nodes[i]!;
    if (!r.value.running || !r.value.synchronised) unsynced.push(r.node);
    else if (r.value.stratum !== undefined && r.value.stratum > maxStratum(node)) high.push(`${r.node} (stratum ${r.value.stratum}, at most ${maxStratum(node)})`);
  });
  let problem: Parameters<typeof perNodeVerdict>[4];
  if (unsynced.length > 0) problem = { result: 'failed', facts: { problemCode: 'ntp-not-synchronised', values: { nodes: listText(unsynced) }, subjects: unsynced, evidence: 'utils ntp status' } };
  else if (high.length > 0) problem = { result: 'warning', facts: { problemCode: 'ntp-stratum-high', values: { list: listText(high) }, subjects: high, evidence: 'utils ntp status' } };
  const strata = rs.flatMap((r) => (r.ok ? [`${r.node} stratum ${r.value.stratum ?? '?'}`] : []));
  return perNodeVerdict(reads.cluster, C, 'ntp-synchronised', rs, problem, `utils ntp status: ${strata.join(', ')}`);
}

/** Replication as the IM&P database publisher (else a reachable IM&P node) lists it: every node's setup 2. */
export async function replicationSetUp(reads: TroubleshootReads): Promise<TroubleshootTest> {
  const ask = reads.impAsk();
  if (!ask) return notCheckedNoNode(reads.cluster, C, 'replication', 'IM and Presence node');
  const r = await reads.runtimeState(ask);
  if (!r.ok) return notCheckedByRead(reads.cluster, C, 'replication', r);
  if (r.value.error !== undefined) {
    // The command refused to run ("Cisco DB is not running", reference D.3): nothing was checked.
    return notCheckedByRead(reads.cluster, C, 'replication', { node: r.node, source: r.source, error: { code: 'POLL_PROTOCOL', message: r.value.error } });
  }
  if (r.value.servers.length === 0) return notCheckedByRead(reads.cluster, C, 'replication', { node: r.node, source: r.source, error: { code: 'POLL_PARSE', message: 'no server rows in the output' } });
  const bad = r.value.servers.filter((s) => s.setupState !== 2).map((s) => `${s.name} (${s.setupState ?? '?'}${s.setupDetails ? ` ${s.setupDetails}` : ''})`);
  const listed = new Set(r.value.servers.map((s) => s.name));
  const missing = reads.impNodes().filter((n) => !listed.has(n.name)).map((n) => n.name);
  const evidence = `${r.source} on ${r.node}: ${r.value.servers.map((s) => `${s.name} ${s.setupState ?? '?'}`).join(', ')}`;
  if (bad.length > 0) return makeTest(reads.cluster, C, 'replication', 'failed', { problemCode: 'replication-not-set-up', values: { nodes: listText(bad) }, subjects: bad, evidence });
  if (missing.length > 0) return makeTest(reads.cluster, C, 'replication', 'warning', { problemCode: 'replication-unreported', values: { nodes: listText(missing) }, subjects: missing, evidence });
  return makeTest(reads.cluster, C, 'replication', 'passed', { evidence });
}

/** No node's own or trust certificate expired (failed) or expiring within warnDays (warning); ours (L4833-4858). */
async function certificatesValid(reads: TroubleshootReads): Promise<TroubleshootTest> {
  const rs = await Promise.all(reads.nodes().map((n) => reads.certificates(n)));
  const rows = rs.flatMap((r) => (r.ok ? r.value.rows : []));
  const name = (c: (typeof rows)[number]): string => `${c.node} ${c.type === 'trust' ? 'trust ' : ''}${c.unit}/${c.fileName} (${c.daysLeft} days)`;
  const expired = rows.filter((c) => c.status === 'expired').sort((a, b) => a.notAfterMs - b.notAfterMs).map(name);
  const expiring = rows.filter((c) => c.status === 'expiring').sort((a, b) => a.notAfterMs - b.notAfterMs).map(name);
  let problem: Parameters<typeof perNodeVerdict>[4];
  if (expired.length > 0) problem = { result: 'failed', facts: { problemCode: 'certificates-expired', values: { count: expired.length, list: listText(expired) }, subjects: expired, evidence: 'show cert own|trust' } };
  else if (expiring.length > 0) problem = { result: 'warning', facts: { problemCode: 'certificates-expiring', values: { count: expiring.length, days: reads.ctx.options.warnDays, list: listText(expiring) }, subjects: expiring, evidence: 'show cert own|trust' } };
  return perNodeVerdict(reads.cluster, C, 'certificates-valid', rs, problem, `${rows.length} certificates on ${rs.map((r) => r.node).join(', ')}, none expiring within ${reads.ctx.options.warnDays} days`);
}

export async function systemChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return Promise.all([servicesRunning(reads), ntpSynchronised(reads), replicationSetUp(reads), certificatesValid(reads)]);
}
