import { PollError } from '../pollError.js';

/**
 * Maps what net-snmp reports into a PollError (house-style 5.5: the one file where SNMP library errors are
 * translated). net-snmp errors are recognised by `name`, which its classes set (index.js):
 * - RequestTimedOutError → POLL_TIMEOUT (also what a wrong v2c community looks like: the agent stays silent);
 * - ResponseInvalidError with code EAuthFailure (USM report: unknown user, wrong digest, …) or
 *   ECouldNotDecrypt → POLL_AUTH;
 * - RequestFailedError (errorStatus in the response PDU), other ResponseInvalidError → POLL_PROTOCOL;
 * - socket errors (EHOSTUNREACH, ECONNREFUSED as ICMP port unreachable, ENOTFOUND) → POLL_CONNECT.
 */
export function toSnmpPollError(err: unknown, node: string): PollError {
  if (err instanceof PollError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: unknown }).code;
  switch (e.name) {
    case 'RequestTimedOutError':
      return new PollError('POLL_TIMEOUT', 'snmp', node, `SNMP request to ${node} timed out`, { cause: e });
    case 'ResponseInvalidError':
      // ResponseInvalidCode.ECouldNotDecrypt = 4, EAuthFailure = 5 (net-snmp index.js).
      if (code === 4 || code === 5) return new PollError('POLL_AUTH', 'snmp', node, `SNMPv3 authentication with ${node} failed: ${e.message}`, { cause: e });
      return new PollError('POLL_PROTOCOL', 'snmp', node, `invalid SNMP response from ${node}: ${e.message}`, { cause: e });
    case 'RequestFailedError':
      return new PollError('POLL_PROTOCOL', 'snmp', node, `SNMP request to ${node} failed: ${e.message}`, { cause: e });
    default:
      break;
  }
  if (typeof code === 'string' && /^(E[A-Z]+)$/.test(code)) {
    return new PollError('POLL_CONNECT', 'snmp', node, `cannot reach ${node} over SNMP: ${e.message}`, { cause: e });
  }
  return new PollError('POLL_PROTOCOL', 'snmp', node, `SNMP error with ${node}: ${e.message}`, { cause: e });
}
