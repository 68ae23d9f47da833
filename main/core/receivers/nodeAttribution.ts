import type { SyslogMessage } from '../../../shared/model/alert.js';

/** Where an attributed message comes from. */
export interface NodeLocation {
  readonly cluster: string;
  readonly node: string;
}

/** A node the monitored clusters report, with every address it is known by (targets, discovered IP, resolved names). */
export interface AttributableNode extends NodeLocation {
  readonly addresses: readonly string[];
}

/** `::ffff:127.0.0.1` (an IPv4 sender on a dual-stack socket) is 127.0.0.1; case-insensitive. */
export function normalizeAddress(a: string): string {
  const l = a.trim().toLowerCase();
  return l.startsWith('::ffff:') && l.includes('.') ? l.slice(7) : l;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Decides which node a syslog line or trap comes from (issue 15): only when its sender address (the socket peer,
 * which a sender cannot choose freely on TCP and which the nodes' own loopback addresses make distinct) is an address
 * of a node the clusters report AND the host name it claims (RFC 3164/5424 header or the CiscoLog host; MSG-0101
 * `<SEQ>: <HOST>: …`, serviceability-reference.md A.6) is that node's name (case-insensitive, an FQDN's first label
 * allowed) or one of its addresses. A trap carries no host name: its host is its sender address. Anything else is
 * unattributed: kept and shown, never raised as an alarm on a node (500 lines claiming `fake-node-N` from 127.0.0.1
 * raised CoreDumpFileFound on imp-sub3 before).
 */
export class NodeAttribution {
  #byAddress = new Map<string, AttributableNode[]>();

  /** Replaces the known nodes (called whenever the clusters change). */
  update(nodes: readonly AttributableNode[]): void {
    const next = new Map<string, AttributableNode[]>();
    for (const n of nodes) {
      for (const a of new Set(n.addresses.map(normalizeAddress))) {
        if (a === '') continue;
        const list = next.get(a) ?? [];
        list.push(n);
        next.set(a, list);
      }
    }
    this.#byAddress = next;
  }

  /** The node a message is attributed to, or undefined. */
  attribute(msg: Pick<SyslogMessage, 'peer' | 'host'>): NodeLocation | undefined {
    const peer = normalizeAddress(msg.peer);
    const candidates = this.#byAddress.get(peer);
    if (!candidates) return undefined;
    const host = normalizeAddress(msg.host);
    for (const n of candidates) {
      if (hostNamesNode(host, n)) return { cluster: n.cluster, node: n.node };
    }
    return undefined;
  }

  /** Known sender addresses (for tests and the status panel). */
  get addressCount(): number {
    return this.#byAddress.size;
  }
}

function hostNamesNode(host: string, n: AttributableNode): boolean {
  const name = n.node.toLowerCase();
  if (host === name) return true;
  if (n.addresses.some((a) => normalizeAddress(a) === host)) return true;
  // An FQDN (imp-pub.example.com) names node imp-pub; an IPv4 address's first "label" names nothing.
  return !IPV4.test(host) && !host.includes(':') && host.split('.')[0] === name;
}
