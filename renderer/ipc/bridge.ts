/**
 * Picks the DesktopBridge: `window.desktop` from the Electron preload when present, otherwise the web mode bridge
 * over fetch + WebSocket (renderer/ipc/webBridge.ts).
 */
import type { DesktopBridge } from '../../shared/ipc/envelope.js';
import { createWebBridge } from './webBridge.js';

let current: DesktopBridge | undefined;

/** The bridge of this page, created once. */
export function getBridge(): DesktopBridge {
  current ??= (globalThis as { desktop?: DesktopBridge }).desktop ?? createWebBridge();
  return current;
}

/** Which transport the page talks over. */
export function bridgeKind(): 'electron' | 'web' {
  return (globalThis as { desktop?: DesktopBridge }).desktop ? 'electron' : 'web';
}

/** Replaces the bridge (tests and stories). */
export function setBridgeForTesting(bridge: DesktopBridge | undefined): void {
  current = bridge;
}

/** Opens the web bridge's event socket again at once (after a login); nothing to do over Electron IPC. */
export function reconnectEvents(): void {
  (current as { reconnect?: () => void } | undefined)?.reconnect?.();
}

/** Closes the web bridge's event socket until reconnectEvents() (logged out of a server); nothing over Electron IPC. */
export function pauseEvents(): void {
  (current as { pause?: () => void } | undefined)?.pause?.();
}
