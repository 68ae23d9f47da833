/**
 * Builds `window.desktop` from the allow-list (house-style.md 5.4 item 3): one named function per API_METHODS
 * entry that invokes its channel, and `on()` for EVENT_NAMES only. The renderer never gets ipcRenderer itself
 * (Electron security checklist: do not expose Electron APIs to untrusted content).
 */
import { API_METHODS, eventChannel, invokeChannel, isEventName } from '../shared/ipc/channels.js';
import type { DesktopBridge } from '../shared/ipc/envelope.js';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The bridge over an ipcRenderer; no other property than `api` and `on`. */
export function createPreloadBridge(ipc: IpcRendererLike): DesktopBridge {
  const api = Object.fromEntries(
    Object.entries(API_METHODS).map(([service, methods]) => [
      service,
      Object.fromEntries(
        Object.keys(methods).map((method) => {
          const channel = invokeChannel(service, method);
          return [method, (...args: unknown[]) => ipc.invoke(channel, ...args)];
        }),
      ),
    ]),
  ) as unknown as DesktopBridge['api'];

  return {
    api,
    on(event, listener) {
      if (typeof event !== 'string' || !isEventName(event)) throw new Error(`Unknown event '${String(event)}'`);
      const channel = eventChannel(event);
      // Drop the IpcRendererEvent: it carries `sender` (the ipcRenderer) and must not reach the page.
      const wrapped = (_e: unknown, payload: unknown) => listener(payload as never);
      ipc.on(channel, wrapped);
      return () => void ipc.removeListener(channel, wrapped);
    },
  };
}
