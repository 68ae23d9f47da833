/**
 * Electron composition root (house-style.md 5.2): builds the backend, serves the renderer on app://, registers
 * the IPC router and event forwarding, opens the window, and disposes everything on quit. Thin on purpose: the
 * behaviour lives in main/core. Client mode (issue 16, `npm start -- --connect URL [--server-ca FILE]`, passed by
 * launch.ts as IMP_CONNECT_URL / IMP_SERVER_CA): the backend is a connection to that server (remoteBackend.ts).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { DisposableStore } from '../core/base/disposable.js';
import { appStateDir } from '../core/base/stateDir.js';
import { createApiRouter } from '../core/transport/apiRouter.js';
import type { Backend } from '../core/transport/backend.js';
import { connectToServer } from '../core/transport/remoteBackend.js';
import { createBackend } from '../core/backend/createBackend.js';
import { CipherCredentialStore } from '../core/credentials/cipherCredentialStore.js';
import { createSafeStorageCipher } from './credentials.js';
import { handleAppProtocol, isAppUrl, registerAppScheme } from './appProtocol.js';
import { forwardEventsToWindows } from './ipc/eventBus.js';
import { registerIpcRouter } from './ipc/ipcRouter.js';
import { notifyCriticalAlarms } from './notifications.js';
import { receiverOverridesFromEnv } from './launchArgs.js';
import { createMainWindow, lockDownSession } from './windows.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Bundled layout: dist/main/main.mjs, dist/preload/index.cjs, dist/renderer/index.html. */
const rendererDir = process.env.IMP_RENDERER_DIR ?? path.join(here, '..', 'renderer');
const preloadPath = path.join(here, '..', 'preload', 'index.cjs');

const store = new DisposableStore();
let backend: Backend | undefined;
let quitting = false;

registerAppScheme();
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) => {
  // Belt and braces for any other web contents: no new windows, no navigation away from the app.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
});

app.on('second-instance', () => focusMainWindow());

async function start(): Promise<void> {
  lockDownSession();
  await handleAppProtocol(rendererDir);
  backend = process.env.IMP_CONNECT_URL ? await connectedBackend(process.env.IMP_CONNECT_URL, process.env.IMP_SERVER_CA) : await ownBackend();
  // Every IPC call runs as the OS user with the admin role (issue 16): this app's own backend acts for whoever runs
  // it; a client's server decides by the session its operator logged in with (the token stays in this process).
  store.add(registerIpcRouter(createApiRouter(backend.api, undefined, { audit: backend.audit }), isAppUrl, { operator: backend.localOperator, role: 'admin', source: 'desktop' }));
  store.add(forwardEventsToWindows(backend.events, isAppUrl));
  store.add(notifyCriticalAlarms(backend.events, () => focusMainWindow()));
  await createMainWindow({ preloadPath, title: process.env.IMP_CONNECT_URL ? `IMP Monitor — ${process.env.IMP_CONNECT_URL}` : 'IMP Monitor' });
}

/** Client mode: the server at `url`, trusting the CA in the PEM file `caFile` when given. */
async function connectedBackend(url: string, caFile: string | undefined): Promise<Backend> {
  const ca = caFile ? await readFile(caFile, 'utf8') : undefined;
  return connectToServer({ url, transport: 'electron', ...(ca !== undefined ? { ca } : {}) });
}

/** This app's own backend (the embedded simulated cluster, the receivers, the history in the state folder). */
async function ownBackend(): Promise<Backend> {
  // Credentials at rest are encrypted with the OS key store (safeStorage) when it is available; otherwise the
  // core falls back to its 0600 key file. The state folder is the one web mode and `npm run imp` use
  // (appStateDir: $IMP_MONITOR_STATE_DIR or ~/.imp-monitor), so a verb run beside the app acts on the same state.
  const cipher = createSafeStorageCipher();
  const stateDir = appStateDir();
  const credentials = cipher.isAvailable() ? await CipherCredentialStore.open(cipher, path.join(app.getPath('userData'), 'credentials.json')) : undefined;
  // `npm start -- --sim-base-port N` reaches us through the launcher's environment (main/app/launch.ts).
  const simBasePort = process.env.IMP_SIM_BASE_PORT === undefined ? undefined : Number(process.env.IMP_SIM_BASE_PORT);
  const scenario = process.env.IMP_SIM_SCENARIO; // `npm start -- --scenario NAME|FILE`, the same way
  // `npm start -- --receiver-address/--syslog-port/--trap-port` (launch.ts), checked again by the receivers' schema.
  const receiverOverrides = receiverOverridesFromEnv(process.env.IMP_RECEIVER_OVERRIDES);
  return createBackend({ transport: 'electron', stateDir, ...(credentials ? { credentials } : {}), ...(simBasePort !== undefined && Number.isInteger(simBasePort) ? { simBasePort } : {}), ...(scenario ? { scenario } : {}), ...(receiverOverrides ? { receivers: { overrides: receiverOverrides } } : {}) });
}

function focusMainWindow(): void {
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

app.on('window-all-closed', () => app.quit());

app.on('before-quit', (event) => {
  if (quitting) return;
  quitting = true;
  event.preventDefault();
  void (async () => {
    try {
      store.dispose();
      await backend?.dispose();
    } catch (err) {
      console.error('[main] dispose failed:', err);
    } finally {
      app.exit(0);
    }
  })();
});

app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    console.error('[main] start failed:', err);
    app.exit(1);
  });
