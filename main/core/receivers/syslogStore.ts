import type { SyslogMessage } from '../../../shared/model/alert.js';

/** A Syslog viewer query (RTMT SysLog Viewer: per node, by severity, by text). */
export interface SyslogQuery {
  readonly host?: string;
  /** Messages of this severity or worse (0..7). */
  readonly maxSeverity?: number;
  readonly contains?: string;
  readonly sinceMs?: number;
  readonly limit?: number;
}

/** The last N received messages for the Syslog viewer, newest first on query (a ring buffer: bounded memory). */
export class SyslogStore {
  readonly #ring: (SyslogMessage | undefined)[];
  #next = 0;
  #size = 0;

  constructor(readonly capacity = 10_000) {
    this.#ring = new Array<SyslogMessage | undefined>(capacity);
  }

  /** Adds a message, evicting the oldest when full. */
  add(m: SyslogMessage): void {
    this.#ring[this.#next] = m;
    this.#next = (this.#next + 1) % this.capacity;
    this.#size = Math.min(this.capacity, this.#size + 1);
  }

  /** Messages held. */
  get size(): number {
    return this.#size;
  }

  /** Matching messages, newest first. */
  query(q: SyslogQuery = {}): SyslogMessage[] {
    const out: SyslogMessage[] = [];
    const needle = q.contains?.toLowerCase();
    const limit = q.limit ?? 500;
    for (let i = 1; i <= this.#size && out.length < limit; i++) {
      const m = this.#ring[(this.#next - i + this.capacity) % this.capacity]!;
      if (q.sinceMs !== undefined && m.receivedAt < q.sinceMs) break;
      if (q.host !== undefined && m.host.toLowerCase() !== q.host.toLowerCase()) continue;
      if (q.maxSeverity !== undefined && m.severity > q.maxSeverity) continue;
      if (needle && !m.raw.toLowerCase().includes(needle)) continue;
      out.push(m);
    }
    return out;
  }
}
