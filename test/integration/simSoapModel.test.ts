import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCurlSoapClient, fixtureEnvelope as envelope, splitMultipart, SOAP_FIXTURES_DIR, type CurlResult,
} from '../../main/core/simulator/endpoints/soap/fixtures/curlSoapClient.js';
import { loggedInCount } from '../../main/core/simulator/model/users/userDirectory.js';
import { startSimClusterHarness, type SimClusterHarness } from './simClusterHarness.js';

// Issue 3: curl posts the reference's envelopes (soap fixtures folder) to nodes answering from the cluster model.
const PERFMON = '/perfmonservice2/services/PerfmonService';
const CC = '/controlcenterservice2/services/ControlCenterServices';
const LOGS = '/logcollectionservice2/services/LogCollectionPortTypeService';
const DIME = '/logcollectionservice/services/DimeGetFileService';
const RIS = '/realtimeservice2/services/RISService70';

let h: SimClusterHarness;
const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  removeNSPrefix: true,
  isArray: (name) => ['item', 'File', 'ServiceLogs', 'perfmonCollectCounterDataReturn', 'perfmonCollectSessionDataReturn'].includes(name),
});
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const body = (r: CurlResult): any => xml.parse(r.body.toString('utf8')).Envelope.Body;
const curlFor = (node: string) => {
  const e = h.node(node).soap;
  return createCurlSoapClient({ port: () => e.port, caFile: e.caFile, workDir: h.dir, user: e.username, password: e.password });
};
const counter = (node: string, object: string, name: string, instance = ''): number =>
  h.model.counters(node).find((s) => s.object === object && s.counter === name && s.instance === instance)!.value;

beforeAll(async () => {
  h = await startSimClusterHarness();
});

afterAll(async () => {
  await h?.dispose();
});

describe('PerfmonService from the model counters', () => {
  it('perfmonCollectCounterData "Cisco Presence Engine" returns the model\'s ActiveJsmSessions', async () => {
    const r = await curlFor('imp-pub')(PERFMON, { body: await envelope('perfmonCollectCounterData.xml', 'imp-pub', 'Cisco Presence Engine') });
    expect(r.status).toBe(200);
    const items = body(r).perfmonCollectCounterDataResponse.perfmonCollectCounterDataReturn as Array<{ Name: string; Value: string; CStatus: string }>;
    const jsm = items.find((i) => i.Name === '\\\\imp-pub\\Cisco Presence Engine\\ActiveJsmSessions')!;
    expect(jsm).toBeDefined();
    expect(Number(jsm.Value)).toBe(counter('imp-pub', 'Cisco Presence Engine', 'ActiveJsmSessions'));
    expect(Number(jsm.Value)).toBeGreaterThan(0);
    expect(jsm.CStatus).toBe('1');
    expect(items.map((i) => i.Name.split('\\').pop())).toEqual(['ActiveJsmSessions', 'ActiveCalendarSubscriptions', 'ActiveSubscriptions']);
  });

  it('a percentage counter needs a session: the second sample equals the model\'s % CPU Time', async () => {
    const curl = curlFor('imp-sub1');
    const open = await curl(PERFMON, { body: await readFile(join(SOAP_FIXTURES_DIR, 'perfmonOpenSession.xml'), 'utf8') });
    const handle = String(body(open).perfmonOpenSessionResponse.perfmonOpenSessionReturn);
    const path = '\\\\imp-sub1\\Processor(_Total)\\% CPU Time';
    const add = (await readFile(join(SOAP_FIXTURES_DIR, 'perfmonAddCounter.xml'), 'utf8')).replace('%s', handle).replace('%s', `<soap:Counter><soap:Name>${path}</soap:Name></soap:Counter>`);
    expect((await curl(PERFMON, { body: add })).status).toBe(200);
    const collect = async () => body(await curl(PERFMON, { body: await envelope('perfmonCollectSessionData.xml', handle) })).perfmonCollectSessionDataResponse.perfmonCollectSessionDataReturn[0];
    expect((await collect()).CStatus).toBe('2');
    h.model.runUntil(h.model.now() + 5_000);
    const second = await collect();
    expect(second.CStatus).toBe('1');
    expect(Number(second.Value)).toBe(Math.round(counter('imp-sub1', 'Processor', '% CPU Time', '_Total')));
  });

  it('the 81st Perfmon request within a minute gets Cisco\'s rate-limit fault as HTTP 500', async () => {
    const curl = curlFor('imp-sub2');
    const request = await envelope('perfmonCollectCounterData.xml', 'imp-sub2', 'Memory');
    for (let i = 0; i < 80; i += 8) {
      const batch = await Promise.all(Array.from({ length: 8 }, () => curl(PERFMON, { body: request })));
      expect(batch.map((r) => r.status)).toEqual(Array(8).fill(200));
    }
    const over = await curl(PERFMON, { body: request });
    expect(over.status).toBe(500);
    expect(body(over).Fault.faultstring).toBe('Exceeded allowed rate for Perfmon information. Current allowed rate for perfmon information is 80 requests per minute.');
  });
});

describe('ControlCenterServices over the node\'s services', () => {
  const SERVICE = 'Cisco AXL Web Service';
  const status = async () => {
    const r = await curlFor('imp-sub1')(CC, { body: await envelope('soapGetServiceStatus.xml', SERVICE) });
    return body(r).soapGetServiceStatusResponse.soapGetServiceStatusReturn.ServiceInfoList.item[0];
  };
  const control = async (type: string) => {
    const r = await curlFor('imp-sub1')(CC, { body: await envelope('soapDoControlServices.xml', 'imp-sub1', type, SERVICE) });
    expect(r.status).toBe(200);
    return body(r).soapDoControlServicesResponse.soapDoControlServicesReturn;
  };
  const model = () => h.model.node('imp-sub1').services.get(SERVICE)!;

  it('Stop changes the model (Stopping, then Stopped) and soapGetServiceStatus reports it', async () => {
    expect((await status()).ServiceStatus).toBe('Started');
    const r = await control('Stop');
    expect(r.ReturnCode).toBe('0');
    expect(r.ServiceInfoList.item[0]).toMatchObject({ ServiceName: SERVICE, ServiceStatus: 'Stopping' });
    expect(model().status).toBe('Stopping');
    h.model.runUntil(h.model.now() + 5_000);
    expect(model().status).toBe('Stopped');
    expect(await status()).toMatchObject({ ServiceStatus: 'Stopped', ReasonCode: '-1019', UpTime: '-1' });
  });

  it('Start and Restart (stop, then start) run the service again with a new start time', async () => {
    expect((await control('Start')).ServiceInfoList.item[0].ServiceStatus).toBe('Starting');
    h.model.runUntil(h.model.now() + 20_000);
    expect(model().status).toBe('Started');
    const firstStart = model().startedAtMs!;
    expect((await control('Restart')).ServiceInfoList.item[0].ServiceStatus).toBe('Stopping');
    h.model.runUntil(h.model.now() + 4_000);
    expect(model().status).toBe('Starting');
    h.model.runUntil(h.model.now() + 20_000);
    expect(model().status).toBe('Started');
    expect(model().startedAtMs!).toBeGreaterThan(firstStart);
    const s = await status();
    expect(s.ServiceStatus).toBe('Started');
    expect(s.StartTime).toBe(new Date(model().startedAtMs!).toISOString().slice(0, 19));
  });

  it('soapGetStaticServiceList and getProductInformationList come from the catalog and the profile version', async () => {
    const curl = curlFor('imp-pub');
    const list = body(await curl(CC, { body: await readFile(join(SOAP_FIXTURES_DIR, 'soapGetStaticServiceList.xml'), 'utf8') }));
    const names = (list.soapGetStaticServiceListResponse.soapGetStaticServiceListReturn.Services.item as Array<{ ServiceName: string }>).map((s) => s.ServiceName);
    expect(names).toEqual(h.model.node('imp-pub').services.list().map((s) => s.definition.name));
    const info = body(await curl(CC, { body: await readFile(join(SOAP_FIXTURES_DIR, 'getProductInformationList.xml'), 'utf8') }));
    expect(info.getProductInformationListResponse.getProductInformationListReturn.ActiveServerVersion).toBe(h.model.profile.version);
  });
});

describe('LogCollection and GetOneFile over the node\'s log tree', () => {
  const node = () => h.model.node('imp-pub');
  const select = async (log: string, to = '', from = '') => {
    const r = await curlFor('imp-pub')(LOGS, { body: await envelope('selectLogFiles.xml', log, to, from, '') });
    expect(r.status).toBe(200);
    const lists = body(r).selectLogFilesResponse.ResultSet.SchemaFileSelectionResult.Node.ServiceList;
    return ((lists?.ServiceLogs ?? []) as Array<{ SetOfFiles: { File: Array<{ absolutepath: string; filesize: string }> } }>).flatMap((s) => s.SetOfFiles.File);
  };

  it('listNodeServiceLogs names the service logs as Cisco does, and the system logs', async () => {
    const r = await curlFor('imp-pub')(LOGS, { body: await readFile(join(SOAP_FIXTURES_DIR, 'listNodeServiceLogs.xml'), 'utf8') });
    const ret = body(r).listNodeServiceLogsResponse.listNodeServiceLogsReturn;
    expect(ret.name).toBe('imp-pub');
    expect(ret.ServiceLog.item).toEqual(expect.arrayContaining(['Cisco XCP Router', 'Cisco Presence Engine', 'Cisco Audit Logs', 'Cisco Server Recovery Manager']));
    expect(ret.SystemLog.item).toEqual(expect.arrayContaining(['Event Viewer-Application Log']));
  });

  it('selectLogFiles lists the model\'s files with sizes, and a time range keeps only the files modified inside it', async () => {
    const all = await select('Cisco XCP Router');
    const paths = node().logs.traceFiles(['xcp_router'], 0);
    expect(all.map((f) => f.absolutepath)).toEqual(paths.map((p) => `/var/log/active${p}`));
    for (const f of all) expect(Number(f.filesize)).toBe(node().logs.stat(f.absolutepath.slice('/var/log/active'.length))!.size);
    const mtimes = paths.map((p) => node().logs.stat(p)!.mtimeMs).sort((a, b) => a - b);
    const from = mtimes[1]! - 60_000;
    const to = mtimes[1]! + 60_000;
    const inRange = await select('Cisco XCP Router', new Date(to).toISOString(), new Date(from).toISOString());
    const expected = paths.filter((p) => Math.abs(node().logs.stat(p)!.mtimeMs - mtimes[1]!) <= 60_000);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(paths.length);
    expect(inRange.map((f) => f.absolutepath)).toEqual(expected.map((p) => `/var/log/active${p}`));
  });

  it('a DIME GetOneFile download of a selected file has exactly the model\'s bytes', async () => {
    const [file] = (await select('Cisco XCP Router')).filter((f) => f.absolutepath.endsWith('.gz'));
    expect(file).toBeDefined();
    const r = await curlFor('imp-pub')(DIME, { body: await envelope('dimeGetOneFile.xml', file!.absolutepath) });
    expect(r.status).toBe(200);
    const parts = splitMultipart(r.headers['content-type']!, r.body);
    const attachment = parts.find((p) => p.headers['content-type'] === 'application/octet-stream')!;
    expect(Buffer.compare(attachment.data, node().logs.read(file!.absolutepath.slice('/var/log/active'.length))!)).toBe(0);
  });
});

describe('RisPort70 on the CUCM publisher', () => {
  it('selectCmDevice returns the users\' logged-in Jabber devices as Registered to the publisher', async () => {
    const r = await curlFor('cucm-pub')(RIS, { body: await readFile(join(SOAP_FIXTURES_DIR, 'risSelectCmDevice.xml'), 'utf8') });
    expect(r.status).toBe(200);
    const result = body(r).selectCmDeviceResponse.selectCmDeviceReturn.SelectCmDeviceResult;
    const registered = h.model.users.users.reduce((n, u) => n + loggedInCount(u.loggedIn), 0);
    expect(registered).toBeGreaterThan(0);
    expect(Number(result.TotalDevicesFound)).toBe(Math.min(1000, registered));
    const node = result.CmNodes.item[0];
    expect(node.Name).toBe('cucm-pub');
    for (const d of node.CmDevices.item as Array<{ Name: string; Status: string; LoginUserId: string }>) {
      expect(d.Status).toBe('Registered');
      const user = h.model.users.find(d.LoginUserId)!;
      const kind = { CSF: 'Desktop', TCT: 'iPhone', TAB: 'iPad', BOT: 'Android' }[d.Name.slice(0, 3)] as 'Desktop';
      expect(d.Name).toBe(`${d.Name.slice(0, 3)}${user.userid.toUpperCase()}`);
      expect(user.loggedIn & (1 << user.devices.indexOf(kind))).not.toBe(0);
    }
  });

  it('is not served by IM&P nodes', async () => {
    const r = await curlFor('imp-pub')(RIS, { body: await readFile(join(SOAP_FIXTURES_DIR, 'risSelectCmDevice.xml'), 'utf8') });
    expect(r.status).toBe(404);
  });
});

describe('reachability', () => {
  it('an isolated node\'s HTTPS server stops answering and answers again when reconnected', async () => {
    const curl = curlFor('imp-sub3');
    const request = { body: await envelope('soapGetServiceStatus.xml', 'Cisco Tomcat'), extra: ['--max-time', '2'] };
    expect((await curl(CC, request)).status).toBe(200);
    h.model.setIsolated('imp-sub3', true);
    await expect(curl(CC, request)).rejects.toMatchObject({ code: 28 }); // curl: operation timed out
    h.model.setIsolated('imp-sub3', false);
    expect((await curl(CC, request)).status).toBe(200);
  });
});
