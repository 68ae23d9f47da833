/**
 * A small fake DesktopBridge for renderer unit tests only (house-style.md 5.9), typed against the shared IPC
 * contract (shared/ipc/contract.ts, channels.ts) so that it needs nothing from main/: the given DesktopApi methods
 * are wrapped in the IpcResult envelope (a thrown `{ code, message, retryable }` becomes `ok: false`), other
 * methods answer NOT_FOUND, and `emit` delivers a push event to the listeners, as main would. The stores' tests
 * (`*Store.test.ts`) install it with setBridgeForTesting; no production module imports this file.
 */
import type { DesktopApi, DesktopEvents } from '../../shared/ipc/contract.js';
import type { DesktopBridge, IpcResult } from '../../shared/ipc/envelope.js';
import { API_METHODS } from '../../shared/ipc/channels.js';
import type { ErrorPayload } from '../../shared/errors.js';

/** Partial implementation of the services a test needs. */
export type FakeServices = { readonly [S in keyof DesktopApi]?: Partial<DesktopApi[S]> };

/** The fake bridge plus test helpers. */
export interface FakeBridge extends DesktopBridge {
  /** Delivers a push event to every listener. */
  emit<E extends keyof DesktopEvents>(event: E, payload: DesktopEvents[E]): void;
  /** Calls made, as "service.method". */
  readonly calls: { readonly name: string; readonly args: readonly unknown[] }[];
  /** Number of event listeners currently bound (to prove unbinding). */
  listenerCount(): number;
}

function toPayload(err: unknown): ErrorPayload {
  const e = err as Partial<ErrorPayload> | undefined;
  if (e && typeof e.code === 'string') return { code: e.code, message: String(e.message ?? ''), retryable: e.retryable === true };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err), retryable: false };
}

/** Builds a fake bridge over `services`. */
export function createFakeBridge(services: FakeServices): FakeBridge {
  const calls: { name: string; args: readonly unknown[] }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api: Record<string, Record<string, (...args: unknown[]) => Promise<IpcResult<unknown>>>> = {};
  for (const [service, methods] of Object.entries(API_METHODS)) {
    const table: Record<string, (...args: unknown[]) => Promise<IpcResult<unknown>>> = {};
    for (const method of Object.keys(methods)) {
      table[method] = async (...args: unknown[]) => {
        calls.push({ name: `${service}.${method}`, args });
        const impl = (services as Record<string, Record<string, ((...a: unknown[]) => Promise<unknown>) | undefined> | undefined>)[service]?.[method];
        if (!impl) return { ok: false, error: { code: 'NOT_FOUND', message: `${service}.${method} is not faked`, retryable: false } };
        try {
          // Structured-clone the value like IPC does, so a test cannot rely on shared references.
          return { ok: true, value: structuredClone(await impl(...args)) };
        } catch (err) {
          return { ok: false, error: toPayload(err) };
        }
      };
    }
    api[service] = table;
  }
  return {
    api: api as unknown as DesktopBridge['api'],
    calls,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    emit(event, payload) {
      for (const l of [...(listeners.get(event) ?? [])]) l(structuredClone(payload));
    },
    listenerCount() {
      let n = 0;
      for (const s of listeners.values()) n += s.size;
      return n;
    },
  };
}

/** What a faked method throws to answer `ok: false` with this error (as main's envelope would carry it). */
export function ipcFailure(code: ErrorPayload['code'], message: string, retryable = false): ErrorPayload {
  return { code, message, retryable };
}

/** A promise settled by the test, to hold a faked call open and look at a store's loading state meanwhile. */
export interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

/** Returns a Deferred. */
export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
