import { describe, expect, it } from 'vitest';
import type { ClusterConfigView, EndpointIdentity } from '../../../shared/model/clusters.js';
import {
  acceptedKeys,
  applyDiscovered,
  emptyForm,
  formFromConfig,
  formProblems,
  identifyTargets,
  identityKey,
  mergeIdentities,
  pendingConsent,
  splitErrorKind,
  toClusterInput,
  unidentified,
  type ClusterFormState,
} from './clusterFormModel.js';

const filled: ClusterFormState = {
  ...emptyForm(),
  name: 'Lab 2',
  publisherHost: '127.0.20.10',
  ssh: '22022',
  soap: '28443',
  snmp: '20161',
  adminUsername: 'admin',
  adminPassword: 'secret',
  appUsername: 'axl',
  appPassword: 'secret2',
  community: 'public',
};

const config: ClusterConfigView = {
  id: 'lab-2',
  name: 'Lab 2',
  publisherHost: '127.0.20.10',
  ports: { ssh: 22022, soap: 28443, snmp: 20161 },
  adminUsername: 'admin',
  appUsername: 'axl',
  snmp: { version: '2c', hasCommunity: true },
  nodes: [
    { name: 'cucm-pub', host: '127.0.20.10', role: 'cucm-publisher' },
    { name: 'imp-pub', host: '10.0.0.5', role: 'imp-publisher', ports: { ssh: 2222 }, ovaUsers: 25000 },
  ],
  hasAdminPassword: true,
  hasAppPassword: true,
  addedAtMs: 1,
};

const ident = (host: string, port: number, kind: 'ssh' | 'tls', pin: EndpointIdentity['pin'], fp = `SHA256:${kind}${port}`): EndpointIdentity => ({ host, port, kind, pin, fingerprintSha256: fp });

describe('clusterFormModel', () => {
  it('an empty Add form has Cisco ports and asks for every field; a filled one has no problem', () => {
    const f = emptyForm();
    expect([f.ssh, f.soap, f.snmp]).toEqual(['22', '8443', '161']);
    expect(formProblems(f)).toEqual(['name', 'publisherHost', 'adminUsername', 'adminPassword', 'appUsername', 'appPassword', 'community']);
    expect(formProblems(filled)).toEqual([]);
    expect(formProblems({ ...filled, ssh: '0', publisherHost: 'bad host!' })).toEqual(['publisherHost', 'ports']);
    expect(formProblems({ ...filled, snmpVersion: '3', snmpUser: 'mon', authKey: 'short', privKey: 'longenough' })).toEqual(['authKey']);
  });

  it('toClusterInput: trimmed fields, ports as numbers, secrets only when typed', () => {
    const input = toClusterInput({ ...filled, name: ' Lab 2 ', publisherHost: ' 127.0.20.10 ' });
    expect(input).toEqual({
      name: 'Lab 2',
      publisherHost: '127.0.20.10',
      ports: { ssh: 22022, soap: 28443, snmp: 20161 },
      adminUsername: 'admin',
      adminPassword: 'secret',
      appUsername: 'axl',
      appPassword: 'secret2',
      snmp: { version: '2c', community: 'public' },
      nodes: [],
    });
    const v3 = toClusterInput({ ...filled, snmpVersion: '3', snmpUser: 'mon', authProtocol: 'md5', authKey: 'authkey12', privProtocol: 'des', privKey: '' });
    expect(v3.snmp).toEqual({ version: '3', user: 'mon', authProtocol: 'md5', authKey: 'authkey12', privProtocol: 'des' });
  });

  it('an Edit form holds no secret: empty passwords keep the stored ones and are left out of the input', () => {
    const f = formFromConfig(config);
    expect(f.adminPassword).toBe('');
    expect(f.community).toBe('');
    expect(formProblems(f)).toEqual([]);
    const input = toClusterInput(f);
    expect(input.id).toBe('lab-2');
    expect('adminPassword' in input).toBe(false);
    expect(input.snmp).toEqual({ version: '2c' });
    // A node's own port and OVA survive the round trip; the cluster's ports are not repeated per node.
    expect(input.nodes).toEqual([
      { name: 'cucm-pub', host: '127.0.20.10', role: 'cucm-publisher' },
      { name: 'imp-pub', host: '10.0.0.5', role: 'imp-publisher', ports: { ssh: 2222 }, ovaUsers: 25000 },
    ]);
    // Without a stored community, an empty one is a problem.
    expect(formProblems({ ...f, stored: { ...f.stored!, community: false } })).toEqual(['community']);
  });

  it('applyDiscovered: new nodes take the discovered host and only differing ports; typed values of known nodes stay', () => {
    const f = { ...filled, nodes: [{ name: 'imp-pub', role: 'unknown' as const, host: '192.0.2.7', ssh: '2200', soap: '', snmp: '', ovaUsers: '15000' }] };
    const next = applyDiscovered(f, [
      { name: 'cucm-pub', host: '127.0.20.10', role: 'cucm-publisher', ports: { ssh: 22022, soap: 28443, snmp: 20161 } },
      { name: 'imp-pub', host: '127.0.20.11', role: 'imp-publisher', ports: { ssh: 22022, soap: 28443, snmp: 20161 }, ova: { users: 25000, source: 'cluster' } },
      { name: 'imp-sub', host: '127.0.20.12', role: 'imp-subscriber', ports: { ssh: 22023, soap: 28443, snmp: 20161 } },
    ]);
    expect(next.nodes).toEqual([
      { name: 'cucm-pub', role: 'cucm-publisher', host: '127.0.20.10', ssh: '', soap: '', snmp: '', ovaUsers: '', discoveredOva: undefined },
      { name: 'imp-pub', role: 'imp-publisher', host: '192.0.2.7', ssh: '2200', soap: '', snmp: '', ovaUsers: '15000', discoveredOva: 25000 },
      { name: 'imp-sub', role: 'imp-subscriber', host: '127.0.20.12', ssh: '22023', soap: '', snmp: '', ovaUsers: '', discoveredOva: undefined },
    ]);
    expect(formProblems({ ...next, nodes: [{ ...next.nodes[0]!, ssh: '70000' }] })).toEqual(['nodes']);
  });

  it('identifyTargets: the publisher, then each node on its own host and ports, each endpoint once', () => {
    const f = { ...filled, nodes: [
      { name: 'cucm-pub', role: 'cucm-publisher' as const, host: '127.0.20.10', ssh: '', soap: '', snmp: '', ovaUsers: '' },
      { name: 'imp-pub', role: 'imp-publisher' as const, host: '127.0.20.11', ssh: '', soap: '9443', snmp: '', ovaUsers: '' },
    ] };
    expect(identifyTargets(f)).toEqual([
      { host: '127.0.20.10', sshPort: 22022, soapPort: 28443 },
      { host: '127.0.20.11', sshPort: 22022, soapPort: 9443 },
    ]);
    const shown = [ident('127.0.20.10', 22022, 'ssh', 'new'), ident('127.0.20.10', 28443, 'tls', 'new'), ident('127.0.20.11', 22022, 'ssh', 'new')];
    expect(unidentified(shown, identifyTargets(f))).toEqual([{ host: '127.0.20.11', sshPort: 22022, soapPort: 9443 }]);
  });

  it('consent: only ticked new or changed keys are sent; pinned ones need nothing; a changed key is never accepted implicitly', () => {
    const fresh = ident('h', 22, 'ssh', 'new');
    const changed = { ...ident('h', 8443, 'tls', 'changed', 'SHA256:new'), pinnedFingerprintSha256: 'SHA256:old' };
    const pinned = ident('p', 22, 'ssh', 'pinned');
    const unread: EndpointIdentity = { host: 'x', port: 22, kind: 'ssh', pin: 'new', error: { kind: 'portClosed', code: 'ECONNREFUSED', message: 'refused', retryable: true } };
    const shown = [fresh, changed, pinned, unread];
    expect(pendingConsent(shown, new Set())).toEqual([fresh, changed]);
    const ticked = new Set([identityKey(fresh)]);
    expect(acceptedKeys(shown, ticked)).toEqual([{ host: 'h', port: 22, kind: 'ssh', fingerprintSha256: 'SHA256:ssh22' }]);
    expect(pendingConsent(shown, ticked)).toEqual([changed]);
    // A key read again with another fingerprint replaces the old line, and the old tick no longer applies.
    const reread = mergeIdentities(shown, [{ ...fresh, fingerprintSha256: 'SHA256:other', pin: 'new' }]);
    expect(reread.filter((i) => i.host === 'h' && i.kind === 'ssh').map((i) => i.fingerprintSha256)).toEqual(['SHA256:other']);
    expect(acceptedKeys(reread, ticked)).toEqual([]);
  });

  it('splitErrorKind: a known kind at the head of a refusal is read; anything else stays whole', () => {
    expect(splitErrorKind('wrongPassword: 127.0.11.11:22 refused the user name or password (POLL_AUTH)')).toEqual({ kind: 'wrongPassword', text: '127.0.11.11:22 refused the user name or password (POLL_AUTH)' });
    expect(splitErrorKind('hostKeyChanged: the SSH host key differs')).toEqual({ kind: 'hostKeyChanged', text: 'the SSH host key differs' });
    expect(splitErrorKind('clusters.save: 0.name: Required')).toEqual({ text: 'clusters.save: 0.name: Required' });
    expect(splitErrorKind('nonsense: x')).toEqual({ text: 'nonsense: x' });
  });
});
