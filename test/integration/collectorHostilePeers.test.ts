// Issue 10: the collector process died when a node's SSH port accepted a connection and never sent a banner (what
// a powered-off simulated node does): ssh2 emitted a second error after the ready timeout and nobody listened.
// Here each protocol's peer is a tiny real server on 127.0.0.1 that accepts and stays silent, accepts and resets,
// or answers garbage, for minutes; the modes run concurrently. The collector must keep running (no uncaught
// error), keep polling, show each protocol's failure in its health and mark the nodes down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeRole } from '../../shared/model/cluster.js';
import { Collector } from '../../main/core/collector/collector.js';
import type { NodeTargets } from '../../main/core/collector/nodeRuntime.js';
import { startHostileNode, type HostileNode, type PeerMode } from './collectorHostilePeers.js';

/** How long each mode is kept up (a few minutes; IMP_HOSTILE_PEER_MS shortens it while developing). */
const DURATION_MS = Number(process.env.IMP_HOSTILE_PEER_MS ?? 120_000);
const INTERVAL_SEC = 5;
/** A well-formed pin that no peer presents. */
const PINNED_KEY = `SHA256:${'A'.repeat(43)}`;

/** The codes each protocol may end with in each mode. */
const EXPECTED: Record<Exclude<PeerMode, 'forward'>, { ssh: string[]; soap: string[]; snmp: string[] }> = {
  silent: { ssh: ['POLL_TIMEOUT'], soap: ['POLL_TIMEOUT'], snmp: ['POLL_TIMEOUT'] },
  reset: { ssh: ['POLL_CONNECT'], soap: ['POLL_CONNECT'], snmp: ['POLL_TIMEOUT', 'POLL_CONNECT'] },
  garbage: { ssh: ['POLL_PROTOCOL'], soap: ['POLL_PROTOCOL'], snmp: ['POLL_TIMEOUT', 'POLL_PROTOCOL'] },
};

const uncaught: unknown[] = [];
const onUncaught = (err: unknown): void => void uncaught.push(err);

beforeAll(() => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
});

afterAll(() => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});

function targets(cluster: string, name: string, role: NodeRole, peer: HostileNode): NodeTargets {
  const base = { cluster, node: name, host: '127.0.0.1' };
  return {
    cluster,
    name,
    host: '127.0.0.1',
    role,
    snmp: { ...base, port: peer.snmp.port, version: 'v2c', community: 'public', timeoutMs: 1_000, retries: 0 },
    soap: { ...base, port: peer.https.port, username: 'appadmin', password: 'x', pin: { pem: peer.certPem }, timeoutMs: 3_000 },
    ssh: { ...base, port: peer.ssh.port, username: 'admin', password: 'x', hostKeyFingerprint: PINNED_KEY, readyTimeoutMs: 3_000, commandTimeoutMs: 3_000 },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe.concurrent('collector against peers that accept and misbehave, for minutes', () => {
  for (const mode of ['silent', 'reset', 'garbage'] as const) {
    it(`${mode}: keeps running, shows each protocol failing and marks the nodes down`, async () => {
      const pub = await startHostileNode(mode);
      const sub = await startHostileNode(mode);
      const collector = await Collector.create({ scheduler: { backoffInitialMs: 1_000, backoffMaxMs: 10_000 } });
      try {
        const id = `hostile-${mode}`;
        collector.addCluster({
          id,
          name: id,
          publisherHost: '127.0.0.1',
          simulated: false,
          // A CUCM publisher (SSH read every 10 min, so only the probe asks it often) and an IM&P subscriber (HA over SSH).
          nodes: [targets(id, 'cucm-pub', 'cucm-publisher', pub), targets(id, 'imp-sub', 'imp-subscriber', sub)],
          intervals: { systemSec: INTERVAL_SEC, servicesSec: INTERVAL_SEC, haSec: INTERVAL_SEC },
        });
        const end = Date.now() + DURATION_MS;
        const downSince: Record<string, number | undefined> = {};
        const upAfterDown: string[] = [];
        while (Date.now() < end) {
          for (const n of collector.clusters()[0]!.nodes) {
            if (n.reachability === 'down') downSince[n.name] ??= Date.now();
            else if (downSince[n.name] !== undefined) upAfterDown.push(`${n.name} ${n.reachability}`);
          }
          await sleep(500);
        }
        const status = collector.clusters()[0]!.nodes;
        for (const n of status) {
          const codes = { ssh: n.protocols.ssh.lastErrorCode, soap: n.protocols.soap.lastErrorCode, snmp: n.protocols.snmp.lastErrorCode };
          console.log(`${mode} ${n.name}: ${n.reachability} ${JSON.stringify(codes)}; down after ${(((downSince[n.name] ?? end) - (end - DURATION_MS)) / 1000).toFixed(0)} s`);
          expect(n.reachability, JSON.stringify(n.protocols)).toBe('down');
          expect(EXPECTED[mode].ssh).toContain(codes.ssh);
          expect(EXPECTED[mode].soap).toContain(codes.soap);
          expect(EXPECTED[mode].snmp).toContain(codes.snmp);
          // The latest attempt of each protocol failed. (A garbage HTTPS peer completes the TLS handshake, so the
          // reachability probe may have seen it answer; its SOAP answers are still noise.)
          for (const p of ['ssh', 'soap', 'snmp'] as const) {
            if (mode !== 'garbage' || p !== 'soap') expect(n.protocols[p].lastOkMs, `${n.name} ${p}`).toBeUndefined();
            expect(n.protocols[p].lastErrorMs!, `${n.name} ${p}`).toBeGreaterThan(n.protocols[p].lastOkMs ?? 0);
          }
          // Each protocol was asked again and again during the whole run, not once and then given up on.
          for (const p of ['ssh', 'soap', 'snmp'] as const) expect(n.protocols[p].lastErrorMs!, `${n.name} ${p} last attempt`).toBeGreaterThan(end - 30_000);
          // Down within a few system intervals (plus the 3 s timeouts), and never back up while the peers misbehave.
          expect(downSince[n.name]! - (end - DURATION_MS), n.name).toBeLessThan(Math.min(DURATION_MS, 60_000));
        }
        expect(upAfterDown).toEqual([]);
        for (const peer of [pub, sub]) {
          expect(peer.ssh.connections).toBeGreaterThanOrEqual(3);
          expect(peer.https.connections).toBeGreaterThanOrEqual(3);
          if (mode !== 'reset') expect(peer.snmp.datagrams).toBeGreaterThanOrEqual(3);
        }
        expect(uncaught.map(String)).toEqual([]);
      } finally {
        collector.dispose();
        await pub.dispose();
        await sub.dispose();
      }
    }, DURATION_MS + 60_000);
  }
});
