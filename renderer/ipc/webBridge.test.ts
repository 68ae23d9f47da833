import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebBridge, type WebSocketLike } from './webBridge.js';

/** A socket the test closes by hand (the server refusing it); records every one opened. */
class FakeSocket implements WebSocketLike {
  static opened: FakeSocket[] = [];
  private readonly closeListeners: (() => void)[] = [];
  constructor(readonly url: string) {
    FakeSocket.opened.push(this);
  }
  addEventListener(type: string, listener: (() => void) | ((e: { readonly data: unknown }) => void)): void {
    if (type === 'close') this.closeListeners.push(listener as () => void);
  }
  close(): void {
    this.refuse();
  }
  /** The server ends the socket (as a 401 upgrade does). */
  refuse(): void {
    for (const l of this.closeListeners.splice(0)) l();
  }
}

afterEach(() => {
  vi.useRealTimers();
  FakeSocket.opened = [];
});

describe('web bridge event socket', () => {
  it('retries a refused socket with back-off, stops while paused (logged out) and opens again at reconnect (login)', () => {
    vi.useFakeTimers();
    const bridge = createWebBridge({ baseUrl: 'http://127.0.0.1:1', WebSocket: FakeSocket, reconnectDelayMs: 100 });
    const off = bridge.on('onDidChangeClusters', () => undefined);
    expect(FakeSocket.opened).toHaveLength(1);
    FakeSocket.opened[0]!.refuse();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.opened).toHaveLength(2);
    bridge.pause();
    FakeSocket.opened[1]!.refuse();
    vi.advanceTimersByTime(600_000);
    expect(FakeSocket.opened).toHaveLength(2);
    bridge.reconnect();
    expect(FakeSocket.opened).toHaveLength(3);
    expect(FakeSocket.opened[2]!.url).toBe('ws://127.0.0.1:1/ws');
    off();
    bridge.dispose();
  });
});
