import { randomBytes } from 'node:crypto';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaledPollClock, type PollClock } from '../../main/core/polling/base/pollClock.js';
import { createDimeTransport, DimeClient, DIME_GET_FILE_PATH, DIME_GET_ONE_FILE_ACTION, dimeGetOneFileEnvelope } from '../../main/core/polling/soap/dimeClient.js';
import { createLogCollectionTransport, LogCollectionClient } from '../../main/core/polling/soap/logCollectionClient.js';
import { RequestBudget } from '../../main/core/polling/soap/requestBudget.js';
import type { SoapTarget, SoapTransport } from '../../main/core/polling/soap/soapTransport.js';
import { createCurlSoapClient, splitMultipart } from '../../main/core/simulator/endpoints/soap/fixtures/curlSoapClient.js';
import { ClusterModel } from '../../main/core/simulator/model/clusterModel.js';
import { loadProfile } from '../../main/core/simulator/profile/loadProfile.js';
import { startNodeProtocolEndpoints, type NodeProtocolEndpoints } from '../../main/core/simulator/runtime/nodeProtocolEndpoints.js';
import { skipWithoutTools } from '../helpers/requiredTools.js';
import { peerCertificate } from './collectorHostilePeers.js';

// Issue 12 (H1): the monitor's LogCollection and DIME clients against a simulated node's real HTTPS endpoint.
// Two endpoints of the same node: one without throttles (the functional tests), one whose LogCollection and DIME
// throttles run on a clock 20x faster than real time (a minute lasts 3 s) for the rate-limit tests.
const NODE = 'imp-pub';
const SCALE = 20;
let model: ClusterModel;
let dir: string;
let open: NodeProtocolEndpoints;
let throttled: NodeProtocolEndpoints;
let clock: PollClock;
const transports: SoapTransport[] = [];

const targetOf = (e: NodeProtocolEndpoints, over: Partial<SoapTarget> = {}): SoapTarget => ({
  cluster: 'imp-cluster', node: NODE, host: e.soap.host, port: e.soap.port, username: e.soap.username, password: e.soap.password,
  pin: { pem: readFileSync(e.soap.caFile, 'utf8') }, timeoutMs: 5000, ...over,
});
const track = <T extends SoapTransport>(t: T): T => {
  transports.push(t);
  return t;
};
const logs = (): LogCollectionClient => new LogCollectionClient(track(createLogCollectionTransport(targetOf(open))));
const dime = (over: Partial<SoapTarget> = {}): DimeClient => new DimeClient(track(createDimeTransport(targetOf(open, over))));

/** A sink that keeps what it is given (for files the test generated itself, a few MB). */
function collector(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  return { sink: new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) }), bytes: () => Buffer.concat(chunks) };
}

beforeAll(async () => {
  clock = scaledPollClock(SCALE);
  const profile = loadProfile();
  model = new ClusterModel(profile, { seed: 1 });
  dir = mkdtempSync(join(tmpdir(), 'trace-soap-'));
  const ep = profile.endpoints;
  const base = { snmpPort: 0, soapPort: 0, community: ep.snmpCommunity, v3User: ep.snmpV3, appUser: ep.applicationUser, certDir: join(dir, 'certs'), log: () => undefined };
  open = await startNodeProtocolEndpoints(model, NODE, { ...base, rateLimits: { perfmonPerMinute: false, logCollectionPerMinute: false, dimePerMinute: false } });
  throttled = await startNodeProtocolEndpoints(model, NODE, { ...base, rateLimits: { logCollectionPerMinute: 6, dimePerMinute: 6, now: () => clock.now() } });
});

afterAll(async () => {
  for (const t of transports) t.dispose();
  await open?.dispose();
  await throttled?.dispose();
  model?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('LogCollectionPortTypeService client', () => {
  it('listNodeServiceLogs names the node, its service logs and system logs', async () => {
    const r = await logs().listNodeServiceLogs();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.node).toBe(NODE);
    expect(r.value.serviceLogs).toContain('Cisco XCP Router');
    expect(r.value.serviceLogs).toContain('Cisco Presence Engine');
    expect(r.value.systemLogs).toEqual(expect.arrayContaining(['Event Viewer-System Log', 'Event Viewer-Application Log']));
  });

  it('selectLogFiles lists the files of a relative range with the sizes and times the node has', async () => {
    const r = await logs().selectLogFiles({ serviceLogs: ['Cisco XCP Router'], systemLogs: [], time: { kind: 'relative', unit: 'Days', count: 1 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.length).toBeGreaterThanOrEqual(3);
    const node = model.node(NODE);
    for (const f of r.value) {
      expect(f.log).toBe('Cisco XCP Router');
      expect(f.absolutePath).toMatch(/^\/var\/log\/active\/epas\/trace\/xcp\/log\/rtr-jsm-1/);
      const st = node.logs.stat(f.absolutePath.slice('/var/log/active'.length))!;
      expect(f.size).toBe(st.size);
      // modifiedDate has second precision (Java's Date.toString).
      expect(f.modifiedMs).toBe(Math.floor(st.mtimeMs / 1000) * 1000);
      expect(f.name).toBe(f.absolutePath.slice(f.absolutePath.lastIndexOf('/') + 1));
    }
  });

  it('selectLogFiles with an absolute range keeps only the files modified inside it', async () => {
    const all = await logs().selectLogFiles({ serviceLogs: ['Cisco XCP Router'], systemLogs: [], time: { kind: 'relative', unit: 'Days', count: 2 } });
    if (!all.ok) throw all.error;
    const rotated = all.value.filter((f) => f.size > 0).sort((a, b) => a.modifiedMs - b.modifiedMs);
    expect(rotated.length).toBeGreaterThanOrEqual(2);
    const newest = rotated[rotated.length - 1]!;
    const r = await logs().selectLogFiles({ serviceLogs: ['Cisco XCP Router'], systemLogs: [], time: { kind: 'absolute', fromMs: newest.modifiedMs - 30 * 60_000, toMs: newest.modifiedMs + 60_000 } });
    if (!r.ok) throw r.error;
    expect(r.value.map((f) => f.absolutePath)).toContain(newest.absolutePath);
    expect(r.value.map((f) => f.absolutePath)).not.toContain(rotated[0]!.absolutePath);
  });

  it('an unknown service log lists nothing; an empty query or range is refused before it is sent', async () => {
    const client = logs();
    const none = await client.selectLogFiles({ serviceLogs: ['No Such Service'], systemLogs: [], time: { kind: 'relative', unit: 'Hours', count: 1 } });
    expect(none).toEqual({ ok: true, value: [] });
    const sent = client.transport.requestsSent;
    const empty = await client.selectLogFiles({ serviceLogs: [], systemLogs: [], time: { kind: 'relative', unit: 'Hours', count: 1 } });
    expect(empty.ok ? undefined : empty.error.code).toBe('POLL_PROTOCOL');
    const backwards = await client.selectLogFiles({ serviceLogs: ['Cisco XCP Router'], systemLogs: [], time: { kind: 'absolute', fromMs: 2000_000, toMs: 1000_000 } });
    expect(backwards.ok ? undefined : backwards.error.message).toMatch(/empty/);
    const tooMany = await client.selectLogFiles({ serviceLogs: ['Cisco XCP Router'], systemLogs: [], time: { kind: 'relative', unit: 'Days', count: 400 } });
    expect(tooMany.ok ? undefined : tooMany.error.message).toMatch(/1 to 127/);
    expect(client.transport.requestsSent).toBe(sent);
  });
});

describe('DimeGetFileService client', () => {
  it('streams a listed file into a file: same bytes, the node counts one complete DIME transfer', async () => {
    const list = await logs().selectLogFiles({ serviceLogs: ['Cisco XCP Router'], systemLogs: [], time: { kind: 'relative', unit: 'Days', count: 1 } });
    if (!list.ok) throw list.error;
    const file = list.value.find((f) => f.size > 0)!;
    const treePath = file.absolutePath.slice('/var/log/active'.length);
    const node = model.node(NODE);
    const before = { bytes: node.logs.served.bytes(treePath, 'dime'), done: node.logs.served.completions(treePath, 'dime') };
    const out = join(dir, 'got.bin');
    const sink = createWriteStream(out);
    let reported = 0;
    const r = await dime().getOneFile(file.absolutePath, sink, { expectedSize: file.size, onBytes: (n) => (reported += n) });
    await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
    expect(r).toEqual({ ok: true, value: { bytes: file.size } });
    expect(reported).toBe(file.size);
    expect((await readFile(out)).equals(node.logs.read(treePath)!)).toBe(true);
    expect(node.logs.served.bytes(treePath, 'dime') - before.bytes).toBe(file.size);
    expect(node.logs.served.completions(treePath, 'dime') - before.done).toBe(1);
  });

  it('reports a size other than the listed one as sizeChanged, with the complete bytes', async () => {
    const path = '/epas/trace/h1/changed.log';
    model.node(NODE).logs.writeFile(path, Buffer.from('twelve bytes'), model.now());
    const c = collector();
    const r = await dime().getOneFile(`/var/log/active${path}`, c.sink, { expectedSize: 10 });
    expect(r).toEqual({ ok: true, value: { bytes: 12, sizeChanged: { expected: 10, received: 12 } } });
    expect(c.bytes().toString()).toBe('twelve bytes');
  });

  it('an empty file is a complete transfer of 0 bytes', async () => {
    const path = '/epas/trace/h1/empty.log';
    model.node(NODE).logs.writeFile(path, Buffer.alloc(0), model.now());
    const c = collector();
    expect(await dime().getOneFile(`/var/log/active${path}`, c.sink, { expectedSize: 0 })).toEqual({ ok: true, value: { bytes: 0 } });
    expect(model.node(NODE).logs.served.completions(path, 'dime')).toBe(1);
  });

  it('a missing file is the node\'s fault text, POLL_PROTOCOL; nothing reaches the sink', async () => {
    const c = collector();
    const r = await dime().getOneFile('/var/log/active/epas/trace/nope.log', c.sink);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('POLL_PROTOCOL');
    expect(r.error.message).toMatch(/File not found/);
    expect(c.bytes().length).toBe(0);
  });

  it('respects the sink\'s backpressure end to end: a stalled sink (longer than the idle timeout) stalls the node, which has served only part of a 48 MB file', async () => {
    const path = '/epas/trace/h1/big.bin';
    const content = randomBytes(48 * 1024 * 1024);
    const node = model.node(NODE);
    node.logs.writeFile(path, content, model.now());
    let release: (() => void) | undefined;
    let stalled = false;
    const got: Buffer[] = [];
    let received = 0;
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write: (c: Buffer, _e, cb) => {
        got.push(c);
        received += c.length;
        if (!stalled && received > 1024 * 1024) {
          stalled = true;
          release = cb; // the sink stops taking bytes until released
          return;
        }
        cb();
      },
    });
    // An idle timeout shorter than the stall: waiting for our own sink is not the node's silence.
    const pending = dime({ timeoutMs: 300 }).getOneFile(`/var/log/active${path}`, sink, { expectedSize: content.length });
    // Wait until the node's served count stops moving while the sink is stalled.
    let last = -1;
    for (let stable = 0; stable < 5;) {
      await new Promise((r) => setTimeout(r, 100));
      const now = node.logs.served.bytes(path, 'dime');
      stable = release && now === last ? stable + 1 : 0;
      last = now;
    }
    expect(last).toBeLessThan(content.length / 2);
    release!();
    const r = await pending;
    expect(r).toEqual({ ok: true, value: { bytes: content.length } });
    expect(Buffer.concat(got).equals(content)).toBe(true);
    expect(node.logs.served.bytes(path, 'dime')).toBe(content.length);
  });

  it('cancelling through the signal ends the transfer with POLL_TIMEOUT and stops the node serving', async () => {
    const path = '/epas/trace/h1/cancel.bin';
    const content = randomBytes(32 * 1024 * 1024);
    const node = model.node(NODE);
    node.logs.writeFile(path, content, model.now());
    const ac = new AbortController();
    let received = 0;
    const sink = new Writable({
      write: (c: Buffer, _e, cb) => {
        received += c.length;
        if (received > 2 * 1024 * 1024) ac.abort();
        cb();
      },
    });
    const r = await dime().getOneFile(`/var/log/active${path}`, sink, { signal: ac.signal });
    expect(r.ok ? undefined : r.error.code).toBe('POLL_TIMEOUT');
    expect(node.logs.served.completions(path, 'dime')).toBe(0);
  });

  it('a cancel ends the wait for a sink that never takes the last bytes', async () => {
    const path = '/epas/trace/h1/held.log';
    model.node(NODE).logs.writeFile(path, Buffer.from('held back'), model.now());
    const ac = new AbortController();
    const sink = new Writable({ write: () => setImmediate(() => ac.abort()) }); // takes the bytes, never calls back
    const r = await dime().getOneFile(`/var/log/active${path}`, sink, { signal: ac.signal });
    expect(r.ok ? undefined : r.error.code).toBe('POLL_TIMEOUT');
    sink.destroy();
  });

  it('a sink that fails (disk full) ends with its error as the cause', async () => {
    const path = '/epas/trace/h1/enospc.bin';
    model.node(NODE).logs.writeFile(path, randomBytes(4 * 1024 * 1024), model.now());
    const sink = new Writable({ write: (_c, _e, cb) => cb(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })) });
    sink.on('error', () => undefined);
    const r = await dime().getOneFile(`/var/log/active${path}`, sink);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('POLL_PROTOCOL');
    expect((r.error.cause as { code?: string }).code).toBe('ENOSPC');
  });
});

describe.skipIf(skipWithoutTools({ path: '/usr/bin/curl', apt: 'curl' }))('DIME against curl', () => {
  it('GetOneFile through our client equals the attachment curl receives for the same envelope', async () => {
    const path = '/epas/trace/h1/curl.bin';
    const content = randomBytes(3 * 1024 * 1024 + 17);
    model.node(NODE).logs.writeFile(path, content, model.now());
    const curl = createCurlSoapClient({ port: () => open.soap.port, caFile: open.soap.caFile, workDir: dir, user: open.soap.username, password: open.soap.password });
    const raw = await curl(DIME_GET_FILE_PATH, { body: dimeGetOneFileEnvelope(`/var/log/active${path}`), extra: ['-H', `SOAPAction: "${DIME_GET_ONE_FILE_ACTION}"`] });
    expect(raw.status).toBe(200);
    const parts = splitMultipart(raw.headers['content-type']!, raw.body);
    const viaCurl = parts.find((p) => !/xml/.test(p.headers['content-type'] ?? ''))!.data;
    const out = join(dir, 'ours.bin');
    const sink = createWriteStream(out);
    const r = await dime().getOneFile(`/var/log/active${path}`, sink, { expectedSize: content.length });
    await new Promise<void>((resolve) => sink.end(resolve));
    expect(r.ok).toBe(true);
    const ours = await readFile(out);
    expect(ours.equals(viaCurl)).toBe(true);
    expect(ours.equals(content)).toBe(true);
    // And a file written by curl's attachment and ours hash alike through a stream (no whole-file copies needed).
    await writeFile(join(dir, 'curl.bin'), viaCurl);
    const hash = async (f: string): Promise<string> => {
      const { createHash } = await import('node:crypto');
      const h = createHash('sha256');
      for await (const c of createReadStream(f)) h.update(c as Buffer);
      return h.digest('hex');
    };
    expect(await hash(out)).toBe(await hash(join(dir, 'curl.bin')));
  });
});

describe('rate limits of LogCollection and DIME (the node enforces its own; a minute lasts 3 s here)', () => {
  const throttledTarget = (): SoapTarget => targetOf(throttled);

  it('a client whose budget matches the node\'s limit stays inside it: 10 requests, no fault', async () => {
    const t = track(createLogCollectionTransport(throttledTarget(), { clock, budget: new RequestBudget({ limit: 6, clock, marginMs: 5000 }) }));
    const client = new LogCollectionClient(t);
    const results = await Promise.all(Array.from({ length: 10 }, () => client.listNodeServiceLogs()));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(t.requestsSent).toBe(10);
  });

  it('a client with too big a budget meets the node\'s fault, backs off and retries; the rest ends as POLL_RATE_LIMIT, never another error', async () => {
    await clock.sleep(65_000); // let the node's window empty
    const t = track(createLogCollectionTransport(throttledTarget(), { clock, budget: new RequestBudget({ limit: 100, clock }) }));
    const client = new LogCollectionClient(t);
    const results = await Promise.all(Array.from({ length: 10 }, () => client.listNodeServiceLogs()));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(6);
    expect(codes.every((c) => c === 'ok' || c === 'POLL_RATE_LIMIT')).toBe(true);
    // Some requests were refused by the node and sent again.
    expect(t.requestsSent).toBeGreaterThan(10);
  });

  it('DIME has its own throttle with Cisco-style fault text, handled the same way', async () => {
    await clock.sleep(65_000);
    const path = '/epas/trace/h1/small.log';
    model.node(NODE).logs.writeFile(path, Buffer.from('small\n'), model.now());
    const t = track(createDimeTransport(throttledTarget(), { clock, budget: new RequestBudget({ limit: 100, clock }) }));
    const client = new DimeClient(t);
    const results = await Promise.all(Array.from({ length: 9 }, () => client.getOneFile(`/var/log/active${path}`, collector().sink)));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.every((c) => c === 'ok' || c === 'POLL_RATE_LIMIT')).toBe(true);
    expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(6);
    expect(t.requestsSent).toBeGreaterThan(9);
    // The fault itself, as curl sees it once the window is spent.
    const curl = createCurlSoapClient({ port: () => throttled.soap.port, caFile: throttled.soap.caFile, workDir: dir, user: throttled.soap.username, password: throttled.soap.password });
    let faulted = '';
    for (let i = 0; i < 8 && !faulted; i++) {
      const raw = await curl(DIME_GET_FILE_PATH, { body: dimeGetOneFileEnvelope(`/var/log/active${path}`) });
      if (raw.status === 500) faulted = raw.body.toString('utf8');
    }
    expect(faulted).toMatch(/Exceeded allowed rate for DIME GetOneFile requests\. Current allowed rate for DIME GetOneFile requests is 6 requests per minute\./);
  });
});

/** A real HTTPS server on 127.0.0.1 that answers GetOneFile the way a broken node or proxy might. */
async function brokenNode(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ target: SoapTarget; close(): Promise<void> }> {
  const tls = await peerCertificate();
  const sockets = new Set<Socket>();
  const server: HttpsServer = createHttpsServer({ cert: tls.certPem, key: tls.keyPem }, (req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    target: { cluster: 'c', node: 'broken', host: '127.0.0.1', port, username: 'u', password: 'p', pin: { pem: tls.certPem }, timeoutMs: 1500 },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const MP = 'multipart/related; type="text/xml"; boundary="B1"';
const ROOT = '--B1\r\nContent-Type: text/xml\r\nContent-Transfer-Encoding: binary\r\nContent-Id: <r>\r\n\r\n<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><GetOneFileResponse/></soapenv:Body></soapenv:Envelope>\r\n';
const ATT = (extra = ''): string => `--B1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nContent-Id: <a>\r\n${extra}\r\n`;

describe('DimeClient against broken answers (a stable code, no hang, nothing leaks)', () => {
  const cases: Array<[string, (req: IncomingMessage, res: ServerResponse) => void, string, RegExp?]> = [
    ['the body is cut short of its Content-Length', (_q, res) => {
      res.writeHead(200, { 'Content-Type': MP, 'Content-Length': 10_000 });
      res.write(ROOT + ATT() + 'partial data');
      setTimeout(() => res.socket?.destroy(), 50);
    }, 'POLL_CONNECT'],
    ['the multipart body ends without its closing delimiter', (_q, res) => {
      res.writeHead(200, { 'Content-Type': MP });
      res.end(ROOT + ATT() + 'all the data but no end');
    }, 'POLL_PARSE', /TRUNCATED|closing delimiter/],
    ['the part says 100 bytes and carries 4', (_q, res) => {
      res.writeHead(200, { 'Content-Type': MP });
      res.end(ROOT + ATT('Content-Length: 100\r\n') + 'four\r\n--B1--\r\n');
    }, 'POLL_PARSE', /declares 100 bytes but carried 4/],
    ['no boundary anywhere', (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'multipart/related' });
      res.end(randomBytes(100_000));
    }, 'POLL_PARSE', /boundary|delimiter/],
    ['an XML answer without an attachment', (_q, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.end('<soapenv:Envelope><soapenv:Body><GetOneFileResponse/></soapenv:Body></soapenv:Envelope>');
    }, 'POLL_PARSE', /not multipart/],
    ['only the root part', (_q, res) => {
      res.writeHead(200, { 'Content-Type': MP });
      res.end(`${ROOT}--B1--\r\n`);
    }, 'POLL_PARSE', /no attachment/],
    ['headers, then silence', (_q, res) => {
      res.writeHead(200, { 'Content-Type': MP });
      res.write(ROOT);
    }, 'POLL_TIMEOUT'],
    ['a fault in a 500', (_q, res) => {
      res.writeHead(500, { 'Content-Type': 'text/xml' });
      res.end('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>File not found: /x</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>');
    }, 'POLL_PROTOCOL', /File not found/],
    ['401', (_q, res) => {
      res.writeHead(401, { 'Content-Length': 0 });
      res.end();
    }, 'POLL_AUTH'],
  ];
  for (const [name, answer, code, message] of cases) {
    it(`${name}: ${code}`, async () => {
      const node = await brokenNode(answer);
      const t = new DimeClient(track(createDimeTransport(node.target)));
      const c = collector();
      const r = await t.getOneFile('/var/log/active/x', c.sink);
      await node.close();
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      if (message) expect(r.error.message).toMatch(message);
    });
  }

  it('a missing boundary parameter with a well-formed body is read (boundary from the body)', async () => {
    const node = await brokenNode((_q, res) => {
      res.writeHead(200, { 'Content-Type': 'multipart/related; type="text/xml"' });
      res.end(`${ROOT + ATT()}the bytes\r\n--B1--\r\n`);
    });
    const c = collector();
    const r = await new DimeClient(track(createDimeTransport(node.target))).getOneFile('/var/log/active/x', c.sink);
    await node.close();
    expect(r).toEqual({ ok: true, value: { bytes: 9 } });
    expect(c.bytes().toString()).toBe('the bytes');
  });

  it('a rate-limit fault inside a 200 is retried like one in a 500; then the file arrives', async () => {
    let hits = 0;
    const node = await brokenNode((_q, res) => {
      hits++;
      if (hits === 1) {
        res.writeHead(200, { 'Content-Type': 'text/xml' });
        return void res.end('<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Exceeded allowed rate for DIME GetOneFile requests. Current allowed rate for DIME GetOneFile requests is 30 requests per minute.</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>');
      }
      res.writeHead(200, { 'Content-Type': MP });
      res.end(`${ROOT + ATT()}abc\r\n--B1--\r\n`);
    });
    const c = collector();
    const r = await new DimeClient(track(createDimeTransport(node.target, { clock: scaledPollClock(200) }))).getOneFile('/var/log/active/x', c.sink);
    await node.close();
    expect(r).toEqual({ ok: true, value: { bytes: 3 } });
    expect(hits).toBe(2);
    expect(c.bytes().toString()).toBe('abc');
  });

  it('an expired session cookie (401) logs in again with Basic once, on the streaming path too', async () => {
    const seen: string[] = [];
    const node = await brokenNode((req, res) => {
      const cookie = req.headers.cookie ?? '';
      seen.push(cookie ? 'cookie' : req.headers.authorization?.startsWith('Basic ') ? 'basic' : 'none');
      if (cookie.includes('old')) {
        res.writeHead(401, { 'Content-Length': 0 });
        return void res.end();
      }
      res.writeHead(200, { 'Content-Type': MP, 'Set-Cookie': `JSESSIONIDSSO=${seen.length === 1 ? 'old' : 'new'}; Path=/` });
      res.end(`${ROOT + ATT()}xyz\r\n--B1--\r\n`);
    });
    const client = new DimeClient(track(createDimeTransport(node.target)));
    const first = await client.getOneFile('/var/log/active/x', collector().sink);
    const second = await client.getOneFile('/var/log/active/x', collector().sink);
    await node.close();
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(seen).toEqual(['basic', 'cookie', 'basic']);
  });

  it('HTTP 503 (the other throttle answer, reference B.6) is retried with backoff, then POLL_RATE_LIMIT', async () => {
    let hits = 0;
    const node = await brokenNode((_q, res) => {
      hits++;
      res.writeHead(503, { 'Content-Length': 0 });
      res.end();
    });
    const fast = scaledPollClock(200);
    const t = track(createDimeTransport(node.target, { clock: fast }));
    const r = await new DimeClient(t).getOneFile('/var/log/active/x', collector().sink);
    await node.close();
    expect(r.ok ? undefined : r.error.code).toBe('POLL_RATE_LIMIT');
    expect(hits).toBe(4); // the first request and three retries (soapTransport.ts rateLimitRetries)
  });
});

describe('LogCollectionClient against a node that answers as Axis2 does (multipart, unquoted boundary)', () => {
  const fx = (name: string): string => readFileSync(join(import.meta.dirname, '../../main/core/polling/soap/fixtures', name), 'utf8');

  it('reads listNodeServiceLogs (its own node among the cluster\'s) and selectLogFiles from multipart answers', async () => {
    const node = await brokenNode((req, res) => {
      const op = String(req.headers.soapaction ?? '');
      const name = op.includes('listNodeServiceLogs') ? 'listNodeServiceLogs' : 'selectLogFiles';
      res.writeHead(200, { 'Content-Type': fx(`listNodeServiceLogs-axis2.content-type`).trim() });
      res.end(fx(`${name}-axis2.txt`));
    });
    const client = new LogCollectionClient(track(createLogCollectionTransport({ ...node.target, node: 'imp-pub' })));
    const list = await client.listNodeServiceLogs();
    const files = await client.selectLogFiles({ serviceLogs: ['Cisco CallManager'], systemLogs: [], time: { kind: 'relative', unit: 'Hours', count: 4 } });
    await node.close();
    expect(list).toEqual({ ok: true, value: { node: 'imp-pub', serviceLogs: ['Cisco XCP Router', 'Cisco Presence Engine'], systemLogs: ['Event Viewer-System Log'] } });
    expect(files.ok && files.value.map((f) => [f.log, f.size])).toEqual([['Cisco CallManager', 1048576], ['Cisco CallManager', 524288], ['Cisco Audit Logs', 0]]);
  });

  it('a truncated multipart answer is POLL_PARSE naming what was wrong', async () => {
    const node = await brokenNode((_q, res) => {
      res.writeHead(200, { 'Content-Type': fx('listNodeServiceLogs-axis2.content-type').trim() });
      res.end(fx('selectLogFiles-axis2.txt').slice(0, 900));
    });
    const r = await new LogCollectionClient(track(createLogCollectionTransport(node.target))).selectLogFiles({ serviceLogs: ['x'], systemLogs: [], time: { kind: 'relative', unit: 'Hours', count: 1 } });
    await node.close();
    expect(r.ok ? undefined : r.error.code).toBe('POLL_PARSE');
    expect(r.ok ? '' : r.error.message).toMatch(/closing delimiter/);
  });
});
