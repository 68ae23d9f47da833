/**
 * Operators' parts for a backend (issue 16): the operator and session tables of history.db, the session authority a
 * server's web layer asks (base/sessionAuthority.ts's port), and the `operators` service. Nothing here holds a
 * timer or a socket: the database is the backend's.
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import { OperatorStore } from '../operators/operatorStore.js';
import { createOperatorsService } from '../operators/operatorsService.js';
import { createSessionAuthority, type SessionAuthorityOptions } from '../operators/sessionAuthority.js';
import { sessionPolicy } from '../operators/sessionPolicy.js';
import type { Database } from '../storage/sqlite/database.js';
import type { SessionAuthority } from '../base/sessionAuthority.js';

export type { SessionPolicy } from '../operators/sessionPolicy.js';

/** The session authority's options (audit sink, policy, setup line, clock) with history.db in place of the store. */
export type OperatorPartsOptions = Omit<SessionAuthorityOptions, 'store'> & {
  /** history.db of the data folder (the server's, the app's). */
  readonly db: Database;
};

export interface OperatorParts {
  readonly store: OperatorStore;
  readonly sessions: SessionAuthority;
  readonly service: DesktopApi['operators'];
}

/** Builds the operator store (migrating its tables), the session authority and the operators service. */
export function createOperatorParts(options: OperatorPartsOptions): OperatorParts {
  const policy = sessionPolicy(options.policy);
  const store = OperatorStore.open(options.db, { idleTimeoutMs: policy.idleTimeoutMs, ...(options.now ? { now: options.now } : {}) });
  const { db: _db, ...authority } = options;
  const sessions: SessionAuthority = createSessionAuthority({ ...authority, store, policy });
  return { store, sessions, service: createOperatorsService(store) };
}
