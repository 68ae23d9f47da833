/**
 * Real clusters (issue 15): what the Clusters settings view, `imp clusters …` and the backend exchange to add, edit,
 * test and remove a cluster. Secrets travel only in a ClusterInput on its way to the credential store; nothing read
 * back from main carries one (`has…` flags instead). Plain, structured-clone safe data.
 */
import type { NodeOva, NodeRole } from './cluster.js';

export type { NodeOva } from './cluster.js';

/** The three endpoints of a node the app polls. */
export interface EndpointPorts {
  readonly ssh: number;
  readonly soap: number;
  readonly snmp: number;
}

/** Cisco's ports: SSH 22 (admin CLI), HTTPS 8443 (Serviceability SOAP), SNMP 161/UDP. */
export const DEFAULT_ENDPOINT_PORTS: EndpointPorts = { ssh: 22, soap: 8443, snmp: 161 };

/** SNMP credentials of a cluster. Secrets (community, keys) absent in an edit keep the stored ones. */
export type SnmpCredentialsInput =
  | { readonly version: '2c'; readonly community?: string }
  | {
      readonly version: '3';
      readonly user: string;
      readonly authProtocol: 'sha' | 'md5';
      readonly authKey?: string;
      readonly privProtocol: 'aes' | 'des';
      readonly privKey?: string;
    };

/** One node of a cluster as saved: discovered from the publisher, with per-node overrides. */
export interface ClusterNodeInput {
  /** Host name as `show network cluster` lists it. */
  readonly name: string;
  /** Address the app reaches (the discovered IP, or a NAT address typed in). */
  readonly host: string;
  readonly role: NodeRole;
  /** Per-node ports; absent ones are the cluster's. */
  readonly ports?: Partial<EndpointPorts>;
  /** Users of the node's OVA when set by a person (IM&P nodes); absent = read from the node where it can be. */
  readonly ovaUsers?: number;
}

/** The Add/Edit cluster form (and `imp clusters add`). */
export interface ClusterInput {
  /** Present when editing a saved cluster. */
  readonly id?: string;
  readonly name: string;
  readonly publisherHost: string;
  /** The publisher's ports, and every node's unless overridden. */
  readonly ports: EndpointPorts;
  /** OS administrator (admin CLI over SSH). */
  readonly adminUsername: string;
  /** Absent in an edit: keep the stored one. */
  readonly adminPassword?: string;
  /** Application user with the Standard AXL/Serviceability roles (SOAP). */
  readonly appUsername: string;
  readonly appPassword?: string;
  readonly snmp: SnmpCredentialsInput;
  /** The nodes (from discover, possibly edited). Empty: discovered from the publisher at save. */
  readonly nodes: readonly ClusterNodeInput[];
}

/** Where to read an SSH host key and a TLS certificate (no credential is sent). */
export interface IdentifyTarget {
  readonly host: string;
  readonly sshPort: number;
  readonly soapPort: number;
}

/** An SSH host key or a TLS certificate an endpoint presents, compared with its pin. */
export interface EndpointIdentity {
  readonly host: string;
  readonly port: number;
  readonly kind: 'ssh' | 'tls';
  /** Absent when the endpoint could not be reached (then `error`). */
  readonly fingerprintSha256?: string;
  readonly subject?: string;
  readonly notAfterMs?: number;
  /** new: never pinned (consent needed); pinned: matches the pin; changed: differs from the pin (a warning). */
  readonly pin: 'new' | 'pinned' | 'changed';
  readonly pinnedFingerprintSha256?: string;
  readonly error?: ConnectionError;
}

/** A fingerprint the person accepted in the form: pinned at save (a changed key must be accepted explicitly). */
export interface AcceptedKey {
  readonly host: string;
  readonly port: number;
  readonly kind: 'ssh' | 'tls';
  readonly fingerprintSha256: string;
}

/** A node `show network cluster` lists, with the ports it will be reached on. */
export interface DiscoveredNode {
  readonly name: string;
  readonly host: string;
  readonly role: NodeRole;
  readonly ports: EndpointPorts;
  /** The OVA when an interface of the node gives it. */
  readonly ova?: NodeOva;
}

/** Why a connection test failed, in words a person can act on. */
export type ConnectionErrorKind =
  | 'wrongPassword'
  | 'rateLimited'
  | 'certificateUnknown'
  | 'hostKeyChanged'
  | 'portClosed'
  | 'timedOut'
  | 'unreachable'
  | 'noAnswer'
  | 'other';

/** A connection failure: its kind, the stable error code, a message and what to do. */
export interface ConnectionError {
  readonly kind: ConnectionErrorKind;
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
}

/** One protocol towards one node. */
export interface ConnectionTestResult {
  readonly node: string;
  readonly host: string;
  readonly protocol: 'ssh' | 'soap' | 'snmp';
  readonly port: number;
  readonly ok: boolean;
  readonly latencyMs?: number;
  /** What answered (e.g. the node's version, the SNMP sysName). */
  readonly detail?: string;
  readonly error?: ConnectionError;
}

/** A saved cluster as the form shows it: no secret, only whether each is stored. */
export interface ClusterConfigView {
  readonly id: string;
  readonly name: string;
  readonly publisherHost: string;
  readonly ports: EndpointPorts;
  readonly adminUsername: string;
  readonly appUsername: string;
  readonly snmp:
    | { readonly version: '2c'; readonly hasCommunity: boolean }
    | { readonly version: '3'; readonly user: string; readonly authProtocol: 'sha' | 'md5'; readonly privProtocol: 'aes' | 'des'; readonly hasAuthKey: boolean; readonly hasPrivKey: boolean };
  readonly nodes: readonly ClusterNodeInput[];
  readonly hasAdminPassword: boolean;
  readonly hasAppPassword: boolean;
  readonly addedAtMs: number;
}

/** The embedded simulated cluster: switched on or off (kept across restarts), and running now or not. */
export interface EmbeddedClusterState {
  readonly enabled: boolean;
  readonly running: boolean;
  /** Set when it was asked to run and could not (ports taken …). */
  readonly error?: string;
}
