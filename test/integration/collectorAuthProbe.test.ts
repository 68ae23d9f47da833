// A refused SSH login must not be retried at every reachability probe: a real UC OS node locks the administrator
// out after repeated failures. A real ssh2 server on 127.0.0.1 refuses every password and counts the attempts;
// the collector polls it as a CUCM publisher (SSH read every 10 minutes) with a 2 s system interval, so only the
// probe asks it often. The probe keeps checking the node (handshakes) but stops logging in.
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Collector } from '../../main/core/collector/collector.js';
import { until } from '../helpers/until.js';
import { peerCertificate } from './collectorHostilePeers.js';

const { Server, utils } = ssh2;

let server: InstanceType<typeof Server>;
let port = 0;
let fingerprint = '';
let connections = 0;
let passwordTries = 0;
let certPem = '';

beforeAll(async () => {
  certPem = (await peerCertificate()).certPem;
  const key = utils.generateKeyPairSync('ed25519');
  const parsed = utils.parseKey(key.private);
  if (parsed instanceof Error) throw parsed;
  fingerprint = `SHA256:${createHash('sha256').update(parsed.getPublicSSH()).digest('base64').replace(/=+$/, '')}`;
  server = new Server({ hostKeys: [key.private] }, (client) => {
    connections++;
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' || ctx.method === 'keyboard-interactive') passwordTries++;
      ctx.reject(['password', 'keyboard-interactive']);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('reachability probe and a refused login', () => {
  it('reads only the host key while the latest login was refused (no login every interval)', async () => {
    const collector = await Collector.create({ scheduler: { backoffInitialMs: 1_000, backoffMaxMs: 10_000 } });
    try {
      const base = { cluster: 'auth', node: 'cucm-pub', host: '127.0.0.1' };
      collector.addCluster({
        id: 'auth',
        name: 'auth',
        publisherHost: '127.0.0.1',
        simulated: false,
        nodes: [
          {
            cluster: 'auth',
            name: 'cucm-pub',
            host: '127.0.0.1',
            role: 'cucm-publisher',
            // SNMP and SOAP at a port nobody listens on: only SSH answers.
            snmp: { ...base, port: 9, version: 'v2c', community: 'public', timeoutMs: 500, retries: 0 },
            soap: { ...base, port: 9, username: 'appadmin', password: 'x', pin: { pem: certPem }, timeoutMs: 1_000 },
            ssh: { ...base, port, username: 'admin', password: 'wrong', hostKeyFingerprint: fingerprint, readyTimeoutMs: 3_000, commandTimeoutMs: 3_000 },
          },
        ],
        intervals: { systemSec: 2, servicesSec: 2, haSec: 2 },
      });
      const sshCode = () => collector.clusters()[0]!.nodes[0]!.protocols.ssh.lastErrorCode;
      await until('the refused login', () => (sshCode() === 'POLL_AUTH' ? true : undefined), 20_000, 100);
      // The first interval's version poll and probe may both have been logging in already: let them end.
      await new Promise((r) => setTimeout(r, 5_000));
      const triesAfterFirst = passwordTries;
      const connectionsAfterFirst = connections;
      // Ten system intervals: the old probe logged in at every one of them.
      await new Promise((r) => setTimeout(r, 20_000));
      expect(connections - connectionsAfterFirst, 'the probe still reaches the node').toBeGreaterThanOrEqual(4);
      expect(passwordTries - triesAfterFirst, 'no new password tries').toBe(0);
      expect(sshCode()).toBe('POLL_AUTH');
    } finally {
      await collector.dispose();
    }
  }, 60_000);
});
