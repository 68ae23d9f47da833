import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { connect } from 'node:tls';
import { PollError } from '../pollError.js';

/** The certificate a server presented, for "pin on first use with the user's consent". */
export interface ServerCertificate {
  readonly pem: string;
  /** SHA-256 fingerprint, colon-separated upper-case hex (as Node's `fingerprint256` and browsers show it). */
  readonly sha256: string;
  readonly subject: string;
  readonly validTo: string;
}

/** The pinned trust of one node: its certificate PEM (used as the only CA) and that PEM's fingerprint. */
export interface PinnedCertificate {
  readonly pem: string;
}

/** SHA-256 fingerprint of a PEM certificate (colon-separated upper-case hex). */
export function certificateFingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/**
 * Fetches the certificate a TLS server presents, WITHOUT trusting it (the handshake is only used to read the
 * certificate; nothing is sent). Show `sha256` to the user; pin `pem` only with their consent.
 */
export function fetchServerCertificate(host: string, port: number, timeoutMs = 10_000): Promise<ServerCertificate> {
  return new Promise((resolve, reject) => {
    // Verification is turned off only for this read-only fetch; it sends no request and no credentials.
    const socket = connect({ host, port, servername: isIpLiteral(host) ? undefined : host, rejectUnauthorized: false });
    const timer = setTimeout(() => socket.destroy(new PollError('POLL_TIMEOUT', 'soap', host, `no TLS handshake from ${host}:${port}`)), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert: PeerCertificate = socket.getPeerCertificate();
      socket.end();
      if (!cert.raw) return reject(new PollError('POLL_PROTOCOL', 'soap', host, `${host}:${port} presented no certificate`));
      const pem = `-----BEGIN CERTIFICATE-----\n${cert.raw.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
      resolve({ pem, sha256: cert.fingerprint256, subject: new X509Certificate(pem).subject, validTo: cert.valid_to });
    });
    // Kept for the socket's whole life (not once): a peer may reset after the handshake, and an 'error' with no
    // listener would kill the process (issue 10). A promise settles once; later errors are dropped.
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/**
 * TLS options that trust exactly the pinned certificate: it is the only CA (so chain validation passes only
 * for it), and the server identity check compares fingerprints instead of host names (UC nodes are often
 * reached by IP while their self-signed Tomcat certificate names the host). Never `rejectUnauthorized: false`.
 */
export function pinnedTlsOptions(pin: PinnedCertificate): { ca: string; rejectUnauthorized: true; checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined } {
  const expected = certificateFingerprint(pin.pem);
  return {
    ca: pin.pem,
    rejectUnauthorized: true,
    checkServerIdentity: (host, cert) => {
      if (cert.fingerprint256 === expected) return undefined;
      const err = new Error(`certificate of ${host} changed: ${cert.fingerprint256} is not the pinned ${expected}`);
      (err as Error & { code: string }).code = 'CERT_PINNED_MISMATCH';
      return err;
    },
  };
}

function isIpLiteral(host: string): boolean {
  return /^[0-9.]+$/.test(host) || host.includes(':');
}
