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
export type CreateBackend = () => Promise<Backend>;

/**
 * Loads `createBackend` from main/core/backend/createBackend.(ts|js) next to this folder. A computed specifier, so
 * this compiles before that file exists; replace with a static import once it does (bundlers need one).
 */
export async function loadCreateBackend(): Promise<CreateBackend> {
  const specifier = new URL('../backend/createBackend.js', import.meta.url).href;
  let mod: { createBackend?: unknown };
  try {
    mod = (await import(specifier)) as { createBackend?: unknown };
  } catch (err) {
    throw new Error(`[backend] cannot load main/core/backend/createBackend: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (typeof mod.createBackend !== 'function') throw new Error('[backend] main/core/backend/createBackend does not export createBackend()');
  return mod.createBackend as CreateBackend;
}
