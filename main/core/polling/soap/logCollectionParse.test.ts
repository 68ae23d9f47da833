import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSelectionCriteria, rtmtDate } from './logCollectionClient.js';
import { parseModifiedDate, parseNodeServiceLogs, parseSelectedLogFiles, soapXmlOfAnswer } from './logCollectionParse.js';

// LogCollection answers on the reference's shapes (serviceability-reference.md B.4; wire-notes.md "LogCollection":
// multipart with an unquoted MIMEBoundaryurn_uuid_ boundary, ns1 prefixes, a single Node) and the simulator's plain
// XML, then truncated and mutated: every outcome is a value or an Error, never a hang.
const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

describe('listNodeServiceLogs answers', () => {
  it('reads an Axis2 multipart answer listing two nodes (a publisher lists its cluster)', async () => {
    const type = fixture('listNodeServiceLogs-axis2.content-type').trim();
    const lists = await parseNodeServiceLogs(fixture('listNodeServiceLogs-axis2.txt'), type);
    expect(lists).toEqual([
      { node: 'cucm-pub', serviceLogs: ['Cisco Trust Verification Service', 'Cisco CallManager', 'Cisco Audit Logs'], systemLogs: ['Event Viewer-Application Log', 'Event Viewer-System Log'] },
      { node: 'imp-pub', serviceLogs: ['Cisco XCP Router', 'Cisco Presence Engine'], systemLogs: ['Event Viewer-System Log'] },
    ]);
    // Without the Content-Type (SoapTransport.call gives the body only) the boundary comes from the body.
    expect(await parseNodeServiceLogs(fixture('listNodeServiceLogs-axis2.txt'))).toEqual(lists);
  });

  it('a single item and an empty list', async () => {
    const xml = '<e:Envelope xmlns:e="s"><e:Body><listNodeServiceLogsResponse><listNodeServiceLogsReturn><name>n</name><ServiceLog><item>One</item></ServiceLog><SystemLog/></listNodeServiceLogsReturn></listNodeServiceLogsResponse></e:Body></e:Envelope>';
    expect(await parseNodeServiceLogs(xml)).toEqual([{ node: 'n', serviceLogs: ['One'], systemLogs: [] }]);
  });
});

describe('selectLogFiles answers', () => {
  it('reads the Axis2 multipart shape and the plain one alike', async () => {
    const files = await parseSelectedLogFiles(fixture('selectLogFiles-axis2.txt'));
    expect(files).toEqual([
      { log: 'Cisco CallManager', name: 'SDL001_100_000123.txt.gz', absolutePath: '/var/log/active/cm/trace/ccm/sdl/SDL001_100_000123.txt.gz', size: 1048576, modifiedMs: Date.UTC(2023, 9, 12, 13, 14, 1) },
      { log: 'Cisco CallManager', name: 'SDL001_100_000124.txt.gz', absolutePath: '/var/log/active/cm/trace/ccm/sdl/SDL001_100_000124.txt.gz', size: 524288, modifiedMs: Date.UTC(2023, 9, 12, 13, 30, 0) },
      { log: 'Cisco Audit Logs', name: 'vos-audit.log', absolutePath: '/var/log/active/audit/vos/vos-audit.log', size: 0, modifiedMs: Date.UTC(2023, 9, 12, 13, 31, 7) },
    ]);
    expect(await parseSelectedLogFiles(fixture('selectLogFiles-plain.xml'))).toEqual(files);
  });

  it('an empty ServiceList is no files; escaped paths are unescaped', async () => {
    expect(await parseSelectedLogFiles('<Envelope><Body><selectLogFilesResponse><ResultSet><SchemaFileSelectionResult><Node><name>n</name><ServiceList/></Node></SchemaFileSelectionResult></ResultSet></selectLogFilesResponse></Body></Envelope>')).toEqual([]);
    const one = await parseSelectedLogFiles('<Envelope><Body><selectLogFilesResponse><ResultSet><ServiceLogs><name>A &amp; B</name><SetOfFiles><File><name>x</name><absolutepath>/var/log/active/a&amp;b/x</absolutepath><filesize>5</filesize><modifiedDate>2024-01-02T03:04:05Z</modifiedDate></File></SetOfFiles></ServiceLogs></ResultSet></selectLogFilesResponse></Body></Envelope>');
    expect(one).toEqual([{ log: 'A & B', name: 'x', absolutePath: '/var/log/active/a&b/x', size: 5, modifiedMs: Date.UTC(2024, 0, 2, 3, 4, 5) }]);
  });

  it('refuses a bad size, a bad date, a DOCTYPE, and something that is not the answer', async () => {
    const file = (size: string, date: string): string => `<Envelope><Body><selectLogFilesResponse><ResultSet><ServiceLogs><name>S</name><SetOfFiles><File><name>x</name><absolutepath>/p/x</absolutepath><filesize>${size}</filesize><modifiedDate>${date}</modifiedDate></File></SetOfFiles></ServiceLogs></ResultSet></selectLogFilesResponse></Body></Envelope>`;
    await expect(parseSelectedLogFiles(file('-1', 'Thu Oct 12 13:31:07 UTC 2023'))).rejects.toThrow(/filesize/);
    await expect(parseSelectedLogFiles(file('12', 'yesterday'))).rejects.toThrow(/modifiedDate/);
    await expect(parseSelectedLogFiles(`<!DOCTYPE x [<!ENTITY a "b">]>${file('1', '1700000000000')}`)).rejects.toThrow(/DOCTYPE/);
    await expect(parseSelectedLogFiles('<Envelope><Body><listNodeServiceLogsResponse/></Body></Envelope>')).rejects.toThrow(/not a selectLogFiles/);
    await expect(parseSelectedLogFiles('HTTP/1.1 garbage')).rejects.toThrow(/neither XML nor multipart/);
  });

  it('every truncation of both shapes settles with files or an Error (no hang, no crash)', async () => {
    for (const name of ['selectLogFiles-axis2.txt', 'selectLogFiles-plain.xml']) {
      const whole = fixture(name);
      for (let i = 0; i < whole.length; i += 3) {
        const outcome = await parseSelectedLogFiles(whole.slice(0, i)).then((v) => v, (e: unknown) => e);
        if (Array.isArray(outcome)) {
          for (const f of outcome) expect(typeof f.size).toBe('number');
        } else expect(outcome).toBeInstanceOf(Error);
      }
    }
  });
});

describe('dates and the request criteria', () => {
  it('reads Java Date.toString with zone abbreviations, ISO 8601 and epoch milliseconds', () => {
    expect(parseModifiedDate('Fri Jul 14 10:33:02 UTC 2023')).toBe(Date.UTC(2023, 6, 14, 10, 33, 2));
    expect(parseModifiedDate('Fri Jul 14 10:33:02 CEST 2023')).toBe(Date.UTC(2023, 6, 14, 8, 33, 2));
    expect(parseModifiedDate('Fri Jul 14 10:33:02 PST 2023')).toBe(Date.UTC(2023, 6, 14, 18, 33, 2));
    expect(parseModifiedDate('2023-07-14T10:33:02.5Z')).toBe(Date.UTC(2023, 6, 14, 10, 33, 2, 500));
    expect(parseModifiedDate('1689330782000')).toBe(1689330782000);
    expect(() => parseModifiedDate('Fri Foo 14 10:33:02 UTC 2023')).toThrow();
  });

  it('writes RTMT dates and the CT-MCP field order; widens absolute bounds to whole minutes', () => {
    expect(rtmtDate(Date.UTC(2025, 2, 10, 0, 5))).toBe('03/10/25 12:05 AM');
    expect(rtmtDate(Date.UTC(2025, 2, 10, 13, 0))).toBe('03/10/25 01:00 PM');
    const xml = fileSelectionCriteria({ serviceLogs: ['Cisco XCP Router', 'A<B'], systemLogs: [], time: { kind: 'absolute', fromMs: Date.UTC(2025, 2, 10, 9, 0, 30), toMs: Date.UTC(2025, 2, 10, 9, 10, 1) } });
    expect(xml).toContain('<soap:ServiceLogs><soap:item>Cisco XCP Router</soap:item><soap:item>A&lt;B</soap:item></soap:ServiceLogs>');
    expect(xml).toContain('<soap:ToDate>03/10/25 09:11 AM</soap:ToDate><soap:FromDate>03/10/25 09:00 AM</soap:FromDate>');
    expect(xml).toContain('<soap:RelText>None</soap:RelText><soap:RelTime>0</soap:RelTime>');
    const rel = fileSelectionCriteria({ serviceLogs: [], systemLogs: ['Event Viewer-System Log'], time: { kind: 'relative', unit: 'Hours', count: 2 } });
    expect(rel).toContain('<soap:RelText>Hours</soap:RelText><soap:RelTime>2</soap:RelTime>');
    expect(() => fileSelectionCriteria({ serviceLogs: ['x'], systemLogs: [], time: { kind: 'relative', unit: 'Hours', count: 0 } })).toThrow(RangeError);
  });

  it('soapXmlOfAnswer passes XML through and unwraps multipart', () => {
    expect(soapXmlOfAnswer('<a/>')).toBe('<a/>');
    expect(soapXmlOfAnswer('--b\r\nContent-Type: text/xml\r\n\r\n<a/>\r\n--b--\r\n')).toBe('<a/>');
  });
});
