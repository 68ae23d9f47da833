import { createECDH, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

/** Options of {@link createNodeCertificate}. */
export interface NodeCertificateOptions {
  /** The node's host name (subject CN and a DNS SAN). */
  readonly commonName: string;
  /** When given, the key pair is derived from it, so a seeded cluster gets the same keys every run. */
  readonly seed?: string | number;
  /** More IP SANs: the node's own 127/8 address, so `https://<node address>:port` verifies against this PEM. */
  readonly ipAddresses?: readonly string[];
  readonly notBefore?: Date;
  /** Default: notBefore + 5 years (a tomcat certificate's usual self-signed validity, [I]). */
  readonly notAfter?: Date;
}

/** A node's tomcat certificate and private key in PEM. */
export interface NodeCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

/** An EC P-256 key pair derived from `seed` (private scalar = SHA-256 of the seed, never 0 in practice). */
function seededKeyPair(seed: string | number): { privateKey: string; publicKey: string } {
  const d = createHash('sha256').update(`imp-monitor-node-cert:${String(seed)}`).digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey(); // 0x04 || X || Y
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: d.toString('base64url'),
    x: pub.subarray(1, 33).toString('base64url'),
    y: pub.subarray(33, 65).toString('base64url'),
  };
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  return {
    privateKey: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * Creates the self-signed tomcat certificate of a simulated node (reference B.0: nodes present self-signed
 * Tomcat certificates). SANs are 127.0.0.1, localhost and the node name, so a client trusting this PEM
 * verifies `https://127.0.0.1:port` without turning verification off. EC P-256 keeps start-up fast.
 */
export async function createNodeCertificate(options: NodeCertificateOptions): Promise<NodeCertificate> {
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 5 * 365 * 86_400_000);
  const altNames: Array<{ type: 2; value: string } | { type: 7; ip: string }> = [
    { type: 7, ip: '127.0.0.1' },
    { type: 2, value: 'localhost' },
  ];
  for (const ip of options.ipAddresses ?? []) if (ip !== '127.0.0.1' && isIP(ip)) altNames.push({ type: 7, ip });
  const cn = options.commonName;
  if (isIP(cn)) {
    if (!altNames.some((a) => a.type === 7 && a.ip === cn)) altNames.push({ type: 7, ip: cn });
  } else if (cn !== 'localhost') {
    altNames.push({ type: 2, value: cn });
  }
  const pems = await generate([{ name: 'commonName', value: cn }, { name: 'organizationName', value: 'IMP Monitor Simulator' }, { shortName: 'OU', value: 'tomcat' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    ...(options.seed === undefined ? {} : { keyPair: seededKeyPair(options.seed) }),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}
