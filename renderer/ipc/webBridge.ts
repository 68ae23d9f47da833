/**
 * The browser implementation of DesktopBridge for the local web mode: calls are `POST /api/<service>/<method>` with
 * a JSON array of arguments (answer: an IpcResult), push events arrive on one WebSocket at `/ws` as
 * `{ event, payload }`. DOM only, no Node. In a browser the page was loaded with `?token=`, which the server traded
 * for an HttpOnly cookie, so neither fetch nor the socket needs the token; non-browser callers may pass it.
 */
import { backoffMs, withJitter } from '../../shared/backoff.js';
import { API_METHODS, isEventName } from '../../shared/ipc/channels.js';
import type { DesktopEvents } from '../../shared/ipc/contract.js';
import type { DesktopBridge, IpcResult } from '../../shared/ipc/envelope.js';

/** The part of fetch the bridge uses (so the file type-checks with and without the DOM library). */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; credentials: 'same-origin' }) => Promise<{
  readonly status: number;
  json(): Promise<unknown>;
}>;

/** The part of a WebSocket the bridge uses. */
export interface WebSocketLike {
  addEventListener(type: 'message', listener: (e: { readonly data: unknown }) => void): void;
  addEventListener(type: 'close' | 'open' | 'error', listener: () => void): void;
  close(): void;
}

/** A WebSocket constructor (the browser's, or a test client's). */
export type WebSocketFactory = new (url: string) => WebSocketLike;

/** Options of the web bridge; every field defaults to the page's own origin and the browser's globals. */
export interface WebBridgeOptions {
  /** `http://127.0.0.1:<port>`; default `location.origin`. */
  readonly baseUrl?: string;
  /** Sent as `Authorization: Bearer` and `?token=` for clients that are not the page itself. */
  readonly token?: string;
  readonly fetch?: FetchLike;
  readonly WebSocket?: WebSocketFactory;
  /** First reconnect delay of the event socket; doubles up to 30 s, each spread by up to half (shared/backoff.ts). Default 1000 ms. */
  readonly reconnectDelayMs?: number;
}

/** The web bridge plus a way to close its socket. */
export interface WebBridge extends DesktopBridge {
  dispose(): void;
  /** Opens the event socket again now (after a login: a server refuses the socket without a session). */
  reconnect(): void;
  /**
   * Closes the event socket and opens none until `reconnect()` (logged out of a server: the socket would only be
   * refused again, every back-off, for as long as the login page is open).
   */
  pause(): void;
}

type Listener = (payload: never) => void;

/** Creates the bridge; the socket opens on the first `on()` and closes when the last listener goes. */
export function createWebBridge(options: WebBridgeOptions = {}): WebBridge {
  const g = globalThis as unknown as { location?: { origin: string }; fetch?: FetchLike; WebSocket?: WebSocketFactory };
  const baseUrl = options.baseUrl ?? g.location?.origin ?? '';
  const doFetch = options.fetch ?? g.fetch?.bind(globalThis);
  const Socket = options.WebSocket ?? g.WebSocket;
  const firstDelay = options.reconnectDelayMs ?? 1000;
  const listeners = new Map<keyof DesktopEvents, Set<Listener>>();
  let socket: WebSocketLike | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Reconnects failed in a row: every wall screen reconnecting after a server restart must not come back at once. */
  let failures = 0;
  let disposed = false;
  let paused = false;

  async function invoke(service: string, method: string, args: unknown[]): Promise<IpcResult<unknown>> {
    if (!doFetch) return transportError('fetch is not available');
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    try {
      const res = await doFetch(`${baseUrl}/api/${encodeURIComponent(service)}/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(args),
        credentials: 'same-origin',
      });
      const body = await res.json().catch(() => undefined);
      if (isResult(body)) return body;
      return { ok: false, error: { code: res.status === 401 || res.status === 403 ? 'IPC_FORBIDDEN' : 'INTERNAL', message: `HTTP ${res.status}`, retryable: false } };
    } catch (err) {
      return transportError(err instanceof Error ? err.message : String(err));
    }
  }

  const api = Object.fromEntries(
    Object.entries(API_METHODS).map(([service, methods]) => [
      service,
      Object.fromEntries(Object.keys(methods).map((method) => [method, (...args: unknown[]) => invoke(service, method, args)])),
    ]),
  ) as unknown as DesktopBridge['api'];

  function deliver(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string' || !isEventName(event)) return;
    for (const l of [...(listeners.get(event) ?? [])]) {
      try {
        l(payload as never);
      } catch (err) {
        console.error('[webBridge] listener failed:', err);
      }
    }
  }

  function open(): void {
    if (socket || disposed || paused || !Socket || listeners.size === 0) return;
    const wsBase = baseUrl.replace(/^http/, 'ws');
    const ws = new Socket(`${wsBase}/ws${options.token ? `?token=${encodeURIComponent(options.token)}` : ''}`);
    socket = ws;
    ws.addEventListener('open', () => {
      failures = 0;
    });
    ws.addEventListener('message', (e) => deliver(e.data));
    ws.addEventListener('close', () => {
      // Closed by closeSocket (dispose, last listener gone, reconnect): no retry of this one.
      if (socket !== ws) return;
      socket = undefined;
      if (disposed || paused || listeners.size === 0) return;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        open();
      }, withJitter(backoffMs(++failures, firstDelay, 30_000), 0.5));
    });
  }

  function closeSocket(): void {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = undefined;
    const ws = socket;
    socket = undefined;
    ws?.close();
  }

  return {
    api,
    on(event, listener) {
      if (!isEventName(event)) throw new Error(`Unknown event '${String(event)}'`);
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as Listener;
      set.add(l);
      open();
      return () => {
        set.delete(l);
        if (set.size === 0) listeners.delete(event);
        if (listeners.size === 0) closeSocket();
      };
    },
    reconnect() {
      paused = false;
      closeSocket();
      failures = 0;
      open();
    },
    pause() {
      paused = true;
      closeSocket();
    },
    dispose() {
      disposed = true;
      listeners.clear();
      closeSocket();
    },
  };
}

function isResult(body: unknown): body is IpcResult<unknown> {
  if (typeof body !== 'object' || body === null || typeof (body as { ok?: unknown }).ok !== 'boolean') return false;
  if ((body as { ok: boolean }).ok) return true;
  const e = (body as { error?: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string';
}

function transportError(message: string): IpcResult<never> {
  return { ok: false, error: { code: 'INTERNAL', message: `Web mode server unreachable: ${message}`, retryable: true } };
}
