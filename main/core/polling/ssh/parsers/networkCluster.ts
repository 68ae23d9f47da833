import type { NodeRole } from '../../../../../shared/model/cluster.js';
import { outputLines } from './cliText.js';

/** One node line of `show network cluster` (reference D.8). */
export interface NetworkClusterNode {
  readonly ip: string;
  readonly fqdn: string;
  readonly host: string;
  readonly role: 'Publisher' | 'Subscriber';
  /** `callmanager` for CUCM nodes, `cups` for IM&P ([I] per the parser comment). */
  readonly product: string;
  readonly dbRole: string;
  /** The rest of the line, e.g. "authenticated using TCP since …". */
  readonly auth: string;
}

/** Parses the node lines of `show network cluster`; the processnode table below them is ignored. */
export function parseNetworkCluster(text: string): NetworkClusterNode[] {
  const out: NetworkClusterNode[] = [];
  for (const line of outputLines(text)) {
    const m = /^\s*(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]{3,})\s+(\S+)\s+(\S+)\s+(Publisher|Subscriber)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    out.push({ ip: m[1]!, fqdn: m[2]!, host: m[3]!, role: m[4] as 'Publisher' | 'Subscriber', product: m[5]!, dbRole: m[6]!, auth: m[7]!.trim() });
  }
  return out;
}

/**
 * The role of a listed node: `callmanager` is the CUCM publisher (the IM&P nodes' cluster lists it first); an IM&P
 * node is its cluster's publisher when it holds the database publisher (DBPub) — `show network cluster` on an IM&P
 * node lists every node as a Subscriber of the CUCM cluster, so the Publisher column alone misses it.
 */
export function nodeRoleOf(n: Pick<NetworkClusterNode, 'product' | 'role' | 'dbRole'>): NodeRole {
  if (n.product === 'callmanager') return 'cucm-publisher';
  return n.dbRole === 'DBPub' || n.role === 'Publisher' ? 'imp-publisher' : 'imp-subscriber';
}
