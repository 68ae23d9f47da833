import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { clientFault, type SoapFault } from './soapFault.js';
import { limitItems } from './soapLimits.js';
import { escapeXml } from './xmlText.js';

/** A parsed element: text for a leaf (`''` when empty), an object of children, or an array when repeated. */
export type XmlValue = string | XmlObject | XmlValue[];
/** An element with children, keyed by local name (namespace prefixes removed). */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** The operation a request envelope asks for and its request element. */
export interface SoapRequest {
  /** Local name of the first child of `Body` (the operation, reference B.0: document/literal). */
  readonly operation: string;
  readonly body: XmlValue;
}

const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

// Entities are never expanded and no DTD is read: any DOCTYPE or ENTITY declaration is refused before parsing,
// which defeats XXE and entity expansion (billion laughs). The parser keeps every value as text.
const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const DTD_PATTERN = /<!\s*(DOCTYPE|ENTITY)/i;

/**
 * Parses a SOAP 1.1 request envelope. Throws a client SoapFault for a DOCTYPE/ENTITY declaration, malformed
 * XML, a document that is not a SOAP envelope, or an empty Body.
 */
export function parseSoapRequest(xml: string): SoapRequest {
  if (DTD_PATTERN.test(xml)) throw clientFault('DOCTYPE is not allowed in SOAP messages');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw clientFault(`Invalid XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (err) {
    throw clientFault(`Invalid XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const envelope = asObject(asObject(doc)?.['Envelope']);
  if (!envelope) throw clientFault('The message is not a SOAP envelope');
  const body = asObject(envelope['Body']);
  if (!body) throw clientFault('The SOAP envelope has no Body');
  const operation = Object.keys(body)[0];
  if (operation === undefined) throw clientFault('The SOAP Body is empty');
  return { operation, body: body[operation] ?? '' };
}

/** Wraps a response element into a SOAP 1.1 envelope as Axis2 writes it. */
export function soapEnvelope(bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}"><soapenv:Body>${bodyXml}</soapenv:Body></soapenv:Envelope>`;
}

/** The SOAP 1.1 Fault envelope (shape of reference B.1: faultcode, faultstring, empty detail). */
export function soapFaultEnvelope(fault: SoapFault): string {
  return soapEnvelope(
    `<soapenv:Fault><faultcode>${fault.faultCode}</faultcode><faultstring>${escapeXml(fault.faultString)}</faultstring><detail/></soapenv:Fault>`,
  );
}

/** The value as an element object, or undefined for text/arrays. A repeated element yields its first occurrence. */
export function asObject(value: unknown): XmlObject | undefined {
  if (Array.isArray(value)) return asObject(value[0]);
  return typeof value === 'object' && value !== null ? (value as XmlObject) : undefined;
}

/** The child `name` of an element, or undefined. */
export function child(node: XmlValue | undefined, name: string): XmlValue | undefined {
  return asObject(node)?.[name];
}

/** The text of child `name` (`''` when absent or not a leaf). */
export function childText(node: XmlValue | undefined, name: string): string {
  const value = child(node, name);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Every occurrence of child `name` (empty when absent). */
export function children(node: XmlValue | undefined, name: string): XmlValue[] {
  const value = child(node, name);
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * The strings of a list element, accepting Cisco's `<List><item>a</item></List>` and the bare repeated
 * form `<List>a</List><List>b</List>`; empty strings are dropped. More than SOAP_LIMITS.maxListItems entries
 * is a client fault naming the list.
 */
export function stringList(node: XmlValue | undefined, name: string): string[] {
  const out: string[] = [];
  for (const entry of limitItems(children(node, name), name)) {
    if (typeof entry === 'string') out.push(entry);
    else for (const item of limitItems(children(entry, 'item'), name)) if (typeof item === 'string') out.push(item);
    limitItems(out, name);
  }
  return out.filter((s) => s !== '');
}
