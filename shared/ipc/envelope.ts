import type { ErrorPayload } from '../errors.js';
import type { DesktopApi, DesktopEvents } from './contract.js';

/** What every call returns across a transport: a value or a stable error (never a thrown error). */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorPayload };

/** DesktopApi with every method returning an IpcResult. */
export type Enveloped<T> = {
  [S in keyof T]: { [M in keyof T[S]]: T[S][M] extends (...a: infer A) => Promise<infer R> ? (...a: A) => Promise<IpcResult<R>> : never };
};

/** What the preload (Electron) or the web client (browser) exposes to the renderer. */
export interface DesktopBridge {
  readonly api: Enveloped<DesktopApi>;
  on<E extends keyof DesktopEvents>(event: E, listener: (payload: DesktopEvents[E]) => void): () => void;
}
