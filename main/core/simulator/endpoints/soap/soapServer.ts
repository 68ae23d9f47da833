import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AsyncDisposable } from '../../../base/disposable.js';
import { BasicAuthenticator, BASIC_REALM, SSO_COOKIE, type SoapCredential } from './basicAuth.js';
import { SlidingWindowRateLimiter } from './rateLimiter.js';
import type { ServiceabilityBackend } from './serviceabilityBackend.js';
import { parseSoapRequest, soapEnvelope, soapFaultEnvelope } from './soapEnvelope.js';
import { SoapFault, serverFault } from './soapFault.js';
import { bodyTooLargeFault, countStartTags, serverBusyFault, SOAP_LIMITS, tooManyElementsFault } from './soapLimits.js';
import { SoapWorkQueue } from './soapWorkQueue.js';
import type { FileReply, SoapReply, SoapService } from './soapService.js';
import { createPerfmonService } from './perfmonService.js';
import { createControlCenterService } from './controlCenterService.js';
import { createLogCollectionService } from './logCollectionService.js';
import { createDimeGetFileService } from './dimeGetFileService.js';
import { createRisService } from './risService.js';

/** Rate limits of the node's services; `false` disables one (benchmarks). */
export interface SoapRateLimits {
  /** Perfmon requests per minute per client; Cisco's default is 80 (reference B.1). */
  readonly perfmonPerMinute?: number | false;
  /** RisPort requests per minute per client; 15 in the community constants (reference B.2, [T]). */
  readonly risPerMinute?: number | false;
  /**
   * LogCollectionPortTypeService requests per minute per client. [designed] 30: Cisco documents no figure (reference
   * B.4/B.6); the monitor's budget is the same (polling/soap/logCollectionClient.ts LOG_COLLECTION_REQUESTS_PER_MIN).
   */
  readonly logCollectionPerMinute?: number | false;
  /** DimeGetFileService GetOneFile requests per minute per client. [designed] 30 (polling/soap/dimeClient.ts DIME_REQUESTS_PER_MIN). */
  readonly dimePerMinute?: number | false;
  /** The clock of the sliding windows (real clock by default; injectable for tests). */
  readonly now?: () => number;
}

/** Options of {@link startSoapServer}. */
export interface SoapServerOptions {
  /** Address to bind; 127.0.0.1 for the simulator. */
  readonly host: string;
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  readonly nodeName: string;
  /** RISService70 is served on the CUCM publisher only (reference B.2). */
  readonly role: 'cucm' | 'imp';
  readonly credentials: readonly SoapCredential[];
  /** The node's tomcat certificate and key (see createNodeCertificate). */
  readonly tls: { readonly certPem: string; readonly keyPem: string };
  readonly backend: ServiceabilityBackend;
  readonly rateLimits?: SoapRateLimits;
  /** The node's own clock (virtual time of a simulated node) for relative log time ranges; default the rate-limit clock. */
  readonly nodeClock?: () => number;
  /** Largest accepted request body; bigger bodies get 413 and a SOAP fault without being read. Default 256 KiB (SOAP_LIMITS). */
  readonly maxBodyBytes?: number;
  /** Most requests waiting for this node; more get 503 and a SOAP fault. Default 64 (SOAP_LIMITS). */
  readonly maxQueuedRequests?: number;
}

/** A fault injected into the server: slow answers, or none at all (connections are accepted and left hanging). */
export type SoapDegradation = { readonly delayMs: number } | { readonly unresponsive: true } | undefined;

/** A running SOAP server of one node. */
export interface SoapServerHandle extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  setDegradation(degradation: SoapDegradation): void;
}

const XML_CONTENT_TYPE = 'text/xml;charset=UTF-8';
/** Default LogCollection and DIME throttle per client and minute ([designed], see SoapRateLimits). */
const TRACE_SOAP_PER_MINUTE = 30;
/** Slice of a streamed file written at a time (the socket's backpressure is awaited between slices). */
const FILE_SLICE_BYTES = 256 * 1024;

/**
 * Starts the HTTPS Serviceability server of one simulated node: Basic auth, the routes of reference B.0-B.5,
 * `?wsdl` on each, Cisco's rate limits and faults, and refusal of hostile input. It keeps serving after any
 * bad request; `dispose()` closes the listener and every socket.
 */
export async function startSoapServer(options: SoapServerOptions): Promise<SoapServerHandle> {
  const maxBody = options.maxBodyBytes ?? SOAP_LIMITS.maxBodyBytes;
  const maxQueued = options.maxQueuedRequests ?? SOAP_LIMITS.maxQueued;
  // One request of this node in progress at a time, one per event-loop turn (see SoapWorkQueue).
  const work = new SoapWorkQueue(maxQueued);
  const now = options.rateLimits?.now ?? Date.now;
  const limiter = (limit: number | false | undefined, fallback: number): SlidingWindowRateLimiter | undefined =>
    limit === false ? undefined : new SlidingWindowRateLimiter({ limit: limit ?? fallback, windowMs: 60_000, now });

  const services: SoapService[] = [
    createPerfmonService(options.backend.perfmon, limiter(options.rateLimits?.perfmonPerMinute, 80)),
    createControlCenterService(options.backend.controlCenter, options.nodeName),
    createLogCollectionService(options.backend.logs, options.nodeName, options.nodeClock ?? now, limiter(options.rateLimits?.logCollectionPerMinute, TRACE_SOAP_PER_MINUTE)),
    createDimeGetFileService(options.backend.logs, limiter(options.rateLimits?.dimePerMinute, TRACE_SOAP_PER_MINUTE)),
  ];
  if (options.role === 'cucm' && options.backend.ris) {
    services.push(createRisService(options.backend.ris, limiter(options.rateLimits?.risPerMinute, 15)));
  }
  const routes = new Map(services.map((s) => [s.path.toLowerCase(), s]));
  const auth = new BasicAuthenticator(options.credentials);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let degradation: SoapDegradation;
  let disposed = false;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (degradation && 'unresponsive' in degradation) return; // hold the socket until dispose
    const delay = degradation?.delayMs ?? 0;
    if (delay <= 0) return void serve(req, res);
    const timer = setTimeout(() => {
      timers.delete(timer);
      serve(req, res);
    }, delay);
    timers.add(timer);
  };

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'https://node');
    const login = auth.authenticate(req.headers.authorization, req.headers.cookie);
    if (!login) {
      // A 401 carries no SOAP body (reference B.6).
      req.resume();
      res.writeHead(401, { 'WWW-Authenticate': `Basic realm="${BASIC_REALM}"`, 'Content-Length': '0' });
      return void res.end();
    }
    if (login.issueCookie) res.setHeader('Set-Cookie', `${SSO_COOKIE}=${login.issueCookie}; Path=/; Secure; HttpOnly`);
    const service = routes.get(url.pathname.replace(/\/+$/, '').toLowerCase());
    if (!service) return void plain(req, res, 404, 'Not Found');
    if (req.method === 'GET' && url.searchParams.has('wsdl')) {
      const location = `https://${req.headers.host ?? `${options.host}`}${service.path}`;
      res.writeHead(200, { 'Content-Type': XML_CONTENT_TYPE });
      return void res.end(service.wsdl(location));
    }
    if (req.method !== 'POST') return void plain(req, res, 405, 'Method Not Allowed', { Allow: 'POST, GET' });
    if (tooLarge(req, maxBody)) return void refuseTooLarge(res, maxBody);
    readBody(req, maxBody, (body) => {
      if (body === undefined) return refuseTooLarge(res, maxBody);
      const clientKey = `${req.socket.remoteAddress ?? '?'}|${login.user}`;
      const queued = work.enqueue(() => {
        if (res.destroyed || disposed) return;
        let reply: SoapReply;
        try {
          if (service.rateLimit && !service.rateLimit.limiter.tryAcquire(clientKey)) {
            throw serverFault(service.rateLimit.faultText, 'POLL_RATE_LIMIT');
          }
          const elements = countStartTags(body, SOAP_LIMITS.maxElements);
          if (elements > SOAP_LIMITS.maxElements) throw tooManyElementsFault(elements, SOAP_LIMITS.maxElements);
          reply = service.handle(parseSoapRequest(body.toString('utf8')), { clientKey, user: login.user, now });
        } catch (err) {
          const fault = err instanceof SoapFault ? err : serverFault(`Internal error: ${err instanceof Error ? err.message : String(err)}`);
          return sendFault(res, 500, fault);
        }
        sendReply(res, reply);
      });
      if (!queued) sendFault(res, 503, serverBusyFault(maxQueued));
    });
  };

  const server: Server = createServer(
    { cert: options.tls.certPem, key: options.tls.keyPem, requestTimeout: 30_000 },
    (req, res) => {
      try {
        handle(req, res);
      } catch (err) {
        // Last resort: never let one request take the process down.
        if (!res.headersSent) res.writeHead(500, { 'Content-Length': '0' });
        res.end();
        console.error('[soapServer]', err);
      }
    },
  );
  // curl sends `Expect: 100-continue` for large bodies: refuse an oversized one before it is sent.
  server.on('checkContinue', (req, res) => {
    if (tooLarge(req, maxBody)) return void refuseTooLarge(res, maxBody);
    res.writeContinue();
    server.emit('request', req, res);
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined); // a client that does not trust us just goes away
  server.on('clientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    host: options.host,
    port,
    setDegradation: (d) => {
      degradation = d;
    },
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      work.dispose();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      sockets.clear();
      await closed;
    },
  };
}

function tooLarge(req: IncomingMessage, maxBody: number): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > maxBody;
}

/** 413 with a SOAP fault naming the limit, and close: the rest of the body is never read. */
function refuseTooLarge(res: ServerResponse, maxBody: number): void {
  if (res.headersSent) return;
  const xml = soapFaultEnvelope(bodyTooLargeFault(maxBody));
  res.writeHead(413, { Connection: 'close', 'Content-Type': XML_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml, () => res.socket?.destroySoon?.());
}

/** A SOAP 1.1 Fault envelope with `status` (500 for faults, reference B.1; 503 for a busy node, B.6). */
function sendFault(res: ServerResponse, status: number, fault: SoapFault): void {
  if (res.headersSent || res.destroyed) return;
  const xml = soapFaultEnvelope(fault);
  res.writeHead(status, { 'Content-Type': XML_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}

/** Reads the body up to `maxBody` bytes; calls back with undefined (and stops reading) beyond it. */
function readBody(req: IncomingMessage, maxBody: number, done: (body: Buffer | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > maxBody) {
      finished = true;
      req.pause();
      return done(undefined);
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (finished) return;
    finished = true;
    done(Buffer.concat(chunks));
  });
  req.on('error', () => {
    finished = true;
  });
}

function plain(req: IncomingMessage, res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  req.resume();
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendReply(res: ServerResponse, reply: SoapReply): void {
  if (reply.kind === 'xml') {
    const xml = soapEnvelope(reply.xml);
    res.writeHead(200, { 'Content-Type': XML_CONTENT_TYPE, 'Content-Length': Buffer.byteLength(xml) });
    return void res.end(xml);
  }
  if (reply.kind === 'file') return sendFile(res, reply);
  const length = reply.chunks.reduce((n, c) => n + c.byteLength, 0);
  res.writeHead(200, { 'Content-Type': reply.contentType, 'Content-Length': length });
  for (const chunk of reply.chunks) res.write(chunk);
  res.end();
}

/**
 * Writes head, file and tail with the client's pace: one slice at a time, the next one when the socket drained, each
 * slice reported to `onFileBytes` once written. A client that goes away stops the writing (what it did not take is
 * not counted as served).
 */
function sendFile(res: ServerResponse, reply: FileReply): void {
  const { head, file, tail } = reply;
  res.writeHead(200, { 'Content-Type': reply.contentType, 'Content-Length': head.byteLength + file.byteLength + tail.byteLength });
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  let offset = 0;
  const writeMore = (): void => {
    while (offset < bytes.length) {
      if (res.destroyed) return;
      const start = offset;
      const slice = bytes.subarray(start, Math.min(bytes.length, start + FILE_SLICE_BYTES));
      offset += slice.length;
      const more = res.write(slice, (err) => {
        if (!err) reply.onFileBytes?.(start, slice.length);
      });
      if (!more) {
        res.once('drain', writeMore);
        return;
      }
    }
    if (!res.destroyed) res.end(tail);
  };
  res.write(head);
  writeMore();
}
