/**
 * What the transports need from the application core: the DesktopApi implementation, the EventHub its services
 * emit into, and one dispose. Built by main/core/backend/createBackend.ts (written separately).
 */
import type { DesktopApi } from '../../../shared/ipc/contract.js';
import type { EventHub } from './eventHub.js';

/** The composed core. */
export interface Backend {
  readonly api: DesktopApi;
  readonly events: EventHub;
  dispose(): Promise<void>;
}

/** The factory main/core/backend/createBackend.ts exports as `createBackend`. */
export type CreateBackend = (options?: { transport?: 'electron' | 'web' }) => Promise<Backend>;
