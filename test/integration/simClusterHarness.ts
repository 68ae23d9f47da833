import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SoapRateLimits } from '../../main/core/simulator/endpoints/soap/soapServer.js';
import { ClusterModel } from '../../main/core/simulator/model/clusterModel.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startNodeProtocolEndpoints, type NodeProtocolEndpoints } from '../../main/core/simulator/runtime/nodeProtocolEndpoints.js';
import { netSnmpEnv } from '../helpers/netSnmpEnv.js';

/** A cluster model of the default profile with SNMP and SOAP endpoints on every node (ports 0). */
export interface SimClusterHarness {
  readonly model: ClusterModel;
  readonly endpoints: ReadonlyMap<string, NodeProtocolEndpoints>;
  readonly dir: string;
  /** Endpoints of one node (throws for an unknown one). */
  node(name: string): NodeProtocolEndpoints;
  dispose(): Promise<void>;
}

/** Starts the default profile's model (seed 1) and every node's endpoints; the clock does not move by itself. */
export async function startSimClusterHarness(options: { rateLimits?: SoapRateLimits } = {}): Promise<SimClusterHarness> {
  const profile = loadProfile();
  const model = new ClusterModel(profile, { seed: 1 });
  const dir = mkdtempSync(join(tmpdir(), 'sim-endpoints-'));
  const endpoints = new Map<string, NodeProtocolEndpoints>();
  const ep = profile.endpoints;
  try {
    for (const name of model.nodes.keys()) {
      endpoints.set(name, await startNodeProtocolEndpoints(model, name, {
        snmpPort: 0, soapPort: 0, community: ep.snmpCommunity, v3User: ep.snmpV3, appUser: ep.applicationUser,
        certDir: join(dir, 'certs'), log: () => undefined, ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      }));
    }
  } catch (err) {
    for (const e of endpoints.values()) await e.dispose();
    model.dispose();
    throw err;
  }
  return {
    model,
    endpoints,
    dir,
    node: (name) => {
      const e = endpoints.get(name);
      if (!e) throw new Error(`no endpoints for ${name}`);
      return e;
    },
    dispose: async () => {
      for (const e of endpoints.values()) await e.dispose();
      model.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One finished command. */
export interface RunResult { readonly code: number; readonly stdout: string; readonly stderr: string }

/** Runs a real client (snmp tools, curl) without MIB files, so output is numeric and independent of the host. */
export function run(cmd: string, args: readonly string[], timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, [...args], { env: netSnmpEnv(), timeout: timeoutMs, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Parses `-On -Oq` lines ("OID value") into a map, unquoting strings. */
export function parseWalk(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^(\.[0-9.]+) (.*)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!.replace(/^"(.*)"$/, '$1'));
  }
  return out;
}

/** The values of a walk under a column prefix, by the OID suffix after it. */
export function column(walk: ReadonlyMap<string, string>, prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [oid, value] of walk) if (oid.startsWith(`${prefix}.`)) out.set(oid.slice(prefix.length + 1), value);
  return out;
}

/** A free UDP port on 127.0.0.1 (for daemons that need one on their command line). */
export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Polls `check` every 50 ms until it is true or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
