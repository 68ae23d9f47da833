import type { SyslogMessage } from '../../../shared/model/alert.js';
import type { NodeLocation } from './nodeAttribution.js';

/** A Syslog viewer query (RTMT SysLog Viewer: per node, by severity, by text). */
export interface SyslogQuery {
  readonly host?: string;
  /** Messages of this severity or worse (0..7). */
  readonly maxSeverity?: number;
  readonly contains?: string;
  readonly sinceMs?: number;
  readonly limit?: number;
  /** Only attributed (true) or only unattributed (false) messages; absent = both. */
  readonly attributed?: boolean;
}

/** A kept message and the node it was attributed to (none: unattributed). */
export interface StoredSyslog {
  readonly message: SyslogMessage;
  readonly at?: NodeLocation;
}

/** A bounded ring of kept messages, each with its arrival number (so two rings read back in arrival order). */
class Ring {
  readonly #items: ({ readonly seq: number; readonly stored: StoredSyslog } | undefined)[];
  #next = 0;
  size = 0;

  constructor(readonly capacity: number) {
    this.#items = new Array(capacity);
  }

  add(seq: number, stored: StoredSyslog): void {
    if (this.capacity === 0) return;
    this.#items[this.#next] = { seq, stored };
    this.#next = (this.#next + 1) % this.capacity;
    this.size = Math.min(this.capacity, this.size + 1);
  }

  /** The i-th newest (0 = newest), or undefined past the oldest. */
  newest(i: number): { readonly seq: number; readonly stored: StoredSyslog } | undefined {
    return i < this.size ? this.#items[(this.#next - 1 - i + this.capacity) % this.capacity] : undefined;
  }
}

/**
 * The last received messages for the Syslog viewer, newest first on query (bounded memory). Attributed and
 * unattributed messages are kept in rings of their own: a flood of lines from senders that are no node (spoofed
 * host names, a misconfigured device) evicts only other unattributed lines, never the nodes' own (issue 15).
 */
export class SyslogStore {
  readonly #attributed: Ring;
  readonly #unattributed: Ring;
  #seq = 0;

  /** `capacity` attributed messages and `unattributedCapacity` (default a fifth of it) unattributed ones. */
  constructor(readonly capacity = 10_000, unattributedCapacity = Math.max(1, Math.floor(capacity / 5))) {
    this.#attributed = new Ring(capacity);
    this.#unattributed = new Ring(unattributedCapacity);
  }

  /** Adds a message (with the node it was attributed to, if any), evicting the oldest of its kind when full. */
  add(m: SyslogMessage, at?: NodeLocation): void {
    const seq = ++this.#seq;
    if (at) this.#attributed.add(seq, { message: m, at });
    else this.#unattributed.add(seq, { message: m });
  }

  /** Messages held. */
  get size(): number {
    return this.#attributed.size + this.#unattributed.size;
  }

  /** Matching messages, newest first. */
  query(q: SyslogQuery = {}): SyslogMessage[] {
    return this.queryStored(q).map((s) => s.message);
  }

  /** Matching messages with their attribution, newest first (the two rings merged in arrival order). */
  queryStored(q: SyslogQuery = {}): StoredSyslog[] {
    const out: StoredSyslog[] = [];
    const needle = q.contains?.toLowerCase();
    const limit = q.limit ?? 500;
    const rings = q.attributed === undefined ? [this.#attributed, this.#unattributed] : [q.attributed ? this.#attributed : this.#unattributed];
    const at = rings.map(() => 0);
    while (out.length < limit) {
      // The newer of the rings' next entries.
      let pick = -1;
      for (let r = 0; r < rings.length; r++) {
        const e = rings[r]!.newest(at[r]!);
        if (e && (pick < 0 || e.seq > rings[pick]!.newest(at[pick]!)!.seq)) pick = r;
      }
      if (pick < 0) break;
      const stored = rings[pick]!.newest(at[pick]!)!.stored;
      at[pick]!++;
      const m = stored.message;
      if (q.sinceMs !== undefined && m.receivedAt < q.sinceMs) break;
      if (q.host !== undefined && m.host.toLowerCase() !== q.host.toLowerCase()) continue;
      if (q.maxSeverity !== undefined && m.severity > q.maxSeverity) continue;
      if (needle && !m.raw.toLowerCase().includes(needle)) continue;
      out.push(stored);
    }
    return out;
  }
}
