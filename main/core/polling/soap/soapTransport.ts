import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import type { Disposable } from '../../base/disposable.js';
import { realPollClock, type PollClock } from '../base/pollClock.js';
import { PollError } from '../pollError.js';
import type { PollTarget } from '../poller.js';
import { RequestBudget } from './requestBudget.js';
import { isRateLimitFault, soapHttpError, soapNetworkError, soapParseError, type SoapFaultInfo } from './soapErrors.js';
import { parseSoapFault, soapRequestEnvelope } from './soapXml.js';
import { pinnedTlsOptions, type PinnedCertificate } from './tlsPinning.js';

/** A node's Serviceability SOAP endpoint (HTTPS 8443 on a real node, reference B.0). */
export interface SoapTarget extends PollTarget {
  /** Application user with the Standard RealtimeAndTraceCollection role (reference B.0). */
  readonly username: string;
  readonly password: string;
  /** The node's certificate, pinned (see tlsPinning.ts). */
  readonly pin: PinnedCertificate;
  /** Per-request timeout, ms (default 10 000, ZEEP's transport timeout, reference E). */
  readonly timeoutMs?: number;
}

/** Options of {@link SoapTransport}. */
export interface SoapTransportOptions {
  /** The node's request budget, shared by every SOAP user of the node (a new 80/min one by default). */
  readonly budget?: RequestBudget;
  readonly clock?: PollClock;
  /** After a 401, further calls fail at once for this long (no retry storm, no account lockout). Default 60 s. */
  readonly authHoldOffMs?: number;
  /** Retries after a rate-limit fault (each after the budget's backoff step). Default 3 (CT-MCP 5/10/20 s). */
  readonly rateLimitRetries?: number;
  /** Largest answer `call` reads (default {@link MAX_CALL_ANSWER_BYTES}). */
  readonly maxAnswerBytes?: number;
}

/** Per-call options. */
export interface SoapCallOptions {
  /** Give up (POLL_RATE_LIMIT / POLL_TIMEOUT) rather than wait past this time of the transport's clock. */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
}

/** A call's outcome: the response XML, or the error (with the fault when the node sent one). */
export type SoapCallResult = { readonly ok: true; readonly xml: string } | { readonly ok: false; readonly error: PollError; readonly fault?: SoapFaultInfo };

/** A request {@link SoapTransport.stream} sends as it is: the whole envelope and the SOAPAction header's value. */
export interface SoapStreamRequest {
  readonly soapAction: string;
  readonly body: string;
}

/**
 * A 200 answer handed to a {@link SoapTransport.stream} reader: headers and the body as it arrives. The reader
 * consumes (or destroys) `body`; pausing it pauses the socket (backpressure).
 */
export interface SoapStreamResponse {
  readonly headers: IncomingHttpHeaders;
  readonly body: IncomingMessage;
}

/** Reads a streamed answer into a value; never throws (an exception becomes POLL_PARSE). */
export type SoapStreamReader<T> = (response: SoapStreamResponse) => Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PollError }>;

/**
 * Largest answer `call` holds in memory (designed: a Perfmon collect of every counter of a node, or a LogCollection
 * listing of thousands of files, is a few MB). A larger one ends the request with POLL_PROTOCOL instead of growing
 * the heap without bound; attachments go through `stream`.
 */
export const MAX_CALL_ANSWER_BYTES = 64 * 1024 * 1024;

/** Largest error body (a fault) read whole from a non-200 streamed answer. */
const MAX_STREAM_ERROR_BODY = 256 * 1024;

const SSO_COOKIE = 'JSESSIONIDSSO';
const DEFAULT_MAX_WAIT_MS = 90_000;

/**
 * HTTPS + SOAP 1.1 to ONE node: a keep-alive agent trusting only the pinned certificate, HTTP Basic auth then
 * the JSESSIONIDSSO cookie (reference B.0, POKORNY), every request through the node's {@link RequestBudget},
 * retry with backoff on Cisco's rate-limit fault, hold-off after a 401. `call` never throws.
 */
export class SoapTransport implements Disposable {
  readonly budget: RequestBudget;
  readonly #clock: PollClock;
  readonly #agent: Agent;
  readonly #authHoldOff: number;
  readonly #retries: number;
  readonly #maxAnswerBytes: number;
  #cookie: string | undefined;
  #authFailedAt: number | undefined;
  #disposed = false;
  /** HTTP requests sent (for tests and diagnostics). */
  requestsSent = 0;

  constructor(readonly target: SoapTarget, options: SoapTransportOptions = {}) {
    this.#clock = options.clock ?? realPollClock;
    this.budget = options.budget ?? new RequestBudget({ clock: this.#clock });
    this.#authHoldOff = options.authHoldOffMs ?? 60_000;
    this.#retries = options.rateLimitRetries ?? 3;
    this.#maxAnswerBytes = options.maxAnswerBytes ?? MAX_CALL_ANSWER_BYTES;
    this.#agent = new Agent({ keepAlive: true, maxSockets: 2, ...pinnedTlsOptions(target.pin) });
  }

  /** Posts `<operation>` with `innerXml` to `path` and returns the response XML or a PollError. */
  async call(path: string, operation: string, innerXml: string, options: SoapCallOptions = {}): Promise<SoapCallResult> {
    const body = soapRequestEnvelope(operation, innerXml);
    return this.#budgeted(options, () => this.#post(path, operation, body, options.signal));
  }

  /**
   * Posts `request.body` to `path` and hands a 200 answer's headers and body stream to `read` (for answers too big to
   * hold, such as DimeGetFileService's attachment): the same auth, cookie, hold-off, budget and rate-limit retries as
   * {@link call}. Faults arrive before any body byte reaches `read` (HTTP 500, reference B.1/B.6), so a rate-limited
   * request is retried safely; a 200 is retried only when `read` answers POLL_RATE_LIMIT (a rate-limit fault inside
   * the 200, before any attachment byte: dimeClient.ts faultError), else read once. The socket's idle timeout (the target's
   * `timeoutMs`) applies between chunks, not to the whole transfer. Never throws.
   */
  async stream<T>(path: string, request: SoapStreamRequest, read: SoapStreamReader<T>, options: SoapCallOptions = {}): Promise<{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: PollError; readonly fault?: SoapFaultInfo }> {
    return this.#budgeted(options, () => this.#streamOnce(path, request, read, options.signal, true));
  }

  /**
   * What call and stream share: the disposed and 401 hold-off checks, then `once` within the request budget,
   * retried after a POLL_RATE_LIMIT answer (the budget penalised) up to the retry count or the deadline.
   */
  async #budgeted<R extends { readonly ok: true } | { readonly ok: false; readonly error: PollError }>(options: SoapCallOptions, once: () => Promise<R>): Promise<R | { readonly ok: false; readonly error: PollError }> {
    const node = this.target.node;
    if (this.#disposed) return { ok: false, error: new PollError('POLL_CONNECT', 'soap', node, 'the SOAP transport is disposed') };
    if (this.#authFailedAt !== undefined && this.#clock.now() - this.#authFailedAt < this.#authHoldOff) {
      return { ok: false, error: new PollError('POLL_AUTH', 'soap', node, `${node} refused the credentials recently; not retrying until they change`) };
    }
    const deadline = options.deadline ?? this.#clock.now() + DEFAULT_MAX_WAIT_MS;
    let last: R | undefined;
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      const done = await this.budget.acquire(deadline, options.signal);
      if (!done) {
        return last ?? { ok: false, error: new PollError('POLL_RATE_LIMIT', 'soap', node, `the request budget of ${node} (${this.budget.limit}/min) is spent`) };
      }
      last = await once();
      done();
      if (last.ok) {
        this.budget.succeeded();
        return last;
      }
      if (last.error.code !== 'POLL_RATE_LIMIT') return last;
      this.budget.penalize();
    }
    return last!;
  }

  /** Forgets the 401 hold-off (after the user fixed the credentials). */
  resetAuth(): void {
    this.#authFailedAt = undefined;
    this.#cookie = undefined;
  }

  dispose(): void {
    this.#disposed = true;
    this.#agent.destroy();
  }

  async #post(path: string, operation: string, body: string, signal: AbortSignal | undefined): Promise<SoapCallResult> {
    const usedCookie = this.#cookie !== undefined;
    const r = await this.#send(path, operation, body, signal);
    if (!r.ok) return { ok: false, error: soapNetworkError(this.target.node, r.error) };
    if (r.status === 401 && usedCookie) {
      // The SSO cookie expired: log in again with Basic once.
      this.#cookie = undefined;
      return this.#post(path, operation, body, signal);
    }
    if (r.status === 200) {
      const fault = parseSoapFault(r.body);
      // CT-MCP checks for a fault inside an HTTP 200 too (reference B.1).
      if (fault && isRateLimitFault(fault)) return { ok: false, error: soapHttpError(this.target.node, 500, fault), fault };
      return { ok: true, xml: r.body };
    }
    const fault = r.status >= 500 ? parseSoapFault(r.body) : undefined;
    if (r.status === 401 || r.status === 403) this.#authFailedAt = this.#clock.now();
    return { ok: false, error: soapHttpError(this.target.node, r.status, fault), ...(fault ? { fault } : {}) };
  }

  async #streamOnce<T>(
    path: string,
    request: SoapStreamRequest,
    read: SoapStreamReader<T>,
    signal: AbortSignal | undefined,
    mayRelogin: boolean,
  ): Promise<{ ok: true; value: T } | { ok: false; error: PollError; fault?: SoapFaultInfo }> {
    const node = this.target.node;
    const usedCookie = this.#cookie !== undefined;
    const opened = await this.#open(path, request.soapAction, request.body, signal);
    if (!opened.ok) return { ok: false, error: soapNetworkError(node, opened.error) };
    const res = opened.res;
    const status = res.statusCode ?? 0;
    this.#rememberCookie(res.headers['set-cookie']);
    if (status === 200) {
      try {
        return await read({ headers: res.headers, body: res });
      } catch (err) {
        return { ok: false, error: soapParseError(node, 'the answer', err) };
      } finally {
        if (!res.complete) res.destroy();
      }
    }
    const text = await readBounded(res, MAX_STREAM_ERROR_BODY);
    if (status === 401 && usedCookie && mayRelogin) {
      this.#cookie = undefined;
      return this.#streamOnce(path, request, read, signal, false);
    }
    const fault = status >= 500 ? parseSoapFault(text) : undefined;
    if (status === 401 || status === 403) this.#authFailedAt = this.#clock.now();
    return { ok: false, error: soapHttpError(node, status, fault), ...(fault ? { fault } : {}) };
  }

  /** Sends a request and resolves with the response as soon as its headers arrived (or the error). */
  #open(path: string, soapAction: string, body: string, signal: AbortSignal | undefined): Promise<{ ok: true; res: IncomingMessage } | { ok: false; error: unknown }> {
    const t = this.target;
    const headers = this.#headers(soapAction, body);
    this.requestsSent++;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (v: { ok: true; res: IncomingMessage } | { ok: false; error: unknown }): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(v);
      };
      let response: IncomingMessage | undefined;
      const req = request({ host: t.host, port: t.port, path, method: 'POST', headers, agent: this.#agent, signal }, (res) => {
        response = res;
        finish({ ok: true, res });
      });
      const onAbort = (): void => finish({ ok: false, error: Object.assign(new Error('aborted'), { code: 'POLL_TIMEOUT' }) });
      signal?.addEventListener('abort', onAbort, { once: true });
      // An idle timeout: it fires when no byte moved for this long, also while the body streams (the body's reader
      // then sees the ETIMEDOUT error itself).
      req.setTimeout(t.timeoutMs ?? 10_000, () => {
        const err = Object.assign(new Error(`no data in ${t.timeoutMs ?? 10_000} ms`), { code: 'ETIMEDOUT' });
        response?.destroy(err);
        req.destroy(err);
      });
      req.on('error', (error) => finish({ ok: false, error }));
      req.end(body);
    });
  }

  #headers(soapAction: string, body: string): Record<string, string | number> {
    const t = this.target;
    const headers: Record<string, string | number> = {
      'Content-Type': 'text/xml;charset=UTF-8',
      SOAPAction: `"${soapAction}"`,
      'Content-Length': Buffer.byteLength(body),
    };
    if (this.#cookie) headers.Cookie = `${SSO_COOKIE}=${this.#cookie}`;
    else headers.Authorization = `Basic ${Buffer.from(`${t.username}:${t.password}`).toString('base64')}`;
    return headers;
  }

  #send(path: string, operation: string, body: string, signal: AbortSignal | undefined): Promise<{ ok: true; status: number; body: string } | { ok: false; error: unknown }> {
    const t = this.target;
    const headers = this.#headers(operation, body);
    this.requestsSent++;
    return new Promise((resolve) => {
      let settled = false;
      const finish = (v: { ok: true; status: number; body: string } | { ok: false; error: unknown }): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(v);
      };
      const req = request({ host: t.host, port: t.port, path, method: 'POST', headers, agent: this.#agent, signal }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > this.#maxAnswerBytes) {
            const error = new PollError('POLL_PROTOCOL', 'soap', t.node, `${t.node} sent a SOAP answer larger than ${this.#maxAnswerBytes} bytes; it was not read`);
            finish({ ok: false, error });
            res.destroy(error);
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          this.#rememberCookie(res.headers['set-cookie']);
          finish({ ok: true, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (error) => finish({ ok: false, error }));
      });
      const onAbort = (): void => finish({ ok: false, error: Object.assign(new Error('aborted'), { code: 'POLL_TIMEOUT' }) });
      signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(t.timeoutMs ?? 10_000, () => req.destroy(Object.assign(new Error(`no answer in ${t.timeoutMs ?? 10_000} ms`), { code: 'ETIMEDOUT' })));
      req.on('error', (error) => finish({ ok: false, error }));
      req.end(body);
    });
  }

  #rememberCookie(setCookie: string[] | undefined): void {
    for (const c of setCookie ?? []) {
      const m = new RegExp(`^${SSO_COOKIE}=([^;]+)`).exec(c);
      if (m) this.#cookie = m[1];
    }
  }
}

/** Reads at most `max` bytes of a body as UTF-8 text (the rest is drained and dropped). */
export function readBounded(res: NodeJS.ReadableStream, max: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      if (size >= max) return;
      chunks.push(c.subarray(0, max - size));
      size += Math.min(c.length, max - size);
    });
    const done = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    res.on('end', done);
    res.on('error', done);
    res.on('close', done);
  });
}
