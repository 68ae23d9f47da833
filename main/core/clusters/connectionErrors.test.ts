import { describe, expect, it } from 'vitest';
import { PollError } from '../polling/pollError.js';
import { toSnmpPollError } from '../polling/snmp/snmpErrors.js';
import { soapHttpError, soapNetworkError } from '../polling/soap/soapErrors.js';
import { hostKeyChangedError, toSshPollError } from '../polling/ssh/sshErrors.js';
import { classifyConnectionError, connectionErrorKind } from './connectionErrors.js';

const errno = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe('connection error kinds (the pollers\' own errors)', () => {
  it('SOAP: 401 wrong password, 503 and Cisco\'s rate fault rate-limited, a pinned-certificate mismatch unknown certificate', () => {
    expect(connectionErrorKind(soapHttpError('n', 401, undefined), 'soap')).toBe('wrongPassword');
    expect(connectionErrorKind(soapHttpError('n', 503, undefined), 'soap')).toBe('rateLimited');
    expect(connectionErrorKind(soapHttpError('n', 500, { faultCode: 'soapenv:Server', faultString: 'Exceeded allowed rate for Perfmon information' }), 'soap')).toBe('rateLimited');
    expect(connectionErrorKind(soapNetworkError('n', errno('CERT_PINNED_MISMATCH')), 'soap')).toBe('certificateUnknown');
    expect(connectionErrorKind(soapNetworkError('n', errno('ECONNREFUSED')), 'soap')).toBe('portClosed');
    expect(connectionErrorKind(soapNetworkError('n', errno('ETIMEDOUT')), 'soap')).toBe('timedOut');
    expect(connectionErrorKind(soapNetworkError('n', errno('ENOTFOUND')), 'soap')).toBe('unreachable');
  });

  it('SSH: authentication refused, host key changed, refused, unreachable, timed out', () => {
    expect(connectionErrorKind(toSshPollError(Object.assign(new Error('All configured authentication methods failed'), { level: 'client-authentication' }), 'n'), 'ssh')).toBe('wrongPassword');
    expect(connectionErrorKind(hostKeyChangedError('n', 'SHA256:a', 'SHA256:b'), 'ssh')).toBe('hostKeyChanged');
    expect(connectionErrorKind(toSshPollError(Object.assign(errno('ECONNREFUSED', 'connect ECONNREFUSED'), { level: 'client-socket' }), 'n'), 'ssh')).toBe('portClosed');
    expect(connectionErrorKind(toSshPollError(Object.assign(errno('EHOSTUNREACH'), { level: 'client-socket' }), 'n'), 'ssh')).toBe('unreachable');
    expect(connectionErrorKind(toSshPollError(Object.assign(new Error('Timed out while waiting for handshake'), { level: 'client-timeout' }), 'n'), 'ssh')).toBe('timedOut');
  });

  it('SNMP: a timeout is "no answer: wrong community or port"; a USM failure a wrong password', () => {
    const timeout = toSnmpPollError(Object.assign(new Error('Request timed out'), { name: 'RequestTimedOutError' }), 'n');
    const c = classifyConnectionError(timeout, 'snmp', '10.0.0.1', 161);
    expect(c).toMatchObject({ kind: 'noAnswer', code: 'POLL_TIMEOUT', retryable: true });
    expect(c.message).toMatch(/wrong community/);
    expect(connectionErrorKind(toSnmpPollError(Object.assign(new Error('Authentication digest'), { name: 'ResponseInvalidError', code: 5 }), 'n'), 'snmp')).toBe('wrongPassword');
    expect(connectionErrorKind(new PollError('POLL_PROTOCOL', 'snmp', 'n', 'odd'), 'snmp')).toBe('other');
  });
});
