// Issue 10 as the NOC runs it: `npm run collector` (a real process) polls two simulated nodes through proxies on
// 127.0.0.1; then the proxies turn into peers that accept and stay silent (what a powered-off simulated node does:
// the process died 74-155 s after such a power-off), reset, or answer garbage. The process must stay alive, keep
// answering /metrics at once, mark both nodes down (imp_node_up 0) and count each protocol's poll errors.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';
import { startHostileNode, type HostileNode } from './collectorHostilePeers.js';
import { until } from '../helpers/until.js';

const dir = mkdtempSync(join(tmpdir(), 'collector-hostile-'));
const NODES = ['cucm-pub', 'imp-sub1'] as const;
let sim: SimCluster;
const peers = new Map<string, HostileNode>();

beforeAll(async () => {
  sim = await startSimCluster({ profile: loadProfile(), seed: 1, speed: 1, basePort: 0 });
  const doc = sim.endpoints();
  for (const name of NODES) {
    const n = doc.nodes.find((x) => x.name === name)!;
    peers.set(name, await startHostileNode('forward', { ssh: n.ssh, https: n.soap!, snmp: n.snmp! }));
  }
}, 60_000);

afterAll(async () => {
  for (const p of peers.values()) await p.dispose();
  await sim?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run collector against nodes that die in hostile ways', () => {
  it('stays alive, answers /metrics at once, marks the nodes down and counts every protocol failing', async () => {
    const doc = sim.endpoints();
    const first = doc.nodes[0]!;
    const config = {
      storage: { path: join(dir, 'history.db') },
      metrics: { port: 0 },
      stateDir: join(dir, 'state'),
      trustOnFirstUse: true,
      clusters: [
        {
          id: 'lab',
          name: 'Lab',
          publisher: '127.0.0.1',
          admin: { username: first.ssh.username, password: first.ssh.password },
          application: { username: first.soap!.username, password: first.soap!.password },
          snmp: { version: '2c', community: first.snmp!.community },
          nodes: NODES.map((name) => {
            const p = peers.get(name)!;
            const role = doc.nodes.find((x) => x.name === name)!.role;
            return { name, host: '127.0.0.1', role, sshPort: p.ssh.port, snmpPort: p.snmp.port, soapPort: p.https.port };
          }),
          intervals: { systemSec: 5, servicesSec: 5, haSec: 5 },
        },
      ],
    };
    const configPath = join(dir, 'collector.json');
    writeFileSync(configPath, JSON.stringify(config), { mode: 0o600 }); // inline secrets: owner only (issue 15)

    const child = spawn(process.execPath, ['--import', 'tsx', 'main/core/headless/collectorMain.ts', '--config', configPath, '--metrics-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    let exited: number | null | undefined;
    child.once('exit', (code) => (exited = code));
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const port = new Promise<number>((resolve) => {
      const onData = (buf: Buffer): void => {
        const text = buf.toString('utf8');
        output.push(text);
        const m = /metrics: port (\d+)/.exec(text);
        if (m) resolve(Number(m[1]));
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    try {
      const url = `http://127.0.0.1:${await Promise.race([port, exit.then(() => Promise.reject(new Error(`collector exited: ${output.join('')}`)))])}/metrics`;
      /** One scrape: the body and how long it took; the process must still be running. */
      const scrape = async (): Promise<{ body: string; ms: number }> => {
        expect(exited, output.join('')).toBeUndefined();
        const t0 = Date.now();
        const body = await (await fetch(url, { signal: AbortSignal.timeout(5_000) })).text();
        return { body, ms: Date.now() - t0 };
      };
      const up = (body: string, node: string): string | undefined => new RegExp(`^imp_node_up\\{cluster="lab",node="${node}"\\} (\\d)$`, 'm').exec(body)?.[1];
      const allUp = async (want: string): Promise<true | undefined> => {
        const { body } = await scrape();
        return NODES.every((n) => up(body, n) === want) ? true : undefined;
      };
      await until('both nodes up through the proxies', () => allUp('1'), 60_000, 500);

      const slowest: Record<string, number> = {};
      for (const [mode, holdMs] of [['silent', 50_000], ['reset', 25_000], ['garbage', 25_000]] as const) {
        for (const p of peers.values()) await p.setMode(mode);
        const end = Date.now() + holdMs;
        slowest[mode] = 0;
        while (Date.now() < end) {
          slowest[mode] = Math.max(slowest[mode], (await scrape()).ms);
          await new Promise((r) => setTimeout(r, 1_000));
        }
        // Down within the phase (SNMP, SOAP and SSH timeouts run their course), and the process still answers.
        await until(`both nodes down (${mode})`, () => allUp('0'), 30_000, 500);
      }
      console.log(`slowest /metrics answer per phase (ms): ${JSON.stringify(slowest)}`);
      for (const ms of Object.values(slowest)) expect(ms).toBeLessThan(1_000);
      const { body } = await scrape();
      for (const protocol of ['ssh', 'soap', 'snmp']) expect(body).toMatch(new RegExp(`^imp_collector_poll_errors_total\\{protocol="${protocol}",code="POLL_[A-Z_]+"\\} [1-9]`, 'm'));
      expect(output.join('')).not.toMatch(/Unhandled|uncaught/i);

      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    } finally {
      if (exited === undefined) child.kill('SIGKILL');
    }
  }, 180_000);
});
