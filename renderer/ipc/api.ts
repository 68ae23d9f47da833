/**
 * The renderer's typed call helper (house-style.md 5.4): `await call('clusters', 'remove', id)` unwraps the
 * IpcResult into the value, or throws an IpcError carrying the stable code and retryable flag.
 */
import type { DesktopApi, DesktopEvents } from '../../shared/ipc/contract.js';
import type { IpcResult } from '../../shared/ipc/envelope.js';
import type { ErrorCode, ErrorPayload } from '../../shared/errors.js';
import { getBridge } from './bridge.js';

type Fn<S extends keyof DesktopApi, M extends keyof DesktopApi[S]> = Extract<DesktopApi[S][M], (...a: never[]) => Promise<unknown>>;

/** A failed call: `code` and `retryable` as main sent them. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  constructor(readonly payload: ErrorPayload) {
    super(payload.message);
    this.name = 'IpcError';
    this.code = payload.code;
    this.retryable = payload.retryable;
  }
}

let authRequiredHandler: ((method: string) => void) | undefined;

/** Called with the method's name whenever a call answers AUTH_REQUIRED (the session store shows the login page). */
export function setAuthRequiredHandler(handler: ((method: string) => void) | undefined): void {
  authRequiredHandler = handler;
}

/** Calls `service.method(...args)` in main and returns its value, or throws IpcError. */
export async function call<S extends keyof DesktopApi, M extends keyof DesktopApi[S] & string>(
  service: S,
  method: M,
  ...args: Parameters<Fn<S, M>>
): Promise<Awaited<ReturnType<Fn<S, M>>>> {
  const invoke = getBridge().api[service][method] as unknown as (...a: unknown[]) => Promise<IpcResult<Awaited<ReturnType<Fn<S, M>>>>>;
  const result = await invoke(...args);
  if (!result.ok) {
    // A session that ended (idle, max age, an admin's change) answers every call AUTH_REQUIRED: back to the login page.
    if (result.error.code === 'AUTH_REQUIRED') authRequiredHandler?.(`${service}.${method}`);
    throw new IpcError(result.error);
  }
  return result.value;
}

/** Subscribes to a push event; returns the unsubscribe function. */
export function onDesktopEvent<E extends keyof DesktopEvents>(event: E, listener: (payload: DesktopEvents[E]) => void): () => void {
  return getBridge().on(event, listener);
}
