/**
 * The server's config file (`npm run server -- --config FILE`, JSON), checked with zod; every problem names its
 * field. Relative paths (tls files, dataDir) resolve against the config file's folder. The command line beats it.
 *
 *   { "listen": "0.0.0.0:8443", "tls": { "certFile": "server.pem", "keyFile": "server.key" },
 *     "publicHosts": ["noc.example.com"], "dataDir": "/var/lib/imp-monitor",
 *     "sessions": { "idleTimeoutSec": 1800, "maxAgeSec": 43200 }, "lockout": { "maxFailures": 5, "lockSec": 900 },
 *     "embeddedSimulator": { "enabled": false }, "metrics": { "listen": "127.0.0.1:9464" } }
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../base/errors.js';
import { parseListen, type ListenAddress } from './listenAddress.js';

const listenText = (what: string) =>
  z.string().transform((s, ctx): ListenAddress => {
    try {
      return parseListen(s, what);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  });

const seconds = (max: number) => z.number().int('must be a whole number of seconds').min(1, 'must be at least 1').max(max, `must be at most ${max}`);

/** A host name or address clients type (optionally `:port`), as the Host header carries it. */
const publicHost = z
  .string()
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]{0,252}))(:\d{1,5})?$/, 'must be a host name or address, optionally with :PORT (e.g. noc.example.com or noc.example.com:8443)');

const configSchema = z.strictObject({
  listen: listenText('listen').optional(),
  tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
  dataDir: z.string().min(1).optional(),
  publicHosts: z.array(publicHost).max(32).optional(),
  sessions: z.strictObject({ idleTimeoutSec: seconds(7 * 86_400).optional(), maxAgeSec: seconds(30 * 86_400).optional() }).optional(),
  lockout: z.strictObject({ maxFailures: z.number().int().min(1).max(100).optional(), lockSec: seconds(7 * 86_400).optional() }).optional(),
  embeddedSimulator: z
    .strictObject({
      enabled: z.boolean().optional(),
      basePort: z.number().int().min(0).max(65_000).optional(),
      scenario: z.string().min(1).nullable().optional(),
    })
    .optional(),
  metrics: z.strictObject({ listen: listenText('metrics.listen').optional() }).optional(),
});

/** A checked config, paths absolute. */
export type ServerConfig = z.output<typeof configSchema>;

/** Checks a parsed config; relative paths against `baseDir`. VALIDATION listing every problem with its field. */
export function parseServerConfig(raw: unknown, source: string, baseDir: string): ServerConfig {
  const r = configSchema.safeParse(raw);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  - ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
    throw new AppError('VALIDATION', `${source} is not a valid server config:\n${lines.join('\n')}`);
  }
  const c = r.data;
  const abs = (p: string) => path.resolve(baseDir, p);
  return {
    ...c,
    ...(c.tls ? { tls: { certFile: abs(c.tls.certFile), keyFile: abs(c.tls.keyFile) } } : {}),
    ...(c.dataDir ? { dataDir: abs(c.dataDir) } : {}),
  };
}

/** Reads and checks a config file (JSON). */
export async function loadServerConfig(file: string): Promise<ServerConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('VALIDATION', `cannot read the server config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new AppError('VALIDATION', `the server config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseServerConfig(raw, `the server config ${file}`, path.dirname(file));
}
