/** Sends the EventHub's batched push events to every open app window (house-style.md 5.4 "eventBus.ts"). */
import { BrowserWindow } from 'electron';
import { eventChannel } from '../../../shared/ipc/channels.js';
import type { Disposable } from '../../core/base/disposable.js';
import type { EventHub } from '../../core/transport/eventHub.js';

/** Forwards events to the windows whose page is trusted; dispose stops forwarding. */
export function forwardEventsToWindows(hub: EventHub, isTrustedFrameUrl: (url: string) => boolean): Disposable {
  return hub.subscribe((e) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const wc = win.webContents;
      if (wc.isDestroyed() || !isTrustedFrameUrl(wc.getURL())) continue;
      wc.send(eventChannel(e.event), e.payload);
    }
  });
}
