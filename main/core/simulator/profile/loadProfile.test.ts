import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../base/errors.js';
import { loadProfile, parseProfile } from './loadProfile.js';
import { backupServerAddress, nodeAddress } from './loopbackAddresses.js';

describe('cluster profiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'imp-profile-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the default profile: a CUCM publisher and four IM&P nodes in two HA pairs, 15K OVA, 6,000 users', () => {
    const p = loadProfile();
    expect(p.nodes.filter((n) => n.role === 'cucm-publisher')).toHaveLength(1);
    expect(p.nodes.filter((n) => n.role !== 'cucm-publisher')).toHaveLength(4);
    expect(p.presenceRedundancyGroups.map((g) => [g.nodes.length, g.highAvailability])).toEqual([[2, true], [2, true]]);
    expect(new Set(p.nodes.map((n) => n.ova))).toEqual(new Set([15000]));
    expect(p.users.count).toBe(6000);
    expect(p.srm).toMatchObject({ criticalServiceDownDelaySec: 90, heartbeatIntervalSec: 15, heartbeatTimeoutSec: 60, initializationHeartbeatTimeoutSec: 120, automaticFallback: false });
  });

  it('loads users-15k.yaml: 15,000 users, the CUCM publisher and six IM&P nodes in three HA pairs, all on loopback (issue 14)', () => {
    const p = loadProfile(new URL('./profiles/users-15k.yaml', import.meta.url).pathname);
    expect(p.users.count).toBe(15000);
    expect(p.nodes.filter((n) => n.role === 'cucm-publisher')).toHaveLength(1);
    expect(p.nodes.filter((n) => n.role !== 'cucm-publisher')).toHaveLength(6);
    expect(p.presenceRedundancyGroups.map((g) => [g.nodes.length, g.highAvailability])).toEqual([[2, true], [2, true], [2, true]]);
    for (let i = 0; i < p.nodes.length; i++) expect(nodeAddress(p, i)).toMatch(/^127\./);
  });

  it('fills the diagnostics defaults (two LDAP servers, one intercluster peer, nothing else) and refuses a host outside loopback / reserved names', () => {
    const base = { nodes: [{ name: 'cucm', role: 'cucm-publisher' }, { name: 'imp1', role: 'imp-publisher' }], presenceRedundancyGroups: [{ name: 'g1', nodes: ['imp1'] }], users: { count: 10 } };
    const p = parseProfile(base, 'd.json');
    expect(p.diagnostics.ldapServers.map((s) => s.name)).toEqual(['ldap1.example.com:389', 'ldap2.example.com:636']);
    expect(p.diagnostics.interclusterPeers).toEqual([{ name: '127.0.11.11', healthy: true, certificateExchanged: true }]);
    expect([p.diagnostics.calendarServers, p.diagnostics.complianceServers, p.diagnostics.thirdPartyLdapServers, p.diagnostics.msrccServers]).toEqual([[], [], [], []]);
    const ok = parseProfile({ ...base, diagnostics: { calendarServers: [{ name: 'exchange.example.com:443' }] } }, 'd.json');
    expect(ok.diagnostics.calendarServers).toEqual([{ name: 'exchange.example.com:443', healthy: true }]);
    expect(() => parseProfile({ ...base, diagnostics: { ldapServers: [{ name: 'ldap.corp.internal:389' }] } }, 'd.json')).toThrow(/diagnostics\.ldapServers\.0\.name/);
    expect(() => parseProfile({ ...base, diagnostics: { interclusterPeers: [{ name: '10.0.0.5' }] } }, 'd.json')).toThrow(/127\.0\.0\.0\/8/);
  });

  it.each([
    ['a YAML file with a bad OVA', 'bad-ova.yaml', 'nodes:\n  - { name: cucm, role: cucm-publisher }\n  - { name: imp1, role: imp-publisher, ova: 12345 }\npresenceRedundancyGroups: [{ name: g1, nodes: [imp1] }]\nusers: { count: 10 }\n', 'nodes.1.ova'],
    ['a JSON file with an unknown group node', 'bad-group.json', JSON.stringify({ nodes: [{ name: 'cucm', role: 'cucm-publisher' }, { name: 'imp1', role: 'imp-publisher' }], presenceRedundancyGroups: [{ name: 'g1', nodes: ['imp9'] }], users: { count: 10 } }), 'presenceRedundancyGroups.0.nodes.0'],
    ['a group of three nodes', 'three.yaml', 'nodes:\n  - { name: c, role: cucm-publisher }\n  - { name: a, role: imp-publisher }\n  - { name: b, role: imp-subscriber }\n  - { name: d, role: imp-subscriber }\npresenceRedundancyGroups: [{ name: g, nodes: [a, b, d] }]\nusers: { count: 1 }\n', 'presenceRedundancyGroups.0.nodes'],
    ['too many users for the OVA', 'users.yaml', 'nodes:\n  - { name: c, role: cucm-publisher }\n  - { name: a, role: imp-publisher, ova: 5000 }\npresenceRedundancyGroups: [{ name: g, nodes: [a] }]\nusers: { count: 9000 }\n', 'users.count'],
    ['a misspelled field', 'typo.yaml', 'nodes:\n  - { name: c, role: cucm-publisher }\n  - { name: a, role: imp-publisher }\npresenceRedundancyGroups: [{ name: g, nodes: [a] }]\nusers: { count: 1 }\nuserAsignmentMode: balanced\n', 'userAsignmentMode'],
    ['a PRG name with spaces', 'prg.yaml', 'nodes:\n  - { name: c, role: cucm-publisher }\n  - { name: a, role: imp-publisher }\npresenceRedundancyGroups: [{ name: "my group", nodes: [a] }]\nusers: { count: 1 }\n', 'presenceRedundancyGroups.0.name'],
  ])('refuses %s with an error naming the field', async (_label, file, text, field) => {
    const path = join(dir, file);
    await writeFile(path, text);
    let caught: unknown;
    try {
      loadProfile(path);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('SIM_PROFILE');
    expect((caught as AppError).message).toContain(field);
  });

  it('refuses a file that is not YAML with the parser message', async () => {
    const path = join(dir, 'broken.yaml');
    await writeFile(path, 'nodes: [unclosed\n');
    expect(() => loadProfile(path)).toThrow(/not valid YAML/);
  });

  it('fills defaults for omitted sections', () => {
    const p = parseProfile({ nodes: [{ name: 'c', role: 'cucm-publisher' }, { name: 'a', role: 'imp-publisher' }], presenceRedundancyGroups: [{ name: 'g', nodes: ['a'] }], users: { count: 1 } });
    expect(p.endpoints.basePort).toBe(42000);
    expect(p.features.mftFreeSpaceLowerPct).toBe(10);
    expect(p.features.mftFreeSpaceUpperPct).toBe(15);
    expect(p.endpoints.addressBase).toBe('127.0.10.11');
  });

  it('gives every node of the default profile an address in 127.0.0.0/8, one per node, the backup server below them', () => {
    const p = loadProfile();
    expect(p.nodes.map((_n, i) => nodeAddress(p, i))).toEqual(['127.0.10.11', '127.0.10.12', '127.0.10.13', '127.0.10.14', '127.0.10.15']);
    expect(backupServerAddress(p)).toBe('127.0.10.10');
  });

  const twoNodes = (extra: Record<string, unknown> = {}, ip?: string): unknown => ({
    nodes: [{ name: 'c', role: 'cucm-publisher' }, { name: 'a', role: 'imp-publisher', ...(ip ? { ipAddress: ip } : {}) }],
    presenceRedundancyGroups: [{ name: 'g', nodes: ['a'] }],
    users: { count: 1 },
    ...extra,
  });

  it.each([
    ['a node address outside loopback', twoNodes({}, '10.10.1.21'), /nodes\.1\.ipAddress: must be a loopback address in 127\.0\.0\.0\/8/],
    ['an address base outside loopback', twoNodes({ endpoints: { addressBase: '192.168.1.10' } }), /endpoints\.addressBase: must be a loopback address in 127\.0\.0\.0\/8/],
    ['a node address that is the backup server\'s', twoNodes({}, '127.0.10.10'), /nodes\.1\.ipAddress: node "a" would get 127\.0\.10\.10, already the DRS backup server's address/],
    ['two nodes on one address', twoNodes({}, '127.0.10.11'), /nodes\.1\.ipAddress: node "a" would get 127\.0\.10\.11, already node "c"'s address/],
    ['nodes running off the end of 127/8', twoNodes({ endpoints: { addressBase: '127.255.255.254' } }), /endpoints\.addressBase: node "a" would get 127\.255\.255\.255, outside 127\.0\.0\.0\/8/],
  ])('refuses %s with a clear error', (_label, raw, message) => {
    expect(() => parseProfile(raw)).toThrow(message);
  });

  it('takes another address base for a second cluster', () => {
    const p = parseProfile(twoNodes({ endpoints: { addressBase: '127.0.11.11' } }));
    expect([nodeAddress(p, 0), nodeAddress(p, 1), backupServerAddress(p)]).toEqual(['127.0.11.11', '127.0.11.12', '127.0.11.10']);
  });
});
