// Issue 10: a restarted simulated cluster was refused forever (SOAP POLL_AUTH) because every start made a new
// tomcat certificate while the SSH host keys stayed. A real node keeps its certificate; the simulator now keeps
// it per profile and node (runtime/nodeCertificateStore.ts). Start, pin, stop, start again: the monitor that
// pinned the first certificate still connects, and its trust store still says "match".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PinnedTrustStore } from '../../main/core/credentials/pinnedTrustStore.js';
import { ControlCenterClient } from '../../main/core/polling/soap/controlCenterClient.js';
import { SoapTransport } from '../../main/core/polling/soap/soapTransport.js';
import { fetchServerCertificate } from '../../main/core/polling/soap/tlsPinning.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster } from '../../main/core/simulator/runtime/simCluster.js';

const dir = mkdtempSync(join(tmpdir(), 'sim-cert-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a restarted simulated cluster', () => {
  it('presents the certificates the monitor pinned before the restart', async () => {
    const profile = loadProfile();
    const identityDir = join(dir, 'identity');
    const trust = await PinnedTrustStore.open(join(dir, 'trust.json'));
    const pinned = new Map<string, { host: string; port: number; pem: string }>();

    const first = await startSimCluster({ profile, seed: 1, speed: 0, basePort: 0, identityDir });
    try {
      for (const n of first.endpoints().nodes) {
        const cert = await fetchServerCertificate(n.soap!.host, n.soap!.port);
        await trust.pin({ kind: 'tls', host: n.soap!.host, port: n.soap!.port, pem: cert.pem });
        pinned.set(n.name, { host: n.soap!.host, port: n.soap!.port, pem: cert.pem });
      }
    } finally {
      await first.dispose();
    }

    const second = await startSimCluster({ profile, seed: 1, speed: 0, basePort: 0, identityDir });
    try {
      for (const n of second.endpoints().nodes) {
        const before = pinned.get(n.name)!;
        const now = await fetchServerCertificate(n.soap!.host, n.soap!.port);
        expect(trust.verify('tls', before.host, before.port, now.pem), n.name).toBe('match');
        // The monitor's own SOAP client with the pin made before the restart.
        const transport = new SoapTransport({ cluster: 'sim', node: n.name, host: n.soap!.host, port: n.soap!.port, username: n.soap!.username, password: n.soap!.password, pin: { pem: before.pem }, timeoutMs: 5000 });
        try {
          const status = await new ControlCenterClient(transport).serviceStatus(['Cisco Tomcat']);
          expect(status.ok ? status.value.map((s) => s.name) : status.error.code, n.name).toEqual(['Cisco Tomcat']);
        } finally {
          transport.dispose();
        }
      }
    } finally {
      await second.dispose();
    }
  }, 60_000);
});
