/**
 * A client's push events (issue 16): the server's `/ws` WebSocket (package ws; the session token as
 * `Authorization: Bearer`, the same CA as the calls) re-emitted on the client's own EventHub, so the Electron
 * windows or the local web page get them as from a local backend. Open only while logged in; a dropped socket
 * (server restart, network) is opened again after a backoff (shared/backoff.ts: 1 s doubling to 30 s); a refused
 * upgrade (401/403) or a close with code 4401 (webServer.ts SESSION_ENDED_CLOSE_CODE: the session ended — logout
 * elsewhere, expiry, account disabled, password changed) stops and tells the owner.
 */
import WebSocket from 'ws';
import { backoffMs } from '../../../shared/backoff.js';
import { isEventName } from '../../../shared/ipc/channels.js';
import type { DesktopEvents } from '../../../shared/ipc/contract.js';
import type { Disposable } from '../base/disposable.js';
import type { EventHub } from './eventHub.js';
import type { ServerUrl } from './serverUrl.js';
import { SESSION_ENDED_CLOSE_CODE } from './webServer.js';

/** Options of the stream. */
export interface RemoteEventsOptions {
  readonly server: ServerUrl;
  readonly ca?: string;
  /** Where events go. */
  readonly hub: EventHub;
  /** The server refused the socket for want of a session (the token is no longer good). */
  readonly onSessionEnded: () => void;
  /** First and longest wait before opening again; default 1 s and 30 s. */
  readonly backoff?: { readonly firstMs: number; readonly maxMs: number };
  /** Told about connection trouble (one line each); default console.warn. */
  readonly log?: (line: string) => void;
}

/** Largest message accepted from the server (a batch of samples): 64 MiB. */
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/** The server's events while a session is open. */
export class RemoteEvents implements Disposable {
  readonly #o: RemoteEventsOptions;
  #token: string | undefined;
  #socket: WebSocket | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;
  #disposed = false;

  constructor(options: RemoteEventsOptions) {
    this.#o = options;
  }

  /** Whether a socket is open now (tests). */
  get connected(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** Streams with this session token (a new token replaces the socket of the old one). */
  start(token: string): void {
    if (this.#disposed || token === this.#token) return;
    this.stop();
    this.#token = token;
    this.#failures = 0;
    this.#open();
  }

  /** Closes the socket and stops reconnecting. */
  stop(): void {
    this.#token = undefined;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const ws = this.#socket;
    this.#socket = undefined;
    ws?.removeAllListeners();
    ws?.on('error', () => undefined);
    ws?.terminate();
  }

  dispose(): void {
    this.#disposed = true;
    this.stop();
  }

  #open(): void {
    const token = this.#token;
    if (token === undefined || this.#disposed) return;
    const { server, ca } = this.#o;
    const ws = new WebSocket(server.wsUrl, {
      headers: { Authorization: `Bearer ${token}`, Origin: server.origin },
      maxPayload: MAX_MESSAGE_BYTES,
      handshakeTimeout: 15_000,
      ...(ca !== undefined ? { ca } : {}),
    });
    this.#socket = ws;
    let refusedStatus: number | undefined;
    ws.on('open', () => {
      if (this.#failures > 0) this.#log(`[client] events from ${server.origin}: connected again`);
      this.#failures = 0;
    });
    ws.on('message', (data: WebSocket.RawData) => this.#deliver(data));
    ws.on('error', (err: Error) => {
      // ws reports a refused upgrade as "Unexpected server response: <status>".
      const m = /Unexpected server response: (\d{3})/.exec(err.message);
      if (m) refusedStatus = Number(m[1]);
      // One line per outage, not one per retry (a server down for an hour would fill the log).
      else if (this.#failures === 0) this.#log(`[client] events from ${server.origin}: ${err.message}; trying again, with a growing pause (at most 30 s by default)`);
    });
    ws.on('close', (code: number) => {
      if (this.#socket !== ws) return;
      this.#socket = undefined;
      if (refusedStatus === 401 || refusedStatus === 403 || code === SESSION_ENDED_CLOSE_CODE) {
        this.#token = undefined;
        this.#o.onSessionEnded();
        return;
      }
      this.#failures += 1;
      const b = this.#o.backoff ?? { firstMs: 1_000, maxMs: 30_000 };
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        if (this.#token === token) this.#open();
      }, backoffMs(this.#failures, b.firstMs, b.maxMs));
    });
  }

  #deliver(data: WebSocket.RawData): void {
    let message: unknown;
    try {
      message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
    } catch {
      return this.#log(`[client] events from ${this.#o.server.origin}: a message that is not JSON was ignored`);
    }
    if (message === null || typeof message !== 'object') return;
    const { event, payload } = message as { event?: unknown; payload?: unknown };
    if (typeof event !== 'string' || !isEventName(event) || payload === undefined) return;
    this.#o.hub.emit(event, payload as DesktopEvents[typeof event]);
  }

  #log(line: string): void {
    (this.#o.log ?? ((l: string) => console.warn(l)))(line);
  }
}
