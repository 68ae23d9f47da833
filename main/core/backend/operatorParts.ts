/**
 * Operators' parts for a backend (issue 16): the operator and session tables of history.db, the session authority a
 * server's web layer asks (base/sessionAuthority.ts's port), and the `operators` service. Nothing here holds a timer or a socket: the database is the backend's.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { AuditSink } from '../base/callerContext.js';
import { OperatorStore } from '../operators/operatorStore.js';
import { createOperatorsService } from '../operators/operatorsService.js';
import { createSessionAuthority } from '../operators/sessionAuthority.js';
import { sessionPolicy, type SessionPolicy } from '../operators/sessionPolicy.js';
import type { Database } from '../storage/sqlite/database.js';
import type { SessionAuthority } from '../base/sessionAuthority.js';

export type { SessionPolicy } from '../operators/sessionPolicy.js';

export interface OperatorPartsOptions {
  /** history.db of the data folder (the server's, the app's). */
  readonly db: Database;
  /** Where logins, lockouts, logouts, expiries and password changes are recorded. */
  readonly audit: AuditSink;
  readonly policy?: Partial<SessionPolicy>;
  /** The command line that creates the first admin (shown while no enabled admin exists). */
  readonly setupCommand: string;
  readonly now?: () => number;
}

export interface OperatorParts {
  readonly store: OperatorStore;
  readonly sessions: SessionAuthority;
  readonly service: DesktopApi['operators'];
}

/** Builds the operator store (migrating its tables), the session authority and the operators service. */
export function createOperatorParts(options: OperatorPartsOptions): OperatorParts {
  const policy = sessionPolicy(options.policy);
  const store = OperatorStore.open(options.db, { idleTimeoutMs: policy.idleTimeoutMs, ...(options.now ? { now: options.now } : {}) });
  const sessions: SessionAuthority = createSessionAuthority({ store, audit: options.audit, policy, setupCommand: options.setupCommand, ...(options.now ? { now: options.now } : {}) });
  return { store, sessions, service: createOperatorsService(store) };
}
