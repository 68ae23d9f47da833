import { describe, expect, it } from 'vitest';
import { testAdvice } from './testAdvice.js';

describe('testAdvice', () => {
  it('reads the causes a person can fix', () => {
    expect(testAdvice('POLL_CONNECT', 'connect ECONNREFUSED 127.0.0.1:2599')).toBe('notify.advice.refused');
    expect(testAdvice('NOTIFY_SEND', 'getaddrinfo ENOTFOUND smtp.example.invalid')).toBe('notify.advice.unknownHost');
    expect(testAdvice('NOTIFY_SEND', 'self-signed certificate in certificate chain')).toBe('notify.advice.certificate');
    expect(testAdvice('NOTIFY_SEND', 'Invalid login: 535 5.7.8 Authentication credentials invalid')).toBe('notify.advice.auth');
    expect(testAdvice('NOTIFY_SEND', 'Greeting never received')).toBe('notify.advice.tlsMismatch');
    expect(testAdvice('POLL_TIMEOUT', 'Connection timeout')).toBe('notify.advice.timeout');
    expect(testAdvice('NOTIFY_HTTP', 'HTTP 401 Unauthorized')).toBe('notify.advice.httpAuth');
    expect(testAdvice('NOTIFY_HTTP', 'HTTP 404 Not Found')).toBe('notify.advice.httpNotFound');
  });
  it('says nothing about what it does not know', () => {
    expect(testAdvice('NOTIFY_SEND', 'something else')).toBeUndefined();
  });
});
