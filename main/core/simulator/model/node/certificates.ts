import type { SeededRandom } from '../../random/seededRandom.js';

/** A certificate in a node's store (guide Table 15, L4320-4329: tomcat, cup, cup-xmpp, cup-xmpp-s2s, ipsec + trust stores). */
export interface NodeCertificate {
  readonly name: string;
  readonly unit: string;
  readonly type: 'own' | 'trust';
  readonly subject: string;
  readonly issuer: string;
  readonly serial: string;
  notBeforeMs: number;
  notAfterMs: number;
}

const OWN_UNITS = ['tomcat', 'cup', 'cup-xmpp', 'cup-xmpp-s2s', 'ipsec'] as const;
const DAY_MS = 86_400_000;

/** Builds a node's certificate store with seeded expiry dates (own: 2-5 years; trust: the peers' own). */
export function createCertificates(node: string, domain: string, peers: readonly string[], startMs: number, rng: SeededRandom): NodeCertificate[] {
  const certs: NodeCertificate[] = [];
  for (const unit of OWN_UNITS) {
    const issued = startMs - rng.int(30, 700) * DAY_MS;
    certs.push({
      // UC OS names an own certificate's file after its unit (`show cert list own`: tomcat/tomcat.pem).
      name: `${unit}.pem`,
      unit,
      type: 'own',
      subject: `CN=${node}.${domain}, OU=IMP, O=Example, C=US`,
      issuer: `CN=${node}.${domain}, OU=IMP, O=Example, C=US`,
      serial: rng.int(0x10000000, 0x7fffffff).toString(16) + rng.int(0x10000000, 0x7fffffff).toString(16),
      notBeforeMs: issued,
      notAfterMs: issued + rng.int(2, 5) * 365 * DAY_MS,
    });
  }
  for (const peer of peers) {
    for (const unit of ['tomcat', 'cup-xmpp'] as const) {
      const issued = startMs - rng.int(30, 700) * DAY_MS;
      certs.push({
        name: `${peer}.pem`,
        unit: `${unit}-trust`,
        type: 'trust',
        subject: `CN=${peer}.${domain}, OU=IMP, O=Example, C=US`,
        issuer: `CN=${peer}.${domain}, OU=IMP, O=Example, C=US`,
        serial: rng.int(0x10000000, 0x7fffffff).toString(16),
        notBeforeMs: issued,
        notAfterMs: issued + rng.int(2, 5) * 365 * DAY_MS,
      });
    }
  }
  return certs;
}
