/**
 * A cluster's secrets as the admin resolved them (the form's, or the credential store's under
 * `cluster/<id>/admin|application|snmp`) and the targets built with them.
 */
import type { ClusterInput } from '../../../shared/model/clusters.js';
import type { SnmpTarget } from '../polling/snmp/snmpSession.js';

/** The secrets of a cluster, resolved. */
export interface ClusterSecrets {
  readonly adminPassword: string;
  readonly appPassword: string;
  readonly snmp: { readonly community: string } | { readonly authKey: string; readonly privKey: string };
}

/** The SNMP target of a node: v2c with the community, or v3 with the user and its keys (AES privacy). */
export function snmpTarget(form: Pick<ClusterInput, 'snmp'>, secrets: ClusterSecrets, base: { cluster: string; node: string; host: string }, port: number): SnmpTarget {
  if (form.snmp.version === '2c' || 'community' in secrets.snmp) {
    return { ...base, port, version: 'v2c', community: 'community' in secrets.snmp ? secrets.snmp.community : '' };
  }
  return { ...base, port, version: 'v3', v3: { user: form.snmp.user, authProtocol: form.snmp.authProtocol, authKey: secrets.snmp.authKey, privProtocol: 'aes', privKey: secrets.snmp.privKey } };
}
