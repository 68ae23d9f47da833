/**
 * Why a connection test failed, in words a person can act on (issue 15): the pollers' PollErrors (ssh/sshErrors.ts,
 * soap/soapErrors.ts, snmp/snmpErrors.ts) keep the socket error in their `cause`; this reads both and says what to
 * check. One place for the classification, used by ClusterAdmin's identify/discover/test.
 */
import type { ConnectionError, ConnectionErrorKind } from '../../../shared/model/clusters.js';
import { AppError } from '../base/errors.js';
import type { PollProtocol } from '../polling/pollError.js';

const UNREACHABLE = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL', 'EHOSTDOWN', 'ENETDOWN']);
const TIMEOUT = new Set(['ETIMEDOUT', 'POLL_TIMEOUT']);

/** Every `code` along an error's cause chain (socket errnos, PollError codes, TLS codes). */
function codes(err: unknown): string[] {
  const out: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 6; depth++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === 'string') out.push(c);
    const level = (e as { level?: unknown }).level;
    if (typeof level === 'string') out.push(`level:${level}`);
    e = (e as { cause?: unknown }).cause;
  }
  return out;
}

function messages(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 6; depth++) {
    if (e instanceof Error) parts.push(e.message);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(' | ');
}

const WHAT: Record<PollProtocol, string> = { ssh: 'the admin CLI (SSH)', soap: 'the Serviceability SOAP API (HTTPS)', snmp: 'SNMP' };

/** The kind of a failure towards host:port over `protocol`. */
export function connectionErrorKind(err: unknown, protocol: PollProtocol): ConnectionErrorKind {
  const cs = codes(err);
  const text = messages(err);
  if (cs.includes('HOST_KEY_CHANGED') || (protocol === 'ssh' && /host key for .* changed/i.test(text))) return 'hostKeyChanged';
  if (cs.includes('CERT_PINNED_MISMATCH') || cs.includes('CERTIFICATE_UNKNOWN') || cs.some((c) => /^(DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT|CERT_)/.test(c))) return 'certificateUnknown';
  if (protocol === 'ssh' && /no host key pinned/i.test(text)) return 'certificateUnknown';
  if (cs.includes('POLL_RATE_LIMIT') || /exceeded (the|allowed) rate/i.test(text)) return 'rateLimited';
  if (cs.includes('ECONNREFUSED')) return 'portClosed';
  if (cs.some((c) => UNREACHABLE.has(c))) return 'unreachable';
  if (cs.includes('POLL_AUTH') || cs.includes('level:client-authentication')) return 'wrongPassword';
  if (cs.some((c) => TIMEOUT.has(c)) || cs.includes('level:client-timeout')) return protocol === 'snmp' ? 'noAnswer' : 'timedOut';
  return 'other';
}

/**
 * The advice for a kind. SNMP v2c has no "wrong community" answer: the agent stays silent, so a timeout is said as
 * "no answer: wrong community or port" (snmpErrors.ts).
 */
function advice(kind: ConnectionErrorKind, protocol: PollProtocol, where: string): string {
  switch (kind) {
    case 'wrongPassword':
      return protocol === 'ssh'
        ? `${where} refused the OS administrator's user name or password: check them (the admin CLI login, not the web one)`
        : protocol === 'soap'
          ? `${where} refused the application user (HTTP 401/403): check the name and password and that the user has the Standard AXL API Access and Standard Serviceability roles`
          : `${where} refused the SNMPv3 user, authentication or privacy key: check them against Cisco Unified Serviceability > SNMP > V3 > User`;
    case 'rateLimited':
      return `${where} is rate limiting the Serviceability APIs (HTTP 503 or "Exceeded allowed rate"): another tool is using the node's budget; wait a minute and test again`;
    case 'certificateUnknown':
      return protocol === 'ssh'
        ? `the SSH host key of ${where} is not accepted yet: identify the node and accept its fingerprint`
        : `the tomcat certificate of ${where} is not the accepted one: identify the node, compare the fingerprint with the one in Cisco Unified OS Administration > Certificate Management, and accept it`;
    case 'hostKeyChanged':
      return `the SSH host key of ${where} differs from the pinned one: the node was reinstalled, or someone is in between. Compare the new fingerprint with the node's console before accepting it`;
    case 'portClosed':
      return `nothing listens on ${where} (connection refused): check the port (${protocol === 'ssh' ? 'SSH 22' : protocol === 'soap' ? 'HTTPS 8443' : 'SNMP 161/UDP'} on a real node) and that the service runs`;
    case 'timedOut':
      return `${where} did not answer in time: a firewall may drop the packets, or the node is overloaded`;
    case 'unreachable':
      return `${where} cannot be reached (no route, or the name does not resolve): check the address and the network`;
    case 'noAnswer':
      return `no SNMP answer from ${where}: wrong community (an agent stays silent for an unknown one), wrong port, or the SNMP Master Agent is stopped`;
    default:
      return `${WHAT[protocol]} of ${where} failed`;
  }
}

/** A failure as the form shows it: kind, stable code, what happened and what to do. */
export function classifyConnectionError(err: unknown, protocol: PollProtocol, host: string, port: number): ConnectionError {
  const kind = connectionErrorKind(err, protocol);
  const where = `${host}:${port}`;
  const code = err instanceof AppError ? err.code : 'INTERNAL';
  const detail = err instanceof Error ? err.message : String(err);
  const retryable = kind === 'rateLimited' || kind === 'timedOut' || kind === 'portClosed' || kind === 'unreachable' || kind === 'noAnswer';
  return { kind, code, message: `${advice(kind, protocol, where)} (${detail})`, retryable };
}

/** A host key that differs from its pin, as an error the classifier reads as 'hostKeyChanged'. */
export function hostKeyChanged(host: string, port: number, pinned: string, presented: string): AppError {
  return new AppError('POLL_AUTH', `host key for ${host}:${port} changed: it presented ${presented}, pinned or accepted is ${pinned}`, {
    cause: Object.assign(new Error('host key changed'), { code: 'HOST_KEY_CHANGED' }),
  });
}

/** An identity that was neither pinned nor accepted in the form. */
export function notAccepted(kind: 'ssh' | 'tls', host: string, port: number, presented: string): AppError {
  const what = kind === 'ssh' ? 'SSH host key' : 'certificate';
  return new AppError('PRECONDITION', `the ${what} of ${host}:${port} (${presented}) is not accepted: identify the endpoint and accept it`, {
    cause: Object.assign(new Error('not accepted'), { code: 'CERTIFICATE_UNKNOWN' }),
  });
}
