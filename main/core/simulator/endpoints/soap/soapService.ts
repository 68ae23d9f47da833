import type { SoapRequest, XmlValue } from './soapEnvelope.js';
import { clientFault } from './soapFault.js';
import type { SlidingWindowRateLimiter } from './rateLimiter.js';

/** Who is calling, for sessions and rate limits. */
export interface SoapCallContext {
  /** `ip|user`: the key of the per-client rate limits (reference B.1 "per client"). */
  readonly clientKey: string;
  readonly user: string;
  /** The real clock (ms since epoch), injectable for tests. */
  readonly now: () => number;
}

/** What an operation answers: a response element (wrapped into an envelope by the server) or a raw body. */
export type SoapReply =
  | { readonly kind: 'xml'; readonly xml: string }
  | { readonly kind: 'raw'; readonly contentType: string; readonly chunks: readonly Uint8Array[] }
  | FileReply;

/**
 * A file sent between a head and a tail (DimeGetFileService's multipart answer): the server writes the file in
 * slices as the client reads them (backpressure) and reports each slice once the socket took it.
 */
export interface FileReply {
  readonly kind: 'file';
  readonly contentType: string;
  readonly head: Uint8Array;
  readonly file: Uint8Array;
  readonly tail: Uint8Array;
  /** Called after each slice of `file` was written (`offset`, `length` within the file). */
  readonly onFileBytes?: (offset: number, length: number) => void;
}

/** One web service at one URL path of the node. */
export interface SoapService {
  /** The URL path, e.g. `/perfmonservice2/services/PerfmonService` (reference B.0). */
  readonly path: string;
  /** The WSDL served at `?wsdl`, given the service's absolute URL. */
  wsdl(location: string): string;
  /** The service's throttle and the fault text it answers with when a client is over budget. */
  readonly rateLimit?: { readonly limiter: SlidingWindowRateLimiter; readonly faultText: string };
  /** Answers one request; throws a SoapFault for a fault. */
  handle(request: SoapRequest, ctx: SoapCallContext): SoapReply;
}

/** Shorthand for an XML reply. */
export function xmlReply(xml: string): SoapReply {
  return { kind: 'xml', xml };
}

/** The fault for an operation the service does not have (reference B.5: Axis "No such operation '…'"). */
export function noSuchOperation(operation: string): Error {
  return clientFault(`No such operation '${operation}'`, 'NOT_FOUND');
}

/** Runs the handler named by the request's operation (own properties only), or throws noSuchOperation. */
export function dispatchOperation<R>(operations: Readonly<Record<string, (body: XmlValue) => R>>, request: SoapRequest): R {
  const op = Object.hasOwn(operations, request.operation) ? operations[request.operation] : undefined;
  if (!op) throw noSuchOperation(request.operation);
  return op(request.body);
}
