import { Agent, request } from 'node:https';
import type { Disposable } from '../../base/disposable.js';
import { realPollClock, type PollClock } from '../base/pollClock.js';
import { PollError } from '../pollError.js';
import type { PollTarget } from '../poller.js';
import { RequestBudget } from './requestBudget.js';
import { isRateLimitFault, soapHttpError, soapNetworkError, type SoapFaultInfo } from './soapErrors.js';
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
}

/** Per-call options. */
export interface SoapCallOptions {
  /** Give up (POLL_RATE_LIMIT / POLL_TIMEOUT) rather than wait past this time of the transport's clock. */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
}

/** A call's outcome: the response XML, or the error (with the fault when the node sent one). */
export type SoapCallResult = { readonly ok: true; readonly xml: string } | { readonly ok: false; readonly error: PollError; readonly fault?: SoapFaultInfo };

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
    this.#agent = new Agent({ keepAlive: true, maxSockets: 2, ...pinnedTlsOptions(target.pin) });
  }

  /** Posts `<operation>` with `innerXml` to `path` and returns the response XML or a PollError. */
  async call(path: string, operation: string, innerXml: string, options: SoapCallOptions = {}): Promise<SoapCallResult> {
    const node = this.target.node;
    if (this.#disposed) return { ok: false, error: new PollError('POLL_CONNECT', 'soap', node, 'the SOAP transport is disposed') };
    if (this.#authFailedAt !== undefined && this.#clock.now() - this.#authFailedAt < this.#authHoldOff) {
      return { ok: false, error: new PollError('POLL_AUTH', 'soap', node, `${node} refused the credentials recently; not retrying until they change`) };
    }
    const deadline = options.deadline ?? this.#clock.now() + DEFAULT_MAX_WAIT_MS;
    const body = soapRequestEnvelope(operation, innerXml);
    let last: SoapCallResult | undefined;
    for (let attempt = 0; attempt <= this.#retries; attempt++) {
      const done = await this.budget.acquire(deadline, options.signal);
      if (!done) {
        return last ?? { ok: false, error: new PollError('POLL_RATE_LIMIT', 'soap', node, `the request budget of ${node} (${this.budget.limit}/min) is spent`) };
      }
      last = await this.#post(path, operation, body, options.signal);
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

  #send(path: string, operation: string, body: string, signal: AbortSignal | undefined): Promise<{ ok: true; status: number; body: string } | { ok: false; error: unknown }> {
    const t = this.target;
    const headers: Record<string, string | number> = {
      'Content-Type': 'text/xml;charset=UTF-8',
      SOAPAction: `"${operation}"`,
      'Content-Length': Buffer.byteLength(body),
    };
    if (this.#cookie) headers.Cookie = `${SSO_COOKIE}=${this.#cookie}`;
    else headers.Authorization = `Basic ${Buffer.from(`${t.username}:${t.password}`).toString('base64')}`;
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
        res.on('data', (c: Buffer) => chunks.push(c));
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
