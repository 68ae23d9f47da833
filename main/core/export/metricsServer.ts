import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AsyncDisposable } from '../base/disposable.js';
import { AppError } from '../base/errors.js';
import { EXPOSITION_CONTENT_TYPE, renderExposition, type MetricFamily } from './prometheusExposition.js';

/** Options of `startMetricsServer`. */
export interface MetricsServerOptions {
  /** TCP port; 0 picks any free port (default 0). */
  readonly port?: number;
  /** Produces the families at scrape time. A throwing source gives HTTP 500 and the server stays up. */
  readonly collect: () => readonly MetricFamily[];
  /** Soft-failure log (default console.warn with a [MetricsServer] prefix). */
  readonly log?: (message: string) => void;
}

/** A running /metrics server. */
export interface MetricsServer extends AsyncDisposable {
  /** The port in use (the real one when 0 was asked). */
  readonly port: number;
  /** `http://127.0.0.1:<port>/metrics`. */
  readonly url: string;
}

/**
 * Serves `GET /metrics` in the Prometheus text format on 127.0.0.1 only. Other paths answer 404, other methods
 * 405. `dispose()` closes the listener and every open connection.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AppError('VALIDATION', `metrics port must be an integer in 0..65535 (got ${port})`);
  }
  const log = options.log ?? ((m: string) => console.warn(`[MetricsServer] ${m}`));
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
      return;
    }
    let body: string;
    try {
      body = renderExposition(options.collect());
    } catch (err) {
      log(`collect failed: ${(err as Error).message}`);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('collect failed\n');
      return;
    }
    res.writeHead(200, { 'content-type': EXPOSITION_CONTENT_TYPE, 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new AppError('PRECONDITION', `cannot listen on 127.0.0.1:${port} for /metrics: ${err.code ?? err.message}`, {
          cause: err,
        }),
      ),
    );
    server.listen(port, '127.0.0.1', () => resolve());
  });
  server.on('error', (err) => log(`server error: ${err.message}`));
  const actual = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    port: actual,
    url: `http://127.0.0.1:${actual}/metrics`,
    dispose: () => {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
