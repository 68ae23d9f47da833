import { MultipartReader } from './dimeMultipart.js';
import { parseRecords, recordText, type XmlNode } from './soapXml.js';

/**
 * Parsers of LogCollectionPortTypeService answers (serviceability-reference.md B.4; wire-notes.md "LogCollection").
 * A real node answers these operations as MIME multipart with an unquoted boundary (`MIMEBoundaryurn_uuid_…`,
 * cisco-dime rejects listNodeServiceLogs unless multipart); the simulator answers plain XML. Both are read.
 */

/** One node's entry of listNodeServiceLogs (`NodeServiceLogList`: name, ServiceLog, SystemLog). */
export interface NodeServiceLogList {
  readonly node: string;
  readonly serviceLogs: string[];
  readonly systemLogs: string[];
}

/** One `File` of selectLogFiles, with the service or system log it was listed under. */
export interface SelectedLogFile {
  /** The service or system log name (`Cisco XCP Router`, `Event Viewer-System Log`). */
  readonly log: string;
  readonly name: string;
  /** `absolutepath` as the node gave it (`/var/log/active/epas/trace/xcp/log/rtr-jsm-1.log.gz` on a real node). */
  readonly absolutePath: string;
  readonly size: number;
  readonly modifiedMs: number;
}

/** A LogCollection answer that could not be read (the client maps it to POLL_PARSE). */
export class LogCollectionParseError extends Error {
  override readonly name = 'LogCollectionParseError';
}

const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/**
 * The SOAP envelope of an answer body: the body itself when it is XML, or the XML root part of a multipart body
 * (boundary taken from the body's first `--` line when the Content-Type is not at hand).
 */
export function soapXmlOfAnswer(body: string, contentType?: string): string {
  const head = body.slice(0, 512).trimStart();
  if (head.startsWith('<')) return body;
  if (!head.startsWith('--') && !/^\s*multipart\//i.test(contentType ?? '')) throw new LogCollectionParseError('the answer is neither XML nor multipart');
  const reader = new MultipartReader(contentType, () => undefined, { maxRootBytes: MAX_ANSWER_BYTES });
  reader.write(Buffer.from(body, 'utf8'));
  reader.end();
  if (reader.rootXml === undefined) throw new LogCollectionParseError('the multipart answer has no XML part');
  return reader.rootXml;
}

const asArray = (v: XmlNode | undefined): XmlNode[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The `item` texts of a list element (`<ServiceLog><item>…</item></ServiceLog>`), or its own text when it has none. */
function itemTexts(v: XmlNode | undefined): string[] {
  const out: string[] = [];
  for (const el of asArray(v)) {
    if (typeof el === 'string') {
      if (el.trim() !== '') out.push(el.trim());
      continue;
    }
    if (Array.isArray(el)) continue;
    for (const item of asArray(el['item'])) if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
  }
  return out;
}

/** Every `listNodeServiceLogsReturn` of an answer (a CUCM publisher lists every node of its cluster). */
export async function parseNodeServiceLogs(body: string, contentType?: string): Promise<NodeServiceLogList[]> {
  const xml = soapXmlOfAnswer(body, contentType);
  if (!/listNodeServiceLogsResponse|listNodeServiceLogsReturn/.test(xml)) throw new LogCollectionParseError('the answer is not a listNodeServiceLogs response');
  const records = await parseRecords(xml, ['listNodeServiceLogsReturn']);
  return records.map((r) => ({ node: recordText(r, 'name').trim(), serviceLogs: itemTexts(r['ServiceLog']), systemLogs: itemTexts(r['SystemLog']) }));
}

/** The files of a selectLogFiles answer, in the order the node listed them. */
export async function parseSelectedLogFiles(body: string, contentType?: string): Promise<SelectedLogFile[]> {
  const xml = soapXmlOfAnswer(body, contentType);
  if (!/selectLogFilesResponse|ResultSet/.test(xml)) throw new LogCollectionParseError('the answer is not a selectLogFiles response');
  const services = await parseRecords(xml, ['ServiceLogs']);
  const out: SelectedLogFile[] = [];
  for (const s of services) {
    const log = recordText(s, 'name').trim();
    for (const set of asArray(s['SetOfFiles'])) {
      if (typeof set !== 'object' || Array.isArray(set)) continue;
      for (const f of asArray(set['File'])) {
        if (typeof f !== 'object' || Array.isArray(f)) continue;
        const absolutePath = recordText(f, 'absolutepath').trim();
        if (absolutePath === '') throw new LogCollectionParseError(`a file of ${log || 'a log'} has no absolutepath`);
        const sizeText = recordText(f, 'filesize').trim();
        if (!/^\d+$/.test(sizeText)) throw new LogCollectionParseError(`the filesize of ${absolutePath} is '${sizeText}'`);
        const name = recordText(f, 'name').trim() || absolutePath.slice(absolutePath.lastIndexOf('/') + 1);
        out.push({ log, name, absolutePath, size: Number(sizeText), modifiedMs: parseModifiedDate(recordText(f, 'modifiedDate'), absolutePath) });
      }
    }
  }
  return out;
}

const MONTHS: Readonly<Record<string, number>> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/**
 * Offsets (minutes east of UTC) of the zone abbreviations Java's `Date.toString()` prints on UC nodes' usual zones.
 * [I] An abbreviation not listed is read as UTC (the minute error is bounded by the zone's offset; the files'
 * relative order is unchanged).
 */
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  IST: 330, SGT: 480, HKT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600,
  BRT: -180, ART: -180,
};

/**
 * `modifiedDate` to epoch ms: Java's `Date.toString()` form (`Fri Jul 14 10:33:02 UTC 2023`, what the simulator and
 * Axis write), ISO 8601, or epoch milliseconds. Throws for anything else.
 */
export function parseModifiedDate(text: string, what = 'a file'): number {
  const s = text.trim();
  const java = /^(?:\w{3}\s+)?(\w{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?\s*(\d{4})$/.exec(s);
  if (java) {
    const [, mon, day, h, mi, sec, zone, year] = java;
    const month = MONTHS[mon!.toLowerCase()];
    if (month !== undefined) {
      const utc = Date.UTC(Number(year), month, Number(day), Number(h), Number(mi), Number(sec));
      return utc - zoneOffsetMinutes(zone) * 60_000;
    }
  }
  if (/^\d{10,16}$/.test(s)) return Number(s);
  if (/^\d{4}-\d{2}-\d{2}/.test(s)) {
    const iso = Date.parse(s);
    if (!Number.isNaN(iso)) return iso;
  }
  throw new LogCollectionParseError(`the modifiedDate of ${what} is '${s}'`);
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone) return 0;
  const num = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (num) return (num[1] === '-' ? -1 : 1) * (Number(num[2]) * 60 + Number(num[3]));
  return ZONES[zone.toUpperCase()] ?? 0;
}
