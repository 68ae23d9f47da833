import { describe, expect, it } from 'vitest';
import { acceptedKeysSchema, identifyTargetsSchema, parseClusterInput } from './clusters.js';

const valid = {
  name: 'Lab', publisherHost: '10.0.0.12', ports: { ssh: 22, soap: 8443, snmp: 161 },
  adminUsername: 'admin', adminPassword: 'pw', appUsername: 'app', appPassword: 'pw',
  snmp: { version: '2c', community: 'public' }, nodes: [],
};

describe('cluster form validation', () => {
  it('accepts a complete form, an edit without secrets, SNMPv3 and per-node overrides', () => {
    expect(parseClusterInput(valid).ok).toBe(true);
    expect(parseClusterInput({ ...valid, id: 'lab', adminPassword: undefined, appPassword: undefined, snmp: { version: '2c' } }).ok).toBe(true);
    expect(parseClusterInput({ ...valid, snmp: { version: '3', user: 'mon', authProtocol: 'sha', authKey: 'authkey123', privProtocol: 'aes', privKey: 'privkey123' } }).ok).toBe(true);
    expect(parseClusterInput({ ...valid, nodes: [{ name: 'imp-sub1', host: '203.0.113.7', role: 'imp-subscriber', ports: { ssh: 2222 }, ovaUsers: 15000 }] }).ok).toBe(true);
  });

  it('refuses bad fields, naming each', () => {
    const r = parseClusterInput({ ...valid, publisherHost: 'https://x/', ports: { ssh: 0, soap: 8443, snmp: 161 }, adminUsername: 'a b', extra: 1 });
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.join('\n');
    expect(problems).toMatch(/publisherHost/);
    expect(problems).toMatch(/ports\.ssh/);
    expect(problems).toMatch(/adminUsername/);
    expect(problems).toMatch(/extra/);
    const twice = parseClusterInput({ ...valid, nodes: [{ name: 'a', host: 'h', role: 'unknown' }, { name: 'A', host: 'h2', role: 'unknown' }] });
    expect(twice.ok ? '' : twice.problems.join()).toMatch(/nodes\.1\.name: node A is listed twice/);
    const ova = parseClusterInput({ ...valid, nodes: [{ name: 'a', host: 'h', role: 'imp-publisher', ovaUsers: 12000 }] });
    expect(ova.ok ? '' : ova.problems.join()).toMatch(/nodes\.0\.ovaUsers/);
    const v3 = parseClusterInput({ ...valid, snmp: { version: '3', user: 'mon', authProtocol: 'sha', authKey: 'short', privProtocol: 'aes' } });
    expect(v3.ok ? '' : v3.problems.join()).toMatch(/snmp\.authKey: at least 8/);
  });

  it('checks identify targets and accepted fingerprints', () => {
    expect(identifyTargetsSchema.safeParse([]).success).toBe(false);
    expect(identifyTargetsSchema.safeParse([{ host: '127.0.0.1', sshPort: 22, soapPort: 8443 }]).success).toBe(true);
    const ssh = { host: 'h', port: 22, kind: 'ssh', fingerprintSha256: `SHA256:${'A'.repeat(43)}` };
    const tls = { host: 'h', port: 8443, kind: 'tls', fingerprintSha256: Array.from({ length: 32 }, () => 'AB').join(':') };
    expect(acceptedKeysSchema.safeParse([ssh, tls]).success).toBe(true);
    expect(acceptedKeysSchema.safeParse([{ ...ssh, fingerprintSha256: 'MD5:aa' }]).success).toBe(false);
  });
});
