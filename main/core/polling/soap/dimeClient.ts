import type { IncomingMessage } from 'node:http';
import { realPollClock, type PollClock } from '../base/pollClock.js';
import { PollError } from '../pollError.js';
import { MultipartError, MultipartReader, multipartBoundary } from './dimeMultipart.js';
import type { SoapResult } from './perfmonClient.js';
import { RequestBudget } from './requestBudget.js';
import { isRateLimitFault, soapHttpError, soapNetworkError, soapParseError, type SoapFaultInfo } from './soapErrors.js';
import { readBounded, SoapTransport, type SoapTarget, type SoapStreamResponse } from './soapTransport.js';
import { escapeXml, parseSoapFault } from './soapXml.js';

/** The path of DimeGetFileService (serviceability-reference.md B.5: note no "2"). */
export const DIME_GET_FILE_PATH = '/logcollectionservice/services/DimeGetFileService';

/** The SOAPAction cisco-dime and CT-MCP send (wire-notes.md "DIME GetOneFile"; reference B.5). */
export const DIME_GET_ONE_FILE_ACTION = 'http://schemas.cisco.com/ast/soap/action/#LogCollectionPort#GetOneFile';

/**
 * GetOneFile requests a node is asked per minute by this monitor. [designed] Cisco documents no figure for
 * DimeGetFileService (reference B.5 and B.6 name none; B.6 lists HTTP 503 as the other throttle answer, cisco-dime
 * retries 429/503 with backoff from 1 s, wire-notes.md) and the guide's Rate Control parameters cover Perfmon and
 * RIS only (reference B.1/B.2). Each request moves a whole file, so a few a minute already saturate the link; 30
 * keeps a DIME fallback of a 100-file collection under four minutes of budget while leaving most of a node's
 * attention to Perfmon. The simulated node enforces the same default (soapServer.ts `dimePerMinute`).
 */
export const DIME_REQUESTS_PER_MIN = 30;

/** Largest XML answer (a fault instead of the multipart body) read whole. */
const MAX_XML_ANSWER = 256 * 1024;

/** What GetOneFile delivered. */
export interface DimeFileResult {
  /** Attachment bytes written to the sink. */
  readonly bytes: number;
  /**
   * Set when `expectedSize` was given and the node served a complete attachment of another size: the file changed
   * between selectLogFiles and GetOneFile (an active file grew, a rotated one was replaced). The bytes are complete
   * as the node sent them (the closing multipart delimiter arrived); the caller records the change.
   */
  readonly sizeChanged?: { readonly expected: number; readonly received: number };
}

/** Options of {@link DimeClient.getOneFile}. */
export interface DimeGetOneFileOptions {
  /** The size selectLogFiles listed; a different size is reported in `sizeChanged`. */
  readonly expectedSize?: number;
  readonly signal?: AbortSignal;
  /** Called with each slice's length as it is handed to the sink. */
  readonly onBytes?: (n: number) => void;
  /** Give up waiting for the request budget past this time of the transport's clock (POLL_RATE_LIMIT). */
  readonly deadline?: number;
}

/** The GetOneFile envelope: the RPC/encoded form of reference B.5 (the community script and cisco-dime). */
export function dimeGetOneFileEnvelope(absolutePath: string): string {
  return (
    '<soapenv:Envelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
    'xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap="http://schemas.cisco.com/ast/soap/">' +
    '<soapenv:Header/><soapenv:Body><soap:GetOneFile soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    `<FileName>${escapeXml(absolutePath)}</FileName></soap:GetOneFile></soapenv:Body></soapenv:Envelope>`
  );
}

/**
 * A node's SoapTransport for DimeGetFileService with its own budget of {@link DIME_REQUESTS_PER_MIN}. Keep it apart
 * from LogCollection's: a session cookie obtained from one DIME service makes the other answer HTTP 500
 * (wire-notes.md "DIME GetOneFile").
 */
export function createDimeTransport(target: SoapTarget, options: { clock?: PollClock; budget?: RequestBudget } = {}): SoapTransport {
  const clock = options.clock ?? realPollClock;
  return new SoapTransport(target, { clock, budget: options.budget ?? new RequestBudget({ limit: DIME_REQUESTS_PER_MIN, clock }) });
}

/**
 * DimeGetFileService client of one node: GetOneFile streamed from the multipart answer into a sink, with the sink's
 * backpressure pausing the socket, so a file of any size costs a few chunks of memory.
 */
export class DimeClient {
  constructor(readonly transport: SoapTransport) {}

  /**
   * Streams the attachment into `sink` (backpressure respected; never the whole file in memory) and resolves once
   * the sink accepted the last byte. Does not end the sink. The answer must be complete (closing delimiter, any
   * declared part length): a cut or malformed answer is POLL_CONNECT / POLL_PARSE, a fault is POLL_PROTOCOL with the
   * node's faultstring, a sink that fails (ENOSPC) is POLL_PROTOCOL with the sink's error as `cause`.
   */
  async getOneFile(absolutePath: string, sink: NodeJS.WritableStream, opts: DimeGetOneFileOptions = {}): Promise<SoapResult<DimeFileResult>> {
    const node = this.transport.target.node;
    if (absolutePath.trim() === '') return { ok: false, error: new PollError('POLL_PROTOCOL', 'soap', node, 'GetOneFile needs a file path') };
    const r = await this.transport.stream(
      DIME_GET_FILE_PATH,
      { soapAction: DIME_GET_ONE_FILE_ACTION, body: dimeGetOneFileEnvelope(absolutePath) },
      (res) => readAttachment(node, absolutePath, res, sink, opts, this.transport.target.timeoutMs ?? 10_000),
      { ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.deadline !== undefined ? { deadline: opts.deadline } : {}) },
    );
    if (!r.ok) return { ok: false, error: r.error };
    const { expectedSize } = opts;
    if (expectedSize !== undefined && expectedSize !== r.value.bytes) return { ok: true, value: { bytes: r.value.bytes, sizeChanged: { expected: expectedSize, received: r.value.bytes } } };
    return { ok: true, value: { bytes: r.value.bytes } };
  }
}

/** Reads one 200 answer: the multipart attachment into the sink, or the XML fault/answer that came instead. */
async function readAttachment(node: string, path: string, res: SoapStreamResponse, sink: NodeJS.WritableStream, opts: DimeGetOneFileOptions, idleMs: number): Promise<SoapResult<{ bytes: number }>> {
  const contentType = res.headers['content-type'];
  if (multipartBoundary(contentType) === undefined && !/^\s*multipart\//i.test(contentType ?? '')) {
    const text = await readBounded(res.body, MAX_XML_ANSWER);
    const fault = parseSoapFault(text);
    if (fault) return { ok: false, error: faultError(node, path, fault) };
    return { ok: false, error: soapParseError(node, `the file ${path} (the answer is ${contentType ?? 'untyped'}, not multipart)`) };
  }
  return pumpMultipart(node, path, res.body, contentType, sink, opts, idleMs);
}

function pumpMultipart(node: string, path: string, body: IncomingMessage, contentType: string | undefined, sink: NodeJS.WritableStream, opts: DimeGetOneFileOptions, idleMs: number): Promise<SoapResult<{ bytes: number }>> {
  return new Promise((resolve) => {
    let settled = false;
    let inflight = 0;
    let ended = false;
    let paused = false;
    let sinkError: unknown;
    const finish = (v: SoapResult<{ bytes: number }>): void => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      sink.off('error', onSinkError);
      sink.off('drain', onDrain);
      opts.signal?.removeEventListener('abort', onAbort);
      if (!v.ok) body.destroy();
      resolve(v);
    };
    const failSink = (err: unknown): void => {
      finish({ ok: false, error: new PollError('POLL_PROTOCOL', 'soap', node, `writing ${path} from ${node} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err }) });
    };
    const maybeDone = (): void => {
      if (!ended || inflight > 0 || settled) return;
      if (sinkError !== undefined) return failSink(sinkError);
      const rootFault = reader.rootXml !== undefined ? parseSoapFault(reader.rootXml) : undefined;
      if (rootFault) return finish({ ok: false, error: reader.attachmentBytes === 0 ? faultError(node, path, rootFault) : new PollError('POLL_PROTOCOL', 'soap', node, `${node} answered GetOneFile ${path} with a SOAP fault: ${rootFault.faultString}`) });
      if (!reader.hasAttachment) return finish({ ok: false, error: soapParseError(node, `the file ${path} (the multipart answer has no attachment part)`) });
      finish({ ok: true, value: { bytes: reader.attachmentBytes } });
    };
    const onWritten = (err?: Error | null): void => {
      inflight--;
      if (err && sinkError === undefined) sinkError = err;
      maybeDone();
    };
    const reader = new MultipartReader(contentType, (data) => {
      inflight++;
      opts.onBytes?.(data.length);
      if (!sink.write(data, onWritten) && !paused) {
        paused = true;
        body.pause();
        // Waiting for our sink is not the node's silence: no idle timeout while paused.
        body.socket?.setTimeout(0);
      }
    });
    const onDrain = (): void => {
      if (!paused || settled) return;
      paused = false;
      body.socket?.setTimeout(idleMs);
      body.resume();
    };
    const onData = (chunk: Buffer): void => {
      if (settled) return;
      try {
        reader.write(chunk);
      } catch (err) {
        finish({ ok: false, error: multipartError(node, path, err) });
      }
    };
    const onEnd = (): void => {
      try {
        reader.end();
      } catch (err) {
        return finish({ ok: false, error: multipartError(node, path, err) });
      }
      ended = true;
      maybeDone();
    };
    const cancelled = (): PollError => new PollError('POLL_TIMEOUT', 'soap', node, `GetOneFile ${path} was cancelled after ${reader.attachmentBytes} bytes`);
    const onError = (err: Error): void => finish({ ok: false, error: opts.signal?.aborted ? cancelled() : soapNetworkError(node, err) });
    const onClose = (): void => {
      if (ended || settled) return;
      // The connection went away before the body ended (the server was cut, or the request aborted).
      finish({ ok: false, error: opts.signal?.aborted ? cancelled() : new PollError('POLL_CONNECT', 'soap', node, `${node} closed the connection after ${reader.attachmentBytes} bytes of ${path}`) });
    };
    const onSinkError = (err: unknown): void => {
      if (sinkError === undefined) sinkError = err;
      failSink(err);
    };
    // A cancel also ends the wait for a sink that holds the last bytes back (the answer itself may be complete).
    const onAbort = (): void => finish({ ok: false, error: cancelled() });
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    sink.on('error', onSinkError);
    sink.on('drain', onDrain);
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('close', onClose);
  });
}

/**
 * A fault inside a 200 answer: Cisco's rate-limit text becomes POLL_RATE_LIMIT, which the transport retries after
 * its backoff (nothing reached the sink yet), like a fault in a 500 (reference B.1: CT-MCP checks 200s too).
 */
function faultError(node: string, path: string, fault: SoapFaultInfo): PollError {
  if (isRateLimitFault(fault)) return soapHttpError(node, 500, fault);
  return new PollError('POLL_PROTOCOL', 'soap', node, `${node} answered GetOneFile ${path} with a SOAP fault: ${fault.faultString}`);
}

function multipartError(node: string, path: string, err: unknown): PollError {
  if (err instanceof MultipartError) return new PollError('POLL_PARSE', 'soap', node, `cannot read the file ${path} from ${node}: ${err.message}`, { cause: err });
  return soapParseError(node, `the file ${path}`, err);
}
