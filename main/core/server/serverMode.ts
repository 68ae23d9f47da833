/**
 * A server (issue 16, `npm run server`): the whole backend headless — collector, history, Alert Central,
 * notifications, receivers, the audit log — with named operators' sessions, serving the UI to the team over
 * HTTP(S) + WebSocket (transport/webServer.ts in sessions mode) and /metrics for Prometheus
 * (export/metricsServer.ts, as the headless collector serves it). Alerts are evaluated and mailed with no browser
 * open: the backend runs whether or not anyone is connected.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sample } from '../../../shared/model/sample.js';
import { createBackend, type BackendOptions } from '../backend/createBackend.js';
import { AsyncDisposableStore, type AsyncDisposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import { LatestSamples } from '../export/latestSamples.js';
import { startMetricsServer } from '../export/metricsServer.js';
import { samplesToFamilies } from '../export/prometheusExposition.js';
import { serverLocalRoots } from '../traces/localRoots.js';
import { createApiRouter } from '../transport/apiRouter.js';
import type { Backend } from '../transport/backend.js';
import { startWebServer, type WebServer } from '../transport/webServer.js';
import { formatListen, plainHttpProblem, type ListenAddress } from './listenAddress.js';

/** Session lifetimes and the lockout (operators/sessionPolicy.ts), as createBackend takes them. */
export type ServerSessionPolicy = NonNullable<NonNullable<BackendOptions['access']>['policy']>;

/** The built renderer of this checkout. */
export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

/** How a server starts. */
export interface ServerOptions {
  /** The data folder: history.db (alarms, operators, sessions, audit log), credentials, settings. */
  readonly stateDir: string;
  readonly listen: ListenAddress;
  /** Certificate chain and key (PEM); required off loopback. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Host names clients use besides the listen address (`name` or `name:port`), for the Host and Origin checks. */
  readonly publicHosts?: readonly string[];
  readonly policy?: Partial<ServerSessionPolicy>;
  /** The embedded simulated cluster (default: on, free ports, the demo scenario). */
  readonly embedded?: { readonly enabled?: boolean; readonly basePort?: number; readonly scenario?: string | null };
  /** Where /metrics listens (127.0.0.1 only: it has no login; default a free port); false: no /metrics. */
  readonly metricsListen?: ListenAddress | false;
  /** The built UI (default dist/renderer of this checkout). */
  readonly rendererDir?: string;
  /** How often open WebSockets are checked for an ended session (default 10 s). */
  readonly sessionCheckIntervalMs?: number;
  /** Anything else for createBackend (tests: alert interval, receivers, poll intervals). */
  readonly backendOptions?: Partial<BackendOptions>;
}

/** A running server. */
export interface RunningServer extends AsyncDisposable {
  /** The origin clients use: `scheme://host:port`. */
  readonly url: string;
  readonly port: number;
  readonly backend: Backend;
  readonly web: WebServer;
  /** `http://127.0.0.1:<port>/metrics`, when served. */
  readonly metricsUrl?: string;
}

/**
 * Starts the backend in server mode, then the web layer and /metrics. A listen address off the machine without TLS
 * is refused (VALIDATION) before anything starts or binds. Dispose stops the web layer (every socket), /metrics,
 * then the backend (its state is kept: alarms, silences, notification log, sessions, audit log).
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const problem = plainHttpProblem(options.listen, options.tls !== undefined);
  if (problem !== undefined) throw new AppError('VALIDATION', problem);
  if (options.metricsListen && options.metricsListen.host !== '127.0.0.1') {
    throw new AppError('VALIDATION', `metrics.listen ${formatListen(options.metricsListen)}: /metrics has no login, so it listens on 127.0.0.1 only (a Prometheus elsewhere scrapes it through a tunnel or a local agent)`);
  }
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new AppError('PRECONDITION', `no built UI at ${rendererDir} (index.html missing): run npm run build:renderer, or give another folder`);
  }
  const embedded = options.embedded ?? {};
  const store = new AsyncDisposableStore();
  try {
    const backend = await createBackend({
      transport: 'web',
      stateDir: options.stateDir,
      embeddedSimulator: embedded.enabled ?? true,
      simBasePort: embedded.basePort ?? 0,
      ...(embedded.scenario !== undefined ? { scenario: embedded.scenario } : {}),
      ...options.backendOptions,
      access: { mode: 'server', ...(options.policy ? { policy: options.policy } : {}) },
    });
    store.add(backend);
    const sessions = backend.sessions;
    if (sessions === undefined) throw new AppError('INTERNAL', 'the backend has no session authority for server mode');
    const router = createApiRouter(backend.api, undefined, { audit: backend.audit });
    const web = await startWebServer({
      router,
      events: backend.events,
      rendererDir,
      host: options.listen.host,
      port: options.listen.port,
      ...(options.tls ? { tls: options.tls } : {}),
      ...(options.publicHosts ? { allowedHosts: options.publicHosts } : {}),
      auth: { kind: 'sessions', authority: sessions },
      ...(options.sessionCheckIntervalMs !== undefined ? { sessionCheckIntervalMs: options.sessionCheckIntervalMs } : {}),
      // A bundle's "Download" link: only the folders trace methods may use on a server (traces/localRoots.ts).
      downloads: { roots: serverLocalRoots(options.stateDir), audit: backend.audit },
    });
    // Disposed in reverse order: the web layer first (no request reaches a stopping backend).
    store.add(web);

    let metricsUrl: string | undefined;
    if (options.metricsListen !== false) {
      // The latest sample of every series, from the backend's own push events (the collector's batches).
      const latest = new LatestSamples();
      store.add(backend.events.subscribe((e) => {
        if (e.event === 'onDidAppendSamples') latest.update((e.payload as { samples: readonly Sample[] }).samples);
      }));
      const metrics = store.add(await startMetricsServer({ port: options.metricsListen?.port ?? 0, collect: () => samplesToFamilies(latest.snapshot(Date.now())) }));
      metricsUrl = metrics.url;
    }
    return {
      url: web.origin,
      port: web.port,
      backend,
      web,
      ...(metricsUrl !== undefined ? { metricsUrl } : {}),
      dispose: () => store.dispose(),
    };
  } catch (err) {
    return store.disposeAndRethrow(err);
  }
}
