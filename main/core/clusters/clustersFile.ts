/**
 * `<state>/clusters.json` (issue 15): the saved clusters' settings — never a secret (those are in the credential store
 * under `cluster/<id>/admin|application|snmp`) — and whether the embedded simulated cluster runs. Written atomically,
 * 0600 (base/jsonStateFile.ts).
 */
import { z } from 'zod';
import type { ClusterNodeInput, EndpointPorts } from '../../../shared/model/clusters.js';

const port = z.number().int().min(1).max(65_535);
const ports = z.object({ ssh: port, soap: port, snmp: port });

const storedNode = z.object({
  name: z.string().min(1),
  host: z.string().min(1),
  role: z.enum(['cucm-publisher', 'imp-publisher', 'imp-subscriber', 'unknown']),
  ports: z.object({ ssh: port.optional(), soap: port.optional(), snmp: port.optional() }).optional(),
  ovaUsers: z.number().int().positive().optional(),
});

const storedCluster = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  publisherHost: z.string().min(1),
  ports,
  adminUsername: z.string().min(1),
  appUsername: z.string().min(1),
  snmp: z.discriminatedUnion('version', [
    z.object({ version: z.literal('2c') }),
    z.object({ version: z.literal('3'), user: z.string().min(1), authProtocol: z.enum(['sha', 'md5']), privProtocol: z.enum(['aes', 'des']) }),
  ]),
  nodes: z.array(storedNode),
  addedAtMs: z.number().int(),
});

export const clustersFileSchema = z.object({
  version: z.literal(1),
  /** The embedded simulated cluster is switched on (default) or off. */
  embeddedEnabled: z.boolean().default(true),
  clusters: z.array(storedCluster).default([]),
});

/** One saved cluster: the form's settings without its secrets. */
export interface StoredCluster {
  readonly id: string;
  readonly name: string;
  readonly publisherHost: string;
  readonly ports: EndpointPorts;
  readonly adminUsername: string;
  readonly appUsername: string;
  readonly snmp: { readonly version: '2c' } | { readonly version: '3'; readonly user: string; readonly authProtocol: 'sha' | 'md5'; readonly privProtocol: 'aes' | 'des' };
  readonly nodes: readonly ClusterNodeInput[];
  readonly addedAtMs: number;
}

export interface ClustersFile {
  readonly version: 1;
  readonly embeddedEnabled: boolean;
  readonly clusters: readonly StoredCluster[];
}

export const CLUSTERS_FILE_NAME = 'clusters.json';

/** The credential ids of a cluster's secrets. */
export function secretIds(id: string): { admin: string; application: string; snmp: string } {
  return { admin: `cluster/${id}/admin`, application: `cluster/${id}/application`, snmp: `cluster/${id}/snmp` };
}

/** The ports a node is reached on: its overrides, else the cluster's. */
export function nodePorts(cluster: { readonly ports: EndpointPorts }, node: Pick<ClusterNodeInput, 'ports'>): EndpointPorts {
  return { ssh: node.ports?.ssh ?? cluster.ports.ssh, soap: node.ports?.soap ?? cluster.ports.soap, snmp: node.ports?.snmp ?? cluster.ports.snmp };
}
