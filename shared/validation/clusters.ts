/**
 * Schemas of the clusters namespace (issue 15): the Add/Edit cluster form, identify targets and accepted keys.
 * Pure (no Node, no DOM). Used by the IPC router (ipcArguments.ts) and by ClusterAdmin before anything is stored, so a
 * bad form is refused whole, naming the field, and changes nothing.
 */
import { z } from 'zod';
import type { AcceptedKey, ClusterInput, IdentifyTarget } from '../model/clusters.js';

const MAX_NAME = 255;
/** Most nodes of one cluster (a CUCM publisher and up to 6 IM&P subclusters of 2, with room for CUCM subscribers). */
export const MAX_CLUSTER_NODES = 64;

const name = z.string().trim().min(1, 'must not be empty').max(MAX_NAME);
const userName = z.string().min(1, 'must not be empty').max(MAX_NAME).regex(/^[^\s:]+$/, 'a user name without blanks or colons');
const secret = z.string().min(1, 'must not be empty').max(1024);
const port = z.number().int().min(1).max(65_535);
/** A host name or an IP address (IPv6 with or without brackets); no blanks, no URL. */
export const clusterHostSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253)
  .regex(/^[A-Za-z0-9.:_[\]-]+$/, 'a host name or IP address');
/** `SHA256:<base64>` (SSH, as OpenSSH prints it) or `AA:BB:…` (TLS, 32 hex pairs). */
const fingerprint = z
  .string()
  .min(8)
  .max(200)
  .regex(/^(SHA256:[A-Za-z0-9+/]{43}=?|([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2})$/, 'an SSH SHA256:… or a TLS AA:BB:… fingerprint');

const endpointPorts = z.strictObject({ ssh: port, soap: port, snmp: port });
const nodeRole = z.enum(['cucm-publisher', 'imp-publisher', 'imp-subscriber', 'unknown']);
/** The OVA sizes of the guide's virtualization table (L784-795: 500 … 25000 users). */
export const OVA_USER_SIZES = [500, 1000, 2000, 5000, 15000, 25000] as const;

const nodeInput = z.strictObject({
  name: z.string().min(1, 'must not be empty').max(MAX_NAME).regex(/^[A-Za-z0-9._-]+$/, 'a host name'),
  host: clusterHostSchema,
  role: nodeRole,
  ports: z.strictObject({ ssh: port.optional(), soap: port.optional(), snmp: port.optional() }).optional(),
  ovaUsers: z
    .number()
    .int()
    .refine((n) => (OVA_USER_SIZES as readonly number[]).includes(n), `one of the OVA sizes ${OVA_USER_SIZES.join(', ')}`)
    .optional(),
});

const snmpInput = z.discriminatedUnion('version', [
  z.strictObject({ version: z.literal('2c'), community: secret.optional() }),
  z.strictObject({
    version: z.literal('3'),
    user: userName,
    authProtocol: z.enum(['sha', 'md5']),
    authKey: z.string().min(8, 'at least 8 characters (USM)').max(1024).optional(),
    privProtocol: z.enum(['aes', 'des']),
    privKey: z.string().min(8, 'at least 8 characters (USM)').max(1024).optional(),
  }),
]);

export const clusterInputSchema: z.ZodType<ClusterInput> = z
  .strictObject({
    id: z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'a cluster id').optional(),
    name,
    publisherHost: clusterHostSchema,
    ports: endpointPorts,
    adminUsername: userName,
    adminPassword: secret.optional(),
    appUsername: userName,
    appPassword: secret.optional(),
    snmp: snmpInput,
    nodes: z.array(nodeInput).max(MAX_CLUSTER_NODES),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.nodes.forEach((n, i) => {
      const key = n.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'name'], message: `node ${n.name} is listed twice` });
      seen.add(key);
    });
  });

export const identifyTargetsSchema: z.ZodType<readonly IdentifyTarget[]> = z
  .array(z.strictObject({ host: clusterHostSchema, sshPort: port, soapPort: port }))
  .min(1, 'at least one endpoint')
  .max(MAX_CLUSTER_NODES);

export const acceptedKeysSchema: z.ZodType<readonly AcceptedKey[]> = z
  .array(z.strictObject({ host: clusterHostSchema, port, kind: z.enum(['ssh', 'tls']), fingerprintSha256: fingerprint }))
  .max(MAX_CLUSTER_NODES * 2);

/** Parses a ClusterInput; problems as "path: message" (for ClusterAdmin and the command line). */
export function parseClusterInput(raw: unknown): { ok: true; value: ClusterInput } | { ok: false; problems: string[] } {
  const r = clusterInputSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, problems: r.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`) };
}
