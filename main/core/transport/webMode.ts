/**
 * Runs the app in web mode: the backend's DesktopApi behind the router, served with its events by the web server.
 * Plain Node; `npm start -- --web` ends here. Whoever holds the per-run token acts as the one who started the app:
 * the backend's local operator (the OS user) with the admin role, source 'web' (issue 16); the router records
 * changes and refusals in the backend's audit log.
 */
import type { AsyncDisposable } from '../base/disposable.js';
import { createApiRouter } from './apiRouter.js';
import type { Backend } from './backend.js';
import { startWebServer, type WebServer } from './webServer.js';

/** Options of web mode. */
export interface WebModeOptions {
  readonly backend: Backend;
  readonly rendererDir: string;
  readonly port?: number;
}

/** A running web mode: its server and one dispose for server and backend. */
export interface WebMode extends AsyncDisposable {
  readonly server: WebServer;
}

/** Starts the web server over the backend; dispose stops the server, then the backend. */
export async function startWebMode(options: WebModeOptions): Promise<WebMode> {
  const { backend } = options;
  const router = createApiRouter(backend.api, undefined, { audit: backend.audit });
  const server = await startWebServer({
    router,
    events: backend.events,
    rendererDir: options.rendererDir,
    auth: { kind: 'token', caller: { operator: backend.localOperator, role: 'admin', source: 'web' } },
    // The local user's own files (a bundle's "Download" link); audited like every change.
    downloads: { audit: backend.audit },
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  let disposed: Promise<void> | undefined;
  return {
    server,
    dispose() {
      disposed ??= (async () => {
        await server.dispose();
        await backend.dispose();
      })();
      return disposed;
    },
  };
}
