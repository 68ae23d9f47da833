import { randomUUID } from 'node:crypto';
import { clientFault } from './soapFault.js';
import type { PerfmonCounterPath } from './perfmonCounterPath.js';

/** A counter added to a session, with whether it has been sampled once (two samples make a percentage). */
export interface SessionCounter {
  readonly path: PerfmonCounterPath;
  readonly name: string;
  sampled: boolean;
}

/** One Perfmon session: its counters in the order they were added. */
export interface PerfmonSession {
  readonly handle: string;
  readonly counters: Map<string, SessionCounter>;
}

/** The fault for an unknown or closed session handle ([I]: Cisco's text is not captured in the reference). */
export function unknownSessionFault(handle: string): Error {
  return clientFault(`Invalid session handle: ${handle}`, 'NOT_FOUND');
}

/**
 * The open Perfmon sessions of one node. Handles are GUIDs in braces ([I] format). The reference names no
 * server-side session cap (B.1); this store forgets the least recently used session beyond `maxSessions`, and
 * a forgotten handle gets the unknown-session fault, which clients treat as "re-open" (reference B.1).
 */
export class PerfmonSessionStore {
  readonly #sessions = new Map<string, PerfmonSession>();

  constructor(private readonly maxSessions = 1000) {}

  get size(): number {
    return this.#sessions.size;
  }

  open(): PerfmonSession {
    const session: PerfmonSession = { handle: `{${randomUUID().toUpperCase()}}`, counters: new Map() };
    this.#sessions.set(session.handle, session);
    if (this.#sessions.size > this.maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
    return session;
  }

  /** The session for `handle` (marked recently used), or a client fault. */
  get(handle: string): PerfmonSession {
    const session = this.#sessions.get(handle);
    if (!session) throw unknownSessionFault(handle);
    this.#sessions.delete(handle);
    this.#sessions.set(handle, session);
    return session;
  }

  close(handle: string): void {
    if (!this.#sessions.delete(handle)) throw unknownSessionFault(handle);
  }
}
