/**
 * The app window, locked down after Electron's security checklist: context isolation, sandbox, no Node in the
 * page, web security on, our preload only, navigation and new windows blocked, every permission request denied.
 */
import { BrowserWindow, session, shell } from 'electron';
import { APP_ORIGIN, isAppUrl } from './appProtocol.js';

/** Where the window's code lives. */
export interface MainWindowOptions {
  /** Absolute path of the bundled preload (CommonJS: sandboxed preloads cannot be ES modules). */
  readonly preloadPath: string;
  readonly title: string;
}

/** Denies every permission (camera, notifications from the page, geolocation…) for the default session. */
export function lockDownSession(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  // No downloads, no devices.
  s.on('will-download', (event) => event.preventDefault());
  s.setDevicePermissionHandler(() => false);
}

/** Creates and loads the main window. */
export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: options.title,
    show: false,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  const contents = win.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to the documentation open in the user's browser; nothing opens inside the app.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
