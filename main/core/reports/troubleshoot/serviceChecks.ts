/**
 * System Troubleshooter categories read from the nodes' services (`utils service list`, reference D.2) and the Sync
 * Agent's own check: Sync Agent problems (同步代理问题: Cisco Sync Agent on the IM and Presence database publisher,
 * guide L861, L895, L910, and `utils diagnose module sync_agent`, designed), Presence Engine problems and SIP Proxy
 * problems (the service on every IM&P node; critical services, guide L2068-2098) and XCP status (XCP 状态: every
 * activated Cisco XCP service on every IM&P node; they stop with Cisco XCP Router, guide L1788).
 */
import type { TroubleshootCategory, TroubleshootTest } from '../../../../shared/model/reports.js';
import type { ReportNodeInfo } from '../reportAccess.js';
import { diagnoseTest } from './diagnoseChecks.js';
import { servicesDown } from './systemChecks.js';
import { listText, notCheckedByRead, notCheckedNoNode, perNodeVerdict } from './troubleshootTest.js';
import type { TroubleshootReads } from './troubleshootReads.js';

export const SYNC_AGENT = 'Cisco Sync Agent';
export const PRESENCE_ENGINE = 'Cisco Presence Engine';
export const SIP_PROXY = 'Cisco SIP Proxy';

/** One named service on the given nodes: failed where it is not activated or not Started. */
async function serviceOnNodes(reads: TroubleshootReads, category: TroubleshootCategory, test: string, service: string, nodes: readonly ReportNodeInfo[]): Promise<TroubleshootTest> {
  if (nodes.length === 0) return notCheckedNoNode(reads.cluster, category, test, 'IM and Presence node');
  const rs = await Promise.all(nodes.map((n) => reads.services(n)));
  const notRunning: string[] = [];
  const notActivated: string[] = [];
  for (const r of rs) {
    if (!r.ok) continue;
    const s = r.value.find((x) => x.name === service);
    if (!s || !s.activated) notActivated.push(r.node);
    else if (s.status !== 'Started') notRunning.push(`${r.node} (${s.status})`);
  }
  let problem: Parameters<typeof perNodeVerdict>[4];
  if (notRunning.length > 0) problem = { result: 'failed', facts: { problemCode: 'service-not-running', values: { service, nodes: listText(notRunning) }, subjects: notRunning, evidence: 'utils service list' } };
  else if (notActivated.length > 0) problem = { result: 'failed', facts: { problemCode: 'service-not-activated', values: { service, nodes: listText(notActivated) }, subjects: notActivated, evidence: 'utils service list' } };
  return perNodeVerdict(reads.cluster, category, test, rs, problem, `${service} Started on ${rs.map((r) => r.node).join(', ')}`);
}

export async function syncAgentChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  const cluster = reads.cluster;
  const pub = reads.impPublisher();
  if (!pub) return [notCheckedNoNode(cluster, 'sync-agent', 'service-running', 'IM and Presence database publisher'), notCheckedNoNode(cluster, 'sync-agent', 'sync-status', 'IM and Presence database publisher')];
  const service = await serviceOnNodes(reads, 'sync-agent', 'service-running', SYNC_AGENT, [pub]);
  // The Sync Agent's own status: only its node can tell (it runs on the database publisher alone).
  const status = await diagnoseTest(reads, 'sync-agent', 'sync-status', 'sync_agent', pub);
  return [service, status];
}

export async function presenceEngineChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await serviceOnNodes(reads, 'presence-engine', 'service-running', PRESENCE_ENGINE, reads.impNodes())];
}

export async function sipProxyChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  return [await serviceOnNodes(reads, 'sip-proxy', 'service-running', SIP_PROXY, reads.impNodes())];
}

export async function xcpStatusChecks(reads: TroubleshootReads): Promise<TroubleshootTest[]> {
  const cluster = reads.cluster;
  const nodes = reads.impNodes();
  if (nodes.length === 0) return [notCheckedNoNode(cluster, 'xcp-status', 'services-running', 'IM and Presence node')];
  const rs = await Promise.all(nodes.map((n) => reads.services(n)));
  const hard: string[] = [];
  const transitional: string[] = [];
  let seen = 0;
  for (const r of rs) {
    if (!r.ok) continue;
    seen += r.value.filter((s) => s.name.startsWith('Cisco XCP') && s.activated).length;
    const d = servicesDown(r.node, r.value, (name) => name.startsWith('Cisco XCP'));
    hard.push(...d.hard);
    transitional.push(...d.transitional);
  }
  const bad = [...hard, ...transitional];
  if (bad.length === 0 && rs.some((r) => r.ok) && seen === 0) {
    // Not one activated XCP service listed: the list did not say what we need (never a pass on nothing).
    const r = rs.find((x) => x.ok)!;
    return [notCheckedByRead(cluster, 'xcp-status', 'services-running', { node: r.node, source: r.source, error: { code: 'POLL_PARSE', message: 'no activated Cisco XCP service listed' } })];
  }
  const problem = bad.length > 0
    ? { result: hard.length > 0 ? ('failed' as const) : ('warning' as const), facts: { problemCode: 'services-not-running', values: { count: bad.length, list: listText(bad) }, subjects: bad, evidence: 'utils service list' } }
    : undefined;
  return [perNodeVerdict(cluster, 'xcp-status', 'services-running', rs, problem, `${seen} activated Cisco XCP services Started on ${rs.map((r) => r.node).join(', ')}`)];
}
