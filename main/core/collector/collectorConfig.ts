import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../base/errors.js';
import { soapDemandProblem } from './soapDemand.js';

/** A secret given inline or, better, by the name of an environment variable (never logged). */
const secret = z.union([z.string().min(1), z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/) }).strict()]);

const login = z.object({ username: z.string().min(1), password: secret }).strict();

/** One node's endpoints when they are not the standard ports of the discovered hosts (the simulated cluster). */
const nodeEndpoints = z
  .object({
    name: z.string().min(1),
    host: z.string().min(1),
    role: z.enum(['cucm-publisher', 'imp-publisher', 'imp-subscriber', 'unknown']).default('unknown'),
    sshPort: z.number().int().min(1).max(65535).default(22),
    snmpPort: z.number().int().min(1).max(65535).default(161),
    soapPort: z.number().int().min(1).max(65535).default(8443),
    /** PEM of the node's tomcat certificate to trust (pinned); without it the first fingerprint is pinned only with --trust-on-first-use. */
    caFile: z.string().optional(),
  })
  .strict();

/** One monitored cluster. */
export const clusterConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and "-"'),
    name: z.string().min(1),
    publisher: z.string().min(1),
    admin: login,
    application: login,
    snmp: z.union([
      z.object({ version: z.literal('2c'), community: secret }).strict(),
      z.object({ version: z.literal('3'), user: z.string().min(1), authKey: secret, privKey: secret }).strict(),
    ]),
    /** Explicit node endpoints; without them nodes are discovered from the publisher (`show network cluster`). */
    nodes: z.array(nodeEndpoints).optional(),
    intervals: z
      .object({ systemSec: z.number().min(5).default(30), servicesSec: z.number().min(5).default(30), haSec: z.number().min(5).default(60), perfmonSec: z.number().min(5).optional() })
      .strict()
      .superRefine((iv, ctx) => {
        const problem = soapDemandProblem(iv);
        if (problem) ctx.addIssue({ code: 'custom', path: [iv.perfmonSec === undefined ? 'servicesSec' : 'perfmonSec'], message: problem });
      })
      .default({ systemSec: 30, servicesSec: 30, haSec: 60 }),
  })
  .strict();

/** The headless collector's configuration file (YAML or JSON). */
export const collectorConfigSchema = z
  .object({
    storage: z.object({ path: z.string().min(1) }).strict().default({ path: 'imp-monitor.db' }),
    metrics: z.object({ port: z.number().int().min(0).max(65535).default(9464) }).strict().default({ port: 9464 }),
    /** Folder of the key file, encrypted credentials and pinned certificates/host keys. */
    stateDir: z.string().default('.imp-monitor'),
    /** Pin certificates and host keys seen the first time (headless mode has nobody to ask). */
    trustOnFirstUse: z.boolean().default(false),
    clusters: z.array(clusterConfigSchema).min(1),
  })
  .strict();

export type ClusterConfig = z.infer<typeof clusterConfigSchema>;
export type CollectorConfig = z.infer<typeof collectorConfigSchema>;
export type Secret = z.infer<typeof secret>;

/** Resolves a secret from the config or the environment; throws a clear error naming the variable. */
export function resolveSecret(s: Secret, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof s === 'string') return s;
  const v = env[s.env];
  if (v === undefined || v === '') throw new AppError('VALIDATION', `environment variable ${s.env} is not set`);
  return v;
}

/** Reads and validates a collector config file; errors name the field. */
export function loadCollectorConfig(path: string): CollectorConfig {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new AppError('VALIDATION', `cannot read collector config ${path}: ${(err as Error).message}`, { cause: err });
  }
  const r = collectorConfigSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new AppError('VALIDATION', `collector config ${path} is not valid:\n${lines}`);
  }
  return r.data;
}
