import { XMLParser } from 'fast-xml-parser';
import type { SoapFaultInfo } from './soapErrors.js';

/** A parsed element: text for a leaf, an object of children (namespace prefixes removed), or an array. */
export type XmlNode = string | { [name: string]: XmlNode } | XmlNode[];

const SOAPENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const CISCO_NS = 'http://schemas.cisco.com/ast/soap';

/** Records parsed per batch before yielding to the event loop (see parseRecords). */
export const RECORDS_PER_BATCH = 250;

// No entity expansion, no DTD (peers-and-limits 4.4); values stay text.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Escapes text for an XML element body. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A request envelope in the form of reference B.1 (SIETE-PM): `soap:` prefix on the Cisco namespace. */
export function soapRequestEnvelope(operation: string, innerXml: string): string {
  return `<soapenv:Envelope xmlns:soapenv="${SOAPENV}" xmlns:soap="${CISCO_NS}"><soapenv:Header/><soapenv:Body><soap:${operation}>${innerXml}</soap:${operation}></soapenv:Body></soapenv:Envelope>`;
}

/** `<soap:name>text</soap:name>` with the text escaped. */
export function soapLeaf(name: string, text: string | number): string {
  return `<soap:${name}>${escapeXml(String(text))}</soap:${name}>`;
}

/** Parses a (small) whole document; throws on malformed XML or a DOCTYPE. */
export function parseXmlDocument(xml: string): XmlNode {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) throw new Error('DOCTYPE is not allowed in SOAP messages');
  return parser.parse(xml) as XmlNode;
}

/** The SOAP Fault of a response body, if it has one (faultcode, faultstring: reference B.1). */
export function parseSoapFault(xml: string): SoapFaultInfo | undefined {
  if (!/<(?:[\w.-]+:)?Fault[\s>]/.test(xml)) return undefined;
  const text = (name: string): string => {
    const m = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`).exec(xml);
    return m ? unescapeXml(m[1]!.trim()) : '';
  };
  return { faultCode: text('faultcode'), faultString: text('faultstring') };
}

/**
 * Every element named one of `names` (local name, any prefix), parsed into objects — the repeated records of
 * a Perfmon/ControlCenter response (`perfmonCollectCounterDataReturn`, or `item` in the legacy
 * `ArrayOfCounterInfo` shape). The first name that occurs wins. Records are parsed in batches of
 * {@link RECORDS_PER_BATCH} with a yield to the event loop between batches, so a 2,000-counter response does not
 * stall the main process (peers-and-limits 5.3: 68 ms for 300 KB in one parse).
 */
export async function parseRecords(xml: string, names: readonly string[]): Promise<Array<{ [name: string]: XmlNode }>> {
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) throw new Error('DOCTYPE is not allowed in SOAP messages');
  for (const name of names) {
    const re = new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>`, 'g');
    const inner: string[] = [];
    for (let m = re.exec(xml); m !== null; m = re.exec(xml)) inner.push(m[1]!);
    if (inner.length === 0) continue;
    const out: Array<{ [name: string]: XmlNode }> = [];
    for (let i = 0; i < inner.length; i += RECORDS_PER_BATCH) {
      if (i > 0) await new Promise<void>((r) => setImmediate(r));
      const batch = inner.slice(i, i + RECORDS_PER_BATCH).map((s) => `<r>${s}</r>`).join('');
      const doc = parser.parse(`<root>${batch}</root>`) as { root?: { r?: XmlNode } };
      const rs = doc.root?.r;
      for (const r of Array.isArray(rs) ? rs : rs === undefined ? [] : [rs]) out.push(typeof r === 'object' && !Array.isArray(r) ? r : {});
    }
    return out;
  }
  return [];
}

/** The text of child `name` of a record ('' when absent). */
export function recordText(record: { [name: string]: XmlNode } | undefined, name: string): string {
  const v = record?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : first === undefined ? '' : '';
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
