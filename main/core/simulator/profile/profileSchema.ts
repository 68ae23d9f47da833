import { z } from 'zod';
import { TRACE_SETS } from '../model/logs/traceCatalog.js';
import { backupServerAddress, DEFAULT_ADDRESS_BASE, isLoopbackHostAddress, nodeAddress } from './loopbackAddresses.js';

// The simulated cluster's topology. Facts from ../shared/docs/seed-inventory.md; guide lines cited.

/** OVA sizes (users per node) the guide names: 5K/15K/25K for JSM capacity (L6999-7017), smaller full-UC profiles (L12177-12468). */
export const OVA_SIZES = [500, 1000, 2000, 5000, 15000, 25000] as const;
export type OvaSize = (typeof OVA_SIZES)[number];

/** Node roles in an IM&P deployment: the CUCM publisher plus IM&P database publisher and subscribers. */
export const NODE_ROLES = ['cucm-publisher', 'imp-publisher', 'imp-subscriber'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

/** User Assignment Mode for Presence Server (guide L2200-2214): Balanced (default), Active-Standby, None. */
export const USER_ASSIGNMENT_MODES = ['balanced', 'active-standby', 'none'] as const;
export type UserAssignmentMode = (typeof USER_ASSIGNMENT_MODES)[number];

/** Jabber device kinds the User Session Report distinguishes; Android reports as Desktop (guide L7019-7045). */
export const DEVICE_KINDS = ['Desktop', 'iPhone', 'iPad', 'Android'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

const hostname = z
  .string()
  .regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, 'must be a host name of 1-63 letters, digits and hyphens (guide 14.4)');

/** A simulated address: 127.0.0.0/8 only, so the simulator and its users never send a packet outside loopback. */
const loopbackAddress = z
  .ipv4()
  .refine(isLoopbackHostAddress, { message: 'must be a loopback address in 127.0.0.0/8 (e.g. 127.0.10.11): a simulated node never reports or uses an address outside loopback' });

const credential = z.object({ username: z.string().min(1), password: z.string().min(1) }).strict();

const nodeSchema = z
  .object({
    name: hostname,
    role: z.enum(NODE_ROLES),
    ova: z.union(OVA_SIZES.map((n) => z.literal(n)) as unknown as [z.ZodLiteral<OvaSize>, z.ZodLiteral<OvaSize>]).default(15000),
    /** The address the node reports and listens on; must be in 127.0.0.0/8 (default: `endpoints.addressBase` + its index). */
    ipAddress: loopbackAddress.optional(),
    /**
     * This node's software version when it differs from the cluster's (`version`, or `cucmVersion` for the CUCM
     * publisher): a node left behind by an interrupted upgrade or switch-version, which the monitor must show as
     * SystemVersionMismatched (serviceability-reference.md A.5).
     */
    version: z.string().regex(/^\d+\.\d+\.\d+\.\d+-\d+$/, 'must look like 14.0.1.11900-4').optional(),
  })
  .strict();

/** PRG name: unique, at most 128 letters, digits, underscore or hyphen (guide L2100-2133). */
const prgSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be 1-128 letters, digits, "_" or "-" (guide L2100-2133)'),
    nodes: z.array(hostname).min(1).max(2, 'a presence redundancy group holds one node or a pair (guide L2016)'),
    highAvailability: z.boolean().default(true),
  })
  .strict();

const deviceMix = z
  .object({
    Desktop: z.number().min(0).default(1),
    iPhone: z.number().min(0).default(0.45),
    iPad: z.number().min(0).default(0.15),
    Android: z.number().min(0).default(0.2),
  })
  .strict();

const usersSchema = z
  .object({
    count: z.number().int().min(0).max(75000, 'at most 75,000 users per cluster (guide L973)'),
    /** Probability of each device kind per user (Desktop is almost always there); 1-3 devices per user. */
    deviceMix: deviceMix.default({ Desktop: 1, iPhone: 0.45, iPad: 0.15, Android: 0.2 }),
    pushEnabledRatio: z.number().min(0).max(1).default(0.3),
    hybridRatio: z.number().min(0).max(1).default(0.02),
    /** Share of users logged in at the busiest hour. */
    peakLoginRatio: z.number().min(0).max(1).default(0.85),
    idPrefix: z.string().regex(/^[a-z][a-z0-9._-]*$/).default('user'),
  })
  .strict();

/** Cisco Server Recovery Manager service parameters with the guide's defaults (L2135-2170). */
const srmSchema = z
  .object({
    criticalServiceDownDelaySec: z.number().int().min(1).default(90),
    heartbeatIntervalSec: z.number().int().min(1).default(15),
    heartbeatTimeoutSec: z.number().int().min(1).default(60),
    initializationHeartbeatTimeoutSec: z.number().int().min(1).default(120),
    automaticFallback: z.boolean().default(false),
    xcpAuthServiceMonitoring: z.boolean().default(false),
    clientReLoginLowerLimitSec: z.number().int().min(0).default(120),
    clientReLoginUpperLimitSec: z.number().int().min(0).default(537),
  })
  .strict();

const featuresSchema = z
  .object({
    multipleDeviceMessaging: z.boolean().default(true),
    persistentChatHa: z.boolean().default(false),
    managedFileTransfer: z.boolean().default(true),
    /** MFT external file server free-space thresholds, percent (guide L8145-8219: lower 10, upper 15). */
    mftFreeSpaceLowerPct: z.number().min(0).max(100).default(10),
    mftFreeSpaceUpperPct: z.number().min(0).max(100).default(15),
  })
  .strict();

const endpointsSchema = z
  .object({
    /** Where every endpoint listens when the OS has no 127/8 aliases (macOS): 127.0.0.1 with a block of ports per node. */
    host: z.literal('127.0.0.1').default('127.0.0.1'),
    /**
     * First node's address (README, "The simulated cluster on its own"): node i reports and listens on addressBase + i
     * with the same ports as every other node; the backup server takes the address just below. Give a second
     * simulated cluster another base (e.g. 127.0.11.11) so the two never collide.
     */
    addressBase: loopbackAddress.default(DEFAULT_ADDRESS_BASE),
    /**
     * First port: SSH basePort, SNMP +1, HTTPS SOAP +2 on every node's own address (127.0.0.1 fallback: node i
     * takes basePort + 10*i + offset); the backup server basePort + 99. Stable across runs. 0 = free ports.
     */
    basePort: z.number().int().min(0).max(65000).default(42000),
    admin: credential.default({ username: 'admin', password: 'Admin123!' }),
    applicationUser: credential.default({ username: 'appadmin', password: 'AppAdmin123!' }),
    snmpCommunity: z.string().min(1).default('public'),
    snmpV3: z
      .object({ user: z.string().min(1), authKey: z.string().min(8), privKey: z.string().min(8) })
      .strict()
      .default({ user: 'impmon', authKey: 'authpass123', privKey: 'privpass123' }),
    backupServer: credential.default({ username: 'drsbackup', password: 'Backup123!' }),
  })
  .strict();

const logsSchema = z
  .object({
    /** Size of each rotated trace file generated at start, bytes. */
    traceFileBytes: z.number().int().min(256).max(1024 * 1024 * 1024).default(256 * 1024),
    /** Rotated files kept per trace set. */
    rotatedFiles: z.number().int().min(1).max(50).default(3),
    /** Size at which the active file rotates. */
    rotateAtBytes: z.number().int().min(1024).default(1024 * 1024),
    /**
     * Size of each rotated file of some trace sets instead of traceFileBytes, by trace set id (traceCatalog.ts
     * TRACE_SETS, e.g. `xcp_sip_fed`): big files for the trace collection tests and bench (profiles/big-traces.yaml)
     * without making every set big.
     */
    traceFileBytesBySet: z
      .record(z.string(), z.number().int().min(256).max(1024 * 1024 * 1024))
      .default({})
      .superRefine((bySet, ctx) => {
        for (const id of Object.keys(bySet)) {
          if (!TRACE_SETS.some((d) => d.id === id)) ctx.addIssue({ code: 'custom', path: [id], message: `unknown trace set "${id}" (one of ${TRACE_SETS.map((d) => d.id).join(', ')})` });
        }
      }),
  })
  .strict();

/** A host the simulated diagnostics name: a 127.0.0.0/8 address or a name under a reserved domain (RFC 2606), optional `:port`. */
const diagnosticHost = z
  .string()
  .regex(/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/, 'must be host or host:port')
  .refine((v) => {
    const host = v.replace(/:\d+$/, '');
    return isLoopbackHostAddress(host) || /\.(example\.(com|org|net)|test|invalid|localhost)$/i.test(host);
  }, { message: 'must be an address in 127.0.0.0/8 or a name under example.com/.org/.net, .test, .invalid or .localhost: the simulator names no real host' });

const diagnosticServer = z.object({ name: diagnosticHost, healthy: z.boolean().default(true) }).strict();
const interclusterPeer = z.object({ name: diagnosticHost, healthy: z.boolean().default(true), certificateExchanged: z.boolean().default(true) }).strict();

/**
 * What `utils diagnose module <name>` checks beyond the node itself (designed: no real sample; reports-design.md,
 * serviceability-reference D.9). Defaults: two healthy LDAP servers, one intercluster peer (the second simulated
 * cluster's address), nothing else configured (calendar, compliance, third-party LDAP, Microsoft RCC off).
 */
const diagnosticsSchema = z
  .object({
    ldapServers: z.array(diagnosticServer).default([
      { name: 'ldap1.example.com:389', healthy: true },
      { name: 'ldap2.example.com:636', healthy: true },
    ]),
    thirdPartyLdapServers: z.array(diagnosticServer).default([]),
    interclusterPeers: z.array(interclusterPeer).default([{ name: '127.0.11.11', healthy: true, certificateExchanged: true }]),
    calendarServers: z.array(diagnosticServer).default([]),
    complianceServers: z.array(diagnosticServer).default([]),
    /** Microsoft Remote Call Control gateways; empty = the feature is off. */
    msrccServers: z.array(diagnosticServer).default([]),
  })
  .strict();

/** A simulated cluster profile (JSON or YAML). Every field but nodes, groups and users has a default. */
export const profileSchema = z
  .object({
    name: z.string().min(1).default('imp-cluster'),
    domain: z.string().regex(/^[A-Za-z0-9.-]{1,255}$/, 'must be a DNS domain of at most 255 characters (guide 14.6)').default('example.com'),
    /** Software version string shown by `show version active` (IM&P 14SU1 = 14.0.1.11900-x). */
    version: z.string().regex(/^\d+\.\d+\.\d+\.\d+-\d+$/, 'must look like 14.0.1.11900-4').default('14.0.1.11900-4'),
    cucmVersion: z.string().regex(/^\d+\.\d+\.\d+\.\d+-\d+$/).default('14.0.1.11900-132'),
    securityPassword: z.string().min(8, 'the cluster security password has at least 8 characters').default('Security123!'),
    userAssignmentMode: z.enum(USER_ASSIGNMENT_MODES).default('balanced'),
    nodes: z.array(nodeSchema).min(2).max(7, 'at most six IM&P nodes per cluster (guide L972) plus the CUCM publisher'),
    presenceRedundancyGroups: z.array(prgSchema).min(1),
    users: usersSchema,
    srm: srmSchema.default(srmSchema.parse({})),
    features: featuresSchema.default(featuresSchema.parse({})),
    endpoints: endpointsSchema.default(endpointsSchema.parse({})),
    logs: logsSchema.default(logsSchema.parse({})),
    diagnostics: diagnosticsSchema.default(diagnosticsSchema.parse({})),
  })
  .strict()
  .superRefine((p, ctx) => {
    const names = new Set<string>();
    p.nodes.forEach((n, i) => {
      if (names.has(n.name)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'name'], message: `duplicate node name "${n.name}"` });
      names.add(n.name);
    });
    const roleCount = (r: NodeRole): number => p.nodes.filter((n) => n.role === r).length;
    if (roleCount('cucm-publisher') !== 1) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'exactly one node must have role cucm-publisher' });
    if (roleCount('imp-publisher') !== 1) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'exactly one node must have role imp-publisher (the IM&P database publisher)' });
    if (roleCount('imp-publisher') + roleCount('imp-subscriber') > 6) ctx.addIssue({ code: 'custom', path: ['nodes'], message: 'at most six IM&P nodes per cluster (guide L972)' });
    const inGroup = new Map<string, number>();
    const prgNames = new Set<string>();
    p.presenceRedundancyGroups.forEach((g, gi) => {
      if (prgNames.has(g.name)) ctx.addIssue({ code: 'custom', path: ['presenceRedundancyGroups', gi, 'name'], message: `duplicate group name "${g.name}"` });
      prgNames.add(g.name);
      g.nodes.forEach((name, ni) => {
        const node = p.nodes.find((n) => n.name === name);
        if (!node) ctx.addIssue({ code: 'custom', path: ['presenceRedundancyGroups', gi, 'nodes', ni], message: `unknown node "${name}"` });
        else if (node.role === 'cucm-publisher') ctx.addIssue({ code: 'custom', path: ['presenceRedundancyGroups', gi, 'nodes', ni], message: `"${name}" is the CUCM publisher; groups hold IM&P nodes` });
        if (inGroup.has(name)) ctx.addIssue({ code: 'custom', path: ['presenceRedundancyGroups', gi, 'nodes', ni], message: `"${name}" is already in another group; a node belongs to one group (guide L2031)` });
        inGroup.set(name, gi);
      });
      if (g.nodes.length === 2 && g.nodes[0] === g.nodes[1]) ctx.addIssue({ code: 'custom', path: ['presenceRedundancyGroups', gi, 'nodes'], message: 'a pair needs two different nodes (guide L2100-2133)' });
    });
    p.nodes.forEach((n, i) => {
      if (n.role !== 'cucm-publisher' && !inGroup.has(n.name)) ctx.addIssue({ code: 'custom', path: ['nodes', i, 'name'], message: `IM&P node "${n.name}" must belong to a presence redundancy group (guide L2016)` });
    });
    const addresses = new Map<string, string>([[backupServerAddress(p), 'the DRS backup server']]);
    p.nodes.forEach((n, i) => {
      const address = nodeAddress(p, i);
      const path = n.ipAddress === undefined ? ['endpoints', 'addressBase'] : ['nodes', i, 'ipAddress'];
      if (!isLoopbackHostAddress(address)) ctx.addIssue({ code: 'custom', path, message: `node "${n.name}" would get ${address}, outside 127.0.0.0/8: choose a lower addressBase` });
      const holder = addresses.get(address);
      if (holder) ctx.addIssue({ code: 'custom', path, message: `node "${n.name}" would get ${address}, already ${holder}'s address` });
      addresses.set(address, `node "${n.name}"`);
    });
    if (!isLoopbackHostAddress(backupServerAddress(p))) ctx.addIssue({ code: 'custom', path: ['endpoints', 'addressBase'], message: 'the DRS backup server takes the address below addressBase: use 127.0.0.2 or above' });
    const capacity = p.nodes.filter((n) => n.role !== 'cucm-publisher').reduce((sum, n) => sum + n.ova, 0);
    if (p.users.count > capacity) ctx.addIssue({ code: 'custom', path: ['users', 'count'], message: `${p.users.count} users exceed the IM&P nodes' OVA capacity of ${capacity}` });
    if (p.features.mftFreeSpaceLowerPct > p.features.mftFreeSpaceUpperPct) ctx.addIssue({ code: 'custom', path: ['features', 'mftFreeSpaceLowerPct'], message: 'the lower free-space threshold must not exceed the upper one (guide L8160)' });
  });

/** A validated profile with every default filled in. */
export type SimProfile = z.infer<typeof profileSchema>;
/** The profile as written in a file (defaults optional). */
export type SimProfileInput = z.input<typeof profileSchema>;
/** The profile's `diagnostics` section with its defaults. */
export type SimDiagnosticsProfile = SimProfile['diagnostics'];
/** One node of a profile. */
export type SimProfileNode = SimProfile['nodes'][number];
