import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledPollClock, type PollClock } from '../../main/core/polling/base/pollClock.js';
import { ControlCenterClient } from '../../main/core/polling/soap/controlCenterClient.js';
import { PerfmonClient } from '../../main/core/polling/soap/perfmonClient.js';
import type { CounterPath } from '../../shared/model/counterPath.js';
import { PerfmonSession } from '../../main/core/polling/soap/perfmonSession.js';
import { RequestBudget } from '../../main/core/polling/soap/requestBudget.js';
import { SoapTransport, type SoapTarget } from '../../main/core/polling/soap/soapTransport.js';
import { certificateFingerprint, fetchServerCertificate } from '../../main/core/polling/soap/tlsPinning.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startNodeProtocolEndpoints, type NodeProtocolEndpoints } from '../../main/core/simulator/runtime/nodeProtocolEndpoints.js';
import { startSimCluster, type SimCluster } from '../../main/core/simulator/runtime/simCluster.js';

// Issue 4: Perfmon and ControlCenter clients against the simulated nodes' HTTPS SOAP servers. The servers'
// rate-limit windows and our budgets share a clock 20× faster than real time, so "a minute" lasts 3 s.
const SCALE = 20;
let clock: PollClock;
let cluster: SimCluster;
let dir: string;
const endpoints = new Map<string, NodeProtocolEndpoints>();
const open: Array<{ dispose(): void }> = [];

const target = (node: string, over: Partial<SoapTarget> = {}): SoapTarget => {
  const e = endpoints.get(node)!.soap;
  return { cluster: 'imp-cluster', node, host: e.host, port: e.port, username: e.username, password: e.password, pin: { pem: readFileSync(e.caFile, 'utf8') }, timeoutMs: 2000, ...over };
};
const transport = (t: SoapTarget, budget?: RequestBudget): SoapTransport => {
  const tr = new SoapTransport(t, { clock, budget: budget ?? new RequestBudget({ clock, marginMs: 5000 }) });
  open.push(tr);
  return tr;
};

beforeAll(async () => {
  clock = scaledPollClock(SCALE);
  const profile = loadProfile();
  cluster = await startSimCluster({ profile, seed: 1, speed: 0, basePort: 0 });
  dir = mkdtempSync(join(tmpdir(), 'polling-soap-'));
  const ep = profile.endpoints;
  for (const name of cluster.model.nodes.keys()) {
    endpoints.set(name, await startNodeProtocolEndpoints(cluster.model, name, {
      snmpPort: 0, soapPort: 0, community: ep.snmpCommunity, v3User: ep.snmpV3, appUser: ep.applicationUser,
      certDir: join(dir, 'certs'), log: () => undefined, rateLimits: { perfmonPerMinute: 80, now: () => clock.now() },
    }));
  }
});

afterAll(async () => {
  for (const o of open) o.dispose();
  for (const e of endpoints.values()) await e.dispose();
  await cluster?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** An HTTPS proxy in front of a node's SOAP server that counts requests and rate-limit faults as the server sees them. */
async function countingProxy(node: string): Promise<{ port: number; pem: string; arrivals: number[]; faults: number; close(): Promise<void> }> {
  const e = endpoints.get(node)!.soap;
  const pems = await generate([{ name: 'commonName', value: 'proxy' }], { keySize: 2048 });
  const state = { arrivals: [] as number[], faults: 0 };
  const server: Server = createServer({ cert: pems.cert, key: pems.private }, (req, res) => {
    state.arrivals.push(clock.now());
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = request({ host: e.host, port: e.port, path: req.url, method: req.method, headers: req.headers, ca: readFileSync(e.caFile, 'utf8'), checkServerIdentity: () => undefined }, (r) => {
        const body: Buffer[] = [];
        r.on('data', (c: Buffer) => body.push(c));
        r.on('end', () => {
          const text = Buffer.concat(body);
          if (text.toString('utf8').includes('Exceeded allowed rate')) state.faults++;
          res.writeHead(r.statusCode ?? 502, r.headers);
          res.end(text);
        });
      });
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port, pem: pems.cert, arrivals: state.arrivals,
    get faults() { return state.faults; },
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe('Perfmon', () => {
  it('a session collect of Cisco Presence Engine returns ActiveJsmSessions as the model has it', async () => {
    const client = new PerfmonClient(transport(target('imp-pub')), 'imp-pub', clock);
    const objects = await client.listCounters();
    expect(objects.ok).toBe(true);
    const pe = objects.ok ? objects.value.find((o) => o.name === 'Cisco Presence Engine') : undefined;
    expect(pe?.counters).toContain('ActiveJsmSessions');
    const session = new PerfmonSession(client, pe!.counters.map((counter) => ({ host: 'imp-pub', object: 'Cisco Presence Engine', instance: '', counter })), clock);
    const r = await session.collect();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const jsm = r.samples.find((s) => s.counter === 'ActiveJsmSessions');
    expect(jsm?.value).toBe(Math.floor(cluster.model.node('imp-pub').sessions.activeJsmSessions));
    expect(jsm).toMatchObject({ cluster: 'imp-cluster', node: 'imp-pub', object: 'Cisco Presence Engine', instance: '', source: 'perfmon' });
    await session.close();
  });

  it('drops the first sample of a percentage counter and re-opens a session the server forgot', async () => {
    const client = new PerfmonClient(transport(target('imp-sub1')), 'imp-sub1', clock);
    const counters: CounterPath[] = [
      { host: 'imp-sub1', object: 'Processor', instance: '_Total', counter: '% CPU Time' },
      { host: 'imp-sub1', object: 'Cisco Presence Engine', instance: '', counter: 'ActiveJsmSessions' },
    ];
    const session = new PerfmonSession(client, counters, clock);
    const first = await session.collect();
    expect(first.ok && first.samples.map((s) => s.counter)).toEqual(['ActiveJsmSessions']);
    expect(first.ok && first.issues).toEqual([]);
    cluster.model.runUntil(cluster.model.now() + 15_000);
    const second = await session.collect();
    expect(second.ok && second.samples.map((s) => s.counter).sort()).toEqual(['% CPU Time', 'ActiveJsmSessions']);
    // The server forgets the handle: the next collect opens a new session and still answers.
    await client.closeSession(session.handle!);
    const third = await session.collect();
    expect(third.ok).toBe(true);
    expect(session.opens).toBe(2);
  });

  it('collectObject answers absolute counters; both response shapes parse', async () => {
    const client = new PerfmonClient(transport(target('imp-sub2')), 'imp-sub2', clock);
    const r = await client.collectObject('Cisco Presence Engine');
    expect(r.ok && r.samples.some((s) => s.counter === 'ActiveJsmSessions')).toBe(true);
  });

  it('200 charted counters in 20 sessions never exceed 80 requests per minute at the server', async () => {
    const proxy = await countingProxy('cucm-pub');
    try {
      const t = target('cucm-pub', { port: proxy.port, pin: { pem: proxy.pem } });
      const client = new PerfmonClient(transport(t), 'cucm-pub', clock);
      const listed = await client.listCounters();
      expect(listed.ok).toBe(true);
      const paths: CounterPath[] = [];
      for (const o of listed.ok ? listed.value : []) {
        const instances = o.multiInstance ? await client.listInstances(o.name) : { ok: true as const, value: [''] };
        for (const instance of instances.ok ? instances.value.slice(0, 20) : []) for (const counter of o.counters) paths.push({ host: 'cucm-pub', object: o.name, instance, counter });
      }
      expect(paths.length).toBeGreaterThanOrEqual(200);
      const charts = Array.from({ length: 20 }, (_, i) => new PerfmonSession(client, paths.slice(i * 10, i * 10 + 10), clock));
      // cucm-pub serves nobody else in this file, so every request the server counts is ours.
      // Every chart asks every 5 s for 2.5 minutes: 20 × 12/min = 240 requests/min of demand.
      const end = clock.now() + 150_000;
      const results: string[] = [];
      await Promise.all(charts.map(async (chart) => {
        while (clock.now() < end) {
          const r = await chart.collect({ deadline: end });
          results.push(r.ok ? 'ok' : r.error.code);
          await clock.sleep(5000);
        }
      }));
      expect(proxy.faults).toBe(0);
      expect(maxInWindow(proxy.arrivals, 60_000)).toBeLessThanOrEqual(80);
      expect(proxy.arrivals.length).toBeGreaterThan(80); // the budget was really used, not idle
      expect(results.filter((r) => r === 'ok').length).toBeGreaterThan(50);
      expect(results.filter((r) => r !== 'ok' && r !== 'POLL_RATE_LIMIT')).toEqual([]);
      for (const c of charts) await c.close();
    } finally {
      await proxy.close();
    }
  });

  it('when another client eats the budget, the poller backs off on the fault and recovers', async () => {
    const t = target('imp-sub3');
    const mine = transport(t);
    const client = new PerfmonClient(mine, 'imp-sub3', clock);
    const thief = new PerfmonClient(transport(t, new RequestBudget({ clock, limit: 1000 })), 'imp-sub3', clock);
    for (let i = 0; i < 80; i++) await thief.collectObject('Cisco Presence Engine');
    const before = mine.requestsSent;
    const codes: string[] = [];
    for (;;) {
      const r = await client.collectObject('Cisco Presence Engine', { deadline: clock.now() + 30_000 });
      codes.push(r.ok ? 'ok' : r.error.code);
      if (r.ok) break;
      expect(r.error.code).toBe('POLL_RATE_LIMIT');
      expect(codes.length).toBeLessThan(20);
    }
    expect(codes[0]).toBe('POLL_RATE_LIMIT');
    expect(codes.at(-1)).toBe('ok');
    // Backoff (5/10/20 s …), not a retry storm: a handful of requests over the minute the server was closed.
    expect(mine.requestsSent - before).toBeLessThanOrEqual(12);
  });
});

describe('errors and TLS', () => {
  it('wrong credentials give POLL_AUTH once, then no more requests', async () => {
    const tr = transport(target('imp-pub', { password: 'wrong' }));
    const client = new PerfmonClient(tr, 'imp-pub', clock);
    const r = await client.collectObject('Cisco Presence Engine');
    expect(r.ok ? undefined : r.error.code).toBe('POLL_AUTH');
    const sent = tr.requestsSent;
    const again = await client.collectObject('Cisco Presence Engine');
    expect(again.ok ? undefined : again.error.code).toBe('POLL_AUTH');
    expect(tr.requestsSent).toBe(sent);
  });

  it('a certificate other than the pinned one is refused; the fetch helper shows the real fingerprint', async () => {
    const other = readFileSync(endpoints.get('imp-sub1')!.soap.caFile, 'utf8');
    const r = await new PerfmonClient(transport(target('imp-pub', { pin: { pem: other } })), 'imp-pub', clock).collectObject('Cisco Presence Engine');
    expect(r.ok ? undefined : r.error.code).toBe('POLL_AUTH');
    const e = endpoints.get('imp-pub')!.soap;
    const cert = await fetchServerCertificate(e.host, e.port);
    expect(cert.sha256).toBe(certificateFingerprint(readFileSync(e.caFile, 'utf8')));
  });

  it('an answer larger than the cap is POLL_PROTOCOL and not held; the same node answers under a normal cap', async () => {
    const small = new SoapTransport(target('imp-pub'), { clock, budget: new RequestBudget({ clock, marginMs: 5000 }), maxAnswerBytes: 2048 });
    open.push(small);
    const big = await new PerfmonClient(small, 'imp-pub', clock).listCounters();
    expect(big.ok ? undefined : big.error.code).toBe('POLL_PROTOCOL');
    expect(big.ok ? '' : big.error.message).toMatch(/larger than 2048 bytes/);
    const normal = await new PerfmonClient(transport(target('imp-pub')), 'imp-pub', clock).listCounters();
    expect(normal.ok).toBe(true);
  });

  it('a refused connection is POLL_CONNECT', async () => {
    const r = await new PerfmonClient(transport(target('imp-pub', { port: 1 })), 'imp-pub', clock).collectObject('Cisco Presence Engine');
    expect(r.ok ? undefined : r.error.code).toBe('POLL_CONNECT');
  });

  it('a powered-off node is POLL_TIMEOUT, and answers again after power on and boot', async () => {
    const client = new PerfmonClient(transport(target('imp-sub3', { timeoutMs: 500 })), 'imp-sub3', clock);
    cluster.model.powerOff('imp-sub3');
    cluster.model.runUntil(cluster.model.now() + 2000);
    const off = await client.collectObject('Cisco Presence Engine');
    expect(off.ok ? undefined : off.error.code).toBe('POLL_TIMEOUT');
    cluster.model.powerOn('imp-sub3');
    cluster.model.runUntil(cluster.model.now() + 30 * 60_000);
    const on = await client.collectObject('Cisco Presence Engine');
    expect(on.ok).toBe(true);
  });
});

describe('ControlCenter', () => {
  it('a service stopped in the model shows as Stopped; restart-then-poll brings it back', async () => {
    const model = cluster.model;
    const modelClock: PollClock = { now: () => model.now(), sleep: async (ms) => model.runUntil(model.now() + ms) };
    const cc = new ControlCenterClient(transport(target('imp-pub')), modelClock);
    model.node('imp-pub').services.stop('Cisco SIP Proxy');
    model.runUntil(model.now() + 60_000);
    const st = await cc.serviceStatus(['Cisco SIP Proxy']);
    expect(st.ok && st.value[0]?.status).toBe('Stopped');
    const all = await cc.serviceStatus();
    expect(all.ok && all.value.length).toBeGreaterThan(10);
    const started = await cc.controlAndWait('Start', ['Cisco SIP Proxy'], { timeoutMs: 10 * 60_000 });
    expect(started.ok && started.value[0]?.status).toBe('Started');
    expect(model.node('imp-pub').services.isRunning('Cisco SIP Proxy')).toBe(true);
  });
});
