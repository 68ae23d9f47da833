/**
 * Electron IPC in front of the shared router: one `ipcMain.handle` per allow-listed method, the sender check
 * (the calling frame must be one of our app:// pages, fiddle src/main/ipc.ts), then the router's role check, parsing,
 * audit and error envelope (main/core/transport/apiRouter.ts). Every call runs as `caller` (issue 16: on the desktop
 * the OS user who runs the app, with the admin role, source 'desktop'); a request never names who acts.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { API_METHODS, invokeChannel } from '../../../shared/ipc/channels.js';
import type { IpcResult } from '../../../shared/ipc/envelope.js';
import type { Caller } from '../../core/base/callerContext.js';
import { DisposableStore, toDisposable, type Disposable } from '../../core/base/disposable.js';
import type { ApiRouter } from '../../core/transport/apiRouter.js';

/**
 * Registers every channel, each call dispatched as `caller` (main.ts: `{ operator: backend.localOperator, role:
 * 'admin', source: 'desktop' }`; a client of a server passes the same: the server decides by its session); dispose
 * removes the handlers.
 */
export function registerIpcRouter(router: ApiRouter, isTrustedFrameUrl: (url: string) => boolean, caller: Caller): Disposable {
  const store = new DisposableStore();
  for (const [service, methods] of Object.entries(API_METHODS)) {
    for (const method of Object.keys(methods)) {
      const channel = invokeChannel(service, method);
      ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcResult<unknown>> => {
        const url = event.senderFrame?.url ?? '';
        if (!isTrustedFrameUrl(url)) {
          console.warn(`[ipcRouter] refused ${channel} from ${url.slice(0, 200) || 'an unknown frame'}`);
          return { ok: false, error: { code: 'IPC_FORBIDDEN', message: 'Untrusted sender', retryable: false } };
        }
        return router.dispatch(service, method, args, caller);
      });
      store.add(toDisposable(() => ipcMain.removeHandler(channel)));
    }
  }
  return store;
}
