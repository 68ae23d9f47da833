/**
 * What the transports need from the application core: the DesktopApi implementation, the EventHub its services
 * emit into, and one dispose. Built by main/core/backend/createBackend.ts (written separately).
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { AuditSink } from '../base/callerContext.js';
import type { EventHub } from './eventHub.js';
import type { SessionAuthority } from '../base/sessionAuthority.js';

/** The composed core. */
export interface Backend {
  readonly api: DesktopApi;
  readonly events: EventHub;
  /** Where the router records changes and refusals: the backend's audit log (a client's records nothing: its server does). */
  readonly audit: AuditSink;
  /** The identity of calls on the desktop and in `--web` mode: the OS user, with the admin role. */
  readonly localOperator: string;
  /** Sessions of named operators over this backend's data folder (used by a server's web layer; a client has none). */
  readonly sessions?: SessionAuthority;
  dispose(): Promise<void>;
}

/** The factory main/core/backend/createBackend.ts exports as `createBackend`. */
export type CreateBackend = (options?: { transport?: 'electron' | 'web' }) => Promise<Backend>;
