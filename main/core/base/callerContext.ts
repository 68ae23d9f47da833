/**
 * Who is calling (issue 16): the identity the transport established — the OS user on the desktop and in `--web`
 * mode, the logged-in operator on a server — carried through a call with Node's AsyncLocalStorage, so that the
 * services record the right person without any request naming it. The router runs every call inside
 * `runAsCaller`; timers and promises started inside keep the caller (a job records who started it).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Role } from '../../../shared/model/access.js';
import type { AuditEntry, AuditEntryInput, AuditSource } from '../../../shared/model/audit.js';

/** The identity of one call. */
export interface Caller {
  readonly operator: string;
  readonly role: Role;
  readonly source: AuditSource;
  /** The client's address (web and server); absent on the desktop. */
  readonly address?: string;
  /** The server session the call came with (its id, never its token). */
  readonly sessionId?: string;
}

const storage = new AsyncLocalStorage<Caller>();

/** Runs `fn` as `caller`: currentCaller() answers `caller` inside it and in everything it starts. */
export function runAsCaller<T>(caller: Caller, fn: () => T): T {
  return storage.run(caller, fn);
}

/** The caller of the call being served, or undefined outside any call (timers of the backend itself, start-up). */
export function currentCaller(): Caller | undefined {
  return storage.getStore();
}

/** Where audit entries go (main/core/audit/auditLog.ts implements it; the router and the session authority use it). */
export interface AuditSink {
  /** Appends one entry; never throws (a failed append is logged by the sink and reported by verify). */
  append(entry: AuditEntryInput): Promise<AuditEntry | undefined>;
}

/** An AuditSink that keeps nothing (tests, and a client whose server keeps the log). */
export const NO_AUDIT: AuditSink = { append: async () => undefined };
