import { describe, expect, it } from 'vitest';
import { DEFAULT_RECEIVER_SETTINGS } from '../model/receivers.js';
import { isIpLiteral, receiverSettingsSchema } from './receivers.js';

describe('receiverSettingsSchema', () => {
  it('takes the defaults, every-interface and IPv6 addresses, and 0 for a listener that is off', () => {
    expect(receiverSettingsSchema.parse(DEFAULT_RECEIVER_SETTINGS)).toEqual(DEFAULT_RECEIVER_SETTINGS);
    for (const address of ['0.0.0.0', '10.1.2.3', '::1', '::', 'fe80::1']) expect(receiverSettingsSchema.safeParse({ ...DEFAULT_RECEIVER_SETTINGS, address }).success).toBe(true);
    expect(receiverSettingsSchema.parse({ ...DEFAULT_RECEIVER_SETTINGS, syslogTcpPort: 0, trapPort: 162 }).trapPort).toBe(162);
  });

  it('refuses host names, bad ports, extra fields and odd communities, naming the field', () => {
    const issues = (v: unknown): string[] => {
      const r = receiverSettingsSchema.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, address: 'monitor.example.com' })[0]).toMatch(/^address: must be an IPv4 or IPv6 address/);
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, address: '256.1.1.1' })[0]).toMatch(/^address:/);
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, syslogUdpPort: 70000 })[0]).toMatch(/^syslogUdpPort: must be 0 \(off\) or 1-65535/);
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, trapPort: 1.5 })[0]).toMatch(/^trapPort:/);
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, trapCommunities: ['pub lic'] })[0]).toMatch(/^trapCommunities.0:/);
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, trapCommunities: ['a', 'a'] })[0]).toMatch(/^trapCommunities: must not repeat/);
    // A community a Cisco node (and a simulated node's admin CLI) takes: at most 32 characters.
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, trapCommunities: ['c'.repeat(32)] })).toEqual([]);
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, trapCommunities: ['c'.repeat(33)] })[0]).toMatch(/^trapCommunities.0: must be at most 32 characters/);
    expect(issues({ ...DEFAULT_RECEIVER_SETTINGS, extra: 1 })).toHaveLength(1);
  });

  it('isIpLiteral tells addresses from names', () => {
    expect([isIpLiteral('127.0.0.1'), isIpLiteral('::ffff:127.0.0.1'), isIpLiteral('localhost'), isIpLiteral('1.2.3'), isIpLiteral(':::')]).toEqual([true, true, false, false, false]);
  });
});
