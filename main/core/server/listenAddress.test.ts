import { describe, expect, it } from 'vitest';
import { isLoopback, parseListen, plainHttpProblem } from './listenAddress.js';

describe('listen addresses', () => {
  it('parses IPv4 and bracketed IPv6 with a port', () => {
    expect(parseListen('127.0.0.1:8443')).toEqual({ host: '127.0.0.1', port: 8443 });
    expect(parseListen('[::1]:0')).toEqual({ host: '::1', port: 0 });
    expect(parseListen('0.0.0.0:443')).toEqual({ host: '0.0.0.0', port: 443 });
  });

  it('refuses names, missing ports, unbracketed IPv6 and ports out of range, naming the option', () => {
    expect(() => parseListen('localhost:8443', '--listen')).toThrow(/--listen: "localhost" is not an IP address/);
    expect(() => parseListen('127.0.0.1')).toThrow(/must be ADDR:PORT/);
    expect(() => parseListen('127.0.0.1:70000')).toThrow(/port must be 0-65535/);
    expect(() => parseListen('::1:8443')).toThrow(/ADDR:PORT/);
  });

  it('keeps plain HTTP on loopback only', () => {
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('127.9.8.7')).toBe(true);
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('0.0.0.0')).toBe(false);
    expect(isLoopback('::')).toBe(false);
    expect(isLoopback('10.0.0.5')).toBe(false);
    expect(plainHttpProblem({ host: '127.0.0.1', port: 8443 }, false)).toBeUndefined();
    expect(plainHttpProblem({ host: '0.0.0.0', port: 8443 }, true)).toBeUndefined();
    expect(plainHttpProblem({ host: '0.0.0.0', port: 8443 }, false)).toBe(
      'listening on 0.0.0.0:8443 needs TLS: set tls.certFile and tls.keyFile in the config (never plain HTTP off the machine)',
    );
    expect(plainHttpProblem({ host: '::', port: 1 }, false)).toMatch(/^listening on \[::\]:1 needs TLS/);
  });
});
