import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSoapServer, type SoapServerHandle } from '../../main/core/simulator/endpoints/soap/soapServer.js';
import { createNodeCertificate, type NodeCertificate } from '../../main/core/simulator/endpoints/soap/nodeCertificate.js';
import { createFixtureBackend, type FixtureState } from '../../main/core/simulator/endpoints/soap/fixtures/fixtureBackend.js';
import {
  createCurlSoapClient,
  fixtureEnvelope as envelope,
  splitMultipart,
  type CurlResult,
} from '../../main/core/simulator/endpoints/soap/fixtures/curlSoapClient.js';

const run = promisify(execFile);
const NODE = 'cucm-pub';
const USER = 'ccmadmin';
const PASS = 'p@ss';
const dir = mkdtempSync(join(tmpdir(), 'soap-svc-'));
const caFile = join(dir, 'tomcat.pem');
let cert: NodeCertificate;
let server: SoapServerHandle;
let state: FixtureState;
const clock = Date.parse('2025-03-10T12:00:00Z');
const now = (): number => clock;
const curl = createCurlSoapClient({ port: () => server.port, caFile, workDir: dir, user: USER, password: PASS });

const CC = '/controlcenterservice2/services/ControlCenterServices';
const LOGS = '/logcollectionservice2/services/LogCollectionPortTypeService';
const DIME = '/logcollectionservice/services/DimeGetFileService';
const RIS = '/realtimeservice2/services/RISService70';

const xml = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['ns1:item', 'ns1:File', 'ns1:Service', 'ns1:ServiceLogs'].includes(name),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const body = (r: CurlResult): any => xml.parse(r.body.toString('utf8'))['soapenv:Envelope']['soapenv:Body'];

async function start(role: 'cucm' | 'imp', risPerMinute?: number): Promise<SoapServerHandle> {
  const fixture = createFixtureBackend({ nodeName: NODE, now });
  state = fixture.state;
  return startSoapServer({
    host: '127.0.0.1',
    port: 0,
    nodeName: NODE,
    role,
    credentials: [{ username: USER, password: PASS }],
    tls: cert,
    backend: fixture.backend,
    rateLimits: { now, ...(risPerMinute === undefined ? {} : { risPerMinute }) },
  });
}

beforeAll(async () => {
  cert = await createNodeCertificate({ commonName: NODE });
  await writeFile(caFile, cert.certPem);
  server = await start('cucm');
});

afterAll(async () => {
  await server?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('ControlCenterServices', () => {
  it('soapGetServiceStatus lists every service, or the ones asked for', async () => {
    const all = body(await curl(CC, { body: await envelope('soapGetServiceStatus.xml', '') }))['ns1:soapGetServiceStatusResponse'][
      'ns1:soapGetServiceStatusReturn'
    ];
    expect(all['ns1:ReturnCode']).toBe('0');
    const items = all['ns1:ServiceInfoList']['ns1:item'];
    expect(items.map((i: Record<string, string>) => i['ns1:ServiceName'])).toEqual([...state.services.keys()]);
    expect(items[0]).toMatchObject({ 'ns1:ServiceStatus': 'Started', 'ns1:UpTime': '3600', 'ns1:StartTime': '2025-03-10T11:00:00' });
    const one = body(await curl(CC, { body: await envelope('soapGetServiceStatus.xml', 'Cisco SIP Proxy') }));
    const list = one['ns1:soapGetServiceStatusResponse']['ns1:soapGetServiceStatusReturn']['ns1:ServiceInfoList']['ns1:item'];
    expect(list.map((i: Record<string, string>) => i['ns1:ServiceName'])).toEqual(['Cisco SIP Proxy']);
  });

  it('soapDoControlServices Stop changes the node and returns the per-service result; Start brings it back', async () => {
    const stop = await curl(CC, { body: await envelope('soapDoControlServices.xml', NODE, 'Stop', 'Cisco XCP Router') });
    const ret = body(stop)['ns1:soapDoControlServicesResponse']['ns1:soapDoControlServicesReturn'];
    expect(ret['ns1:ServiceInfoList']['ns1:item'][0]).toMatchObject({ 'ns1:ServiceName': 'Cisco XCP Router', 'ns1:ServiceStatus': 'Stopped', 'ns1:UpTime': '-1' });
    expect(state.services.get('Cisco XCP Router')?.status).toBe('Stopped');
    await curl(CC, { body: await envelope('soapDoControlServices.xml', NODE, 'Start', 'Cisco XCP Router') });
    expect(state.services.get('Cisco XCP Router')?.status).toBe('Started');
    const bad = await curl(CC, { body: await envelope('soapDoControlServices.xml', NODE, 'Explode', 'Cisco XCP Router') });
    expect(bad.status).toBe(500);
    expect(body(bad)['soapenv:Fault'].faultstring).toMatch(/Invalid ControlType/);
  });

  it('soapDoServiceDeployment UnDeploy deactivates a service', async () => {
    const r = await curl(CC, { body: await envelope('soapDoServiceDeployment.xml', NODE, 'UnDeploy', 'Cisco SIP Proxy') });
    const item = body(r)['ns1:soapDoServiceDeploymentResponse']['ns1:soapDoServiceDeploymentReturn']['ns1:ServiceInfoList']['ns1:item'][0];
    expect(item).toMatchObject({ 'ns1:ServiceName': 'Cisco SIP Proxy', 'ns1:ServiceStatus': 'Stopped', 'ns1:ReasonCodeString': 'Service Not Activated' });
  });

  it('soapGetStaticServiceList and getProductInformationList have the WSDL shapes', async () => {
    const sl = body(await curl(CC, { body: await envelope('soapGetStaticServiceList.xml') }));
    const services = sl['ns1:soapGetStaticServiceListResponse']['ns1:soapGetStaticServiceListReturn']['ns1:Services']['ns1:item'];
    const pe = services.find((s: Record<string, unknown>) => s['ns1:ServiceName'] === 'Cisco Presence Engine');
    expect(pe).toMatchObject({ 'ns1:ServiceType': 'Service', 'ns1:Deployable': 'true', 'ns1:DependentServices': { 'ns1:Service': ['Cisco XCP Router'] } });
    const pi = body(await curl(CC, { body: await envelope('getProductInformationList.xml') }))['ns1:getProductInformationListResponse'][
      'ns1:getProductInformationListReturn'
    ];
    expect(pi['ns1:ActiveServerVersion']).toBe('14.0.1.11900-5');
    expect(pi['ns1:Products']['ns1:item'][0]['ns1:ProductID']).toBe('CUP');
  });
});

describe('LogCollection and DimeGetFileService', () => {
  const file = randomBytes(1024 * 1024 + 17);
  const path = '/var/log/active/epas/trace/xcp/log/rtr-jsm-1.log';

  beforeAll(() => {
    state.files.set(path, { logName: 'Cisco XCP Router', bytes: file, modified: new Date(clock - 2 * 3_600_000) });
    state.files.set('/var/log/active/syslog/CiscoSyslog', { logName: 'Syslog', bytes: Buffer.from('Mar 10 ALARM XcpRouterDown\n'), modified: new Date(clock - 86_400_000 * 3) });
  });

  it('listNodeServiceLogs names the node and its service and system logs', async () => {
    const r = body(await curl(LOGS, { body: await envelope('listNodeServiceLogs.xml') }))['ns1:listNodeServiceLogsResponse']['ns1:listNodeServiceLogsReturn'];
    expect(r['ns1:name']).toBe(NODE);
    expect(r['ns1:ServiceLog']['ns1:item']).toContain('Cisco XCP Router');
    expect(r['ns1:SystemLog']['ns1:item']).toEqual(['Syslog']);
  });

  it('selectLogFiles selects by absolute range with the reference envelope', async () => {
    const inRange = await curl(LOGS, { body: await envelope('selectLogFiles.xml', 'Cisco XCP Router', '03/10/25 12:00 PM', '03/10/25 09:00 AM', 'Client: (GMT+0:0)Etc/UTC') });
    const node = body(inRange)['ns1:selectLogFilesResponse']['ns1:ResultSet']['ns1:SchemaFileSelectionResult']['ns1:Node'];
    expect(node['ns1:name']).toBe(NODE);
    const logs = node['ns1:ServiceList']['ns1:ServiceLogs'];
    expect(logs[0]['ns1:name']).toBe('Cisco XCP Router');
    expect(logs[0]['ns1:SetOfFiles']['ns1:File'][0]).toEqual({
      'ns1:name': 'rtr-jsm-1.log',
      'ns1:absolutepath': path,
      'ns1:filesize': String(file.length),
      'ns1:modifiedDate': 'Mon Mar 10 10:00:00 UTC 2025',
    });
    const outOfRange = await curl(LOGS, { body: await envelope('selectLogFiles.xml', 'Cisco XCP Router', '03/10/25 12:00 PM', '03/10/25 11:00 AM', '') });
    expect(body(outOfRange)['ns1:selectLogFilesResponse']['ns1:ResultSet']['ns1:SchemaFileSelectionResult']['ns1:Node']['ns1:ServiceList']).toBe('');
  });

  it('selectLogFiles resolves a relative range and a search string for system logs', async () => {
    const rel = (text: string, n: number, search: string): Promise<string> =>
      envelope('selectLogFiles.xml', '', '', '', '').then((e) =>
        e
          .replace('<soap:SystemLogs><soap:item></soap:item>', '<soap:SystemLogs><soap:item>Syslog</soap:item>')
          .replace('<soap:RelText>None</soap:RelText><soap:RelTime>0</soap:RelTime>', `<soap:RelText>${text}</soap:RelText><soap:RelTime>${n}</soap:RelTime>`)
          .replace('<soap:SearchStr></soap:SearchStr>', `<soap:SearchStr>${search}</soap:SearchStr>`),
      );
    const files = async (e: string): Promise<unknown> =>
      body(await curl(LOGS, { body: e }))['ns1:selectLogFilesResponse']['ns1:ResultSet']['ns1:SchemaFileSelectionResult']['ns1:Node']['ns1:ServiceList'];
    expect(JSON.stringify(await files(await rel('Days', 4, 'XcpRouterDown')))).toContain('CiscoSyslog');
    expect(await files(await rel('Days', 2, 'XcpRouterDown'))).toBe('');
    expect(await files(await rel('Days', 4, 'NoSuchText'))).toBe('');
  });

  it('GetOneFile answers multipart/related whose attachment bytes equal the file', async () => {
    const r = await curl(DIME, { body: await envelope('dimeGetOneFile.xml', path) });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^multipart\/related;/);
    const parts = splitMultipart(r.headers['content-type']!, r.body);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.data.toString('utf8')).toContain('GetOneFileResponse');
    expect(parts[1]!.data.equals(file)).toBe(true);
    const missing = await curl(DIME, { body: await envelope('dimeGetOneFile.xml', '/var/log/active/nope') });
    expect(missing.status).toBe(500);
    expect(body(missing)['soapenv:Fault'].faultstring).toMatch(/^File not found/);
  });

  it('the LogCollection port answers the WSDL form of GetOneFile with base64', async () => {
    const env = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap="http://schemas.cisco.com/ast/soap"><soapenv:Body><soap:FileName>${path}</soap:FileName></soapenv:Body></soapenv:Envelope>`;
    const r = await curl(LOGS, { body: env });
    expect(Buffer.from(String(body(r)['ns1:GetOneFileReturn']['#text']), 'base64').equals(file)).toBe(true);
  });
});

describe('RISService70 and WSDLs', () => {
  it('selectCmDevice filters by class and status and groups by node', async () => {
    const r = body(await curl(RIS, { body: await envelope('risSelectCmDevice.xml') }))['ns1:selectCmDeviceResponse']['ns1:selectCmDeviceReturn'];
    expect(r['ns1:SelectCmDeviceResult']['ns1:TotalDevicesFound']).toBe('2');
    const nodes = r['ns1:SelectCmDeviceResult']['ns1:CmNodes']['ns1:item'];
    expect(nodes.map((n: Record<string, unknown>) => [n['ns1:Name'], n['ns1:ReturnCode']])).toEqual([
      ['cucm-pub', 'Ok'],
      ['cucm-sub1', 'Ok'],
    ]);
    expect(nodes[0]['ns1:CmDevices']['ns1:item'][0]['ns1:Name']).toBe('SEP001122334455');
  });

  it('selectCtiItem lists providers', async () => {
    const r = body(await curl(RIS, { body: await envelope('risSelectCtiItem.xml') }))['ns1:selectCtiItemResponse']['ns1:selectCtiItemReturn'];
    expect(r['ns1:SelectCtiItemResult']['ns1:TotalItemsFound']).toBe('1');
  });

  it('serves a WSDL at ?wsdl for every path', async () => {
    for (const [path, op] of [
      ['/perfmonservice2/services/PerfmonService', 'perfmonCollectSessionData'],
      [CC, 'soapDoControlServices'],
      [LOGS, 'selectLogFiles'],
      [DIME, 'GetOneFile'],
      [RIS, 'selectCtiItem'],
    ] as const) {
      const r = await curl(`${path}?wsdl`);
      expect(r.status).toBe(200);
      const doc = xml.parse(r.body.toString('utf8'));
      const ops = doc['wsdl:definitions']['wsdl:binding']['wsdl:operation'];
      expect([ops].flat().map((o: Record<string, string>) => o['@_name'])).toContain(op);
      expect(doc['wsdl:definitions']['wsdl:service']['wsdl:port']['soap:address']['@_location']).toBe(`https://127.0.0.1:${server.port}${path}`);
    }
  });
});

describe('RIS on other roles, RIS rate limit, degradation and dispose', () => {
  it('has no RISService70 on an IM&P node', async () => {
    const imp = await start('imp');
    try {
      const r = await createCurlSoapClient({ port: () => imp.port, caFile, workDir: dir, user: USER, password: PASS })(RIS, {
        body: await envelope('risSelectCmDevice.xml'),
      });
      expect(r.status).toBe(404);
    } finally {
      await imp.dispose();
    }
  });

  it('throttles RIS with Cisco\'s "Reatime" fault text', async () => {
    const limited = await start('cucm', 3);
    const c = createCurlSoapClient({ port: () => limited.port, caFile, workDir: dir, user: USER, password: PASS });
    try {
      const env = await envelope('risSelectCtiItem.xml');
      for (let i = 0; i < 3; i++) expect((await c(RIS, { body: env })).status).toBe(200);
      const over = await c(RIS, { body: env });
      expect(over.status).toBe(500);
      expect(body(over)['soapenv:Fault'].faultstring).toBe(
        'AxisFault: Exceeded allowed rate for Reatime information. Current allowed rate for realtime information is 3 requests per minute.',
      );
    } finally {
      await limited.dispose();
    }
  });

  it('an unresponsive node holds requests; dispose closes the held sockets and the listener', async () => {
    const node = await start('cucm');
    node.setDegradation({ unresponsive: true });
    const held = run('curl', ['-sS', '--cacert', caFile, '-u', `${USER}:${PASS}`, '--max-time', '30', `https://127.0.0.1:${node.port}${CC}?wsdl`]).then(
      () => 'answered',
      (e: Error & { code?: number }) => `failed:${e.code}`,
    );
    // Wait until the request is being held: a second client sees the server alive but unanswered.
    const probe = await run('curl', ['-sS', '--cacert', caFile, '-u', `${USER}:${PASS}`, '--max-time', '1', `https://127.0.0.1:${node.port}${CC}?wsdl`]).catch(
      (e: Error & { code?: number }) => e.code,
    );
    expect(probe).toBe(28); // curl: operation timed out
    await node.dispose();
    expect(await held).toBe('failed:52'); // curl: empty reply from server — the socket was closed, not answered
    const after = await run('curl', ['-sS', '--cacert', caFile, `https://127.0.0.1:${node.port}/`]).catch((e: Error & { code?: number }) => e.code);
    expect(after).toBe(7); // curl: failed to connect
  });
});
