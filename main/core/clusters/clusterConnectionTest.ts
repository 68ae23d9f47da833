/**
 * The connection test of a cluster form or a saved cluster (issue 15): per node and protocol, in words a person can
 * act on (connectionErrors.ts).
 */
import type { ClusterInput, ClusterNodeInput, ConnectionTestResult, DiscoveredNode } from '../../../shared/model/clusters.js';
import { SnmpPoller } from '../polling/snmp/snmpPoller.js';
import { fetchSshHostKeyFingerprint } from '../polling/ssh/sshCliSession.js';
import { snmpTarget, type ClusterSecrets } from './clusterTargets.js';
import { nodePorts } from './clustersFile.js';
import { classifyConnectionError, notAccepted } from './connectionErrors.js';
import { probeSnmp, probeSoap, probeSsh } from './connectionProbes.js';
import type { EndpointTrust } from './endpointTrust.js';

/**
 * Tests every protocol towards every node (SSH login, SOAP ControlCenter, SNMP sysName; connectionProbes.ts), at once;
 * an endpoint neither accepted nor pinned is reported as such with the fingerprint it presents, never trusted.
 */
export async function testClusterNodes(form: ClusterInput, nodes: readonly (ClusterNodeInput | DiscoveredNode)[], secrets: ClusterSecrets, trust: EndpointTrust): Promise<ConnectionTestResult[]> {
  const snmp = await SnmpPoller.create();
  try {
    const perNode = await Promise.all(
      nodes.map(async (n) => {
        const p = nodePorts(form, n);
        const base = { cluster: form.id ?? 'new', node: n.name, host: n.host };
        const fp = trust.sshFingerprint(n.host, p.ssh);
        const sshResult = fp
          ? probeSsh(n.name, { ...base, port: p.ssh, username: form.adminUsername, password: secrets.adminPassword, hostKeyFingerprint: fp })
          : unacceptedSsh(n.name, n.host, p.ssh);
        const soapResult = (async (): Promise<ConnectionTestResult> => {
          try {
            const pem = await trust.tlsPem(n.host, p.soap);
            return await probeSoap(n.name, { ...base, port: p.soap, username: form.appUsername, password: secrets.appPassword, pin: { pem } });
          } catch (err) {
            return { node: n.name, host: n.host, protocol: 'soap', port: p.soap, ok: false, error: classifyConnectionError(err, 'soap', n.host, p.soap) };
          }
        })();
        const snmpResult = probeSnmp(n.name, snmpTarget(form, secrets, base, p.snmp), snmp);
        const results = await Promise.all([sshResult, soapResult, snmpResult]);
        return results.map(({ ovaUsers: _ova, ...r }: ConnectionTestResult & { ovaUsers?: number }) => r);
      }),
    );
    return perNode.flat();
  } finally {
    snmp.dispose();
  }
}

async function unacceptedSsh(node: string, host: string, port: number): Promise<ConnectionTestResult> {
  const presented = await fetchSshHostKeyFingerprint(host, port, node, 10_000);
  const err = presented.ok ? notAccepted('ssh', host, port, presented.fingerprint) : presented.error;
  return { node, host, protocol: 'ssh', port, ok: false, error: classifyConnectionError(err, 'ssh', host, port) };
}
