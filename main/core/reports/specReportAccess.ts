/**
 * The command line's ReportClusterAccess (issue 14): the nodes of a ClusterSpec as `main/core/cli/conventions/
 * openClusters.ts` opens them (pinned SSH host keys and certificates, the configured credentials), with nothing
 * polling them. Each node gets its own admin CLI session, opened on first use and kept for the run (one login per
 * node however many commands a report runs; re-opened if the node closes it), and its own SoapTransport (its own
 * 80/min budget, reference B.1) with a PerfmonClient and a ControlCenterClient. Services and HA groups are asked
 * now. Disposing it closes every session and transport.
 *
 * Nothing polls these nodes, so their reachability is what the run learnt (runReachability.ts: `unknown` until
 * asked, then `up` or `down`), and a node that did not answer a protocol is not asked over it again in the run.
 */
import type { AsyncDisposable } from '../base/disposable.js';
import type { ClusterSpec } from '../collector/collector.js';
import type { NodeTargets } from '../collector/nodeRuntime.js';
import { PollError } from '../polling/pollError.js';
import { ControlCenterClient, type ControlCenterServiceInfo } from '../polling/soap/controlCenterClient.js';
import { PerfmonClient } from '../polling/soap/perfmonClient.js';
import { SoapTransport } from '../polling/soap/soapTransport.js';
import { SshCliSession, type CliCommandResult } from '../polling/ssh/sshCliSession.js';
import type { HaSubclusterStatus } from '../polling/ssh/parsers/haStatus.js';
import { askHaGroups, REPORT_CLI_TIMEOUT_MS } from './collectorReportAccess.js';
import type { ReportClusterAccess, ReportCounterValue, ReportNodeInfo, ReportResult } from './reportAccess.js';
import { RequestMeter } from './requestMeter.js';
import { RunReachability } from './runReachability.js';

type Connect = { ok: true; session: SshCliSession } | { ok: false; error: PollError };

interface NodeClients {
  readonly targets: NodeTargets;
  readonly soap: SoapTransport;
  readonly perfmon: PerfmonClient;
  readonly controlCenter: ControlCenterClient;
  session?: Promise<Connect>;
}

export type SpecReportAccess = ReportClusterAccess & AsyncDisposable;

export function specReportAccess(spec: ClusterSpec, o: { signal?: AbortSignal } = {}): SpecReportAccess {
  const meter = new RequestMeter();
  const heard = new RunReachability();
  const note = (node: string, protocol: 'ssh' | 'soap', r: { ok: true } | { ok: false; error: PollError }): void => {
    if (!disposed && !o.signal?.aborted) heard.note(node, protocol, r);
  };
  const nodes = new Map<string, NodeClients>();
  let disposed = false;
  for (const t of spec.nodes) {
    const soap = new SoapTransport(t.soap);
    nodes.set(t.name, { targets: t, soap, perfmon: new PerfmonClient(soap, t.name), controlCenter: new ControlCenterClient(soap) });
  }
  const missing = (node: string, protocol: 'soap' | 'ssh'): { ok: false; error: PollError } => ({ ok: false, error: new PollError('POLL_CONNECT', protocol, node, disposed ? 'the report access is closed' : `no node ${node} in cluster ${spec.id}`) });
  const session = (n: NodeClients): Promise<Connect> => {
    if (!n.session) {
      // connect resolves with a failure as a value; a throw inside it (ssh2 refusing a shell on a connection that
      // just closed) is turned into one too, so it never becomes an unhandled rejection.
      const pending = SshCliSession.connect(n.targets.ssh).catch((err: unknown): Connect => ({ ok: false, error: new PollError('POLL_CONNECT', 'ssh', n.targets.name, (err as Error).message ?? String(err)) }));
      n.session = pending;
      void pending.then((r) => {
        if (!r.ok) {
          if (n.session === pending) n.session = undefined; // a failed login is not kept: the next command tries again
          return;
        }
        if (disposed) r.session.dispose();
        r.session.onDidClose(() => {
          if (n.session === pending) n.session = undefined;
        });
      });
    }
    return n.session;
  };
  const cli = async (node: string, command: string, timeoutMs = REPORT_CLI_TIMEOUT_MS): Promise<CliCommandResult> => {
    const n = nodes.get(node);
    if (!n || disposed) return missing(node, 'ssh');
    const silent = heard.silent(node, 'ssh');
    if (silent) return silent;
    meter.count(node, 'ssh');
    const s = await session(n);
    // The login tells whether the node answers; a command's own timeout afterwards does not make it silent.
    note(node, 'ssh', s.ok ? { ok: true } : s);
    if (!s.ok) return s;
    return s.session.run(command, timeoutMs);
  };
  const call = o.signal ? { signal: o.signal } : undefined;
  return {
    cluster: spec.id,
    nodes: (): ReportNodeInfo[] => spec.nodes.map((t) => ({ name: t.name, role: t.role, host: t.host, reachability: heard.reachability(t.name) })),
    cli,
    async perfmon(node: string, object: string): Promise<ReportResult<ReportCounterValue[]>> {
      const n = nodes.get(node);
      if (!n || disposed) return missing(node, 'soap');
      const silent = heard.silent(node, 'soap');
      if (silent) return silent;
      meter.count(node, 'soap');
      const r = await n.perfmon.collectObject(object, call);
      note(node, 'soap', r);
      if (!r.ok) return r;
      return { ok: true, value: r.samples.map((s) => ({ instance: s.instance, counter: s.counter, value: s.value })) };
    },
    async services(node: string): Promise<ReportResult<ControlCenterServiceInfo[]>> {
      const n = nodes.get(node);
      if (!n || disposed) return missing(node, 'soap');
      const silent = heard.silent(node, 'soap');
      if (silent) return silent;
      meter.count(node, 'soap');
      const r = await n.controlCenter.serviceStatus([], call);
      note(node, 'soap', r);
      return r;
    },
    haGroups: (): Promise<ReportResult<HaSubclusterStatus[]>> => askHaGroups(spec.nodes.filter((t) => t.role !== 'cucm-publisher').map((t) => t.name), cli),
    requestCounts: () => meter.snapshot(),
    async dispose(): Promise<void> {
      disposed = true;
      for (const n of nodes.values()) {
        n.soap.dispose();
        const s = n.session;
        n.session = undefined;
        if (s) {
          const r = await s;
          if (r.ok) r.session.dispose();
        }
      }
    },
  };
}
