import { readFileSync } from 'node:fs';
import { AppError } from '../base/errors.js';
import type { PinnedTrustStore } from '../credentials/pinnedTrustStore.js';
import { fetchServerCertificate } from '../polling/soap/tlsPinning.js';
import { fetchSshHostKeyFingerprint } from '../polling/ssh/sshCliSession.js';

/** How the headless collector settles the identity of a node it has never seen (no one to ask). */
export interface TrustPolicy {
  readonly trust: PinnedTrustStore;
  /** Pin what is presented the first time (config `trustOnFirstUse: true`); otherwise refuse with how to pin. */
  readonly trustOnFirstUse: boolean;
  /** Path of the config file, named in error messages. */
  readonly configPath?: string;
}

/** The trusted identities of one node: the SSH host key fingerprint and the tomcat certificate PEM. */
export interface TrustedNode {
  readonly sshFingerprint: string;
  readonly pem: string;
}

function howToPin(policy: TrustPolicy): string {
  const where = policy.configPath ? ` in ${policy.configPath}` : '';
  return `set "trustOnFirstUse: true"${where} to pin the identities seen on the next start, or give the node's certificate with "caFile"`;
}

/**
 * Checks (and with trust on first use, pins) a node's SSH host key and TLS certificate against the trust store.
 * A changed key is always refused (issue 4: "a changed key is refused with a clear error"); an unknown one is
 * refused unless trust on first use is on. A `caFile` pins that certificate explicitly (imported trust).
 */
export async function trustNode(policy: TrustPolicy, node: { name: string; host: string; sshPort: number; soapPort: number; caFile?: string | undefined }): Promise<TrustedNode> {
  const { trust } = policy;
  const ssh = await fetchSshHostKeyFingerprint(node.host, node.sshPort, node.name);
  if (!ssh.ok) throw new AppError('PRECONDITION', `cannot read the SSH host key of ${node.name} (${node.host}:${node.sshPort}): ${ssh.error.message}`, { cause: ssh.error });
  const sshVerdict = trust.verify('ssh', node.host, node.sshPort, ssh.fingerprint);
  if (sshVerdict === 'mismatch') {
    throw new AppError('PRECONDITION', `the SSH host key of ${node.name} (${node.host}:${node.sshPort}) changed since it was pinned (now ${ssh.fingerprint}); refusing to connect. If the change is expected, remove its pin from the trust store and start again`);
  }
  if (sshVerdict === 'unknown') {
    if (!policy.trustOnFirstUse) throw new AppError('PRECONDITION', `the SSH host key of ${node.name} (${node.host}:${node.sshPort}) is not pinned (${ssh.fingerprint}); ${howToPin(policy)}`);
    await trust.pin({ kind: 'ssh', host: node.host, port: node.sshPort, fingerprint: ssh.fingerprint });
  }

  let cert: { pem: string; sha256: string };
  try {
    cert = await fetchServerCertificate(node.host, node.soapPort);
  } catch (err) {
    throw new AppError('PRECONDITION', `cannot read the certificate of ${node.name} (${node.host}:${node.soapPort}): ${(err as Error).message}`, { cause: err });
  }
  if (node.caFile) {
    let pem: string;
    try {
      pem = readFileSync(node.caFile, 'utf8');
    } catch (err) {
      throw new AppError('VALIDATION', `cannot read caFile ${node.caFile} of ${node.name}: ${(err as Error).message}`, { cause: err });
    }
    if (trust.verify('tls', node.host, node.soapPort, pem) !== 'match') await trust.pin({ kind: 'tls', host: node.host, port: node.soapPort, pem });
  }
  const tlsVerdict = trust.verify('tls', node.host, node.soapPort, cert.pem);
  if (tlsVerdict === 'mismatch') {
    throw new AppError('PRECONDITION', `the certificate of ${node.name} (${node.host}:${node.soapPort}) differs from the pinned one (now ${cert.sha256}); refusing to connect. If it was renewed, remove its pin or give the new one with "caFile"`);
  }
  if (tlsVerdict === 'unknown') {
    if (!policy.trustOnFirstUse) throw new AppError('PRECONDITION', `the certificate of ${node.name} (${node.host}:${node.soapPort}) is not pinned (${cert.sha256}); ${howToPin(policy)}`);
    await trust.pin({ kind: 'tls', host: node.host, port: node.soapPort, pem: cert.pem });
  }
  const sshPin = trust.get('ssh', node.host, node.sshPort);
  const tlsPin = trust.get('tls', node.host, node.soapPort);
  if (sshPin?.kind !== 'ssh' || tlsPin?.kind !== 'tls') throw new AppError('INTERNAL', `pins of ${node.name} missing after trust check`);
  return { sshFingerprint: sshPin.sha256, pem: tlsPin.pem };
}
