import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSoapServer, type SoapServerHandle } from '../../main/core/simulator/endpoints/soap/soapServer.js';
import { createNodeCertificate } from '../../main/core/simulator/endpoints/soap/nodeCertificate.js';
import { createFixtureBackend, type FixtureState } from '../../main/core/simulator/endpoints/soap/fixtures/fixtureBackend.js';
import {
  createCurlSoapClient,
  fixtureEnvelope,
  SOAP_FIXTURES_DIR,
  type CurlResult,
} from '../../main/core/simulator/endpoints/soap/fixtures/curlSoapClient.js';

const run = promisify(execFile);
const FIXTURES = SOAP_FIXTURES_DIR;
const NODE = 'imp-pub';
const USER = 'admin';
const PASS = 's3cret!';

const dir = mkdtempSync(join(tmpdir(), 'soap-test-'));
const caFile = join(dir, 'tomcat.pem');
let server: SoapServerHandle;
let state: FixtureState;
let clock = Date.now();
const now = (): number => clock;

const curl = createCurlSoapClient({ port: () => server.port, caFile, workDir: dir, user: USER, password: PASS });
const envelope = fixtureEnvelope;

const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => ['item', 'ns1:item', 'ns1:File', 'ns1:Service'].includes(name) || name.endsWith('Return') });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function body(r: CurlResult): any {
  const doc = xml.parse(r.body.toString('utf8'));
  return doc['soapenv:Envelope']['soapenv:Body'];
}
function faultString(r: CurlResult): string {
  return String(body(r)['soapenv:Fault'].faultstring);
}

beforeAll(async () => {
  const cert = await createNodeCertificate({ commonName: NODE, seed: 'test' });
  await writeFile(caFile, cert.certPem);
  const fixture = createFixtureBackend({ nodeName: NODE, cpuCount: 2, now });
  state = fixture.state;
  server = await startSoapServer({
    host: '127.0.0.1',
    port: 0,
    nodeName: NODE,
    role: 'cucm',
    credentials: [{ username: USER, password: PASS }],
    tls: cert,
    backend: fixture.backend,
    rateLimits: { now },
  });
});

afterAll(async () => {
  await server?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const PERFMON = '/perfmonservice2/services/PerfmonService';

describe('authentication and TLS', () => {
  it('answers 401 with a challenge and no SOAP body without or with wrong credentials', async () => {
    const env = await envelope('perfmonListCounter.xml', NODE);
    for (const auth of [null, `${USER}:wrong`, `nobody:${PASS}`]) {
      const r = await curl(PERFMON, { body: env, auth });
      expect(r.status).toBe(401);
      expect(r.headers['www-authenticate']).toMatch(/^Basic realm=/);
      expect(r.body.length).toBe(0);
    }
  });

  it('is verified by curl --cacert with the node certificate, and refused without it', async () => {
    const ok = await curl(`${PERFMON}?wsdl`);
    expect(ok.status).toBe(200);
    await expect(run('curl', ['-sS', '-o', '/dev/null', `https://127.0.0.1:${server.port}${PERFMON}?wsdl`])).rejects.toThrow(/certificate/i);
  });

  it('issues a JSESSIONIDSSO cookie that authenticates later requests', async () => {
    const first = await curl(PERFMON, { body: await envelope('perfmonOpenSession.xml') });
    const cookie = /JSESSIONIDSSO=([0-9A-F]+)/.exec(first.headers['set-cookie'] ?? '')?.[1];
    expect(cookie).toBeDefined();
    const again = await curl(PERFMON, { body: await envelope('perfmonOpenSession.xml'), auth: null, extra: ['-b', `JSESSIONIDSSO=${cookie}`] });
    expect(again.status).toBe(200);
  });
});

describe('PerfmonService', () => {
  it('perfmonCollectCounterData returns every counter instance of the object', async () => {
    const r = await curl(PERFMON, { body: await envelope('perfmonCollectCounterData.xml', NODE, 'Cisco Presence Engine') });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/xml/);
    const resp = body(r)['ns1:perfmonCollectCounterDataResponse'];
    expect(resp['@_xmlns:ns1']).toBe('http://schemas.cisco.com/ast/soap');
    const rows = resp['ns1:perfmonCollectCounterDataReturn'];
    expect(rows).toEqual([
      { 'ns1:Name': `\\\\${NODE}\\Cisco Presence Engine\\ActiveJsmSessions`, 'ns1:Value': '1234', 'ns1:CStatus': '1' },
      { 'ns1:Name': `\\\\${NODE}\\Cisco Presence Engine\\SubscriptionActive`, 'ns1:Value': '5678', 'ns1:CStatus': '1' },
    ]);
  });

  it('names instances of multi-instance objects and lists them', async () => {
    const r = await curl(PERFMON, { body: await envelope('perfmonListInstance.xml', NODE, 'Processor') });
    const names = body(r)['ns1:perfmonListInstanceResponse']['ns1:perfmonListInstanceReturn'].map((x: Record<string, string>) => x['ns1:Name']);
    expect(names).toEqual(['0', '1', '_Total']);
  });

  it('perfmonListCounter lists objects with MultiInstance and counters', async () => {
    const r = await curl(PERFMON, { body: await envelope('perfmonListCounter.xml', NODE) });
    const objs = body(r)['ns1:perfmonListCounterResponse']['ns1:perfmonListCounterReturn'];
    const proc = objs.find((o: Record<string, unknown>) => o['ns1:Name'] === 'Processor');
    expect(proc['ns1:MultiInstance']).toBe('true');
    expect(proc['ns1:ArrayOfCounter']['ns1:item'].map((i: Record<string, string>) => i['ns1:Name'])).toEqual(['% CPU Time', 'User Percentage']);
  });

  it('perfmonQueryCounterDescription returns the description', async () => {
    const r = await curl(PERFMON, { body: await envelope('perfmonQueryCounterDescription.xml', `\\\\${NODE}\\Cisco Presence Engine\\ActiveJsmSessions`) });
    expect(body(r)['ns1:perfmonQueryCounterDescriptionResponse']['ns1:perfmonQueryCounterDescriptionReturn']).toEqual([
      'Number of active client sessions on the JSM.',
    ]);
  });

  it('runs a session: a percentage counter is invalid on the first sample and valid on the second', async () => {
    const open = await curl(PERFMON, { body: await envelope('perfmonOpenSession.xml') });
    const handle = String(body(open)['ns1:perfmonOpenSessionResponse']['ns1:perfmonOpenSessionReturn'][0]);
    expect(handle).toMatch(/^\{[0-9A-F-]{36}\}$/);
    const cpu = `\\\\${NODE}\\Processor(_Total)\\% CPU Time`;
    const sessions = `\\\\${NODE}\\Cisco Presence Engine\\ActiveJsmSessions`;
    const counters = [cpu, sessions].map((n) => `<soap:Counter><soap:Name>${n}</soap:Name></soap:Counter>`).join('');
    const addText = (await readFile(join(FIXTURES, 'perfmonAddCounter.xml'), 'utf8')).replace('%s', handle).replace('%s', counters);
    const add = await curl(PERFMON, { body: addText });
    expect(add.status).toBe(200);
    expect(body(add)['ns1:perfmonAddCounterResponse']).toEqual({ '@_xmlns:ns1': 'http://schemas.cisco.com/ast/soap' });

    const collect = async (): Promise<Array<Record<string, string>>> =>
      body(await curl(PERFMON, { body: await envelope('perfmonCollectSessionData.xml', handle) }))['ns1:perfmonCollectSessionDataResponse'][
        'ns1:perfmonCollectSessionDataReturn'
      ];
    const first = await collect();
    expect(first.map((x) => [x['ns1:Name'], x['ns1:CStatus']])).toEqual([
      [cpu, '2'],
      [sessions, '1'],
    ]);
    state.values.set('Processor|_Total|% CPU Time', 77);
    const second = await collect();
    expect(second[0]).toEqual({ 'ns1:Name': cpu, 'ns1:Value': '77', 'ns1:CStatus': '1' });

    const removeText = (await readFile(join(FIXTURES, 'perfmonRemoveCounter.xml'), 'utf8'))
      .replace('%s', handle)
      .replace('%s', `<soap:Counter><soap:Name>${cpu}</soap:Name></soap:Counter>`);
    expect((await curl(PERFMON, { body: removeText })).status).toBe(200);
    expect((await collect()).map((x) => x['ns1:Name'])).toEqual([sessions]);

    expect((await curl(PERFMON, { body: await envelope('perfmonCloseSession.xml', handle) })).status).toBe(200);
    const closed = await curl(PERFMON, { body: await envelope('perfmonCollectSessionData.xml', handle) });
    expect(closed.status).toBe(500);
    expect(faultString(closed)).toContain('Invalid session handle');
  });

  it('faults on an unknown counter and leaves the session unchanged', async () => {
    const open = await curl(PERFMON, { body: await envelope('perfmonOpenSession.xml') });
    const handle = String(body(open)['ns1:perfmonOpenSessionResponse']['ns1:perfmonOpenSessionReturn'][0]);
    const bad = `<soap:Counter><soap:Name>\\\\${NODE}\\Memory\\No Such Counter</soap:Name></soap:Counter>`;
    const r = await curl(PERFMON, { body: (await readFile(join(FIXTURES, 'perfmonAddCounter.xml'), 'utf8')).replace('%s', handle).replace('%s', bad) });
    expect(r.status).toBe(500);
    expect(body(r)['soapenv:Fault'].faultcode).toBe('soapenv:Client');
    expect(faultString(r)).toContain('Counter not found');
  });

  it('gives the 81st request within a minute Cisco\'s rate-limit fault, and serves again after the window', async () => {
    clock += 120_000; // a fresh window for this client
    const env = await envelope('perfmonCollectCounterData.xml', NODE, 'Memory');
    let ok = 0;
    let used = 0;
    // Earlier tests in this window do not count: the clock moved past them.
    for (; used < 80; used++) if ((await curl(PERFMON, { body: env })).status === 200) ok++;
    expect(ok).toBe(80);
    const over = await curl(PERFMON, { body: env });
    expect(over.status).toBe(500);
    expect(body(over)['soapenv:Fault'].faultcode).toBe('soapenv:Server');
    expect(faultString(over)).toBe(
      'Exceeded allowed rate for Perfmon information. Current allowed rate for perfmon information is 80 requests per minute.',
    );
    // Other services are not throttled by Perfmon's budget.
    expect((await curl('/controlcenterservice2/services/ControlCenterServices', { body: await envelope('soapGetServiceStatus.xml', '') })).status).toBe(200);
    clock += 60_001;
    expect((await curl(PERFMON, { body: env })).status).toBe(200);
  });
});

describe('hostile and malformed input', () => {
  it('refuses XXE and billion laughs with a client fault and keeps serving', async () => {
    for (const name of ['xxe.xml', 'billionLaughs.xml']) {
      const r = await curl(PERFMON, { body: await readFile(join(FIXTURES, name)) });
      expect(r.status).toBe(500);
      expect(body(r)['soapenv:Fault'].faultcode).toBe('soapenv:Client');
      expect(faultString(r)).toMatch(/DOCTYPE/);
      expect(r.body.toString()).not.toContain('root:');
    }
    expect((await curl(PERFMON, { body: await envelope('perfmonListCounter.xml', NODE) })).status).toBe(200);
  });

  it('answers malformed XML, a non-envelope and an unknown operation with faults', async () => {
    const broken = await curl(PERFMON, { body: '<soapenv:Envelope><soapenv:Body><a></b></soapenv:Body>' });
    expect(broken.status).toBe(500);
    expect(faultString(broken)).toMatch(/^Invalid XML/);
    const notSoap = await curl(PERFMON, { body: '<hello/>' });
    expect(faultString(notSoap)).toMatch(/not a SOAP envelope/);
    const unknown = await curl(PERFMON, { body: (await envelope('perfmonOpenSession.xml')).replace('perfmonOpenSession', 'perfmonNoSuchThing') });
    expect(faultString(unknown)).toBe("No such operation 'perfmonNoSuchThing'");
    // Names of Object.prototype members never reach a handler: a client fault, whichever layer refuses them.
    for (const name of ['constructor', 'toString', '__proto__']) {
      const proto = await curl(PERFMON, { body: (await envelope('perfmonOpenSession.xml')).replace('perfmonOpenSession', name) });
      expect(proto.status).toBe(500);
      expect(body(proto)['soapenv:Fault'].faultcode).toBe('soapenv:Client');
    }
  });

  it('answers 413 to an oversized body, declared or chunked, and keeps serving', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x41);
    const declared = await curl(PERFMON, { body: big });
    expect(declared.status).toBe(413);
    const chunked = await curl(PERFMON, { body: big, extra: ['-H', 'Transfer-Encoding: chunked', '-H', 'Expect:'] }).catch((e: Error) => e);
    // curl may see the connection closed while it is still sending; either way nothing past the cap was accepted.
    if (!(chunked instanceof Error)) expect(chunked.status).toBe(413);
    else expect(chunked.message).toMatch(/send|reset|closed|broken/i);
    expect((await curl(PERFMON, { body: await envelope('perfmonListCounter.xml', NODE) })).status).toBe(200);
  });

  it('answers 404 for an unknown path', async () => {
    expect((await curl('/nosuch/services/Thing', { body: '<x/>' })).status).toBe(404);
  });
});
