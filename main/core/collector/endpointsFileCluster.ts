import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../base/errors.js';
import type { NodeRole } from '../../../shared/model/cluster.js';
import type { ClusterSpec } from './collector.js';
import type { NodeTargets } from './nodeRuntime.js';

const login = z.object({ host: z.string(), port: z.number().int(), username: z.string(), password: z.string() });

/** The published `--endpoints-file` format of `npm run sim` (README); read as plain JSON, never by importing the simulator. */
const endpointsFileSchema = z.object({
  nodes: z.array(
    z.object({
      name: z.string(),
      role: z.string(),
      cluster: z.string(),
      ssh: login,
      snmp: z.object({ host: z.string(), port: z.number().int(), community: z.string(), v3: z.object({ user: z.string(), authKey: z.string(), privKey: z.string() }).optional() }),
      soap: z.object({ host: z.string(), port: z.number().int(), username: z.string(), password: z.string(), caFile: z.string() }),
      hostKeyFingerprint: z.string().optional(),
    }),
  ),
  /** The simulated cluster's DRS SFTP backup server (issue 13), offered as a backup device. */
  backupServer: login.optional(),
});

/** Endpoints of a cluster whose nodes answer on non-standard ports (the embedded simulated cluster). */
export type EndpointsDocument = z.infer<typeof endpointsFileSchema>;

/** Parses an endpoints document; errors name the field. */
export function parseEndpointsDocument(raw: unknown): EndpointsDocument {
  const r = endpointsFileSchema.safeParse(raw);
  if (!r.success) throw new AppError('VALIDATION', `not an endpoints file: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

/** Reads an endpoints file from disk. */
export function readEndpointsFile(path: string): EndpointsDocument {
  try {
    return parseEndpointsDocument(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('VALIDATION', `cannot read endpoints file ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function role(text: string): NodeRole {
  return text === 'cucm-publisher' || text === 'imp-publisher' || text === 'imp-subscriber' ? text : 'unknown';
}

/**
 * A cluster spec from an endpoints document: every node with its SSH (host key pinned from the document),
 * SNMP (v3 authPriv when given, else v2c) and SOAP (its certificate, read from caFile, pinned) endpoints.
 */
export function clusterSpecFromEndpoints(doc: EndpointsDocument, options: { id: string; name?: string; simulated: boolean; snmpVersion?: 'v2c' | 'v3' }): ClusterSpec {
  const nodes: NodeTargets[] = doc.nodes.map((n) => {
    const base = { cluster: options.id, node: n.name };
    const useV3 = options.snmpVersion === 'v3' && n.snmp.v3 !== undefined;
    return {
      cluster: options.id,
      name: n.name,
      host: n.ssh.host,
      role: role(n.role),
      snmp: useV3
        ? { ...base, host: n.snmp.host, port: n.snmp.port, version: 'v3', v3: { user: n.snmp.v3!.user, authProtocol: 'sha', authKey: n.snmp.v3!.authKey, privProtocol: 'aes', privKey: n.snmp.v3!.privKey } }
        : { ...base, host: n.snmp.host, port: n.snmp.port, version: 'v2c', community: n.snmp.community },
      soap: { ...base, host: n.soap.host, port: n.soap.port, username: n.soap.username, password: n.soap.password, pin: { pem: readFileSync(n.soap.caFile, 'utf8') } },
      ssh: { ...base, host: n.ssh.host, port: n.ssh.port, username: n.ssh.username, password: n.ssh.password, hostKeyFingerprint: n.hostKeyFingerprint },
    };
  });
  const publisher = nodes.find((n) => n.role === 'imp-publisher') ?? nodes[0];
  return {
    id: options.id, name: options.name ?? doc.nodes[0]?.cluster ?? options.id, publisherHost: publisher?.host ?? '127.0.0.1', simulated: options.simulated, nodes,
    ...(doc.backupServer ? { backupServer: doc.backupServer } : {}),
  };
}
