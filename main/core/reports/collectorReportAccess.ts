/**
 * The app's ReportClusterAccess (issue 14): a cluster the collector monitors, reached with the collector's own
 * connections — the pooled admin CLI session of each node (collector.runCli), the node's Perfmon client through its
 * SOAP transport and so its shared 80/min budget (a report waits for a token rather than pushing the node into its
 * rate limit; reference B.1), ControlCenter's service list from the collector's last poll when under a minute old
 * (free) else asked now, and the HA groups the collector last read with `utils ha status` (else asked now).
 * Every request is counted per node (requestMeter.ts). A node that did not answer a protocol in this run is not
 * asked over it again in the run (runReachability.ts): a report with a node off costs one timeout per protocol.
 */
import type { Collector } from '../collector/collector.js';
import type { NodeRuntime } from '../collector/nodeRuntime.js';
import { PollError } from '../polling/pollError.js';
import type { ControlCenterServiceInfo } from '../polling/soap/controlCenterClient.js';
import { parseHaStatus, type HaSubclusterStatus } from '../polling/ssh/parsers/haStatus.js';
import type { CliCommandResult } from '../polling/ssh/sshCliSession.js';
import type { ReportClusterAccess, ReportCounterValue, ReportNodeInfo, ReportResult } from './reportAccess.js';
import type { HaChangeAware } from './haChangeWatch.js';
import { RequestMeter } from './requestMeter.js';
import { RunReachability } from './runReachability.js';

/** The collector's service list is used when it is younger than this (ours: two 30 s services polls). */
export const FRESH_SERVICES_MS = 60_000;

/** How long a report's CLI command may take by default (a 15k-row `run sql` is a few seconds on a real node). */
export const REPORT_CLI_TIMEOUT_MS = 120_000;

export interface CollectorReportAccessOptions {
  readonly now?: () => number;
  /** When the collector saw each group's HA turned on or off (haChangeWatch.ts). */
  readonly haChangedAtMs?: (group: string) => number | undefined;
  /** Aborts SOAP waits (the run's cancel). */
  readonly signal?: AbortSignal;
}

export function collectorReportAccess(collector: Collector, cluster: string, o: CollectorReportAccessOptions = {}): ReportClusterAccess & HaChangeAware {
  const meter = new RequestMeter();
  const heard = new RunReachability();
  const note = (node: string, protocol: 'ssh' | 'soap', r: { ok: true } | { ok: false; error: PollError }): void => {
    if (!o.signal?.aborted) heard.note(node, protocol, r);
  };
  const now = o.now ?? Date.now;
  const runtime = (node: string): NodeRuntime | undefined => {
    try {
      return collector.node(cluster, node);
    } catch {
      return undefined;
    }
  };
  const unknown = (node: string, protocol: 'soap' | 'ssh'): { ok: false; error: PollError } => ({ ok: false, error: new PollError('POLL_CONNECT', protocol, node, `no node ${node} in cluster ${cluster}`) });
  const cli = async (node: string, command: string, timeoutMs = REPORT_CLI_TIMEOUT_MS): Promise<CliCommandResult> => {
    if (!runtime(node)) return unknown(node, 'ssh');
    const silent = heard.silent(node, 'ssh');
    if (silent) return silent;
    meter.count(node, 'ssh');
    let r: CliCommandResult;
    try {
      r = await collector.runCli(cluster, node, command, timeoutMs);
    } catch (err) {
      r = { ok: false, error: new PollError('POLL_CONNECT', 'ssh', node, (err as Error).message) };
    }
    // The pool does not say whether a timeout was the login or the command: either, before the node answered
    // anything over SSH in this run, is silence (the troubleshooter's rule too: a node that did not answer is not asked again).
    note(node, 'ssh', r);
    return r;
  };
  return {
    cluster,
    // The collector's view; before its first poll of a node, what this run learnt.
    nodes: (): ReportNodeInfo[] =>
      collector.nodes(cluster).map((n) => {
        const seen = n.reachability();
        return { name: n.name, role: n.targets.role, host: n.targets.host, reachability: seen === 'unknown' ? heard.reachability(n.name) : seen };
      }),
    cli,
    async perfmon(node: string, object: string): Promise<ReportResult<ReportCounterValue[]>> {
      const n = runtime(node);
      if (!n) return unknown(node, 'soap');
      const silent = heard.silent(node, 'soap');
      if (silent) return silent;
      meter.count(node, 'soap');
      const r = await n.perfmon.collectObject(object, o.signal ? { signal: o.signal } : undefined);
      note(node, 'soap', r);
      if (!r.ok) return r;
      return { ok: true, value: r.samples.map((s) => ({ instance: s.instance, counter: s.counter, value: s.value })) };
    },
    async services(node: string): Promise<ReportResult<ControlCenterServiceInfo[]>> {
      const n = runtime(node);
      if (!n) return unknown(node, 'soap');
      if (n.services.length > 0 && now() - n.servicesAtMs < FRESH_SERVICES_MS) return { ok: true, value: n.services };
      const silent = heard.silent(node, 'soap');
      if (silent) return silent;
      meter.count(node, 'soap');
      const r = await n.controlCenter.serviceStatus([], o.signal ? { signal: o.signal } : undefined);
      note(node, 'soap', r);
      return r;
    },
    async haGroups(): Promise<ReportResult<HaSubclusterStatus[]>> {
      const known = collector.haGroups(cluster);
      if (known.length > 0) return { ok: true, value: known };
      return askHaGroups(collector.nodes(cluster).filter((n) => n.targets.role !== 'cucm-publisher').map((n) => n.name), cli);
    },
    requestCounts: () => meter.snapshot(),
    haChangedAtMs: (group) => o.haChangedAtMs?.(group),
  };
}

/** `utils ha status` on the first IM&P node that answers (reference D.4). */
export async function askHaGroups(impNodes: readonly string[], cli: (node: string, command: string, timeoutMs?: number) => Promise<CliCommandResult>): Promise<ReportResult<HaSubclusterStatus[]>> {
  let last: PollError = new PollError('POLL_CONNECT', 'ssh', '', 'the cluster has no IM and Presence node');
  for (const node of impNodes) {
    const r = await cli(node, 'utils ha status', 30_000);
    if (r.ok) return { ok: true, value: parseHaStatus(r.output) };
    last = r.error;
  }
  return { ok: false, error: last };
}
