import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
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

/** What NodeHostResolver needs. */
export interface NodeHostResolverOptions {
  /** Called when failed names are due to be looked up again (the owner rebuilds the attribution then). */
  readonly onRetry: () => void;
  /** The addresses of a name (default: the OS resolver, every address). */
  readonly lookup?: (host: string) => Promise<string[]>;
  /** A failed lookup (or one that gave no address) is tried again this long after (default 60 s). */
  readonly retryFailedMs?: number;
  /** At most this many names are kept (the oldest go first; default 1024). */
  readonly maxNames?: number;
}

interface ResolvedName {
  addresses: Promise<string[]>;
  failed: boolean;
}

async function osLookup(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}

/**
 * The addresses of the nodes' host names, for the attribution (issue 15 review: a failed lookup was kept until a
 * restart). A name that resolved is kept until the clusters change (forget()); a name whose lookup failed or gave no
 * address — a DNS server not up yet at start, a record added later — is looked up again retryFailedMs later: one
 * timer (unref'd, cleared on dispose) drops the failed names and calls onRetry, whose rebuild asks again. At most
 * maxNames names are kept.
 */
export class NodeHostResolver {
  readonly #names = new Map<string, ResolvedName>();
  readonly #lookup: (host: string) => Promise<string[]>;
  readonly #retryFailedMs: number;
  readonly #maxNames: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(private readonly o: NodeHostResolverOptions) {
    this.#lookup = o.lookup ?? osLookup;
    this.#retryFailedMs = o.retryFailedMs ?? 60_000;
    this.#maxNames = o.maxNames ?? 1024;
  }

  /** The addresses of `host` (an IP address is its own); [] while its lookup fails. */
  addresses(host: string): Promise<string[]> {
    if (isIP(host)) return Promise.resolve([host]);
    const key = host.toLowerCase();
    const known = this.#names.get(key);
    if (known) return known.addresses;
    while (this.#names.size >= this.#maxNames) this.#names.delete(this.#names.keys().next().value!);
    const entry: ResolvedName = { addresses: Promise.resolve([]), failed: false };
    entry.addresses = this.#lookup(host).then((list) => list, () => [] as string[]).then((list) => {
      if (list.length === 0) this.#failed(entry);
      return list;
    });
    this.#names.set(key, entry);
    return entry.addresses;
  }

  /** Every name is looked up again at its next use (the clusters changed). */
  forget(): void {
    this.#names.clear();
  }

  /** Names kept (resolved, failed or under way). */
  get size(): number {
    return this.#names.size;
  }

  /** Whether a retry of failed names is scheduled. */
  get retryScheduled(): boolean {
    return this.#timer !== undefined;
  }

  dispose(): void {
    this.#disposed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#names.clear();
  }

  #failed(entry: ResolvedName): void {
    entry.failed = true;
    if (this.#disposed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#disposed) return;
      for (const [k, e] of [...this.#names]) if (e.failed) this.#names.delete(k);
      this.o.onRetry();
    }, this.#retryFailedMs);
    this.#timer.unref?.();
  }
}
