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

/** The last N received messages for the Syslog viewer, newest first on query (a ring buffer: bounded memory). */
export class SyslogStore {
  readonly #ring: (StoredSyslog | undefined)[];
  #next = 0;
  #size = 0;

  constructor(readonly capacity = 10_000) {
    this.#ring = new Array<StoredSyslog | undefined>(capacity);
  }

  /** Adds a message (with the node it was attributed to, if any), evicting the oldest when full. */
  add(m: SyslogMessage, at?: NodeLocation): void {
    this.#ring[this.#next] = at ? { message: m, at } : { message: m };
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.capacity, this.#size + 1);
  }

  /** Messages held. */
  get size(): number {
    return this.#size;
  }

  /** Matching messages, newest first. */
  query(q: SyslogQuery = {}): SyslogMessage[] {
    return this.queryStored(q).map((s) => s.message);
  }

  /** Matching messages with their attribution, newest first. */
  queryStored(q: SyslogQuery = {}): StoredSyslog[] {
    const out: StoredSyslog[] = [];
    const needle = q.contains?.toLowerCase();
    const limit = q.limit ?? 500;
    for (let i = 1; i <= this.#size && out.length < limit; i++) {
      const stored = this.#ring[(this.#next - i + this.capacity) % this.capacity]!;
      const m = stored.message;
      if (q.attributed !== undefined && (stored.at !== undefined) !== q.attributed) continue;
      if (q.sinceMs !== undefined && m.receivedAt < q.sinceMs) break;
      if (q.host !== undefined && m.host.toLowerCase() !== q.host.toLowerCase()) continue;
      if (q.maxSeverity !== undefined && m.severity > q.maxSeverity) continue;
      if (needle && !m.raw.toLowerCase().includes(needle)) continue;
      out.push(stored);
    }
    return out;
  }
}
