import { isNoAnswer } from '../../polling/pollError.js';
import type { NodeRole, NodeStatus, ProtocolHealth } from '../../../../shared/model/cluster.js';
import { Collector, type ClusterSpec } from '../../collector/collector.js';

/**
 * One protocol's state after one poll: "up" (it answered), "down" (no answer: connection refused or timed out,
 * POLL_CONNECT / POLL_TIMEOUT), "unknown" (no outcome before the time ran out), or the error code of any other
 * failure (POLL_AUTH: login refused; POLL_PROTOCOL, POLL_PARSE: an answer we could not use; POLL_RATE_LIMIT).
 */
export type ProtocolState = 'up' | 'down' | 'unknown' | string;

/** One node after one poll of each protocol. */
export interface NodePollResult {
  readonly cluster: string;
  readonly node: string;
  readonly role: NodeRole;
  readonly reachability: { readonly snmp: ProtocolState; readonly soap: ProtocolState; readonly ssh: ProtocolState };
  /** Active software version (`show version active` over SSH), null when unknown. */
  readonly version: string | null;
  /** HA state of the node in its presence redundancy group (`utils ha status`), null when unknown or a CUCM node. */
  readonly haState: string | null;
}

/** Intervals long enough that no poll repeats while one round runs (each is run once, now). */
const ONE_ROUND = { systemSec: 3600, servicesSec: 3600, haSec: 3600 } as const;

function stateOf(h: ProtocolHealth): ProtocolState {
  if (h.lastOkMs === undefined && h.lastErrorMs === undefined) return 'unknown';
  if (h.lastOkMs !== undefined && (h.lastErrorMs === undefined || h.lastOkMs >= h.lastErrorMs)) return 'up';
  return isNoAnswer(h.lastErrorCode) ? 'down' : (h.lastErrorCode ?? 'unknown');
}

function resultOf(s: NodeStatus): NodePollResult {
  return {
    cluster: s.cluster,
    node: s.name,
    role: s.role,
    reachability: { snmp: stateOf(s.protocols.snmp), soap: stateOf(s.protocols.soap), ssh: stateOf(s.protocols.ssh) },
    version: s.version ?? null,
    haState: s.haState ?? null,
  };
}

/**
 * Polls every node of the clusters once with the real collector: SNMP (the system poll), SOAP (ControlCenter's
 * service list), SSH (`show version active`, and `utils ha status` on IM&P nodes), all started at once, and
 * resolves when each has an outcome or `timeoutMs` has passed. The collector is closed before it resolves.
 */
export async function pollNodesOnce(clusters: readonly ClusterSpec[], timeoutMs: number): Promise<NodePollResult[]> {
  const collector = await Collector.create({ scheduler: { timeoutMs: Math.min(20_000, timeoutMs) } });
  try {
    for (const spec of clusters) collector.addCluster({ ...spec, intervals: ONE_ROUND });
    await Promise.all(clusters.map((spec) => collector.pollStatusOnce(spec.id, timeoutMs)));
    return collector.clusters().flatMap((c) => c.nodes.map(resultOf));
  } finally {
    collector.dispose();
  }
}
