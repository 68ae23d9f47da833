/**
 * Which SSH host key and which certificate a cluster form's endpoints are trusted with (issue 15): the fingerprints
 * the person accepted in the form (not pinned until the cluster is saved), else the pins. A certificate accepted by
 * its fingerprint is fetched again and checked against it, so what is trusted is what was shown.
 */
import type { AcceptedKey, EndpointIdentity, IdentifyTarget } from '../../../shared/model/clusters.js';
import { AppError } from '../base/errors.js';
import { normalizeSshFingerprint, normalizeTlsFingerprint } from '../credentials/fingerprints.js';
import type { PinnedTrustStore, TrustPin } from '../credentials/pinnedTrustStore.js';
import { fetchServerCertificate } from '../polling/soap/tlsPinning.js';
import { fetchSshHostKeyFingerprint } from '../polling/ssh/sshCliSession.js';
import { classifyConnectionError, notAccepted } from './connectionErrors.js';

/** The accepted fingerprint of an endpoint, normalized, or undefined. */
export function acceptedKey(accepted: readonly AcceptedKey[], kind: 'ssh' | 'tls', host: string, port: number): string | undefined {
  const k = accepted.find((a) => a.kind === kind && a.port === port && a.host.toLowerCase() === host.toLowerCase());
  if (!k) return undefined;
  return kind === 'ssh' ? normalizeSshFingerprint(k.fingerprintSha256) : normalizeTlsFingerprint(k.fingerprintSha256);
}

/** The certificate host:port presents now, in PEM, when its fingerprint is the accepted one; PRECONDITION otherwise. */
export async function acceptedCertificate(host: string, port: number, fingerprint: string): Promise<string> {
  const cert = await fetchServerCertificate(host, port, 10_000);
  if (normalizeTlsFingerprint(cert.sha256) !== fingerprint) {
    throw new AppError('PRECONDITION', `the certificate of ${host}:${port} is now ${cert.sha256}, not the accepted ${fingerprint}: identify it again`, {
      cause: Object.assign(new Error('certificate differs from the accepted one'), { code: 'CERT_PINNED_MISMATCH' }),
    });
  }
  return cert.pem;
}

/** The identities a form's endpoints are trusted with: accepted in the form, else pinned. */
export class EndpointTrust {
  constructor(
    private readonly pins: Pick<PinnedTrustStore, 'get'>,
    private readonly accepted: readonly AcceptedKey[],
  ) {}

  /** The SSH fingerprint to expect of host:port: the accepted one, else the pin. */
  sshFingerprint(host: string, port: number): string | undefined {
    return acceptedKey(this.accepted, 'ssh', host, port) ?? this.pins.get('ssh', host, port)?.sha256;
  }

  /** The certificate to trust for host:port: the accepted one (fetched, checked against the fingerprint), else the pin. */
  async tlsPem(host: string, port: number): Promise<string> {
    const fp = acceptedKey(this.accepted, 'tls', host, port);
    if (fp) return acceptedCertificate(host, port, fp);
    const pin = this.pins.get('tls', host, port);
    if (pin?.kind === 'tls') return pin.pem;
    const cert = await fetchServerCertificate(host, port, 10_000);
    throw notAccepted('tls', host, port, cert.sha256);
  }
}

/** The SSH host key and the TLS certificate each endpoint presents, compared with the pins; no credential sent. */
export async function identifyEndpoints(targets: readonly IdentifyTarget[], pins: Pick<PinnedTrustStore, 'get' | 'verify'>): Promise<EndpointIdentity[]> {
  const one = async (t: IdentifyTarget): Promise<EndpointIdentity[]> => {
    const ssh = await fetchSshHostKeyFingerprint(t.host, t.sshPort, t.host, 10_000);
    const sshPin = pins.get('ssh', t.host, t.sshPort);
    const sshId: EndpointIdentity = ssh.ok
      ? { host: t.host, port: t.sshPort, kind: 'ssh', fingerprintSha256: ssh.fingerprint, ...pinState(sshPin, pins.verify('ssh', t.host, t.sshPort, ssh.fingerprint)) }
      : { host: t.host, port: t.sshPort, kind: 'ssh', ...pinState(sshPin, 'unknown'), error: classifyConnectionError(ssh.error, 'ssh', t.host, t.sshPort) };
    const tlsPin = pins.get('tls', t.host, t.soapPort);
    let tlsId: EndpointIdentity;
    try {
      const cert = await fetchServerCertificate(t.host, t.soapPort, 10_000);
      const notAfter = Date.parse(cert.validTo);
      tlsId = {
        host: t.host, port: t.soapPort, kind: 'tls', fingerprintSha256: cert.sha256, subject: cert.subject,
        ...(Number.isFinite(notAfter) ? { notAfterMs: notAfter } : {}),
        ...pinState(tlsPin, pins.verify('tls', t.host, t.soapPort, cert.sha256)),
      };
    } catch (err) {
      tlsId = { host: t.host, port: t.soapPort, kind: 'tls', ...pinState(tlsPin, 'unknown'), error: classifyConnectionError(err, 'soap', t.host, t.soapPort) };
    }
    return [sshId, tlsId];
  };
  return (await Promise.all(targets.map(one))).flat();
}

/** How an identity stands against its pin: new, pinned (the same), or changed (with the pinned fingerprint). */
function pinState(pin: TrustPin | undefined, verdict: 'match' | 'mismatch' | 'unknown'): Pick<EndpointIdentity, 'pin' | 'pinnedFingerprintSha256'> {
  if (!pin) return { pin: 'new' };
  return { pin: verdict === 'mismatch' ? 'changed' : 'pinned', pinnedFingerprintSha256: pin.sha256 };
}
