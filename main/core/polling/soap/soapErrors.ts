import { PollError } from '../pollError.js';

/** A SOAP 1.1 Fault as the node sent it (reference B.1/B.6: faultcode, faultstring). */
export interface SoapFaultInfo {
  readonly faultCode: string;
  readonly faultString: string;
}

/** Cisco's throttle texts (reference B.1 Perfmon "Exceeded allowed rate for Perfmon information", B.2 RIS "…Reatime…"). */
const RATE_LIMIT_TEXT = /Exceeded allowed rate for/i;
/** [I] The simulator's "Invalid session handle"; Cisco's wording is not captured (reference B.1: treat as re-open). */
const SESSION_GONE_TEXT = /session handle|session.*(not found|invalid|expired)/i;

/** Whether a fault is Cisco's rate-limit fault. */
export function isRateLimitFault(fault: SoapFaultInfo | undefined): boolean {
  return fault !== undefined && RATE_LIMIT_TEXT.test(fault.faultString);
}

/** Whether a fault says the Perfmon session handle is unknown (the server forgot it: re-open). */
export function isSessionGoneFault(fault: SoapFaultInfo | undefined): boolean {
  return fault !== undefined && SESSION_GONE_TEXT.test(fault.faultString);
}

/**
 * Maps an HTTP answer to a PollError (the one SOAP error-mapping file, house-style 5.5; reference B.6):
 * 401/403 → POLL_AUTH (no SOAP body); a rate-limit fault (HTTP 500) or HTTP 503 → POLL_RATE_LIMIT; any other
 * fault → POLL_PROTOCOL with the faultstring; other statuses → POLL_PROTOCOL.
 */
export function soapHttpError(node: string, status: number, fault: SoapFaultInfo | undefined): PollError {
  if (status === 401 || status === 403) {
    return new PollError('POLL_AUTH', 'soap', node, `${node} refused the application user's credentials (HTTP ${status})`);
  }
  if (isRateLimitFault(fault) || status === 503) {
    return new PollError('POLL_RATE_LIMIT', 'soap', node, `${node} is rate limiting: ${fault?.faultString ?? `HTTP ${status}`}`);
  }
  if (fault) return new PollError('POLL_PROTOCOL', 'soap', node, `${node} answered with a SOAP fault: ${fault.faultString}`);
  return new PollError('POLL_PROTOCOL', 'soap', node, `${node} answered HTTP ${status}`);
}

/** Maps a socket/TLS/timeout error of a request to a PollError. */
export function soapNetworkError(node: string, err: unknown): PollError {
  if (err instanceof PollError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const code = String((e as { code?: unknown }).code ?? '');
  if (code === 'ETIMEDOUT' || code === 'POLL_TIMEOUT' || e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new PollError('POLL_TIMEOUT', 'soap', node, `${node} did not answer the SOAP request in time`, { cause: e });
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'CERT_PINNED_MISMATCH' || /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT)/.test(code)) {
    return new PollError('POLL_AUTH', 'soap', node, `the TLS certificate of ${node} is not the pinned one (${e.message})`, { cause: e });
  }
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOTFOUND' || code === 'EPIPE') {
    return new PollError('POLL_CONNECT', 'soap', node, `cannot reach ${node} over HTTPS: ${e.message}`, { cause: e });
  }
  return new PollError('POLL_PROTOCOL', 'soap', node, `SOAP request to ${node} failed: ${e.message}`, { cause: e });
}

/** A response body that is not the XML we expect. */
export function soapParseError(node: string, what: string, cause?: unknown): PollError {
  return new PollError('POLL_PARSE', 'soap', node, `cannot read ${what} from ${node}`, cause === undefined ? undefined : { cause });
}
