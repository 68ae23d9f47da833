import { X509Certificate, createPrivateKey, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../../base/jsonStateFile.js';
import { createNodeCertificate, type NodeCertificate } from '../endpoints/soap/nodeCertificate.js';

/** A node's tomcat identity and the PEM clients trust (`caFile`). */
export interface StoredNodeCertificate extends NodeCertificate {
  readonly caFile: string;
}

/** What {@link loadOrCreateNodeCertificate} needs. */
export interface NodeCertificateRequest {
  /** The per-profile folder that keeps the identities ({@link defaultSimIdentityDir}). */
  readonly dir: string;
  readonly nodeName: string;
  /** The address the node listens on; the certificate must name it (IP SAN). */
  readonly address: string;
  /** Key derivation seed of a new certificate. */
  readonly seed: string;
  /** Now, for the validity check (real time: TLS clients check against their own clock). */
  readonly nowMs?: number;
}

/** A certificate closer than this to its end is replaced at start. */
const RENEW_BEFORE_MS = 86_400_000;

/**
 * Where a profile's simulated nodes keep their tomcat certificates across runs: `$IMP_SIM_STATE_DIR/<profile>`,
 * else `<IMP_MONITOR_STATE_DIR or ~/.imp-monitor>/simulator/<profile>`.
 */
export function defaultSimIdentityDir(profileName: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env.IMP_SIM_STATE_DIR ?? join(env.IMP_MONITOR_STATE_DIR ?? join(homedir(), '.imp-monitor'), 'simulator');
  return join(root, profileName.replace(/[^A-Za-z0-9._-]/g, '_'));
}

/**
 * A real node keeps its tomcat certificate across restarts, so a monitor that pinned it keeps connecting (the
 * SSH host keys are stable the same way: derived from profile and node name, endpoints/ssh/hostKey.ts). The
 * certificate and key live in `<dir>/<node>-<address>-tomcat.identity.pem`; a new one is made only when that file is
 * missing, unreadable, expired (or within a day of it), not yet valid, or does not name the node and its
 * address. Concurrent starts of the same profile agree: a new file is linked in only if none appeared meanwhile.
 */
export async function loadOrCreateNodeCertificate(req: NodeCertificateRequest): Promise<StoredNodeCertificate> {
  await mkdir(req.dir, { recursive: true, mode: 0o700 });
  // Keyed by node and address: two runs of a profile at different addresses (fallback vs own address) never
  // overwrite each other's certificate while one of them serves it.
  const stem = `${req.nodeName}-${req.address}-tomcat`;
  const identityFile = join(req.dir, `${stem}.identity.pem`);
  const caFile = join(req.dir, `${stem}.pem`);
  let cert = await readValid(identityFile, req);
  if (!cert) {
    const created = await createNodeCertificate({ commonName: req.nodeName, seed: req.seed, ipAddresses: [req.address] });
    const made = { keyPem: normalizePem(created.keyPem), certPem: normalizePem(created.certPem) };
    const tmp = `${identityFile}.${randomUUID()}.tmp`;
    await writeFile(tmp, `${made.keyPem}${made.certPem}`, { mode: 0o600 });
    try {
      await link(tmp, identityFile); // missing: ours wins unless another start linked one first
      cert = made;
    } catch {
      cert = await readValid(identityFile, req); // another start's certificate, if it is good
      if (!cert) {
        await rename(tmp, identityFile); // present but bad: replace it
        cert = made;
      }
    } finally {
      await rm(tmp, { force: true });
    }
  }
  // The certificate alone, for clients' --cacert: world-readable like any certificate, replaced atomically.
  await writeFileAtomic(caFile, cert.certPem, 0o644);
  return { ...cert, caFile };
}

async function readValid(file: string, req: NodeCertificateRequest): Promise<NodeCertificate | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  const keyPem = /-----BEGIN ([A-Z ]*)PRIVATE KEY-----[\s\S]+?-----END \1PRIVATE KEY-----\n?/.exec(text)?.[0];
  const certPem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(text)?.[0];
  if (!keyPem || !certPem) return undefined;
  try {
    const x509 = new X509Certificate(certPem);
    const now = req.nowMs ?? Date.now();
    if (Date.parse(x509.validFrom) > now || Date.parse(x509.validTo) - RENEW_BEFORE_MS < now) return undefined;
    if (!x509.checkPrivateKey(createPrivateKey(keyPem))) return undefined;
    if (x509.checkHost(req.nodeName) === undefined || x509.checkIP(req.address) === undefined) return undefined;
    return { keyPem: normalizePem(keyPem), certPem: normalizePem(certPem) };
  } catch {
    return undefined;
  }
}

function normalizePem(pem: string): string {
  return `${pem.replace(/\r\n/g, '\n').trim()}\n`;
}
